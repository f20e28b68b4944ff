// Group commit: PostTransaction(s) requests queue here, and up to `writersMax` workers each take
// everything waiting (up to `batchItemsMax` transactions) into one database transaction. Commit
// (WAL flush) dominates the cost of a posting, so under load many requests share one commit;
// at low load a request runs at once. A hot account is locked once per batch, not per request.
import type { Sql } from "postgres";
import { BreakerOpenError, type CircuitBreaker } from "@ledgerflow/platform/resilience";
import { LedgerError } from "../domain/errors.ts";
import { AccountDirectory } from "./account-directory.ts";
import { IdempotencyRaceError, writeDrafts, type DraftGroup, type Outcome } from "./engine.ts";
import { isDatabaseUnavailable, isRetryable, toLedgerError } from "./db-errors.ts";

export interface WriterOptions {
  sql: Sql;
  breaker: CircuitBreaker;
  /** Concurrent database transactions writing batches. */
  writersMax: number;
  /** Transactions per database transaction, at most. */
  batchItemsMax: number;
  /** Transactions waiting, at most; beyond it requests are refused as overload. */
  queueItemsMax: number;
  /** Attempts for a batch that lost an idempotency race or hit a serialization failure. */
  attemptsMax: number;
  onBatch?: (items: number, seconds: number) => void;
  /** What a batch does in its database transaction (the engine's writeDrafts; replaced in tests). */
  writeDrafts?: typeof writeDrafts;
}

interface Job {
  group: DraftGroup;
  deadline: number;
  resolve: (outcomes: Outcome[]) => void;
  reject: (error: LedgerError) => void;
}

export class Writer {
  private readonly queue: Job[] = [];
  private queuedItems = 0;
  private active = 0;
  private closed = false;
  private readonly written = new Throughput(THROUGHPUT_WINDOW_MS);
  /** Account codes already resolved, shared by every batch (immutable facts). */
  readonly accounts = new AccountDirectory();
  /** Since when every writer has been busy without a break (undefined: one is idle). */
  private allBusySince?: number;
  /** What a transaction has recently cost in a batch, in ms (undefined until a batch completed). */
  private itemMs?: number;

  constructor(private readonly options: WriterOptions) {}

  get queueLength(): number {
    return this.queuedItems;
  }

