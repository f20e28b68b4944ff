// Checks the hash chains periodically and publishes the result as metrics: each check continues
// from the position the last one verified (so it hashes only what was written since), and every
// `fullIntervalMs` a check starts again from each chain's first link. A break keeps being
// reported: the next check starts before it again and finds it again.
import type { Sql } from "postgres";
import type { Logger } from "@ledgerflow/platform/log";
import type { LedgerMetrics } from "../metrics.ts";
import { type ChainVerdict, describeVerdict, verifyChains } from "./verify.ts";

export interface ChainMonitorOptions {
  sql: Sql;
  metrics: LedgerMetrics;
  log: Logger;
  /** Between the end of one check and the start of the next. */
  intervalMs: number;
  /** Between full checks (from each chain's first link). */
  fullIntervalMs: number;
}

export class ChainMonitor {
  private readonly verified = new Map<string, bigint>();
  /** Per ledger, the break last logged (logged again only when it changes). */
  private readonly reported = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<unknown> | undefined;
  /** The last check asked for (checks run one after another). */
  private queue: Promise<unknown> = Promise.resolve();
  private lastFullMs = Number.NEGATIVE_INFINITY;
  private stopped = false;

  constructor(private readonly o: ChainMonitorOptions) {
    if (!(o.intervalMs > 0) || !(o.fullIntervalMs >= o.intervalMs)) throw new Error("ChainMonitor: intervalMs > 0 and fullIntervalMs >= intervalMs are required");
  }

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /**
   * One check: incremental, or from every chain's first link with `full`. Checks run one at a
   * time, in the order asked (a check asked while another runs waits for it): an incremental
   * check started before a full one must not finish after it and clear the break it found.
   */
  check(full = false): Promise<ChainVerdict[]> {
    const run = this.queue.then(() => this.checkNow(full));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async checkNow(full: boolean): Promise<ChainVerdict[]> {
    const startedMs = Date.now();
    const verdicts = await verifyChains(this.o.sql, { from: full ? undefined : this.verified });
    for (const v of verdicts) {
      this.o.metrics.chainBrokenLinks.set({ ledger: v.ledger }, v.broken ? 1 : 0);
      this.o.metrics.chainVerifiedPosition.set({ ledger: v.ledger }, Number(v.verifiedThrough));
      // After a break, the next check starts before it again (and finds it again).
      this.verified.set(v.ledger, v.verifiedThrough);
      const line = v.broken ? describeVerdict(v) : "";
      if (line !== "" && this.reported.get(v.ledger) !== line) {
        this.o.log.error("hash chain broken", { ledger: v.ledger, line, transaction_id: v.broken?.transactionId, position: v.broken?.position?.toString() });
      }
      this.reported.set(v.ledger, line);
    }
    if (full) this.lastFullMs = startedMs;
    this.o.metrics.chainLastVerified.set(Date.now() / 1000);
    return verdicts;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const full = Date.now() - this.lastFullMs >= this.o.fullIntervalMs;
      this.running = this.check(full)
        .catch((error) => {
          this.o.metrics.chainVerifyFailures.inc();
          this.o.log.warn("hash chain check failed", { error: (error as Error).message });
        })
        .finally(() => this.schedule(this.o.intervalMs));
    }, delayMs);
  }
}
