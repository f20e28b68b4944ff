// With LEDGER_AUTH_TOKENS set, every RPC and REST call needs a bearer token; health stays open.
// And overload is refused at once rather than queued without bound.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { BatchMode, Direction, LedgerService, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { startTestLedger, type TestLedger } from "./testing/ledger-server.ts";

const TOKEN = "admin-api-token-0123456789";
let t: TestLedger;
beforeAll(async () => {
  t = await startTestLedger({ authTokens: new Map([["admin-api", TOKEN]]), queueItemsMax: 100 });
});
afterAll(async () => {
  await t.stop();
});

const code = async (p: Promise<unknown>) =>
  p.then(
    () => Code.Unknown,
    (e) => ConnectError.from(e).code,
  );

test("calls without a valid bearer token are refused; with one they pass", async () => {
  expect(await code(t.grpc.listAccounts({}))).toBe(Code.Unauthenticated);
  const wrong = createClient(
    LedgerService,
    createGrpcTransport({
      baseUrl: t.handle.grpcUrl,
      interceptors: [
        (next) => (req) => {
          req.header.set("authorization", "Bearer not-the-token-at-all");
          return next(req);
        },
      ],
    }),
  );
  expect(await code(wrong.listAccounts({}))).toBe(Code.Unauthenticated);
  const authed = createClient(
    LedgerService,
    createGrpcTransport({
      baseUrl: t.handle.grpcUrl,
      interceptors: [
        (next) => (req) => {
          req.header.set("authorization", `Bearer ${TOKEN}`);
          return next(req);
        },
      ],
    }),
  );
  expect((await authed.listAccounts({})).accounts).toEqual([]);
  expect((await fetch(`${t.handle.httpUrl}/v1/accounts`)).status).toBe(401);
  expect((await fetch(`${t.handle.httpUrl}/v1/accounts`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  expect((await fetch(`${t.handle.httpUrl}/healthz`)).status).toBe(200);

  // A batch larger than the writer's queue bound is refused as overload, and nothing is written.
  const a = (await authed.createAccount({ code: "o:a", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
  const b = (await authed.createAccount({ code: "o:b", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
  const items = Array.from({ length: 150 }, (_, i) => ({
    idempotencyKey: `o-${i}`,
    entries: [
      { accountId: a, direction: Direction.DEBIT, amount: "1" },
      { accountId: b, direction: Direction.CREDIT, amount: "1" },
    ],
  }));
  const started = performance.now();
  expect(await code(authed.postTransactions({ mode: BatchMode.ATOMIC, transactions: items }))).toBe(Code.Unavailable);
  expect(performance.now() - started).toBeLessThan(1_000);
  expect((await authed.getBalance({ accountId: b })).balance!.posted).toBe("0");
});
