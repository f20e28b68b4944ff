// The projector: consumes ledger events (Kafka or the embedded log) and keeps the read model.
// A batch is applied in one read-database transaction together with the event ids (exactly-once
// effect) and the consumer position; if that fails, each event is retried on its own with
// backoff, and an event that still fails (or cannot be decoded) goes to the dead letters (table,
// and the dead-letter topic) without stopping its partition.
import fs from "node:fs";
import path from "node:path";
import type { Sql, TransactionSql } from "postgres";
import client from "prom-client";
import type { Logger } from "@ledgerflow/platform/log";
import { type ConsumedEvent, type EventConsumer, type EventPublisher, type PartitionLag, TOPICS, totalLag } from "@ledgerflow/platform/events";
import { applyEvents, type ReadEvent } from "./apply.ts";
import { countPendingDeadLetters, recordDeadLetter } from "./dead-letters.ts";
import { decodeReadEvent, UndecodableError } from "./decode.ts";
import { checkDrift, type DriftReport } from "./drift.ts";

const READ_SQL_DIR = path.resolve(import.meta.dir, "../../../sql/read");
const READ_MODEL_LOCK = "ledgerflow-read-model";
export const SUBSCRIBED = [TOPICS.accounts, TOPICS.transactions];

export interface ProjectorOptions {
  readSql: Sql;
  /** The ledger's database: drift check and outbox figures; optional (a rebuild needs neither). */
  writeSql?: Sql;
  consumer: EventConsumer;
  dlqPublisher?: EventPublisher;
  log: Logger;
  registry: client.Registry;
  schema?: string;
  /** Attempts per event after its batch failed, before it goes to the dead letters. */
  attemptsMax?: number;
  retryBaseMs?: number;
  lagIntervalMs?: number;
  /** The bootstrap servers the consumer reads, recorded with the status (what a rebuild replays). */
  kafkaBrokers?: string;
  /** Write the pipeline status the dashboard reads (false for a rebuild's projector). */
  recordsStatus?: boolean;
  /**
   * Take the read model's lock, shared, in every batch, so that a rebuild's swap (which takes it
   * exclusively) never lands in the middle of one. False for a rebuild's projector: only it writes
   * its schema, and the swap waits for it to catch up with the live model while holding the lock.
   */
  holdsReadModelLock?: boolean;
}

/**
 * A read-model file for `schema`: the files name it only as psql's quoted variable `:"schema"`,
 * so a DBA can apply them with `psql -v schema=read -f FILE`. `schema` is a validated lowercase
 * identifier.
 */
export function inSchema(text: string, schema: string): string {
  return text.replaceAll(':"schema"', `"${schema}"`);
}

/** Creates the read schema (and the dead-letter tables) when missing. */

export async function ensureReadModel(sql: Sql, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid read schema name ${JSON.stringify(schema)}`);
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(hashtext(${READ_MODEL_LOCK}))`;
    const [exists] = await tx`SELECT 1 AS one FROM information_schema.schemata WHERE schema_name = ${schema}`;
    // 0001 creates the schema; every later file is idempotent and runs at each start.
    const files = fs
      .readdirSync(READ_SQL_DIR)
      .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
      .sort();
    for (const file of files) {
      if (file.startsWith("0001_") && exists) continue;
      await tx.unsafe(inSchema(fs.readFileSync(path.join(READ_SQL_DIR, file), "utf8"), schema));
    }
  });
}

export class Projector {
  readonly schema: string;
  private readonly metrics;
  private lagTimer?: ReturnType<typeof setInterval>;
  private lastLag: PartitionLag[] = [];
  private lastEventTime?: Date;
  /** Set while paused: batches wait for it before they touch the database. */
  private gate?: { opened: Promise<void>; open: () => void };
  /** The batch being applied, if any (partitions are consumed one at a time). */
  private inFlight: Promise<void> = Promise.resolve();
  private retired = false;
  lastDrift?: DriftReport;

