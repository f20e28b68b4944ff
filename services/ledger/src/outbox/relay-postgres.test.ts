// The relay on the embedded Postgres event log: every committed change reaches the log exactly
// once, decodable with only the proto files, and a row whose transaction commits late is never
// skipped.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { Direction, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { decodeEvent } from "@ledgerflow/platform/src/eventlog/codec.ts";
import { PostgresLogSource } from "@ledgerflow/platform/src/eventlog/postgres-log.ts";
import { TOPICS, type ConsumedEvent } from "@ledgerflow/platform/src/eventlog/types.ts";
import { startTestLedger, type TestLedger } from "../testing/ledger-server.ts";
import client from "prom-client";
import { connect } from "@ledgerflow/platform/src/db/client.ts";
import { createLogger } from "@ledgerflow/platform/src/log.ts";
import { Relay } from "./relay.ts";

let t: TestLedger;
beforeAll(async () => {
  t = await startTestLedger();
});
afterAll(async () => {
  await t.stop();
});

async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error("timed out");
    await Bun.sleep(20);
  }
}

const unpublished = async () => Number((await t.db.sql`SELECT count(*)::int AS n FROM ledger.outbox WHERE published_at IS NULL`)[0]!.n);

test("postings reach the log once each, in order, as protobuf events", async () => {
  const c = t.connect;
  const a = (await c.createAccount({ code: "log:a", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
  const b = (await c.createAccount({ code: "log:b", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
  const posted = [];
  for (let i = 0; i < 20; i++) {
    posted.push((await c.postTransaction({ idempotencyKey: `log-${i}`, entries: [{ accountId: a, direction: Direction.DEBIT, amount: String(i + 1) }, { accountId: b, direction: Direction.CREDIT, amount: String(i + 1) }] })).transaction!);
  }
  await waitFor(async () => ((await unpublished()) === 0 ? true : undefined));

  const seen: ConsumedEvent[] = [];
  const source = new PostgresLogSource({ sql: t.db.sql, groupId: "test", topics: [TOPICS.accounts, TOPICS.transactions] });
  await source.run(async (batch) => {
    seen.push(...batch);
  });
  await waitFor(async () => (seen.length >= 22 ? true : undefined));
  await source.close();

  const txEvents = seen.filter((e) => e.topic === TOPICS.transactions).map((e) => ({ e, d: decodeEvent(e) }));
  expect(txEvents.map((x) => x.d.message.transaction.transactionId)).toEqual(posted.map((p) => p.id));
  expect(new Set(seen.map((e) => e.headers.ce_id)).size).toBe(seen.length);
  const first = txEvents[0]!;
  expect(first.d.type).toBe("ledgerflow.events.v1.TransactionPosted");
  expect(first.e.key).toBe("main");
  expect(first.e.headers["content-type"]).toBe("application/x-protobuf");
  expect(first.d.message.meta.eventId).toBe(posted[0]!.id);
  expect(first.d.message.transaction.entries.map((x: { accountCode: string; amount: string }) => [x.accountCode, x.amount])).toEqual([["log:a", "1"], ["log:b", "1"]]);
  const seqs = seen.map((e) => BigInt(e.headers.ce_sequence!));
  expect([...seqs].sort((x, y) => (x < y ? -1 : 1))).toEqual(seqs);
  const [{ n }] = (await t.db.sql`SELECT count(*)::int AS n FROM events.log`) as unknown as [{ n: number }];
  expect(n).toBe(Number((await t.db.sql`SELECT count(*)::int AS n FROM ledger.outbox`)[0]!.n));
  expect((await source.lag()).every((l) => l.messages === 0)).toBe(true);
});

test("a transaction that commits late is published, and nothing after it jumps the queue", async () => {
  const c = t.connect;
  const a = (await c.createAccount({ code: "late:a", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
  const b = (await c.createAccount({ code: "late:b", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
  await waitFor(async () => ((await unpublished()) === 0 ? true : undefined));
  const before = Number((await t.db.sql`SELECT coalesce(max("offset"), 0) AS m FROM events.log`)[0]!.m);

  // A writer opens a transaction, writes an account (and so an outbox row), and stays open.
  const held = await t.db.sql.reserve();
  await held`BEGIN`;
  await held`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance) VALUES ('00000000-0000-4000-8000-0000000000aa', 'main', 'late:held', 'USD', 'credit')`;
  // Later transactions commit while it is open.
  for (let i = 0; i < 5; i++) {
    await c.postTransaction({ idempotencyKey: `late-${i}`, entries: [{ accountId: a, direction: Direction.DEBIT, amount: "1" }, { accountId: b, direction: Direction.CREDIT, amount: "1" }] });
  }
  await Bun.sleep(500);
  const during = await t.db.sql`SELECT count(*)::int AS n FROM events.log WHERE "offset" > ${before}`;
  expect(during[0]!.n).toBe(0);
  expect(await unpublished()).toBe(5);

  await held`COMMIT`;
  held.release();
  await waitFor(async () => ((await unpublished()) === 0 ? true : undefined));
  const after = await t.db.sql`SELECT event_type, event_id FROM events.log WHERE "offset" > ${before} ORDER BY "offset"`;
  expect(after.map((r) => r.event_type)).toEqual(["ledgerflow.events.v1.AccountCreated", ...Array(5).fill("ledgerflow.events.v1.TransactionPosted")]);
});

test("published rows are pruned after the retention, and the relay reports its state", async () => {
  await waitFor(async () => ((await unpublished()) === 0 ? true : undefined));
  const published = async () => Number((await t.db.sql`SELECT count(*)::int AS n FROM ledger.outbox WHERE published_at IS NOT NULL`)[0]!.n);
  expect(await published()).toBeGreaterThan(0);
  const registry = new client.Registry();
  const pruner = new Relay({ sql: connect({ url: t.db.url, max: 1 }), sink: null, log: createLogger("relay", "error"), registry, retentionMs: 0, pruneBatchMax: 1000 });
  await pruner.start();
  await waitFor(async () => ((await published()) === 0 ? true : undefined));
  await pruner.stop();
  await pruner.close();
  expect(await registry.getSingleMetricAsString("ledgerflow_relay_pruned_total")).toMatch(/ledgerflow_relay_pruned_total [1-9]/);
  const logged = Number((await t.db.sql`SELECT count(*)::int AS n FROM events.log`)[0]!.n);
  expect(logged).toBeGreaterThan(0);
  const relay = t.handle.relay!;
  expect(relay.breakerState).toBe("closed");
  const metrics = await (await fetch(`${t.handle.httpUrl}/metrics`)).text();
  expect(metrics).toMatch(/ledgerflow_relay_published_total \d+/);
  expect(metrics).toContain("ledgerflow_relay_leader 1");
});