  submit(group: DraftGroup, deadline: number = Date.now() + 30_000): Promise<Outcome[]> {
    if (this.closed) return Promise.reject(new LedgerError("unavailable", "the ledger is shutting down"));
    if (this.queuedItems + group.drafts.length > this.options.queueItemsMax) {
      return Promise.reject(new LedgerError("unavailable", "the ledger is overloaded; retry with backoff"));
    }
    // Refuse at once what would only wait out its deadline in the queue: the work ahead of it,
    // at the rate batches have been completing, ends after the caller has given up.
    // The completion rate is the writer's capacity only while every writer has been busy for the
    // whole window; otherwise it reflects demand, and would refuse a burst the writer can take.
    const now = Date.now();
    const saturated = this.allBusySince !== undefined && now - this.allBusySince >= THROUGHPUT_WINDOW_MS;
    const waitMs = saturated ? this.written.expectedWaitMs(this.queuedItems + group.drafts.length, now) : undefined;
    if (waitMs !== undefined && now + waitMs > deadline) {
      return Promise.reject(new LedgerError("unavailable", `the ledger is overloaded: about ${Math.round(waitMs)} ms of postings are queued ahead, past this request's deadline; retry with backoff`));
    }
    if (this.options.breaker.current === "open") {
      return Promise.reject(new LedgerError("unavailable", "the database is unavailable (circuit open); retry later"));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ group, deadline, resolve, reject });
      this.queuedItems += group.drafts.length;
      this.pump();
    });
  }

  /** Stops taking work and waits for the batches in flight. */
  async drain(timeoutMs: number): Promise<void> {
    this.closed = true;
    const until = Date.now() + timeoutMs;
    while ((this.active > 0 || this.queue.length > 0) && Date.now() < until) await Bun.sleep(10);
  }

  private pump(): void {
    while (this.active < this.options.writersMax && this.queue.length > 0) {
      const jobs = this.takeBatch();
      this.active += 1;
      if (this.active === this.options.writersMax) this.allBusySince ??= Date.now();
      void this.runBatch(jobs).finally(() => {
        this.active -= 1;
        this.pump();
        if (this.active < this.options.writersMax) this.allBusySince = undefined;
      });
    }
  }

  /**
   * The next batch: the jobs waiting, in order, while the batch is expected to end before the
   * deadline of every job in it (at the recent cost per transaction). An unbounded batch under
   * overload would be written only after all its callers had given up, and in the meantime no
   * batch would complete to tell the writer its rate. A job that cannot end before its deadline
   * even alone is refused now, unwritten.
   */
  private takeBatch(): Job[] {
    const jobs: Job[] = [];
    let items = 0;
    let endBy = Number.POSITIVE_INFINITY;
    const now = Date.now();
    const itemMs = this.itemMs;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      const size = next.group.drafts.length;
      if (jobs.length > 0 && items + size > this.options.batchItemsMax) break;
      if (jobs.length > 0 && itemMs !== undefined && now + (items + size) * itemMs > Math.min(endBy, next.deadline)) break;
      this.queue.shift();
      this.queuedItems -= size;
      if (next.deadline <= now) {
        next.reject(new LedgerError("deadline_exceeded", "the deadline passed before the transaction could be written; nothing was posted"));
        continue;
      }
      if (itemMs !== undefined && now + size * itemMs > next.deadline) {
        next.reject(new LedgerError("unavailable", "the ledger is overloaded: this request's deadline would pass before it could be written; nothing was posted, retry with backoff"));
        continue;
      }
      jobs.push(next);
      items += size;
      endBy = Math.min(endBy, next.deadline);
    }
    return jobs;
  }

  private async runBatch(jobs: Job[]): Promise<void> {
    if (jobs.length === 0) return;
    const started = performance.now();
    try {
      const outcomes = await this.write(jobs.map((j) => j.group));
      for (const [i, job] of jobs.entries()) job.resolve(outcomes[i]!);
      const items = jobs.reduce((n, j) => n + j.group.drafts.length, 0);
      const tookMs = performance.now() - started;
      this.written.record(items, Date.now());
      this.itemMs = this.itemMs === undefined ? tookMs / items : this.itemMs + ITEM_COST_WEIGHT * (tookMs / items - this.itemMs);
      this.options.onBatch?.(items, tookMs / 1000);
    } catch (error) {
      if (jobs.length > 1 && !isDatabaseUnavailable(error) && !(error instanceof BreakerOpenError)) {
        // One request broke the shared transaction: write each request on its own, so the
        // error reaches only the request that caused it.
        for (const job of jobs) await this.runBatch([job]);
        return;
      }
      const mapped = error instanceof BreakerOpenError ? new LedgerError("unavailable", error.message, { cause: error }) : toLedgerError(error);
      for (const job of jobs) job.reject(mapped);
    }
  }

  private async write(groups: DraftGroup[]): Promise<Outcome[][]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.options.breaker.run(() => this.options.sql.begin((tx) => (this.options.writeDrafts ?? writeDrafts)(tx, groups, this.accounts)));
      } catch (error) {
        const again = error instanceof IdempotencyRaceError || isRetryable(error);
        if (!again || attempt >= this.options.attemptsMax) throw error;
        await Bun.sleep(attempt * 5);
      }
    }
  }
}

/** The weight of the latest batch in the running cost per transaction (an exponential average). */
const ITEM_COST_WEIGHT = 0.3;
/** How far back completed batches count towards the writer's current rate. */
const THROUGHPUT_WINDOW_MS = 2_000;
/** Completed batches kept, at most (a ring; older ones fall out of the window anyway). */
const THROUGHPUT_SAMPLES_MAX = 256;

/** Transactions written per second over the last window, from completed batches. */
export class Throughput {
  private readonly samples: { at: number; items: number }[] = [];

  constructor(private readonly windowMs: number) {}

  record(items: number, at: number): void {
    this.samples.push({ at, items });
    if (this.samples.length > THROUGHPUT_SAMPLES_MAX) this.samples.shift();
  }

  /** Items per second in the window ending at `now`; undefined with nothing completed in it. */
  perSecond(now: number): number | undefined {
    while (this.samples.length > 0 && this.samples[0]!.at < now - this.windowMs) this.samples.shift();
    if (this.samples.length === 0) return undefined;
    const items = this.samples.reduce((n, s) => n + s.items, 0);
    return (items * 1000) / this.windowMs;
  }

  /** How long `items` would take at the current rate; undefined when the rate is unknown. */
  expectedWaitMs(items: number, now: number): number | undefined {
    const rate = this.perSecond(now);
    return rate === undefined ? undefined : (items * 1000) / rate;
  }
}