  constructor(private readonly o: ProjectorOptions) {
    this.schema = o.schema ?? "read";
    const registers = [o.registry];
    this.metrics = {
      lag: new client.Gauge({ name: "ledgerflow_projector_consumer_lag_messages", help: "Messages behind the newest, per partition", labelNames: ["topic", "partition"], registers }),
      lagSeconds: new client.Gauge({ name: "ledgerflow_projector_lag_seconds", help: "Seconds behind the newest event (0 when caught up)", registers }),
      applied: new client.Counter({ name: "ledgerflow_projector_events_applied_total", help: "Events applied to the read model, by type", labelNames: ["type"], registers }),
      duplicates: new client.Counter({ name: "ledgerflow_projector_events_duplicate_total", help: "Redelivered events skipped by their id", registers }),
      dlqSize: new client.Gauge({ name: "ledgerflow_projector_dlq_size", help: "Dead letters waiting for an operator", registers }),
      dlqEvents: new client.Counter({ name: "ledgerflow_projector_dlq_events_total", help: "Events sent to the dead letters", registers }),
      drift: new client.Gauge({ name: "ledgerflow_projector_drift", help: "Differences between read model and books (accounts, counts, checksums)", registers }),
    };
  }

  async start(): Promise<void> {
    await ensureReadModel(this.o.readSql, this.schema);
    await this.o.consumer.start((batch) => this.handleBatch(batch));
    this.lagTimer = setInterval(() => void this.refreshLag(), this.o.lagIntervalMs ?? 1_000);
    await this.refreshLag();
  }

  async stop(): Promise<void> {
    clearInterval(this.lagTimer);
    await this.o.consumer.close();
  }

  get lag(): { partitions: PartitionLag[]; messages: number; seconds: number } {
    const messages = totalLag(this.lastLag);
    // Behind: the age of the last event applied is how far the read model trails the stream.
    const seconds = messages > 0 && this.lastEventTime ? Math.max(0, (Date.now() - this.lastEventTime.getTime()) / 1000) : 0;
    return { partitions: this.lastLag, messages, seconds };
  }

  async refreshLag(): Promise<void> {
    try {
      this.lastLag = await this.o.consumer.lag();
      for (const l of this.lastLag) this.metrics.lag.set({ topic: l.topic, partition: String(l.partition) }, l.messages);
      this.metrics.lagSeconds.set(this.lag.seconds);
      const pending = await countPendingDeadLetters(this.o.readSql);
      this.metrics.dlqSize.set(pending);
      if (this.o.recordsStatus !== false) await this.recordStatus(pending);
    } catch (error) {
      this.o.log.warn("lag refresh failed", { error });
    }
  }

  async drift(): Promise<DriftReport | undefined> {
    if (!this.o.writeSql) return undefined;
    const report = await checkDrift(this.o.writeSql, this.o.readSql, this.schema);
    this.metrics.drift.set(report.drift);
    this.lastDrift = report;
    return report;
  }

  /** Writes the pipeline's figures where the dashboard reads them (projector.pipeline_status). */
  private async recordStatus(deadLetters: number): Promise<void> {
    const lag = this.lag;
    const status: [string, Record<string, unknown>][] = [
      [
        "projector",
        {
          lag_messages: lag.messages,
          lag_seconds: lag.seconds,
          dead_letters_pending: deadLetters,
          last_event_at: this.lastEventTime?.toISOString() ?? null,
          partitions: lag.partitions,
          drift: this.lastDrift?.drift ?? null,
          // The transport this projector reads: `npm run rebuild` replays the same one.
          transport: this.o.consumer.kind,
          kafka_brokers: this.o.consumer.kind === "kafka" ? (this.o.kafkaBrokers ?? null) : null,
        },
      ],
    ];
    if (this.o.writeSql) {
      // Each figure from its own index (unpublished rows by id, published ones by time), so the
      // cost does not grow with the hour of published rows the outbox keeps.
      const [o] = await this.o.writeSql`
        SELECT (SELECT count(*) FROM ledger.outbox WHERE published_at IS NULL)::int AS backlog,
               coalesce((SELECT extract(epoch FROM now() - created_at) FROM ledger.outbox WHERE published_at IS NULL ORDER BY id LIMIT 1), 0)::float8 AS oldest_age_seconds,
               (SELECT count(*) FROM ledger.outbox WHERE published_at > now() - interval '1 minute')::int AS published_last_minute,
               (SELECT count(*) FROM ledger.outbox WHERE published_at > now() - interval '5 seconds')::int AS published_last_5s,
               (SELECT max(published_at) FROM ledger.outbox WHERE published_at IS NOT NULL) AS last_published_at,
               (SELECT coalesce(sum(published_total), 0) FROM events.relay_state)::text AS published_total`;
      status.push(["outbox", { ...o }]);
    }
    for (const [component, figures] of status) {
      await this.o.readSql`
        INSERT INTO projector.pipeline_status (component, figures) VALUES (${component}, ${this.o.readSql.json(figures as never)})
        ON CONFLICT (component) DO UPDATE SET figures = EXCLUDED.figures, updated_at = now()`;
    }
  }

