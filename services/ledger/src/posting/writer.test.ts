// The group-commit writer's queueing policy: what it refuses at once under overload. The
// database is replaced by a transaction that takes a fixed time, so the writer's capacity is
// known; what the batches write is the engine's business (tested against Postgres elsewhere).
import { expect, test } from "bun:test";
import type { Sql } from "postgres";
import { CircuitBreaker } from "@ledgerflow/platform/resilience";
import { LedgerError } from "../domain/errors.ts";
import type { TransactionDraft } from "../domain/posting.ts";
import { Throughput, Writer } from "./writer.ts";

const BATCH_MS = 50;

function slowWriter(): Writer {
  // One writer, one transaction per batch, BATCH_MS per batch: 20 transactions per second.
  const sql = {
    begin: async () => {
      await Bun.sleep(BATCH_MS);
      return [[]];
    },
  } as unknown as Sql;
  const breaker = new CircuitBreaker({ name: "db", failureThreshold: 5, openMs: 1_000, isFailure: () => false });
  return new Writer({ sql, breaker, writersMax: 1, batchItemsMax: 1, queueItemsMax: 10_000, attemptsMax: 1 });
}

const group = () => ({ drafts: [{} as TransactionDraft], atomic: true });

test("the rate counts what completed in the window, and forgets older batches", () => {
  const t = new Throughput(1_000);
  expect(t.perSecond(0)).toBeUndefined();
  t.record(10, 100);
  t.record(30, 900);
  expect(t.perSecond(1_000)).toBe(40);
  expect(t.expectedWaitMs(20, 1_000)).toBe(500);
  expect(t.perSecond(1_500)).toBe(30);
  expect(t.perSecond(3_000)).toBeUndefined();
});

test("a saturated writer refuses at once a request whose deadline falls before the work ahead of it ends", async () => {
  const writer = slowWriter();
  const queued = Array.from({ length: 80 }, () => writer.submit(group(), Date.now() + 60_000));
  // Busy for more than the 2 s window: the completion rate is now the writer's capacity.
  await Bun.sleep(2_300);
  const started = performance.now();
  const refused = await writer.submit(group(), Date.now() + 300).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(refused).toBeInstanceOf(LedgerError);
  expect((refused as LedgerError).code).toBe("unavailable");
  expect((refused as LedgerError).message).toContain("overloaded");
  expect(performance.now() - started).toBeLessThan(50);
  // A request with time enough is queued as before.
  const patient = writer.submit(group(), Date.now() + 60_000);
  await Promise.all([...queued, patient]);
  await writer.drain(1_000);
}, 15_000);

test("after an idle spell a burst is queued, not refused: the rate then measured demand, not capacity", async () => {
  const writer = slowWriter();
  await writer.submit(group(), Date.now() + 60_000);
  const burst = Array.from({ length: 10 }, () => writer.submit(group(), Date.now() + 2_000));
  const outcomes = await Promise.allSettled(burst);
  expect(outcomes.every((o) => o.status === "fulfilled")).toBe(true);
  await writer.drain(1_000);
});

test("a batch takes no more than it can write before its callers' deadlines; what cannot be is refused, none is written late", async () => {
  // Two writers; a transaction costs ITEM_MS in a batch, so a batch of n ends n * ITEM_MS later.
  const ITEM_MS = 10;
  // Timers run late on a busy machine; unbounded, the batches would end seconds late.
  const LATE_SLACK_MS = 250;
  const sql = { begin: (fn: (tx: unknown) => Promise<unknown>) => fn({}) } as unknown as Sql;
  const breaker = new CircuitBreaker({ name: "db", failureThreshold: 5, openMs: 1_000, isFailure: () => false });
  const batches: number[] = [];
  const writer = new Writer({
    sql,
    breaker,
    writersMax: 2,
    batchItemsMax: 1_000,
    queueItemsMax: 10_000,
    attemptsMax: 1,
    onBatch: (items) => batches.push(items),
    writeDrafts: async (_tx, groups) => {
      await Bun.sleep(groups.length * ITEM_MS);
      return groups.map(() => []);
    },
  });
  // One alone first: the writer learns what a transaction costs.
  await writer.submit(group(), Date.now() + 60_000);
  // Then 400 at once, each with 500 ms: about 100 can be written in time by two writers.
  const deadline = Date.now() + 500;
  const outcomes = await Promise.all(
    Array.from(
      { length: 400 },
      (): Promise<{ ok: boolean; late?: boolean; code?: string }> =>
        writer.submit(group(), deadline).then(
          () => ({ ok: true, late: Date.now() > deadline + LATE_SLACK_MS }),
          (e: LedgerError) => ({ ok: false, code: e.code }),
        ),
    ),
  );
  const written = outcomes.filter((o) => o.ok);
  expect(written.length).toBeGreaterThan(50);
  // Unbounded, the second batch would have taken the 399 others and ended at about 4 s.
  expect(written.filter((o) => o.late)).toEqual([]);
  expect(Math.max(...batches)).toBeLessThan(100);
  const refused = outcomes.filter((o) => !o.ok);
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.filter((o) => o.code !== "unavailable" && o.code !== "deadline_exceeded")).toEqual([]);
  await writer.drain(1_000);
}, 15_000);
