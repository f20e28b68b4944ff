// The outbox as the dashboard shows it. The relay records the outbox's figures at every
// observation in events.outbox_status (the ledger's database, sql/migrations/0044): backlog,
// oldest unpublished age, events published in the last 5 s and minute, the last publish, the
// total. The projector records its own (lag, dead letters) in projector.pipeline_status (read
// database). This samples both every few seconds into a bounded history (the publish-rate chart),
// and adds the relay's breaker state from the health monitor.
import type { Sql } from "postgres";
import { pgtyped } from "@ledgerflow/platform/db";
import type { Logger } from "@ledgerflow/platform/log";
import { getPipelineStatus } from "../db/read.queries.ts";
import { getOutboxStatus } from "../db/status.queries.ts";
import type { HealthMonitor } from "./monitor.ts";

export interface OutboxSample {
  at: Date;
  publishedPerSecond: number;
  backlog: number;
}

export interface OutboxStatus {
  backlog: number;
  oldestUnpublishedAgeSeconds: number;
  publishedPerSecond: number;
  breakerState: string;
  transport: string;
  lastPublishedAt?: Date;
  publishedTotal: bigint;
  samples: OutboxSample[];
  deadLettersPending: number;
  projectorLagSeconds: number;
  projectorLagMessages: number;
  /** When the projector last wrote its figures. */
  updatedAt?: Date;
}

/** One hour of samples at the default 5 s interval. */
export const SAMPLES_MAX = 720;
const WINDOW_SECONDS = 5;

export class OutboxMonitor {
  private readonly samples: OutboxSample[] = [];
  private latest?: Omit<OutboxStatus, "samples" | "breakerState" | "transport">;
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    /** The ledger's database (events.outbox_status). */
    private readonly sql: Sql,
    private readonly readSql: Sql,
    private readonly health: HealthMonitor,
    private readonly transport: string,
    private readonly log: Logger,
  ) {}

  start(intervalMs: number): void {
    void this.sample();
    this.timer = setInterval(() => void this.sample(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async sample(): Promise<void> {
    try {
      const [[outbox], rows] = await Promise.all([getOutboxStatus.run(undefined, pgtyped(this.sql)), getPipelineStatus.run(undefined, pgtyped(this.readSql))]);
      // biome-ignore lint/suspicious/noExplicitAny: the projector's jsonb figures, read by name
      const projector = (rows.find((r) => r.component === "projector")?.figures ?? {}) as Record<string, any>;
      const publishedPerSecond = Number(outbox?.published_last_5s ?? 0n) / WINDOW_SECONDS;
      this.latest = {
        backlog: Number(outbox?.backlog ?? 0n),
        oldestUnpublishedAgeSeconds: outbox?.oldest_unpublished_age_seconds ?? 0,
        publishedPerSecond,
        lastPublishedAt: outbox?.last_published_at ?? undefined,
        publishedTotal: outbox?.published_total ?? 0n,
        deadLettersPending: Number(projector.dead_letters_pending ?? 0),
        projectorLagSeconds: Number(projector.lag_seconds ?? 0),
        projectorLagMessages: Number(projector.lag_messages ?? 0),
        updatedAt: outbox?.observed_at,
      };
      this.samples.push({ at: new Date(), publishedPerSecond, backlog: this.latest.backlog });
      if (this.samples.length > SAMPLES_MAX) this.samples.splice(0, this.samples.length - SAMPLES_MAX);
    } catch (error) {
      this.log.warn("outbox sample failed", { error });
    }
  }

  async status(): Promise<OutboxStatus> {
    if (!this.latest) await this.sample();
    const relay = (await this.health.snapshot()).find((c) => c.name === "relay");
    return {
      backlog: 0,
      oldestUnpublishedAgeSeconds: 0,
      publishedPerSecond: 0,
      publishedTotal: 0n,
      deadLettersPending: 0,
      projectorLagSeconds: 0,
      projectorLagMessages: 0,
      ...this.latest,
      breakerState: relay?.status === "down" ? "unknown" : (relay?.checks.circuit_breaker ?? "unknown"),
      transport: relay?.checks.transport ?? this.transport,
      samples: [...this.samples],
    };
  }
}
