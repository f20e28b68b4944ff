import { HealthStatus } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useQuery } from "@tanstack/react-query";
import { DateTime } from "../../../components/date-time.tsx";
import { PageHeader } from "../../../components/page.tsx";
import { QueryView } from "../../../components/query-view.tsx";
import { EmptyState } from "../../../components/states.tsx";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { useRefreshInterval } from "../../../stores/preferences.ts";
import { healthQueryOptions } from "../api/health.ts";
import { ComponentCard } from "./component-card.tsx";
import { HealthBadge, healthLabel, healthSeverity, healthTone } from "./health-badge.tsx";

export function HealthPage() {
  const client = useAdminClient();
  const interval = useRefreshInterval();
  const health = useQuery(healthQueryOptions(client, interval));
  return (
    <>
      <PageHeader title="Health" description={interval === false ? "Automatic refresh is off (see preferences)." : `Refreshes every ${interval / 1000} s while this tab is visible.`}>
        <button type="button" className="button" onClick={() => void health.refetch()} disabled={health.isFetching}>
          {health.isFetching ? "Refreshing…" : "Refresh now"}
        </button>
      </PageHeader>
      <QueryView query={health} what="health">
        {(h) => {
          const attention = h.components.filter((c) => healthSeverity(c.status) > 0).sort((a, b) => healthSeverity(b.status) - healthSeverity(a.status));
          return (
            <>
              <div className={`overall tone-${healthTone(h.overall)}`} role="status" data-testid="overall-status" data-status={healthLabel(h.overall).toLowerCase()}>
                <span className="overall-label">Overall</span>
                <HealthBadge status={h.overall} />
                <span className="overall-summary">{attention.length === 0 ? "Every component is working." : `Needs attention: ${attention.map((c) => `${c.name} (${healthLabel(c.status).toLowerCase()})`).join(", ")}.`}</span>
                <span className="muted overall-time">
                  Checked <DateTime value={h.checkedAt} />
                </span>
              </div>
              {h.components.length === 0 ? <EmptyState>No components reported.</EmptyState> : null}
              <div className="card-grid">
                {[...h.components]
                  .sort((a, b) => healthSeverity(b.status) - healthSeverity(a.status) || order(a.status) - order(b.status))
                  .map((component) => (
                    <ComponentCard key={component.name} component={component} />
                  ))}
              </div>
            </>
          );
        }}
      </QueryView>
    </>
  );
}

/** Disabled components sort last; otherwise the server's order is kept (the sort is stable). */
function order(status: HealthStatus): number {
  return status === HealthStatus.DISABLED ? 1 : 0;
}
