import type { GetOutboxStatusResponse } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { Badge, type Tone } from "../../../components/badge.tsx";
import { DateTime } from "../../../components/date-time.tsx";
import { LineChart } from "../../../components/line-chart.tsx";
import { PageHeader, Section } from "../../../components/page.tsx";
import { QueryView } from "../../../components/query-view.tsx";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { formatDuration, toDate } from "../../../lib/dates.ts";
import { formatCount, formatRate } from "../../../lib/numbers.ts";
import { useRefreshInterval } from "../../../stores/preferences.ts";
import { outboxStatusQueryOptions } from "../api/outbox.ts";

/** Oldest unpublished event older than this is worth a look (the relay normally keeps up in ms). */
const oldestAgeWarnSeconds = 30;
const projectorLagWarnSeconds = 30;

function breakerTone(state: string): Tone {
  switch (state) {
    case "closed":
      return "ok";
    case "half_open":
      return "warn";
    case "open":
      return "bad";
    default:
      return "neutral";
  }
}

function breakerLabel(state: string): string {
  switch (state) {
    case "closed":
      return "Closed (publishing)";
    case "half_open":
      return "Half open (probing)";
    case "open":
      return "Open (not publishing)";
    default:
      return state === "" ? "Unknown" : state.charAt(0).toUpperCase() + state.slice(1);
  }
}

function Tile({ label, value, tone, testId, children }: { label: string; value: ReactNode; tone?: Tone; testId?: string; children?: ReactNode }) {
  return (
    <div className={`tile${tone !== undefined ? ` tone-${tone}` : ""}`} data-testid={testId}>
      <div className="tile-label">{label}</div>
      <div className="tile-value">{value}</div>
      {children !== undefined ? <div className="tile-extra">{children}</div> : null}
    </div>
  );
}

function OutboxStatus({ status }: { status: GetOutboxStatusResponse }) {
  const ageTone: Tone = status.backlog === 0n ? "ok" : status.oldestUnpublishedAgeSeconds > oldestAgeWarnSeconds ? "warn" : "ok";
  const lagTone: Tone = status.projectorLagSeconds > projectorLagWarnSeconds ? "warn" : "ok";
  const samples = status.samples.flatMap((s) => {
    const at = toDate(s.at);
    return at === undefined ? [] : [{ at, rate: s.publishedPerSecond, backlog: s.backlog }];
  });
  return (
    <>
      <div className="tiles">
        <Tile label="Backlog" value={`${formatCount(status.backlog)} events`} tone={status.backlog === 0n ? "ok" : undefined} testId="outbox-backlog" />
        <Tile label="Oldest unpublished" value={status.backlog === 0n ? "None waiting" : formatDuration(status.oldestUnpublishedAgeSeconds)} tone={ageTone} testId="outbox-oldest-age" />
        <Tile label="Publishing now" value={formatRate(status.publishedPerSecond)} testId="outbox-rate">
          {formatCount(status.publishedTotal)} published in total
        </Tile>
        <Tile label="Breaker" value={<Badge tone={breakerTone(status.breakerState)}>{breakerLabel(status.breakerState)}</Badge>} testId="outbox-breaker" />
        <Tile label="Transport" value={status.transport === "postgres" ? "Embedded Postgres log" : status.transport === "kafka" ? "Kafka" : status.transport || "—"} />
        <Tile label="Last published" value={<DateTime value={status.lastPublishedAt} fallback="Never" />} />
        <Tile label="Dead letters pending" value={formatCount(status.deadLettersPending)} tone={status.deadLettersPending > 0n ? "bad" : "ok"} testId="outbox-dead-letters">
          <Link to="/dlq">Open dead letters</Link>
        </Tile>
        <Tile label="Projector lag" value={formatDuration(status.projectorLagSeconds)} tone={lagTone} testId="outbox-projector-lag">
          {formatCount(status.projectorLagMessages)} messages behind
        </Tile>
      </div>
      <Section title="Publish rate">
        <LineChart
          title="Events published per second"
          testId="outbox-rate-chart"
          includeZero
          series={[{ label: "Published/s", color: "var(--chart-1)", points: samples.map((s) => ({ at: s.at, value: s.rate })) }]}
          formatValue={(v) => formatRate(v)}
        />
      </Section>
      <Section title="Backlog over time">
        <LineChart
          title="Unpublished outbox rows"
          testId="outbox-backlog-chart"
          includeZero
          series={[{ label: "Backlog", color: "var(--chart-2)", dashed: true, points: samples.map((s) => ({ at: s.at, value: s.backlog })) }]}
          formatValue={(v) => formatCount(v)}
        />
      </Section>
    </>
  );
}

export function OutboxPage() {
  const client = useAdminClient();
  const interval = useRefreshInterval();
  const status = useQuery(outboxStatusQueryOptions(client, interval));
  return (
    <>
      <PageHeader title="Outbox" description="The relay that publishes every change to the books as an event.">
        <button type="button" className="button" onClick={() => void status.refetch()} disabled={status.isFetching}>
          {status.isFetching ? "Refreshing…" : "Refresh now"}
        </button>
      </PageHeader>
      <QueryView query={status} what="outbox status">
        {(s) => <OutboxStatus status={s} />}
      </QueryView>
    </>
  );
}
