import type { ComponentHealth } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useId, type ReactNode } from "react";
import { DateTime } from "../../../components/date-time.tsx";
import { Facts } from "../../../components/page.tsx";
import { formatDuration } from "../../../lib/dates.ts";
import { formatCount, formatLatency, formatRate, formatRatio } from "../../../lib/numbers.ts";
import { HealthBadge, healthLabel, healthTone } from "./health-badge.tsx";

const passingCheckValues = new Set(["ok", "pass", "passed", "up", "healthy", "ready", "true", "closed"]);
const failingCheck = /unreachable|refused|fail|error|timeout|timed out|open|down|not ready|false/i;

/** A check passes, fails, or is a figure (a count, a limit) that is neither. */
export function checkState(value: string): "pass" | "fail" | "info" {
  const v = value.trim().toLowerCase();
  if (passingCheckValues.has(v)) return "pass";
  if (failingCheck.test(v)) return "fail";
  return "info";
}

const CHECK_MARK = { pass: "✓", fail: "✕", info: "•" } as const;
const CHECK_TEXT = { pass: " (passing)", fail: " (failing)", info: "" } as const;

function CheckList({ checks }: { checks: Record<string, string> }) {
  const entries = Object.entries(checks).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="muted">No readiness checks reported.</p>;
  return (
    <ul className="checks">
      {entries.map(([name, value]) => {
        const state = checkState(value);
        return (
          <li key={name} className={`check-${state}`}>
            <span aria-hidden="true">{CHECK_MARK[state]}</span> <span className="mono">{name}</span>: {value}
            <span className="visually-hidden">{CHECK_TEXT[state]}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** Only the figures the component reports; "—" rows for what it never measures would be noise. */
function figures(component: ComponentHealth): Array<[string, ReactNode]> {
  const rows: Array<[string, ReactNode]> = [];
  if (component.requestRatePerSecond !== undefined) rows.push(["Requests", formatRate(component.requestRatePerSecond)]);
  if (component.errorRatio !== undefined) rows.push(["Errors", formatRatio(component.errorRatio)]);
  if (component.p99LatencySeconds !== undefined) rows.push(["p99 latency", formatLatency(component.p99LatencySeconds)]);
  if (component.consumerLagMessages !== undefined) rows.push(["Consumer lag", `${formatCount(component.consumerLagMessages)} messages`]);
  return rows;
}

export function ComponentCard({ component }: { component: ComponentHealth }) {
  const headingId = useId();
  const tone = healthTone(component.status);
  return (
    <article className={`component-card tone-${tone}`} aria-labelledby={headingId} data-testid={`component-${component.name}`} data-status={healthLabel(component.status).toLowerCase()}>
      <header className="component-card-header">
        <h2 id={headingId}>{component.name}</h2>
        <HealthBadge status={component.status} testId={`component-status-${component.name}`} />
      </header>
      {component.detail !== "" ? <p className="component-detail">{component.detail}</p> : null}
      <Facts compact items={[["Version", component.version || "—"], ["Uptime", component.uptimeSeconds > 0 ? formatDuration(component.uptimeSeconds) : "—"], ...figures(component), ["Checked", <DateTime value={component.checkedAt} />]]} />
      {component.endpoint !== "" ? <p className="muted mono wrap component-endpoint">{component.endpoint}</p> : null}
      <h3 className="subheading">Checks</h3>
      <CheckList checks={component.checks} />
    </article>
  );
}
