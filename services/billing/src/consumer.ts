// The billing consumer: ledger transaction events from the transport (Kafka or the embedded log)
// as its own consumer group. A batch is processed in one database transaction together with
// the event ids (exactly-once effect) and the figures; if that fails, each event is retried on
// its own with backoff, and an event that still fails (or cannot be decoded) goes to
// billing.dead_letters with its bytes, without stopping its partition.
import type { Sql, TransactionSql } from "postgres";
import { pgtyped } from "@ledgerflow/platform/db";
import type { Logger } from "@ledgerflow/platform/log";
import { type ConsumedEvent, type EventConsumer, type PartitionLag, TOPICS, totalLag } from "@ledgerflow/platform/events";
import * as eventsDb from "./db/events.queries.ts";
import { processEvent, type EventOutcome } from "./accrue.ts";
import { toBillingError } from "./db-errors.ts";
import { decodeBillingEvent, UndecodableError, type BillingEvent } from "./decode.ts";
import type { BillingMetrics } from "./metrics.ts";

export const SUBSCRIBED = [TOPICS.transactions];
const ERROR_LENGTH_MAX = 2_000;

export interface BillingConsumerOptions {
  sql: Sql;
  consumer: EventConsumer;
  groupId: string;
  log: Logger;
  metrics: BillingMetrics;
  now: () => Date;
  /** Attempts per event after its batch failed, before it goes to the dead letters. */
  attemptsMax: number;
  retryBaseMs: number;
  lagIntervalMs: number;
}

export class BillingConsumer {
  private lagTimer?: ReturnType<typeof setInterval>;
  private lastLag: PartitionLag[] = [];
  private lastEventTime?: Date;
  private lagKnown = false;

  constructor(private readonly o: BillingConsumerOptions) {}

  async start(): Promise<void> {
    await this.o.consumer.start((batch) => this.handleBatch(batch));
    this.lagTimer = setInterval(() => void this.refreshLag(), this.o.lagIntervalMs);
    await this.refreshLag();
  }

  async stop(): Promise<void> {
    clearInterval(this.lagTimer);
    await this.o.consumer.close();
  }

  /** Messages waiting, and how far behind the stream the last processed event is. */
  get lag(): { partitions: PartitionLag[]; messages: number; seconds: number; known: boolean } {
    const messages = totalLag(this.lastLag);
    const seconds = messages > 0 && this.lastEventTime ? Math.max(0, (Date.now() - this.lastEventTime.getTime()) / 1000) : 0;
    return { partitions: this.lastLag, messages, seconds, known: this.lagKnown };
  }

  async refreshLag(): Promise<void> {
    try {
      this.lastLag = await this.o.consumer.lag();
      this.lagKnown = true;
      for (const l of this.lastLag) this.o.metrics.lag.set({ topic: l.topic, partition: String(l.partition) }, l.messages);
      this.o.metrics.lagSeconds.set(this.lag.seconds);
      const [row] = await eventsDb.countPendingDeadLetters.run(undefined, pgtyped(this.o.sql));
      this.o.metrics.deadLettersPending.set(Number(row?.pending ?? 0n));
    } catch (error) {
      this.o.log.warn("lag refresh failed", { error });
    }
  }

  /** One transaction for the batch; on failure, each event on its own. */
  async handleBatch(batch: ConsumedEvent[]): Promise<void> {
    try {
      const events = batch.map((e) => decodeBillingEvent(e));
      const outcomes = await this.o.sql.begin((tx) => this.processAll(tx, events));
      this.count(events, outcomes);
    } catch (error) {
      this.o.log.warn("batch failed; processing its events one by one", { error, events: batch.length });
      for (const e of batch) await this.processWithRetries(e);
    }
    this.lastEventTime = batch[batch.length - 1]!.timestamp;
  }

  private async processAll(tx: TransactionSql, events: BillingEvent[]): Promise<EventOutcome[]> {
    const outcomes: EventOutcome[] = [];
    const now = this.o.now();
    for (const e of events) outcomes.push(await processEvent(tx, e, now));
    const fresh = outcomes.filter((o) => !o.duplicate).length;
    const accruals = outcomes.reduce((n, o) => n + o.accruals, 0);
    const lastEventAt = events.reduce<Date | null>((at, e) => (at === null || e.occurredAt > at ? e.occurredAt : at), null);
    await eventsDb.addConsumerFigures.run({ groupId: this.o.groupId, events: BigInt(fresh), accruals: BigInt(accruals), lastEventAt }, pgtyped(tx));
    return outcomes;
  }

  private count(events: BillingEvent[], outcomes: EventOutcome[]): void {
    outcomes.forEach((o, i) => {
      if (o.duplicate) {
        this.o.metrics.duplicates.inc();
        return;
      }
      this.o.metrics.eventsProcessed.inc({ type: events[i]!.type });
      if (o.accruals > 0 && o.sourceType) this.o.metrics.accruals.inc({ source_type: o.sourceType }, o.accruals);
    });
  }

  private async processWithRetries(e: ConsumedEvent): Promise<void> {
    let lastError: unknown;
    let attempts = 0;
    while (attempts < this.o.attemptsMax) {
      attempts += 1;
      try {
        const event = decodeBillingEvent(e);
        const outcomes = await this.o.sql.begin((tx) => this.processAll(tx, [event]));
        this.count([event], outcomes);
        return;
      } catch (error) {
        lastError = error;
        if (error instanceof UndecodableError) break;
        if (attempts < this.o.attemptsMax) await Bun.sleep(this.o.retryBaseMs * 2 ** (attempts - 1));
      }
    }
    // An unreachable database says nothing about the event: the batch is delivered again (with
    // the transport's backoff) instead of sending a good event to the dead letters.
    if (toBillingError(lastError).code === "unavailable") throw lastError;
    await this.deadLetter(e, lastError, attempts);
  }

  /** Keeps the event with its error; if even that fails, the batch fails and comes again. */
  private async deadLetter(e: ConsumedEvent, error: unknown, attempts: number): Promise<void> {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, ERROR_LENGTH_MAX);
    this.o.log.error("event sent to the dead letters", { topic: e.topic, partition: e.partition, offset: e.offset, event_id: e.headers.ce_id, error: reason });
    const [row] = await eventsDb.recordDeadLetter.run(
      {
        eventId: e.headers.ce_id ?? null,
        eventType: e.headers.ce_type ?? null,
        topic: e.topic,
        partition: e.partition,
        offset: e.offset,
        key: e.key,
        value: Buffer.from(e.value),
        headers: e.headers,
        error: reason,
        attempts,
      },
      pgtyped(this.o.sql),
    );
    if (row) this.o.metrics.deadLetters.inc();
  }
}
