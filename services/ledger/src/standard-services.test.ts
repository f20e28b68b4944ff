// The ecosystem's standard services on the ledger's gRPC port, through a client that is not ours
// and has no .proto files: `buf curl` learns the schema by server reflection (v1 and v1alpha),
// checks and watches grpc.health.v1.Health, and calls the ledger. Health follows readiness: the
// test cuts the database off and restores it.
import { afterAll, beforeAll, expect, test } from "bun:test";
import path from "node:path";
import { createLogger } from "@ledgerflow/platform/log";
import { createTestDatabase, linkTo } from "@ledgerflow/platform/testing";
import { startLedger } from "./app.ts";
import { startTestLedger, type TestLedger } from "./testing/ledger-server.ts";

const ROOT = path.resolve(import.meta.dir, "../../..");
const BUF = path.join(ROOT, "node_modules/.bin/buf");
const TOKEN = "standard-services-token";
const AUTH = `authorization: Bearer ${TOKEN}`;

let t: TestLedger;
beforeAll(async () => {
  t = await startTestLedger({ authTokens: new Map([["ops", TOKEN]]) });
});
afterAll(async () => {
  await t.stop();
});

/** buf curl over cleartext HTTP/2 gRPC, schema from reflection (authenticated like any call). */
async function bufCurl(args: string[], reflect: "grpc-v1" | "grpc-v1alpha" = "grpc-v1") {
  const proc = Bun.spawn([BUF, "curl", "--protocol", "grpc", "--http2-prior-knowledge", "--reflect-protocol", reflect, "--reflect-header", AUTH, ...args], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, status] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { stdout, stderr, status };
}

test("reflection v1 and v1alpha list the ledger, health and reflection services", async () => {
  for (const reflect of ["grpc-v1", "grpc-v1alpha"] as const) {
    const res = await bufCurl(["--list-services", t.handle.grpcUrl], reflect);
    expect(res.stderr).toBe("");
    expect(res.stdout.trim().split("\n").sort()).toEqual(["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "ledgerflow.ledger.v1.LedgerService"]);
    const methods = await bufCurl(["--list-methods", t.handle.grpcUrl], reflect);
    expect(methods.stdout).toContain("ledgerflow.ledger.v1.LedgerService/PostTransaction");
  }
}, 60_000);

test("reflection alone is enough to create an account and post a transaction", async () => {
  const create = (code: string, normal: string) =>
    bufCurl(["-H", AUTH, "-d", JSON.stringify({ code, currency: "USD", normal_balance: normal, allow_overdraft: true }), `${t.handle.grpcUrl}/ledgerflow.ledger.v1.LedgerService/CreateAccount`]);
  const a = await create("reflect:a", "NORMAL_BALANCE_DEBIT");
  expect(a.stderr).toBe("");
  const b = await create("reflect:b", "NORMAL_BALANCE_CREDIT");
  const [from, to] = [JSON.parse(a.stdout).account.id, JSON.parse(b.stdout).account.id];
  const body = {
    idempotency_key: "reflect-1",
    entries: [
      { account_id: from, direction: "DIRECTION_DEBIT", amount: "42" },
      { account_id: to, direction: "DIRECTION_CREDIT", amount: "42" },
    ],
  };
  const posted = await bufCurl(["-H", AUTH, "-d", JSON.stringify(body), `${t.handle.grpcUrl}/ledgerflow.ledger.v1.LedgerService/PostTransaction`], "grpc-v1alpha");
  expect(posted.stderr).toBe("");
  expect(JSON.parse(posted.stdout).transaction.status).toBe("TRANSACTION_STATUS_POSTED");
  // Without a token the ledger refuses, while health (next test) answers anyone.
  const anonymous = await bufCurl(["-d", JSON.stringify({ account_id: to }), `${t.handle.grpcUrl}/ledgerflow.ledger.v1.LedgerService/GetBalance`]);
  expect(anonymous.status).not.toBe(0);
  expect(anonymous.stderr).toContain("unauthenticated");
}, 60_000);

test("Health/Check answers without a token for the server, the ledger service, and refuses unknown names", async () => {
  for (const service of ["", "ledgerflow.ledger.v1.LedgerService"]) {
    const res = await bufCurl(["-d", JSON.stringify({ service }), `${t.handle.grpcUrl}/grpc.health.v1.Health/Check`]);
    expect(res.stderr).toBe("");
    expect(JSON.parse(res.stdout)).toEqual({ status: "SERVING" });
  }
  const unknown = await bufCurl(["-d", JSON.stringify({ service: "no.such.Service" }), `${t.handle.grpcUrl}/grpc.health.v1.Health/Check`]);
  expect(unknown.status).not.toBe(0);
  expect(unknown.stderr).toContain("not_found");
  const list = await bufCurl(["-d", "{}", `${t.handle.grpcUrl}/grpc.health.v1.Health/List`]);
  expect(JSON.parse(list.stdout).statuses).toEqual({ "": { status: "SERVING" }, "ledgerflow.ledger.v1.LedgerService": { status: "SERVING" } });
}, 60_000);

test("Health/Watch streams NOT_SERVING while the database is cut off and SERVING when it is back", async () => {
  // A ledger of its own whose database connections run through a link this test can cut.
  const db = await createTestDatabase();
  const { link, url } = await linkTo(db.url);
  const ledger = await startLedger({ databaseUrl: url, migrate: false, relayEnabled: false }, createLogger("ledger", "error"));
  const proc = Bun.spawn([BUF, "curl", "--protocol", "grpc", "--http2-prior-knowledge", "-d", "{}", `${ledger.grpcUrl}/grpc.health.v1.Health/Watch`], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  let stopped = false;
  const statuses: string[] = [];
  const reading = (async () => {
    let buffer = "";
    for await (const chunk of proc.stdout) {
      buffer += new TextDecoder().decode(chunk);
      // buf curl prints each streamed message as a JSON document ending in "}" and a newline.
      for (let end = buffer.indexOf("}\n"); end >= 0; end = buffer.indexOf("}\n")) {
        statuses.push(JSON.parse(buffer.slice(0, end + 1)).status);
        buffer = buffer.slice(end + 2);
      }
    }
  })();
  const until = async (count: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (statuses.length < count && Date.now() < deadline) await Bun.sleep(100);
  };
  try {
    await until(1, 15_000);
    await link.down();
    await until(2, 20_000);
    await link.up();
    await until(3, 30_000);
    // Shutdown reports NOT_SERVING and ends the stream, so connections can drain.
    const stopping = ledger.stop();
    stopped = true;
    await stopping;
    await until(4, 10_000);
    expect({ status: await proc.exited, stderr: await new Response(proc.stderr).text() }).toEqual({ status: 0, stderr: "" });
    expect(statuses).toEqual(["SERVING", "NOT_SERVING", "SERVING", "NOT_SERVING"]);
  } finally {
    proc.kill();
    await reading.catch(() => undefined);
    if (!stopped) await ledger.stop();
    await link.down();
    await db.close();
  }
}, 90_000);
