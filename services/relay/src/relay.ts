// The outbox relay: publishes ledger.outbox rows to the event transport (Kafka, or the embedded
// Postgres event log) at least once, and marks them published.
//
// Safety: it only takes rows whose writing transaction is older than every transaction still
// running (`txid < pg_snapshot_xmin(pg_current_snapshot())`) and stops at the first row that is
// not, so a writer that commits late is never skipped; it reads `published_at IS NULL` (never
// "id > last seen"), so nothing is lost across restarts, kill -9 included: a crash between
// publishing and marking publishes those rows again, and consumers deduplicate by event id.
// One relay leads at a time (a session advisory lock, checked with every batch; the ledger's
// in-process relay uses the same lock), so order per key is kept.
// Wake-ups come from NOTIFY (trigger on ledger.outbox) with a slow poll as a fallback. Transport
// failures back off exponentially (with jitter) behind a circuit breaker. Published rows past the
// retention are pruned on a schedule, a bounded batch at a time.
import os from "node:os";
import type { Sql, TransactionSql } from "postgres";
import { BreakerOpenError, type BreakerState, CircuitBreaker } from "@ledgerflow/platform/resilience";
import type { Logger } from "@ledgerflow/platform/log";
import { CLOUDEVENTS_SPEC_VERSION, encodeOutboxRow, type EventPublisher, type EventRecord, type OutboxRow, PostgresLogPublisher, pruneLog, SOURCE, TOPICS, type TransactionKeying } from "@ledgerflow/platform/events";
import type { RelayMetrics } from "./metrics.ts";

/** Shared with the ledger's in-process relay: whoever holds it publishes. */
export const LEADER_LOCK = 0x52656c6179; // "Relay"
const NOTIFY_CHANNEL = "ledgerflow_outbox";
const RELAY_NAME = "outbox";

export interface RelayOptions {
  /** A client of the relay's own with exactly one connection: the leader lock lives on it. */
  sql: Sql;
  publisher: EventPublisher;
  log: Logger;
  metrics: RelayMetrics;
  batchMax: number;
  /** Key of transaction events: the ledger (default) or the first entry's account (codec.ts). */
  transactionKeying?: TransactionKeying;
  /** Fallback poll when no notification arrives. */
  pollMs: number;
  /**
   * Look again this soon when rows wait for an older writer (any transaction with an xid, the
   * projector's too) to finish: that writer's commit may send no notification.
   */
  blockedRetryMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  breakerFailureThreshold: number;
  breakerOpenMs: number;
  /** Published outbox rows older than this are pruned. */
  retentionMs: number;
  /** Embedded-log entries older than this are pruned (the log is what consumers and rebuilds replay). */
  logRetentionMs: number;
  pruneIntervalMs: number;
  pruneBatchMax: number;
  /** Prune batches per round, at most (the rest waits for the next round). */
  pruneBatchesPerRound: number;
  observeIntervalMs: number;
}

interface BatchResult {
  leading: boolean;
  published: number;
  /** Unpublished rows remain that were not safe to take yet. */
  blocked: boolean;
}

type PendingRow = OutboxRow;
/** While rows wait for an older writer and nothing could be taken, the retries slow down to this. */
const BLOCKED_RETRY_MAX_MS = 10;

export class Relay {
  private running = false;
  private readonly sleepers = new Set<{ done: () => void; onNotify: boolean }>();
  private loops: Promise<void>[] = [];
  private readonly breaker: CircuitBreaker;
  private failures = 0;
  /** A notification came since the last read: the next idle sleep is skipped. */
  private notified = false;
  private readonly owner = `${os.hostname()}:${process.pid}`;
  leading = false;
  private blockedStreak = 0;

