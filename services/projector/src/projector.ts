// The projector: consumes ledger events (Kafka or the embedded log) and keeps the read model.
// A batch is applied in one read-database transaction together with the event ids (exactly-once
// effect) and the consumer position; if that fails, each event is retried on its own with
// backoff, and an event that still fails (or cannot be decoded) goes to the dead letters (table,
// and the dead-letter topic) without stopping its partition.
import path from "node:path";
import type { Sql, TransactionSql } from "postgres";
import client from "prom-client";
import { loadMigrations } from "@ledgerflow/platform/db";
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
  /** The ledger's database, for the drift check; optional (a rebuild does not need it). */
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

/**
 * Brings the read schema `schema` (and the projector's dead-letter and status tables) up to the
 * files of sql/read, versioned like the write side's migrations: each file runs once per schema,
 * in order, recorded with its checksum in `<schema>.schema_versions` (which travels with the
 * schema when a rebuild swaps it in), and a recorded file that changed afterwards stops the start.
 * A schema made before the versions table existed gets it, and the files after 0001 (written to be
 * idempotent) run once more and are recorded.
 */
export async function ensureReadModel(sql: Sql, schema: string): Promise<{ applied: string[] }> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid read schema name ${JSON.stringify(schema)}`);
  const files = loadMigrations(READ_SQL_DIR);
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(hashtext(${READ_MODEL_LOCK}))`;
    const [exists] = await tx`SELECT 1 AS one FROM information_schema.schemata WHERE schema_name = ${schema}`;
    const recorded = new Map<number, string>();
    if (exists) {
      await createVersionsTable(tx, schema);
      for (const r of await tx.unsafe<{ version: number; checksum: string }[]>(`SELECT version, checksum FROM "${schema}".schema_versions`)) recorded.set(r.version, r.checksum);
    }
    const applied: string[] = [];
    for (const file of files) {
      const checksum = recorded.get(file.version);
      if (checksum !== undefined) {
        if (checksum !== file.checksum) throw new Error(`read-model file ${file.name} was changed after it was applied to schema ${schema}; add a new file instead`);
        continue;
      }
      // 0001 creates the schema: a schema that exists has it already.
      if (!(file.version === 1 && exists)) await tx.unsafe(inSchema(file.sql, schema));
      if (file.version === 1 && !exists) await createVersionsTable(tx, schema);
      await tx.unsafe(`INSERT INTO "${schema}".schema_versions (version, name, checksum) VALUES ($1, $2, $3)`, [file.version, file.name, file.checksum]);
      applied.push(file.name);
    }
    return { applied };
  });
}

async function createVersionsTable(tx: TransactionSql, schema: string): Promise<void> {
  await tx.unsafe(`CREATE TABLE IF NOT EXISTS "${schema}".schema_versions (
    version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
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
