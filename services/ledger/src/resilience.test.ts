// When Postgres goes away the ledger answers UNAVAILABLE quickly (the circuit breaker opens and
// /readyz fails), never hangs, and recovers by itself when the database is back. The database
// connection runs through a TCP proxy in this test so that it can be cut like a network link.
import { afterAll, beforeAll, expect, test } from "bun:test";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { Code, ConnectError } from "@connectrpc/connect";
import { Direction, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { createTestDatabase, type TestDatabase } from "@ledgerflow/platform/src/testing/postgres.ts";
import { createLogger } from "@ledgerflow/platform/src/log.ts";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { LedgerService } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { startLedger, type LedgerHandle } from "./app.ts";

class Link {
  private server?: net.Server;
  private sockets = new Set<net.Socket>();
  constructor(private readonly target: { host: string; port: number }, readonly port: number) {}

  async up(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
  }

  async down(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }
}

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
  ledger = await startLedger({ databaseUrl: viaLink.toString(), migrate: false }, createLogger("ledger", "error"));
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
  const post = (key: string) => c.postTransaction({ idempotencyKey: key, entries: [{ accountId: a, direction: Direction.DEBIT, amount: "1" }, { accountId: b, direction: Direction.CREDIT, amount: "1" }] });
  await post("before");

  await link.down();
  const started = performance.now();
  const codes: Code[] = [];
  for (let i = 0; i < 12; i++) {
    try {
      await post(`during-${i}`);
      codes.push(Code.Unknown);
    } catch (error) {
      codes.push(ConnectError.from(error).code);
    }
  }
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
    recovered = await post("after").then(() => true, () => false);
  }
  expect(recovered).toBe(true);
  expect((await fetch(`${ledger.httpUrl}/readyz`)).status).toBe(200);
  const [row] = await db.sql`SELECT count(*)::int AS n FROM ledger.transactions WHERE idempotency_key LIKE 'during-%'`;
  expect(row!.n).toBe(0);
  expect((await c.getBalance({ accountId: b })).balance!.posted).toBe("2");
}, 30_000);
