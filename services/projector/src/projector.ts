// The projector: consumes ledger events (Kafka or the embedded log) and keeps the read model.
// A batch is applied in one read-database transaction; if that fails, each event is retried on
// its own with backoff, and an event that still fails (or cannot be decoded) goes to the dead
// letters (table, and the dead-letter topic when a sink is given) without stopping the stream.
import fs from "node:fs";
import path from "node:path";
import type { Sql } from "postgres";
import client from "prom-client";
import type { Logger } from "@ledgerflow/platform/src/log.ts";
import { decodeEvent } from "@ledgerflow/platform/src/eventlog/codec.ts";
import { TOPICS, type ConsumedEvent, type EventSink, type EventSource, type PartitionLag } from "@ledgerflow/platform/src/eventlog/types.ts";
import { applyEvents, type ReadEvent } from "./apply.ts";

const READ_SQL_DIR = path.resolve(import.meta.dir, "../../../sql/read");
export const SUBSCRIBED = [TOPICS.accounts, TOPICS.transactions];

export interface ProjectorOptions {
  readSql: Sql;
  /** The ledger's database, for the drift check; optional. */
  writeSql?: Sql;
  source: EventSource;
  dlqSink?: EventSink;
  log: Logger;
  registry: client.Registry;
  schema?: string;
  attemptsMax?: number;
  retryBaseMs?: number;
  lagIntervalMs?: number;
}

