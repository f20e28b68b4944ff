// Concurrency against real Postgres: hundreds of parallel transfers from two ledger instances on
// one database (so batches really run in different database transactions), idempotency races
// within and across instances, and a hot account. Final balances must be exact, and no client
// may see a deadlock or serialization error.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { createClient, type Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Direction, LedgerService, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { createLogger } from "@ledgerflow/platform/log";
import { startLedger, type LedgerHandle } from "./app.ts";
import { startTestLedger, type TestLedger } from "./testing/ledger-server.ts";

let t: TestLedger;
let second: LedgerHandle;
let clients: Client<typeof LedgerService>[];

beforeAll(async () => {
  t = await startTestLedger({ writersMax: 4 });
  second = await startLedger({ databaseUrl: t.db.url, migrate: false, writersMax: 4 }, createLogger("ledger", "warn"));
  clients = [t.grpc, createClient(LedgerService, createGrpcTransport({ baseUrl: second.grpcUrl }))];
});
afterAll(async () => {
  await second.stop();
  await t.stop();
});

async function accounts(prefix: string, n: number, fund: bigint): Promise<{ source: string; ids: string[] }> {
  const c = t.grpc;
  const source = (await c.createAccount({ code: `${prefix}:source`, currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = (await c.createAccount({ code: `${prefix}:${i}`, currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
    await c.postTransaction({
      idempotencyKey: `${prefix}-fund-${i}`,
      entries: [
        { accountId: source, direction: Direction.DEBIT, amount: String(fund) },
        { accountId: id, direction: Direction.CREDIT, amount: String(fund) },
      ],
    });
    ids.push(id);
  }
  return { source, ids };
}

test("600 parallel transfers across overlapping accounts from two instances: exact balances, no deadlocks", async () => {
  const { ids } = await accounts("par", 12, 1_000_000n);
  const expected = new Map(ids.map((id) => [id, 1_000_000n]));
  const calls = Array.from({ length: 600 }, (_, i) => {
    const from = ids[(i * 7) % ids.length]!;
    const to = ids[(i * 7 + 1 + (i % 5)) % ids.length]!;
    const amount = BigInt(1 + (i % 97));
    expected.set(from, expected.get(from)! - amount);
    expected.set(to, expected.get(to)! + amount);
    return clients[i % 2]!.postTransaction({
      idempotencyKey: `par-${i}`,
      entries: [
        { accountId: from, direction: Direction.DEBIT, amount: String(amount) },
        { accountId: to, direction: Direction.CREDIT, amount: String(amount) },
      ],
    });
  });
  const results = await Promise.allSettled(calls);
  const failures = results.filter((r) => r.status === "rejected");
  expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([]);
  for (const id of ids) expect((await t.grpc.getBalance({ accountId: id })).balance!.posted).toBe(String(expected.get(id)));
}, 60_000);

test("the same idempotency key raced 40 times on two instances posts exactly once", async () => {
  const { ids } = await accounts("race", 2, 1000n);
  const req = {
    idempotencyKey: "race-key",
    entries: [
      { accountId: ids[0]!, direction: Direction.DEBIT, amount: "10" },
      { accountId: ids[1]!, direction: Direction.CREDIT, amount: "10" },
    ],
  };
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) => clients[i % 2]!.postTransaction(req)));
  const txIds = new Set(results.map((r) => r.transaction!.id));
  expect(txIds.size).toBe(1);
  expect(results.filter((r) => !r.replayed).length).toBe(1);
  expect((await t.grpc.getBalance({ accountId: ids[0]! })).balance!.posted).toBe("990");
  const [row] = await t.db.sql`SELECT count(*)::int AS n FROM ledger.transactions WHERE idempotency_key = 'race-key'`;
  expect(row!.n).toBe(1);
}, 30_000);

test("a hot fee account touched by every transfer stays exact", async () => {
  const { ids } = await accounts("hot", 20, 100_000n);
  const fee = (await t.grpc.createAccount({ code: "hot:fees", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
  const n = 400;
  const calls = Array.from({ length: n }, (_, i) =>
    clients[i % 2]!.postTransaction({
      idempotencyKey: `hot-${i}`,
      entries: [
        { accountId: ids[i % ids.length]!, direction: Direction.DEBIT, amount: "103" },
        { accountId: ids[(i + 1) % ids.length]!, direction: Direction.CREDIT, amount: "100" },
        { accountId: fee, direction: Direction.CREDIT, amount: "3" },
      ],
    }),
  );
  const results = await Promise.allSettled(calls);
  expect(results.filter((r) => r.status === "rejected").length).toBe(0);
  expect((await t.grpc.getBalance({ accountId: fee })).balance!.posted).toBe(String(3 * n));
  const [sum] = await t.db.sql`SELECT sum(b.posted_credits - b.posted_debits)::text AS total FROM ledger.accounts a JOIN ledger.balances b ON b.account_id = a.id WHERE a.code LIKE 'hot:%' AND a.code <> 'hot:source'`;
  expect(sum!.total).toBe(String(20 * 100_000));
}, 60_000);

test("concurrent overdraft attempts on one account never take it below zero", async () => {
  const { ids } = await accounts("drain", 2, 1000n);
  const results = await Promise.allSettled(
    Array.from({ length: 50 }, (_, i) =>
      clients[i % 2]!.postTransaction({
        idempotencyKey: `drain-${i}`,
        entries: [
          { accountId: ids[0]!, direction: Direction.DEBIT, amount: "30" },
          { accountId: ids[1]!, direction: Direction.CREDIT, amount: "30" },
        ],
      }),
    ),
  );
  const ok = results.filter((r) => r.status === "fulfilled").length;
  expect(ok).toBe(33);
  expect((await t.grpc.getBalance({ accountId: ids[0]! })).balance!.posted).toBe(String(1000 - 30 * 33));
}, 30_000);
