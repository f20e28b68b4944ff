// The Go and Python example clients, generated from proto/ and built here (examples/prepare.ts),
// create accounts and post a transaction against a started ledger over gRPC, and read the
// standard error details of a refused overdraft. The ledger's own client then checks the result.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestLedger, type TestLedger } from "@ledgerflow/ledger/testing";
import { prepareGoClient, preparePythonClient } from "./prepare.ts";

const TOKEN = "examples-token";
let t: TestLedger;
beforeAll(async () => {
  t = await startTestLedger({ authTokens: new Map([["examples", TOKEN]]) });
});
afterAll(async () => {
  await t.stop();
});

async function runClient(command: string[], prefix: string): Promise<Record<string, string>> {
  const addr = new URL(t.handle.grpcUrl).host;
  // Asynchronous: the ledger under test runs in this process and must keep answering.
  const proc = Bun.spawn([...command, "--addr", addr, "--token", TOKEN, "--prefix", prefix], { stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, status] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  expect({ status, stderr }).toEqual({ status: 0, stderr: "" });
  return JSON.parse(stdout);
}

async function expectPosted(out: Record<string, string>, prefix: string) {
  expect(out).toMatchObject({
    status: "TRANSACTION_STATUS_POSTED",
    balance: "1050",
    overdraft_code: expect.stringMatching(/^(FailedPrecondition|FAILED_PRECONDITION)$/),
    reason: "INSUFFICIENT_FUNDS",
    domain: "ledger.ledgerflow",
    available: "1050",
  });
  const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
  const tx = await t.grpc.getTransaction({ transactionId: out.transaction_id! }, auth);
  expect(tx.transaction!.entries.map((e) => e.amount)).toEqual(["1050", "1050"]);
  expect((await t.grpc.getAccount({ accountCode: `${prefix}:wallet` }, auth)).account!.balance!.posted).toBe("1050");
}

test(
  "the Go client (google.golang.org/grpc) posts and reads the error details",
  async () => {
    const out = await runClient([prepareGoClient()], "go-example");
    await expectPosted(out, "go-example");
  },
  20 * 60_000,
);

test(
  "the Python client (grpcio) posts and reads the error details",
  async () => {
    const out = await runClient(preparePythonClient(), "python-example");
    await expectPosted(out, "python-example");
  },
  20 * 60_000,
);