  constructor(private readonly o: RelayOptions) {
    if (o.batchMax < 1 || o.batchMax > 10_000) throw new Error("batchMax must be within 1..10000");
    this.breaker = new CircuitBreaker({
      name: "event-transport",
      failureThreshold: o.breakerFailureThreshold,
      openMs: o.breakerOpenMs,
      isFailure: () => true,
      onStateChange: (state) => {
        o.metrics.breaker.set(gauge(state));
        o.log.warn("relay circuit breaker changed state", { state });
      },
    });
    o.metrics.breaker.set(0);
  }

  get breakerState(): BreakerState {
    return this.breaker.current;
  }

  async start(): Promise<void> {
    this.running = true;
    this.loops.push(
      this.lead(),
      this.every(this.o.observeIntervalMs, () => this.observe()),
      this.every(this.o.pruneIntervalMs, () => this.prune()),
    );
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp(true);
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async lead(): Promise<void> {
    const listener = await this.o.sql
      .listen(NOTIFY_CHANNEL, () => this.wakeUp(false))
      .catch((error) => {
        this.o.log.warn("LISTEN failed; relying on the fallback poll", { error });
        return undefined;
      });
    try {
      while (this.running) {
        this.notified = false;
        const r = await this.step();
        this.leading = r.leading;
        this.o.metrics.leader.set(r.leading ? 1 : 0);
        if (!r.leading) await this.sleep(this.o.pollMs);
        else if (r.published === this.o.batchMax) continue;
        // Rows of a still-running writer: look again soon rather than at the next poll, sooner
        // while rows keep coming through, less often while the same writer holds them all back.
        else if (r.blocked) {
          this.blockedStreak = r.published > 0 ? 0 : this.blockedStreak + 1;
          await this.sleep(Math.min(BLOCKED_RETRY_MAX_MS, this.o.blockedRetryMs * 2 ** Math.min(this.blockedStreak, 8)));
        } else await this.sleep(this.o.pollMs);
      }
    } finally {
      this.leading = false;
      this.o.metrics.leader.set(0);
      await listener?.unlisten().catch(() => undefined);
      await this.o.sql`SELECT pg_advisory_unlock(${LEADER_LOCK})`.catch(() => undefined);
    }
  }

  /** One batch, with failures turned into backoff; never throws. */
  async step(): Promise<BatchResult> {
    try {
      const result = await this.publishBatch();
      this.failures = 0;
      return result;
    } catch (error) {
      if (error instanceof BreakerOpenError) {
        // Not an attempt: wait until the breaker lets a probe through. Notifications don't cut
        // this short, or a busy ledger would hammer a transport that is down.
        await this.sleep(Math.max(50, error.retryAfterMs), false);
        return { leading: this.leading, published: 0, blocked: false };
      }
      this.failures += 1;
      this.o.metrics.errors.inc();
      const ceiling = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** Math.min(this.failures - 1, 16));
      const backoffMs = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
      this.o.log.warn("relay publish failed; backing off", { error, backoffMs, failures: this.failures });
      await this.sleep(backoffMs, false);
      return { leading: this.leading, published: 0, blocked: false };
    }
  }

  private async publishBatch(): Promise<BatchResult> {
    const publisher = this.o.publisher;
    if (publisher instanceof PostgresLogPublisher) {
      // Embedded log: append and mark published in one transaction: each event is in the log once.
      return this.o.sql.begin(async (tx) => {
        const { leading, pending, ready } = await this.select(tx);
        if (ready.length > 0) {
          await publisher.appendWithin(
            tx,
            ready.map((r) => this.encode(r)),
          );
          await this.markPublished(tx, ready);
        }
        this.o.metrics.published.inc(ready.length);
        return { leading, published: ready.length, blocked: ready.length < pending };
      });
    }
    const { leading, pending, ready } = await this.select(this.o.sql);
    if (ready.length > 0) {
      await this.breaker.run(() => publisher.publish(ready.map((r) => this.encode(r))));
      await this.markPublished(this.o.sql, ready);
      this.o.metrics.published.inc(ready.length);
    }
    return { leading, published: ready.length, blocked: ready.length < pending };
  }

