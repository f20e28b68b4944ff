// The outbox as the dashboard shows it. The projector records the pipeline's figures every
// second in projector.pipeline_status (read database): backlog, oldest unpublished age, events
// published in the last 5 s and minute, the last publish. This samples them every few seconds
// into a bounded history (the publish-rate chart), and adds the relay's breaker state from the
// health monitor.
import type { Sql } from "postgres";
import { pgtyped } from "@ledgerflow/platform/db";
import type { Logger } from "@ledgerflow/platform/log";
import { getPipelineStatus } from "../db/read.queries.ts";
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
      const rows = await getPipelineStatus.run(undefined, pgtyped(this.readSql));
      // biome-ignore lint/suspicious/noExplicitAny: a jsonb column of figures, read by name
      const by = new Map(rows.map((r) => [r.component, { figures: r.figures as Record<string, any>, updatedAt: r.updated_at }]));
      const outbox = by.get("outbox")?.figures ?? {};
      const projector = by.get("projector")?.figures ?? {};
      const publishedPerSecond = Number(outbox.published_last_5s ?? 0) / WINDOW_SECONDS;
      this.latest = {
        backlog: Number(outbox.backlog ?? 0),
        oldestUnpublishedAgeSeconds: Number(outbox.oldest_age_seconds ?? 0),
        publishedPerSecond,
        lastPublishedAt: outbox.last_published_at ? new Date(outbox.last_published_at) : undefined,
        publishedTotal: BigInt(outbox.published_total ?? 0),
        deadLettersPending: Number(projector.dead_letters_pending ?? 0),
        projectorLagSeconds: Number(projector.lag_seconds ?? 0),
        projectorLagMessages: Number(projector.lag_messages ?? 0),
        updatedAt: by.get("outbox")?.updatedAt,
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
