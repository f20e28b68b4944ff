// The embedded event log: Postgres tables that stand in for Kafka when no broker is configured.
//
// Publishing appends to events.log under one transaction-scoped advisory lock (the sequencer):
// appenders are serialized until they commit, so log offsets become visible in increasing order
// and a consumer reading "offset > committed" can never skip a late-committing append. The relay
// appends in the same transaction that marks outbox rows published, so the log holds each event
// once. Consumers read each topic by offset from their group's committed position
// (events.consumer_offsets); one member of a group reads at a time, holding a renewed lease
// (events.consumer_leases), and only the lease holder can commit. NOTIFY on append wakes them.
import { randomUUID } from "node:crypto";
import type { Sql, TransactionSql } from "postgres";
import type { BatchHandler, ConsumedEvent, EventConsumer, EventPublisher, EventRecord, PartitionLag } from "./types.ts";

const SEQUENCER_LOCK = 0x4c6f67536571; // "LogSeq"
const NIL_UUID = "00000000-0000-0000-0000-000000000000";
const NOTIFY_CHANNEL = "ledgerflow_event_log";
const LAG_COUNT_MAX = 10_000_000;

export async function appendWithin(tx: TransactionSql | Sql, records: EventRecord[]): Promise<void> {
  if (records.length === 0) return;
  await tx`SELECT pg_advisory_xact_lock(${SEQUENCER_LOCK})`;
  await tx`
    INSERT INTO events.log (topic, partition_key, event_id, event_type, value, headers)
    SELECT topic, key, event_id, event_type, decode(value_hex, 'hex'), headers::jsonb
      FROM unnest(${records.map((r) => r.topic)}::text[], ${records.map((r) => r.key)}::text[],
                  ${records.map((r) => r.headers.ce_id ?? NIL_UUID)}::uuid[], ${records.map((r) => r.headers.ce_type ?? "")}::text[],
                  ${records.map((r) => Buffer.from(r.value).toString("hex"))}::text[], ${records.map((r) => JSON.stringify(r.headers))}::text[])
           WITH ORDINALITY AS x(topic, key, event_id, event_type, value_hex, headers, n)
     ORDER BY n`;
}

export class PostgresLogPublisher implements EventPublisher {
  readonly kind = "postgres" as const;
  constructor(private readonly sql: Sql) {}

  async publish(records: EventRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.sql.begin((tx) => appendWithin(tx, records));
  }

  /** Appends inside the caller's transaction (the relay: append and mark published atomically). */
  appendWithin(tx: TransactionSql, records: EventRecord[]): Promise<void> {
    return appendWithin(tx, records);
  }

  async close(): Promise<void> {}
}

/** Deletes log entries older than the retention, a bounded batch at a time; returns the count. */
export async function pruneLog(sql: Sql, retentionMs: number, batchMax: number): Promise<number> {
  const result = await sql`
    DELETE FROM events.log WHERE "offset" IN (
      SELECT "offset" FROM events.log WHERE appended_at < now() - ${`${retentionMs} milliseconds`}::interval
       ORDER BY "offset" LIMIT ${batchMax})`;
  return result.count;
}

export interface PostgresLogConsumerOptions {
  sql: Sql;
  groupId: string;
  topics: string[];
  /** Events per batch, at most. */
  batchMax?: number;
  /** Fallback poll when no notification arrives. */
  pollMs?: number;
  /** A member that stops renewing loses the group after this long. */
  leaseMs?: number;
}

export class PostgresLogConsumer implements EventConsumer {
  readonly kind = "postgres" as const;
  readonly memberId = randomUUID();
  private running = false;
  private wake?: () => void;
  /** A notification came since the last read: don't wait for the next one. */
  private notified = false;
  private unlisten?: () => Promise<void>;
  private loop?: Promise<void>;
  /** While the lease is held, only this member moves the group's offsets: they are kept here. */
  private offsets?: Map<string, string>;
  private leaseRenewedAt = 0;

  constructor(private readonly o: PostgresLogConsumerOptions) {
    if (o.topics.length === 0) throw new Error("a consumer needs at least one topic");
  }

  async start(handle: BatchHandler): Promise<void> {
    this.running = true;
    const listener = await this.o.sql.listen(NOTIFY_CHANNEL, () => {
      this.notified = true;
      this.wake?.();
    });
    this.unlisten = listener.unlisten;
    this.loop = this.consume(handle);
  }