  /**
   * Resolves once no batch is being applied; later batches wait until `retire()`. A rebuild
   * pauses its projector inside the swap, so that its schema holds still while it is compared and
   * renamed.
   */
  async pause(): Promise<void> {
    if (!this.gate) {
      let open = () => {};
      const opened = new Promise<void>((resolve) => (open = resolve));
      this.gate = { opened, open };
    }
    await this.inFlight;
  }

  /**
   * From now on batches are not applied: the schema was handed over (a rebuild's model swapped in,
   * which the live projector goes on writing) or is about to be dropped. A paused batch is let go,
   * so that the consumer can close.
   */
  retire(): void {
    this.retired = true;
    this.gate?.open();
    this.gate = undefined;
  }

  /** One transaction for the batch; on failure, each event on its own. */
  async handleBatch(batch: ConsumedEvent[]): Promise<void> {
    while (this.gate) await this.gate.opened;
    // A retired projector's schema belongs to someone else or is gone: writing would fail (and
    // dead-letter the events) or race the live projector. Its consumer group is its own and is
    // thrown away with it.
    if (this.retired) return;
    const applying = this.applyBatch(batch);
    this.inFlight = applying.catch(() => undefined);
    await applying;
  }

  private async applyBatch(batch: ConsumedEvent[]): Promise<void> {
    try {
      const events = batch.map((e) => decodeReadEvent(e));
      await this.o.readSql.begin(async (tx) => {
        await this.holdReadModel(tx);
        await this.apply(tx, events);
        await this.savePosition(tx, batch);
      });
    } catch (error) {
      this.o.log.warn("batch failed; applying its events one by one", { error, events: batch.length });
      for (const e of batch) await this.applyWithRetries(e);
    }
    this.lastEventTime = batch[batch.length - 1]!.timestamp;
  }

  private async applyWithRetries(e: ConsumedEvent): Promise<void> {
    const attemptsMax = this.o.attemptsMax ?? 3;
    let lastError: unknown;
    let attempts = 0;
    while (attempts < attemptsMax) {
      attempts += 1;
      try {
        const event = decodeReadEvent(e);
        await this.o.readSql.begin(async (tx) => {
          await this.holdReadModel(tx);
          await this.apply(tx, [event]);
          await this.savePosition(tx, [e]);
        });
        return;
      } catch (error) {
        lastError = error;
        if (error instanceof UndecodableError) break;
        if (attempts < attemptsMax) await Bun.sleep((this.o.retryBaseMs ?? 100) * 2 ** (attempts - 1));
      }
    }
    await this.deadLetter(e, lastError, attempts);
  }

  /**
   * Shared with other batches, exclusive to a rebuild's swap: a batch lands either in the model
   * being replaced (and the swap then checks the rebuilt one has it) or in the new one, never in
   * between.
   */
  private async holdReadModel(tx: TransactionSql): Promise<void> {
    if (this.o.holdsReadModelLock === false) return;
    await tx`SELECT pg_advisory_xact_lock_shared(hashtext(${READ_MODEL_LOCK}))`;
  }

  private async apply(tx: Sql | TransactionSql, events: ReadEvent[]): Promise<void> {
    const applied = await applyEvents(tx, this.schema, events);
    this.metrics.duplicates.inc(events.length - applied.length);
    for (const e of applied) this.metrics.applied.inc({ type: e.type.replace("ledgerflow.events.v1.", "") });
  }

  private async savePosition(tx: Sql | TransactionSql, batch: ConsumedEvent[]): Promise<void> {
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
    this.o.log.error("event sent to the dead letters", { topic: e.topic, partition: e.partition, offset: e.offset, event_id: e.headers.ce_id, error: reason });
    // The table first: it is what replay works from. If even that fails, the batch fails and
    // comes again (nothing is lost).
    if (!(await recordDeadLetter(this.o.readSql, e, reason, attempts))) return;
    await this.o.dlqPublisher
      ?.publish([
        {
          topic: TOPICS.dlq,
          key: e.key,
          value: e.value,
          headers: { ...e.headers, "x-error": reason.slice(0, 500), "x-original-topic": e.topic, "x-original-partition": String(e.partition), "x-original-offset": e.offset },
        },
      ])
      .catch((err) => this.o.log.warn("publishing to the dead-letter topic failed; the dead-letter table has the event", { error: err }));
    this.metrics.dlqEvents.inc();
  }
}
