// When Postgres goes away the ledger answers UNAVAILABLE quickly (the circuit breaker opens and
// /readyz fails), never hangs, and recovers by itself when the database is back. The database
// connection runs through a TCP proxy in this test so that it can be cut like a network link.
import { afterAll, beforeAll, expect, test } from "bun:test";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { Code, ConnectError } from "@connectrpc/connect";
import { Direction, NormalBalance, TransactionStatus } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { createTestDatabase, Link, type TestDatabase } from "@ledgerflow/platform/testing";
import { createLogger } from "@ledgerflow/platform/log";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { LedgerService } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { startLedger, type LedgerHandle } from "./app.ts";
import { RetryInfoSchema } from "@ledgerflow/proto/gen/google/rpc/error_details_pb.ts";

let db: TestDatabase;
let link: Link;
let ledger: LedgerHandle;
beforeAll(async () => {
  db = await createTestDatabase();
  const target = new URL(db.url);
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  link = new Link({ host: target.hostname, port: Number(target.port) }, port);
  await link.up();
  const viaLink = new URL(db.url);
  viaLink.port = String(port);
  // The relay is not under test here; the link carries only the API's connections.
  ledger = await startLedger({ databaseUrl: viaLink.toString(), migrate: false, relayEnabled: false }, createLogger("ledger", "error"));
  for (
    let i = 0;
    i < 50 &&
    !(await fetch(`${ledger.httpUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  )
    await Bun.sleep(100);
});
afterAll(async () => {
  await ledger.stop();
  await link.down();
  await db.close();
}, 20_000);

test("database loss gives fast UNAVAILABLE, an open breaker and a failing /readyz; then recovery", async () => {
  const c = createClient(LedgerService, createGrpcTransport({ baseUrl: ledger.grpcUrl }));
  const a = (await c.createAccount({ code: "r:a", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
  const b = (await c.createAccount({ code: "r:b", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
  const post = (key: string) =>
    c.postTransaction({
      idempotencyKey: key,
      entries: [
        { accountId: a, direction: Direction.DEBIT, amount: "1" },
        { accountId: b, direction: Direction.CREDIT, amount: "1" },
      ],
    });
  await post("before");

  await link.down();
  const started = performance.now();
  const codes: Code[] = [];
  const retryDelaysMs: number[] = [];
  for (let i = 0; i < 12; i++) {
    try {
      await post(`during-${i}`);
      codes.push(Code.Unknown);
    } catch (error) {
      const e = ConnectError.from(error);
      codes.push(e.code);
      retryDelaysMs.push(...e.findDetails(RetryInfoSchema).map((r) => Number(r.retryDelay!.seconds) * 1000 + r.retryDelay!.nanos / 1e6));
    }
  }
  // UNAVAILABLE tells generic clients when to retry (google.rpc.RetryInfo).
  expect(retryDelaysMs).toEqual(codes.map(() => 1_000));
  const elapsedMs = performance.now() - started;
  expect(codes.every((code) => code === Code.Unavailable)).toBe(true);
  expect(elapsedMs).toBeLessThan(3_000);
  const ready = await fetch(`${ledger.httpUrl}/readyz`);
  expect(ready.status).toBe(503);
  const metrics = await (await fetch(`${ledger.httpUrl}/metrics`)).text();
  expect(metrics).toContain('ledgerflow_ledger_circuit_breaker_state{breaker="postgres"} 2');

  await link.up();
  let recovered = false;
  for (let i = 0; i < 50 && !recovered; i++) {
    await Bun.sleep(200);
    recovered = await post("after").then(
      () => true,
      () => false,
    );
  }
  expect(recovered).toBe(true);
  expect((await fetch(`${ledger.httpUrl}/readyz`)).status).toBe(200);
  const [row] = await db.sql`SELECT count(*)::int AS n FROM ledger.transactions WHERE idempotency_key LIKE 'during-%'`;
  expect(row!.n).toBe(0);
  expect((await c.getBalance({ accountId: b })).balance!.posted).toBe("2");
}, 30_000);

test("hold expiry is driven by the database: a hold that expires while no ledger runs is voided by the next one", async () => {
  const c = createClient(LedgerService, createGrpcTransport({ baseUrl: ledger.grpcUrl }));
  const a = (await c.createAccount({ code: "x:a", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
  const b = (await c.createAccount({ code: "x:b", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
  const { timestampFromDate } = await import("@bufbuild/protobuf/wkt");
  const hold = await c.postTransaction({
    idempotencyKey: "expiring",
    pending: true,
    expiresAt: timestampFromDate(new Date(Date.now() + 1_500)),
    entries: [
      { accountId: a, direction: Direction.DEBIT, amount: "7" },
      { accountId: b, direction: Direction.CREDIT, amount: "7" },
    ],
  });
  await ledger.stop();
  await Bun.sleep(2_000);
  const [open] = await db.sql`SELECT count(*)::int AS n FROM ledger.open_holds`;
  expect(open!.n).toBe(1);
  ledger = await startLedger({ databaseUrl: db.url, migrate: false, expiryIntervalMs: 100, relayEnabled: false }, createLogger("ledger", "error"));
  const c2 = createClient(LedgerService, createGrpcTransport({ baseUrl: ledger.grpcUrl }));
  let status = TransactionStatus.PENDING;
  for (let i = 0; i < 50 && status === TransactionStatus.PENDING; i++) {
    await Bun.sleep(100);
    status = (await c2.getTransaction({ transactionId: hold.transaction!.id })).transaction!.status;
  }
  expect(status).toBe(TransactionStatus.VOIDED);
  const voided = (await c2.getTransaction({ transactionId: (await c2.getTransaction({ transactionId: hold.transaction!.id })).transaction!.resolvedByTransactionId })).transaction!;
  expect(voided.voidReason).toBe("expired");
  expect((await c2.getBalance({ accountId: b })).balance!.pendingCredits).toBe("0");
}, 30_000);
