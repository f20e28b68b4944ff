// A client written in another language: `buf curl` (Go's HTTP/2 stack and gRPC framing, driven
// only by the .proto files) calls the ledger over cleartext HTTP/2 gRPC, gRPC-Web and Connect.
import { afterAll, beforeAll, expect, test } from "bun:test";
import path from "node:path";
import { NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { startTestLedger, type TestLedger } from "./testing/ledger-server.ts";

const ROOT = path.resolve(import.meta.dir, "../../..");
let t: TestLedger;
let from: string, to: string;
beforeAll(async () => {
  t = await startTestLedger();
  from = (await t.grpc.createAccount({ code: "interop:from", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
  to = (await t.grpc.createAccount({ code: "interop:to", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
});
afterAll(async () => {
  await t.stop();
});

async function bufCurl(method: string, body: unknown, protocol: "grpc" | "grpcweb" | "connect") {
  const args = ["curl", "--schema", "proto", "--protocol", protocol, "--data", JSON.stringify(body)];
  if (protocol === "grpc") args.push("--http2-prior-knowledge");
  const base = protocol === "grpc" ? t.handle.grpcUrl : t.handle.httpUrl;
  args.push(`${base}/ledgerflow.ledger.v1.LedgerService/${method}`);
  // Asynchronous: the server under test runs in this process and must keep answering.
  const proc = Bun.spawn([path.join(ROOT, "node_modules/.bin/buf"), ...args], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, status] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { stdout, stderr, status };
}

test("buf curl posts over gRPC (h2c), gRPC-Web and Connect", async () => {
  for (const protocol of ["grpc", "grpcweb", "connect"] as const) {
    const res = await bufCurl(
      "PostTransaction",
      {
        idempotency_key: `buf-${protocol}`,
        entries: [
          { account_id: from, direction: "DIRECTION_DEBIT", amount: "250" },
          { account_id: to, direction: "DIRECTION_CREDIT", amount: "250" },
        ],
      },
      protocol,
    );
    expect(res.stderr).toBe("");
    expect(JSON.parse(res.stdout).transaction.status).toBe("TRANSACTION_STATUS_POSTED");
  }
  const balance = await bufCurl("GetBalance", { account_id: to }, "grpc");
  expect(JSON.parse(balance.stdout).balance.posted).toBe("750");
}, 60_000);

test("buf curl sees canonical gRPC errors", async () => {
  const res = await bufCurl(
    "PostTransaction",
    {
      idempotency_key: "buf-bad",
      entries: [
        { account_id: to, direction: "DIRECTION_DEBIT", amount: "100000" },
        { account_id: from, direction: "DIRECTION_CREDIT", amount: "100000" },
      ],
    },
    "grpc",
  );
  expect(res.status).not.toBe(0);
  expect(res.stderr).toContain("failed_precondition");
  expect(res.stderr).toContain("insufficient funds");
}, 30_000);