/** Creates the read schema (and the dead-letter table) when missing. */
export async function ensureReadModel(sql: Sql, schema: string): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(hashtext('ledgerflow-read-model'))`;
    const [exists] = await tx`SELECT 1 AS one FROM information_schema.schemata WHERE schema_name = ${schema}`;
    if (!exists) await tx.unsafe(fs.readFileSync(path.join(READ_SQL_DIR, "0001_read_model.sql"), "utf8").replaceAll("__SCHEMA__", schema));
    await tx.unsafe(fs.readFileSync(path.join(READ_SQL_DIR, "0002_dead_letters.sql"), "utf8"));
  });
}

export class Projector {
  readonly schema: string;
  private readonly metrics;
  private lagTimer?: ReturnType<typeof setInterval>;
  private lastLag: PartitionLag[] = [];
  private lastEventTime?: Date;
  private running = false;

  constructor(private readonly o: ProjectorOptions) {
    this.schema = o.schema ?? "read";
    const r = o.registry;
    this.metrics = {
      lag: new client.Gauge({ name: "ledgerflow_projector_consumer_lag_messages", help: "Messages behind the newest, per partition", labelNames: ["topic", "partition"], registers: [r] }),
      lagSeconds: new client.Gauge({ name: "ledgerflow_projector_lag_seconds", help: "Seconds behind the newest event (0 when caught up)", registers: [r] }),
      applied: new client.Counter({ name: "ledgerflow_projector_events_applied_total", help: "Events applied, by type", labelNames: ["type"], registers: [r] }),
      duplicates: new client.Counter({ name: "ledgerflow_projector_events_duplicate_total", help: "Redelivered events skipped", registers: [r] }),
      dlqSize: new client.Gauge({ name: "ledgerflow_projector_dlq_size", help: "Dead letters waiting for an operator", registers: [r] }),
      dlqEvents: new client.Counter({ name: "ledgerflow_projector_dlq_events_total", help: "Events sent to the dead letters", registers: [r] }),
      drift: new client.Gauge({ name: "ledgerflow_projector_drift", help: "Accounts whose read-model balances differ from the ledger", registers: [r] }),
    };
  }

  async start(): Promise<void> {
    await ensureReadModel(this.o.readSql, this.schema);
    this.running = true;
    await this.o.source.run((batch) => this.handleBatch(batch));
    this.lagTimer = setInterval(() => void this.refreshLag(), this.o.lagIntervalMs ?? 2_000);
    await this.refreshLag();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.lagTimer);
    await this.o.source.close();
  }

  get lag(): { partitions: PartitionLag[]; messages: number; seconds: number } {
    const messages = this.lastLag.reduce((n, l) => n + l.messages, 0);
    const seconds = messages > 0 && this.lastEventTime ? Math.max(0, (Date.now() - this.lastEventTime.getTime()) / 1000) : 0;
    return { partitions: this.lastLag, messages, seconds };
  }

  async refreshLag(): Promise<void> {
    try {
      this.lastLag = await this.o.source.lag();
      for (const l of this.lastLag) this.metrics.lag.set({ topic: l.topic, partition: String(l.partition) }, l.messages);
      this.metrics.lagSeconds.set(this.lag.seconds);
      const [d] = await this.o.readSql`SELECT count(*)::int AS n FROM projector.dead_letters WHERE status = 'pending'`;
      this.metrics.dlqSize.set(d!.n);
      await this.recordStatus(d!.n);
    } catch (error) {
      this.o.log.warn("lag refresh failed", { error });
    }
  }

  /** Writes the pipeline's figures where the dashboard reads them (projector.pipeline_status). */
  private async recordStatus(deadLetters: number): Promise<void> {
    const lag = this.lag;
    const status: [string, Record<string, unknown>][] = [
      ["projector", { lag_messages: lag.messages, lag_seconds: lag.seconds, dead_letters_pending: deadLetters, last_event_at: this.lastEventTime?.toISOString() ?? null, partitions: lag.partitions }],
    ];
    if (this.o.writeSql) {
      const [o] = await this.o.writeSql`
        SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS backlog,
               coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE published_at IS NULL)), 0)::float8 AS oldest_age_seconds,
               count(*) FILTER (WHERE published_at > now() - interval '1 minute')::int AS published_last_minute
          FROM ledger.outbox`;
      status.push(["outbox", { ...o }]);
    }
    for (const [component, figures] of status) {
      await this.o.readSql`
        INSERT INTO projector.pipeline_status (component, figures) VALUES (${component}, ${this.o.readSql.json(figures as never)})
        ON CONFLICT (component) DO UPDATE SET figures = EXCLUDED.figures, updated_at = now()`;
    }
  }

  /** One transaction for the batch; on failure, each event on its own. */
  async handleBatch(batch: ConsumedEvent[]): Promise<void> {
    try {
      const events = batch.map((e) => this.decode(e));
      await this.o.readSql.begin(async (tx) => {
        await this.apply(tx as unknown as Sql, events);
        await this.savePosition(tx as unknown as Sql, batch);
      });
      this.lastEventTime = batch[batch.length - 1]!.timestamp;
      return;
    } catch (error) {
      this.o.log.warn("batch failed; applying its events one by one", { error, events: batch.length });
    }
    for (const e of batch) await this.applyWithRetries(e);
    this.lastEventTime = batch[batch.length - 1]!.timestamp;
  }

  private async applyWithRetries(e: ConsumedEvent): Promise<void> {
    const attemptsMax = this.o.attemptsMax ?? 3;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attemptsMax; attempt++) {
      try {
        await this.o.readSql.begin(async (tx) => {
          await this.applyOne(tx as unknown as Sql, e);
          await this.savePosition(tx as unknown as Sql, [e]);
        });
        return;
      } catch (error) {
        lastError = error;
        if (isUndecodable(error)) break;
        await Bun.sleep((this.o.retryBaseMs ?? 100) * 2 ** (attempt - 1));
      }
    }
    await this.deadLetter(e, lastError, attemptsMax);
  }

  private decode(e: ConsumedEvent): ReadEvent {
    let decoded: ReturnType<typeof decodeEvent>;
    try {
      decoded = decodeEvent(e);
    } catch (error) {
      throw new UndecodableError((error as Error).message);
    }
    const { type, message } = decoded;
    const eventId = message.meta?.eventId || e.headers.ce_id;
    if (!eventId) throw new UndecodableError("event has no id");
    if (type === "ledgerflow.events.v1.AccountCreated" || type === "ledgerflow.events.v1.AccountUpdated") return { eventId, type, account: message.account };
    if (message.transaction) return { eventId, type, transaction: message.transaction };
    throw new UndecodableError(`no handler for ${type}`);
  }

  private async apply(tx: Sql, events: ReadEvent[]): Promise<void> {
    const applied = await applyEvents(tx, this.schema, events);
    this.metrics.duplicates.inc(events.length - applied.length);
    for (const e of applied) this.metrics.applied.inc({ type: e.type.replace("ledgerflow.events.v1.", "") });
  }

  private async applyOne(tx: Sql, e: ConsumedEvent): Promise<void> {
    await this.apply(tx, [this.decode(e)]);
  }

  private async savePosition(tx: Sql, batch: ConsumedEvent[]): Promise<void> {
    const last = new Map<string, ConsumedEvent>();
    for (const e of batch) last.set(`${e.topic}|${e.partition}`, e);
    for (const e of last.values()) {
      await tx`
        INSERT INTO ${tx(this.schema)}.consumer_position (topic, "partition", "offset", event_time) VALUES (${e.topic}, ${e.partition}, ${e.offset}, ${e.timestamp})
        ON CONFLICT (topic, "partition") DO UPDATE SET "offset" = EXCLUDED."offset", event_time = EXCLUDED.event_time, updated_at = now()`;
    }
  }

  private async deadLetter(e: ConsumedEvent, error: unknown, attempts: number): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    this.o.log.error("event sent to the dead letters", { topic: e.topic, partition: e.partition, offset: e.offset, error: reason });
    await this.o.readSql`
      INSERT INTO projector.dead_letters (event_id, event_type, topic, "partition", "offset", key, value, headers, error, attempts)
      VALUES (${e.headers.ce_id ?? null}, ${e.headers.ce_type ?? null}, ${e.topic}, ${e.partition}, ${e.offset}, ${e.key},
              ${Buffer.from(e.value)}, ${this.o.readSql.json(e.headers)}, ${reason.slice(0, 2000)}, ${attempts})`;
    await this.o.dlqSink?.publish([{ topic: TOPICS.dlq, key: e.key, value: e.value, headers: { ...e.headers, "x-error": reason.slice(0, 500), "x-original-topic": e.topic } }]).catch((err) => {
      this.o.log.warn("publishing to the dead-letter topic failed; the dead-letter table has it", { error: err });
    });
    this.metrics.dlqEvents.inc();
  }

  // ---- dead letters: what the admin gateway calls ----------------------------------------

  async listDeadLetters(filter: { status?: string; eventType?: string; limit?: number; beforeId?: number } = {}) {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
    return this.o.readSql`
      SELECT id, event_id, event_type, topic, "partition", "offset", key, headers, error, attempts, status, created_at, resolved_at, resolved_by
        FROM projector.dead_letters
       WHERE (${filter.status ?? null}::text IS NULL OR status = ${filter.status ?? null})
         AND (${filter.eventType ?? null}::text IS NULL OR event_type = ${filter.eventType ?? null})
         AND (${filter.beforeId ?? null}::bigint IS NULL OR id < ${filter.beforeId ?? null})
       ORDER BY id DESC LIMIT ${limit}`;
  }

  async getDeadLetter(id: number) {
    const [row] = await this.o.readSql`SELECT * FROM projector.dead_letters WHERE id = ${id}`;
    return row;
  }

  /** Applies a dead letter again (after a fix); applying twice changes nothing. */
  async replayDeadLetter(id: number, by: string): Promise<"replayed" | "not_found" | "already_resolved"> {
    return this.o.readSql.begin(async (tx) => {
      const [row] = await tx`SELECT * FROM projector.dead_letters WHERE id = ${id} FOR UPDATE`;
      if (!row) return "not_found";
      if (row.status !== "pending") return "already_resolved";
      const event: ConsumedEvent = { topic: row.topic, partition: row.partition, offset: row.offset, key: row.key, value: new Uint8Array(row.value), headers: row.headers, timestamp: row.created_at };
      await this.applyOne(tx as unknown as Sql, event);
      await tx`UPDATE projector.dead_letters SET status = 'replayed', resolved_at = now(), resolved_by = ${by} WHERE id = ${id}`;
      return "replayed";
    });
  }

  async discardDeadLetter(id: number, by: string): Promise<"discarded" | "not_found" | "already_resolved"> {
    const rows = await this.o.readSql`UPDATE projector.dead_letters SET status = 'discarded', resolved_at = now(), resolved_by = ${by} WHERE id = ${id} AND status = 'pending' RETURNING id`;
    if (rows.length === 1) return "discarded";
    const [exists] = await this.o.readSql`SELECT 1 AS one FROM projector.dead_letters WHERE id = ${id}`;
    return exists ? "already_resolved" : "not_found";
  }

  // ---- drift -------------------------------------------------------------------------------

  /**
   * Accounts whose read-model balances differ from the ledger's (or that one side lacks).
   * Read and write model may live in different databases, so both sides are fetched and
   * compared here, a page at a time.
   */
  async drift(): Promise<{ accounts: number; mismatched: string[] }> {
    if (!this.o.writeSql) return { accounts: 0, mismatched: [] };
    const mismatched: string[] = [];
    let after = "00000000-0000-0000-0000-000000000000";
    let accounts = 0;
    for (;;) {
      const write = await this.o.writeSql`
        SELECT account_id::text AS id, posted_debits, posted_credits, pending_debits, pending_credits, version::text AS version
          FROM ledger.balances WHERE account_id > ${after} ORDER BY account_id LIMIT 1000`;
      if (write.length === 0) break;
      const ids = write.map((r) => r.id as string);
      const read = await this.o.readSql`
        SELECT account_id::text AS id, posted_debits, posted_credits, pending_debits, pending_credits, version::text AS version
          FROM ${this.o.readSql(this.schema)}.accounts WHERE account_id = ANY(${ids}::uuid[])`;
      const byId = new Map(read.map((r) => [r.id as string, r]));
      for (const w of write) {
        const r = byId.get(w.id);
        const same = r && ["posted_debits", "posted_credits", "pending_debits", "pending_credits", "version"].every((k) => String(r[k]) === String(w[k]));
        if (!same) mismatched.push(w.id);
      }
      accounts += write.length;
      after = ids[ids.length - 1]!;
    }
    this.metrics.drift.set(mismatched.length);
    return { accounts, mismatched: mismatched.slice(0, 100) };
  }
}

export class UndecodableError extends Error {}
const isUndecodable = (error: unknown) => error instanceof UndecodableError;