  /** The leader check rides along with the read: no rows come back unless this session leads. */
  /**
   * The unpublished rows at the head of the outbox (ids only), and the payloads of those before
   * the first one a still-running writer holds: payloads are read once, when they can go out,
   * not again on every look while an older writer blocks the head.
   */
  private async select(q: Sql | TransactionSql): Promise<{ leading: boolean; pending: number; ready: PendingRow[] }> {
    const rows = await q<(PendingRow & { leading: boolean; pending: number; id: string | null })[]>`
      WITH leader AS (
        SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
                                    AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = ${LEADER_LOCK})
                    THEN true ELSE pg_try_advisory_lock(${LEADER_LOCK}) END AS leading),
      head AS (
        SELECT h.id, h.txid < pg_snapshot_xmin(pg_current_snapshot()) AS safe
          FROM leader CROSS JOIN LATERAL (
            SELECT id, txid FROM ledger.outbox WHERE leader.leading AND published_at IS NULL ORDER BY id LIMIT ${this.o.batchMax}) h),
      cut AS (SELECT count(*)::int AS pending, min(id) FILTER (WHERE NOT safe) AS first_unsafe FROM head)
      SELECT leader.leading, cut.pending, o.id::text AS id, o.event_id, o.topic, o.partition_key, o.event_type, o.payload, o.created_at
        FROM leader CROSS JOIN cut LEFT JOIN LATERAL (
          SELECT o.* FROM head JOIN ledger.outbox o ON o.id = head.id
           WHERE cut.first_unsafe IS NULL OR head.id < cut.first_unsafe
           ORDER BY o.id) o ON true`;
    const leading = rows[0]?.leading === true;
    return { leading, pending: rows[0]?.pending ?? 0, ready: rows.filter((r) => r.id !== null) };
  }

  /** Marks the rows published and records the relay's progress: one statement, one round trip. */
  private async markPublished(q: Sql | TransactionSql, rows: PendingRow[]): Promise<void> {
    const ids = rows.map((r) => String(r.id));
    await q`
      WITH marked AS (
        UPDATE ledger.outbox SET published_at = clock_timestamp() WHERE id = ANY(${ids}::bigint[]) AND published_at IS NULL RETURNING id)
      INSERT INTO events.relay_state AS s (relay, owner, last_outbox_id, published_total, last_published_at, heartbeat_at)
      SELECT ${RELAY_NAME}, ${this.owner}, coalesce(max(id), 0), count(*), now(), now() FROM marked
      ON CONFLICT (relay) DO UPDATE SET owner = EXCLUDED.owner,
        last_outbox_id = GREATEST(s.last_outbox_id, EXCLUDED.last_outbox_id),
        published_total = s.published_total + EXCLUDED.published_total,
        last_published_at = now(), heartbeat_at = now()`;
  }

  private encode(row: OutboxRow): EventRecord {
    try {
      return encodeOutboxRow(row, this.o.transactionKeying ?? "ledger");
    } catch (error) {
      // Never expected (the triggers write valid events) and never allowed to stop the stream:
      // the raw JSON goes to the dead-letter topic with the reason.
      this.o.log.error("outbox row does not match its event schema; sent to the dead-letter topic", { id: String(row.id), error });
      return {
        topic: TOPICS.dlq,
        key: row.partition_key,
        value: new TextEncoder().encode(JSON.stringify(row.payload)),
        headers: {
          ce_specversion: CLOUDEVENTS_SPEC_VERSION,
          ce_id: row.event_id,
          ce_source: SOURCE,
          ce_type: row.event_type,
          "content-type": "application/json",
          "x-original-topic": row.topic,
          "x-error": String((error as Error).message).slice(0, 500),
        },
      };
    }
  }

