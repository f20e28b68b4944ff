// The outbox relay: publishes outbox rows to Kafka (or appends them to the embedded Postgres
// event log), at least once, in outbox order, and marks them published.
//
// It runs inside every ledger process, on a connection of its own; one process leads at a time
// (a session advisory lock, re-checked with every batch, so a relay whose connection dropped
// stops publishing until it leads again): order is kept and nothing is published twice on purpose. It only reads rows whose writing
// transaction is older than every transaction still running (`txid < xmin` of a fresh
// snapshot): a row of a transaction that commits late can't be skipped, because no row after
// it is read until it committed or aborted. Wake-ups come from NOTIFY (one per writing
// statement), with a slow poll as a fallback. Kafka trouble opens a breaker and backs off
// exponentially; after a crash the next leader starts from the unpublished rows.
import type { Sql } from "postgres";
import client from "prom-client";
import { BreakerOpenError, CircuitBreaker } from "@ledgerflow/platform/src/resilience/breaker.ts";
import type { Logger } from "@ledgerflow/platform/src/log.ts";
import { encodeOutboxRow, type OutboxRow } from "@ledgerflow/platform/src/eventlog/codec.ts";
import { appendToLog } from "@ledgerflow/platform/src/eventlog/postgres-log.ts";
import type { EventRecord, EventSink } from "@ledgerflow/platform/src/eventlog/types.ts";

const LEADER_LOCK = 0x52656c6179; // "Relay"

export interface RelayOptions {
  /** A client of the relay's own with a single connection: the leader lock is held on it. */
  sql: Sql;
  /** null: the embedded Postgres event log. */
  sink: EventSink | null;
  log: Logger;
  registry: client.Registry;
  batchMax?: number;
  pollMs?: number;
  /** Published rows older than this are pruned. */
  retentionMs?: number;
  pruneBatchMax?: number;
}

export function relayMetrics(registry: client.Registry) {
  return {
    backlog: new client.Gauge({ name: "ledgerflow_relay_outbox_backlog", help: "Unpublished outbox rows", registers: [registry] }),
    oldestAge: new client.Gauge({ name: "ledgerflow_relay_outbox_oldest_age_seconds", help: "Age of the oldest unpublished outbox row", registers: [registry] }),
    published: new client.Counter({ name: "ledgerflow_relay_published_total", help: "Events published", registers: [registry] }),
    errors: new client.Counter({ name: "ledgerflow_relay_publish_errors_total", help: "Failed publish attempts", registers: [registry] }),
    breaker: new client.Gauge({ name: "ledgerflow_relay_circuit_breaker_state", help: "0 closed, 1 half-open, 2 open", registers: [registry] }),
    pruned: new client.Counter({ name: "ledgerflow_relay_pruned_total", help: "Published outbox rows pruned", registers: [registry] }),
    leader: new client.Gauge({ name: "ledgerflow_relay_leader", help: "1 when this process is the publishing relay", registers: [registry] }),
  };
}

export class Relay {
  private running = false;
  private readonly sleepers = new Set<{ done: () => void; onNotify: boolean }>();
  private loops: Promise<void>[] = [];
  private readonly breaker: CircuitBreaker;
  private readonly metrics;
  private failures = 0;

  constructor(private readonly o: RelayOptions) {
    this.metrics = relayMetrics(o.registry);
    this.breaker = new CircuitBreaker({
      name: "event-sink", failureThreshold: 3, openMs: 5_000, isFailure: () => true,
      onStateChange: (s) => {
        this.metrics.breaker.set(s === "closed" ? 0 : s === "half_open" ? 1 : 2);
        o.log.warn("relay breaker changed state", { state: s });
      },
    });
    this.metrics.breaker.set(0);
  }

  get breakerState() {
    return this.breaker.current;
  }

  async start(): Promise<void> {
    this.running = true;
    this.loops.push(this.lead(), this.observe());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp(true);
    await Promise.all(this.loops);
  }

  /** Closes the relay's own connection (after stop). */
  async close(): Promise<void> {
    await this.o.sql.end({ timeout: 5 });
  }

  /** Publishes while leading; otherwise waits and tries again. */
  private async lead(): Promise<void> {
    const listener = await this.o.sql.listen("ledgerflow_outbox", () => this.wakeUp(false)).catch(() => undefined);
    try {
      while (this.running) {
        const { published, waiting, leading } = await this.step();
        this.metrics.leader.set(leading ? 1 : 0);
        if (!leading) await this.sleep(2_000);
        else if (published === (this.o.batchMax ?? 500)) continue;
        else await this.sleep(waiting ? 10 : this.o.pollMs ?? 1_000);
      }
    } finally {
      this.metrics.leader.set(0);
      await listener?.unlisten().catch(() => undefined);
      await this.o.sql`SELECT pg_advisory_unlock_all()`.catch(() => undefined);
    }
  }