  private async consume(handle: BatchHandler): Promise<void> {
    let failures = 0;
    while (this.running) {
      let more = false;
      this.notified = false;
      try {
        more = (await this.holdLease()) && (await this.step(handle));
        failures = 0;
      } catch {
        // The handler or the database failed: nothing was committed, so the batch comes again.
        // Offsets and lease are read afresh: another member may have taken over meanwhile.
        this.offsets = undefined;
        this.leaseRenewedAt = 0;
        failures += 1;
        await this.pause(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)), false);
        continue;
      }
      if (!more) await this.pause(this.o.pollMs ?? 1_000, true);
    }
  }

  /** Waits; a notification ends the wait early when `onNotify` (close() always does). */
  private pause(ms: number, onNotify: boolean): Promise<void> {
    if (!this.running || (onNotify && this.notified)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        if (!onNotify && this.running) return;
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /**
   * Takes or renews the group's lease (renewed at a quarter of its term, not on every batch);
   * false while another member holds it.
   */
  private async holdLease(): Promise<boolean> {
    const leaseMs = this.o.leaseMs ?? 10_000;
    if (this.offsets && Date.now() - this.leaseRenewedAt < leaseMs / 4) return true;
    const renewedAt = Date.now();
    const rows = await this.o.sql`
      INSERT INTO events.consumer_leases (group_id, owner, expires_at)
      VALUES (${this.o.groupId}, ${this.memberId}, now() + ${`${this.o.leaseMs ?? 10_000} milliseconds`}::interval)
      ON CONFLICT (group_id) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
       WHERE events.consumer_leases.owner = EXCLUDED.owner OR events.consumer_leases.expires_at < now()
      RETURNING 1 AS held`;
    if (rows.length !== 1) {
      this.offsets = undefined;
      return false;
    }
    this.leaseRenewedAt = renewedAt;
    this.offsets ??= await this.committed();
    return true;
  }

  /** One batch per topic that has events; true when more may be waiting. */
  private async step(handle: BatchHandler): Promise<boolean> {
    const batchMax = this.o.batchMax ?? 500;
    const offsets = this.offsets!;
    // Each topic from its own position: an idle topic must not hold the others back.
    const rows = await this.o.sql`
      SELECT l."offset"::text AS "offset", l.topic, l.partition_key, l.value, l.headers, l.appended_at
        FROM unnest(${this.o.topics}::text[], ${this.o.topics.map((t) => offsets.get(t) ?? "0")}::bigint[]) AS c(topic, after)
        JOIN LATERAL (SELECT * FROM events.log WHERE topic = c.topic AND "offset" > c.after ORDER BY "offset" LIMIT ${batchMax}) l ON true
       ORDER BY l."offset"`;
    let more = false;
    for (const topic of this.o.topics) {
      if (!this.running) return false;
      const batch: ConsumedEvent[] = rows
        .filter((r) => r.topic === topic)
        .map((r) => ({
          topic,
          key: r.partition_key,
          value: new Uint8Array(r.value),
          headers: r.headers,
          partition: 0,
          offset: r.offset,
          timestamp: r.appended_at,
        }));
      if (batch.length === 0) continue;
      await handle(batch);
      await this.commit(topic, batch[batch.length - 1]!.offset);
      more ||= batch.length === batchMax;
    }
    return more;
  }

  private async committed(): Promise<Map<string, string>> {
    const rows = await this.o.sql`
      SELECT topic, "offset"::text AS "offset" FROM events.consumer_offsets WHERE group_id = ${this.o.groupId} AND topic = ANY(${this.o.topics})`;
    return new Map(rows.map((r) => [r.topic as string, r.offset as string]));
  }

  /** Moves the group's position forward, only while this member holds the lease. */
  private async commit(topic: string, offset: string): Promise<void> {
    const rows = await this.o.sql`
      INSERT INTO events.consumer_offsets (group_id, topic, "offset")
      SELECT ${this.o.groupId}, ${topic}, ${offset}
       WHERE EXISTS (SELECT 1 FROM events.consumer_leases WHERE group_id = ${this.o.groupId} AND owner = ${this.memberId})
      ON CONFLICT (group_id, topic) DO UPDATE
        SET "offset" = GREATEST(events.consumer_offsets."offset", EXCLUDED."offset"), updated_at = now()
      RETURNING 1 AS ok`;
    if (rows.length !== 1) throw new Error(`lost the lease of group ${this.o.groupId}; the batch will be read again by the holder`);
    this.offsets?.set(topic, offset);
  }

  async lag(): Promise<PartitionLag[]> {
    const rows = await this.o.sql`
      SELECT t.topic, (SELECT count(*) FROM (SELECT 1 FROM events.log l WHERE l.topic = t.topic AND l."offset" > coalesce(o."offset", 0)
                                              LIMIT ${LAG_COUNT_MAX}) x)::bigint AS behind
        FROM unnest(${this.o.topics}::text[]) AS t(topic)
        LEFT JOIN events.consumer_offsets o ON o.group_id = ${this.o.groupId} AND o.topic = t.topic`;
    return rows.map((r) => ({ topic: r.topic, partition: 0, messages: Number(r.behind) }));
  }

  async close(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.unlisten?.().catch(() => undefined);
    await this.o.sql`DELETE FROM events.consumer_leases WHERE group_id = ${this.o.groupId} AND owner = ${this.memberId}`.catch(() => undefined);
  }
}
