// Every transaction records who wrote it: the authenticated caller (its bearer token's name) and
// the person it acted for (x-ledgerflow-actor), on every protocol, in the journal and its events.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { Code, ConnectError, createClient, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { Direction, LedgerService, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { startTestLedger, type TestLedger } from "./testing/ledger-server.ts";

const TOKEN = "gateway-token-0123456789abcdef";
let t: TestLedger;
let a: string;
let b: string;

const headers =
  (actor?: string): Interceptor =>
  (next) =>
  (req) => {
    req.header.set("authorization", `Bearer ${TOKEN}`);
    if (actor !== undefined) req.header.set("x-ledgerflow-actor", actor);
    return next(req);
  };
const grpcAs = (actor?: string) => createClient(LedgerService, createGrpcTransport({ baseUrl: t.handle.grpcUrl, interceptors: [headers(actor)] }));
const connectAs = (actor?: string) => createClient(LedgerService, createConnectTransport({ baseUrl: t.handle.httpUrl, httpVersion: "1.1", interceptors: [headers(actor)] }));
const transfer = (key: string, amount = "10") => ({
  idempotencyKey: key,
  entries: [
    { accountId: a, direction: Direction.DEBIT, amount },
    { accountId: b, direction: Direction.CREDIT, amount },
  ],
});

beforeAll(async () => {
  t = await startTestLedger({ authTokens: new Map([["admin-api", TOKEN]]) });
  const admin = grpcAs();
  a = (await admin.createAccount({ code: "authors:a", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
  b = (await admin.createAccount({ code: "authors:b", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
});
afterAll(async () => {
  await t.stop();
});

test("gRPC and Connect record the token's name as caller and the actor header as actor", async () => {
  const viaGrpc = (await grpcAs("operator@example.com").postTransaction(transfer("authors-1"))).transaction!;
  expect([viaGrpc.caller, viaGrpc.actor]).toEqual(["admin-api", "operator@example.com"]);
  const viaConnect = (await connectAs().postTransaction(transfer("authors-2"))).transaction!;
  expect([viaConnect.caller, viaConnect.actor]).toEqual(["admin-api", ""]);
  // Read back from the journal, not from the write path's echo.
  const stored = (await grpcAs().getTransaction({ transactionId: viaGrpc.id })).transaction!;
  expect([stored.caller, stored.actor]).toEqual(["admin-api", "operator@example.com"]);
  const [row] = await t.db.sql`SELECT caller, actor FROM ledger.transactions WHERE id = ${viaConnect.id}`;
  expect(row).toEqual({ caller: "admin-api", actor: null });
});

test("a replay returns the original author, whoever repeats the request", async () => {
  await grpcAs("first@example.com").postTransaction(transfer("authors-replay"));
  const again = await grpcAs("second@example.com").postTransaction(transfer("authors-replay"));
  expect(again.replayed).toBe(true);
  expect(again.transaction!.actor).toBe("first@example.com");
});

test("commit, void and reversal record their own author", async () => {
  const client = grpcAs("holder@example.com");
  const held = (await client.postTransaction({ ...transfer("authors-hold"), pending: true })).transaction!;
  const committed = await grpcAs("committer@example.com").commitTransaction({ transactionId: held.id });
  expect(committed.commit!.actor).toBe("committer@example.com");
  expect(committed.transaction!.actor).toBe("holder@example.com");
  const held2 = (await client.postTransaction({ ...transfer("authors-hold-2"), pending: true })).transaction!;
  expect((await grpcAs("voider@example.com").voidTransaction({ transactionId: held2.id })).void!.actor).toBe("voider@example.com");
  const posted = (await client.postTransaction(transfer("authors-reverse"))).transaction!;
  const reversed = await grpcAs("reverser@example.com").reverseTransaction({ transactionId: posted.id });
  expect([reversed.reversal!.caller, reversed.reversal!.actor]).toEqual(["admin-api", "reverser@example.com"]);
});

test("holds that expire are voided by the ledger itself", async () => {
  const held = (await grpcAs("holder@example.com").postTransaction({ ...transfer("authors-expiry"), pending: true, expiresAt: { seconds: BigInt(Math.floor(Date.now() / 1000) + 1), nanos: 0 } })).transaction!;
  let voidId = "";
  for (let i = 0; i < 60 && !voidId; i++) {
    await Bun.sleep(100);
    voidId = (await grpcAs().getTransaction({ transactionId: held.id })).transaction!.resolvedByTransactionId;
  }
  const voided = (await grpcAs().getTransaction({ transactionId: voidId })).transaction!;
  expect([voided.caller, voided.actor, voided.voidReason]).toEqual(["ledger", "hold-expiry", "expired"]);
});

test("REST records the caller and actor too", async () => {
  const res = await fetch(`${t.handle.httpUrl}/v1/transactions`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "x-ledgerflow-actor": "curl-user", "content-type": "application/json" },
    body: JSON.stringify({
      idempotency_key: "authors-rest",
      entries: [
        { account_id: a, direction: "DIRECTION_DEBIT", amount: "3" },
        { account_id: b, direction: "DIRECTION_CREDIT", amount: "3" },
      ],
    }),
  });
  expect(res.status).toBe(200);
  const body = await res.json();
  expect([body.transaction.caller, body.transaction.actor]).toEqual(["admin-api", "curl-user"]);
});

test("a malformed actor header is refused and nothing is written", async () => {
  for (const actor of ["x".repeat(257), "tab\tinside", "jos\u00e9"]) {
    const error = await grpcAs(actor)
      .postTransaction(transfer(`authors-bad-${actor.length}`))
      .then(
        () => undefined,
        (e) => ConnectError.from(e),
      );
    expect(error?.code).toBe(Code.InvalidArgument);
    expect(error?.rawMessage).toContain("x-ledgerflow-actor");
  }
  const [row] = await t.db.sql`SELECT count(*)::int AS n FROM ledger.transactions WHERE idempotency_key LIKE 'authors-bad-%'`;
  expect(row!.n).toBe(0);
});

test("the transaction events carry caller and actor", async () => {
  const posted = (await grpcAs("evented@example.com").postTransaction(transfer("authors-event"))).transaction!;
  // Published rows stay in the outbox for an hour before they are pruned.
  const [row] = await t.db.sql`SELECT payload FROM ledger.outbox WHERE event_id = ${posted.id}`;
  expect(row!.payload.transaction.caller).toBe("admin-api");
  expect(row!.payload.transaction.actor).toBe("evented@example.com");
});

test("raw SQL cannot rewrite who wrote a transaction", async () => {
  const posted = (await grpcAs("kept@example.com").postTransaction(transfer("authors-immutable"))).transaction!;
  const error = await t.db.sql`UPDATE ledger.transactions SET actor = 'someone-else' WHERE id = ${posted.id}`.then(
    () => undefined,
    (e) => e,
  );
  expect(error?.code).toBe("LF003");
  const [row] = await t.db.sql`SELECT actor FROM ledger.transactions WHERE id = ${posted.id}`;
  expect(row!.actor).toBe("kept@example.com");
});

test("ListCurrencies lists every currency with its scale", async () => {
  const { currencies } = await connectAs().listCurrencies({});
  const byCode = new Map(currencies.map((c) => [c.code, c.scale]));
  expect(byCode.get("USD")).toBe(2);
  expect(byCode.get("JPY")).toBe(0);
  expect(byCode.get("ETH")).toBe(18);
  expect(currencies.map((c) => c.code)).toEqual([...currencies.map((c) => c.code)].sort());
});