  /** One batch: returns how many rows went out, and whether unsafe (still open) rows wait. */
  async step(): Promise<{ published: number; waiting: boolean; leading: boolean }> {
    try {
      const result = await this.publishBatch();
      this.failures = 0;
      return result;
    } catch (error) {
      if (error instanceof BreakerOpenError) {
        // Not an attempt: wait for the breaker to let a probe through.
        await this.sleep(Math.max(50, error.retryAfterMs), false);
        return { published: 0, waiting: false, leading: true };
      }
      this.failures += 1;
      this.metrics.errors.inc();
      const backoffMs = Math.min(10_000, 100 * 2 ** Math.min(this.failures, 7));
      this.o.log.warn("relay publish failed; backing off", { error, backoffMs });
      await this.sleep(backoffMs, false);
      return { published: 0, waiting: false, leading: true };
    }
  }

  private async publishBatch(): Promise<{ published: number; waiting: boolean; leading: boolean }> {
    const batchMax = this.o.batchMax ?? 500;
    // The leader check rides along with the read: the lock is taken (or re-taken, it is
    // re-entrant) on this session, and no rows come back when another session holds it.
    const select = (q: Sql) => q<(OutboxRow & { safe: boolean; leading: boolean })[]>`
      WITH leader AS (SELECT pg_try_advisory_lock(${LEADER_LOCK}) AS leading)
      SELECT o.id, o.event_id, o.topic, o.partition_key, o.event_type, o.payload, o.created_at,
             o.txid < pg_snapshot_xmin(pg_current_snapshot()) AS safe, leader.leading
        FROM leader LEFT JOIN LATERAL (
          SELECT * FROM ledger.outbox WHERE leader.leading AND published_at IS NULL ORDER BY id LIMIT ${batchMax}) o ON true`;
    const split = (rows: (OutboxRow & { safe: boolean; leading: boolean })[]) => {
      const leading = rows[0]?.leading === true;
      const pending = rows.filter((r) => r.id !== null);
      return { leading, pending, ready: takeSafePrefix(pending) };
    };
    if (!this.o.sink) {
      // Embedded log: append and mark in one transaction, so every event is in the log once.
      return this.o.sql.begin(async (tx) => {
        const { leading, pending, ready } = split(await select(tx as unknown as Sql));
        await appendToLog(tx, ready.map((r) => this.encode(r)));
        await markPublished(tx as unknown as Sql, ready);
        this.metrics.published.inc(ready.length);
        return { published: ready.length, waiting: ready.length < pending.length, leading };
      });
    }
    const { leading, pending, ready } = split(await select(this.o.sql));
    if (ready.length > 0) {
      const sink = this.o.sink;
      await this.breaker.run(() => sink.publish(ready.map((r) => this.encode(r))));
      await markPublished(this.o.sql, ready);
      this.metrics.published.inc(ready.length);
    }
    return { published: ready.length, waiting: ready.length < pending.length, leading };
  }

  private encode(row: OutboxRow): EventRecord {
    try {
      return encodeOutboxRow(row);
    } catch (error) {
      // Never expected (the triggers write valid events), but never allowed to stop the stream:
      // the raw JSON goes to the dead-letter topic with the reason.
      this.o.log.error("outbox row does not match its event schema; sent to the dead-letter topic", { id: String(row.id), error });
      return {
        topic: "ledgerflow.ledger.dlq.v1", key: row.partition_key, value: new TextEncoder().encode(JSON.stringify(row.payload)),
        headers: { ce_id: row.event_id, ce_type: row.event_type, "content-type": "application/json", error: String((error as Error).message).slice(0, 500) },
      };
    }
  }

  /** Backlog metrics, and pruning of published rows past the retention. */
  private async observe(): Promise<void> {
    while (this.running) {
      try {
        const [m] = await this.o.sql`
          SELECT count(*)::int AS backlog, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest
            FROM ledger.outbox WHERE published_at IS NULL`;
        this.metrics.backlog.set(m!.backlog);
        this.metrics.oldestAge.set(m!.oldest);
        const pruned = await this.o.sql`
          DELETE FROM ledger.outbox WHERE id IN (
            SELECT id FROM ledger.outbox
             WHERE published_at IS NOT NULL AND published_at < now() - ${`${this.o.retentionMs ?? 3_600_000} milliseconds`}::interval
             ORDER BY published_at LIMIT ${this.o.pruneBatchMax ?? 1_000})`;
        if (pruned.count > 0) this.metrics.pruned.inc(pruned.count);
      } catch (error) {
        this.o.log.warn("relay observation failed", { error });
      }
      await this.sleep(2_000, false);
    }
  }

  /** Sleeps; a NOTIFY ends it early when `onNotify`, stop() always does. */
  private sleep(ms: number, onNotify = true): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(entry);
        resolve();
      };
      const entry = { done, onNotify };
      const timer = setTimeout(done, ms);
      this.sleepers.add(entry);
    });
  }

  private wakeUp(all: boolean): void {
    for (const s of [...this.sleepers]) if (all || s.onNotify) s.done();
  }
}

/** Rows up to (not including) the first whose writer may still be running. */
function takeSafePrefix<T extends { safe: boolean }>(rows: T[]): T[] {
  const firstUnsafe = rows.findIndex((r) => !r.safe);
  return firstUnsafe === -1 ? rows : rows.slice(0, firstUnsafe);
}

async function markPublished(sql: Sql, rows: OutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`UPDATE ledger.outbox SET published_at = clock_timestamp() WHERE id = ANY(${rows.map((r) => String(r.id))}::bigint[])`;
}