  /**
   * The outbox's figures, for the metrics and for the dashboard: recorded in events.outbox_status
   * (sql/migrations/0044), which the gateway reads. Each figure from its own index (unpublished
   * rows by id, published ones by time), so the cost does not grow with the published rows the
   * outbox keeps until pruning.
   */
  async observe(): Promise<void> {
    const [m] = await this.o.sql`
      INSERT INTO events.outbox_status AS s (relay, backlog, oldest_unpublished_age_seconds, published_last_5s, published_last_minute, last_published_at, published_total, observed_at, observed_by)
      SELECT ${RELAY_NAME},
             (SELECT count(*) FROM ledger.outbox WHERE published_at IS NULL),
             coalesce((SELECT extract(epoch FROM now() - created_at) FROM ledger.outbox WHERE published_at IS NULL ORDER BY id LIMIT 1), 0),
             (SELECT count(*) FROM ledger.outbox WHERE published_at > now() - interval '5 seconds'),
             (SELECT count(*) FROM ledger.outbox WHERE published_at > now() - interval '1 minute'),
             (SELECT max(published_at) FROM ledger.outbox WHERE published_at IS NOT NULL),
             (SELECT coalesce(sum(published_total), 0) FROM events.relay_state),
             now(), ${this.owner}
      ON CONFLICT (relay) DO UPDATE SET backlog = EXCLUDED.backlog, oldest_unpublished_age_seconds = EXCLUDED.oldest_unpublished_age_seconds,
        published_last_5s = EXCLUDED.published_last_5s, published_last_minute = EXCLUDED.published_last_minute,
        last_published_at = EXCLUDED.last_published_at, published_total = EXCLUDED.published_total,
        observed_at = EXCLUDED.observed_at, observed_by = EXCLUDED.observed_by
      RETURNING backlog::int AS backlog, oldest_unpublished_age_seconds AS oldest`;
    this.o.metrics.backlog.set(m!.backlog);
    this.o.metrics.oldestAge.set(m!.oldest);
  }

  /** Deletes published rows past the retention (and old embedded-log entries), in bounded batches. */
  async prune(): Promise<number> {
    let total = 0;
    for (let round = 0; round < this.o.pruneBatchesPerRound && this.running; round++) {
      const deleted = await this.o.sql`
        DELETE FROM ledger.outbox WHERE id IN (
          SELECT id FROM ledger.outbox
           WHERE published_at IS NOT NULL AND published_at < now() - ${`${this.o.retentionMs} milliseconds`}::interval
           ORDER BY published_at LIMIT ${this.o.pruneBatchMax})`;
      total += deleted.count;
      this.o.metrics.pruned.inc(deleted.count);
      if (this.o.publisher instanceof PostgresLogPublisher) await pruneLog(this.o.sql, this.o.logRetentionMs, this.o.pruneBatchMax);
      if (deleted.count < this.o.pruneBatchMax) break;
    }
    if (total > 0) this.o.log.info("pruned published outbox rows", { rows: total });
    return total;
  }

  private async every(intervalMs: number, task: () => Promise<unknown>): Promise<void> {
    while (this.running) {
      await task().catch((error) => this.o.log.warn("relay background task failed", { error }));
      await this.sleep(intervalMs, false);
    }
  }

  /** Sleeps; a NOTIFY ends it early when `onNotify`, stop() always does. */
  private sleep(ms: number, onNotify = true): Promise<void> {
    if (!this.running || (onNotify && this.notified)) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = { done: () => {}, onNotify };
      const timer = setTimeout(() => entry.done(), ms);
      entry.done = () => {
        clearTimeout(timer);
        this.sleepers.delete(entry);
        resolve();
      };
      this.sleepers.add(entry);
    });
  }

  private wakeUp(all: boolean): void {
    if (!all) this.notified = true;
    for (const s of [...this.sleepers]) if (all || s.onNotify) s.done();
  }
}

const gauge = (s: BreakerState) => (s === "closed" ? 0 : s === "half_open" ? 1 : 2);
