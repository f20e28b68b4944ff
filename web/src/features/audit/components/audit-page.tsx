import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useDispatch, useSelector } from "react-redux";
import { Badge } from "../../../components/badge.tsx";
import { DateTime } from "../../../components/date-time.tsx";
import { TextField } from "../../../components/fields.tsx";
import { PageHeader } from "../../../components/page.tsx";
import { Pagination } from "../../../components/pagination.tsx";
import { QueryView } from "../../../components/query-view.tsx";
import { TableScroll } from "../../../components/table.tsx";
import { useCursorPages } from "../../../hooks/use-cursor-pages.ts";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { roleLabel, useCan } from "../../session/index.ts";
import { auditLogQueryOptions } from "../api/audit.ts";
import { auditFiltersApplied, auditFiltersCleared, initialAuditFilters, selectAuditFilters, type AuditFilters } from "../stores/audit-filters.ts";

/** Long details (a request as JSON) fold away behind their first characters. */
const DETAIL_SHOWN = 60;

export function AuditDetail({ detail }: { detail: string }) {
  if (detail.length <= DETAIL_SHOWN) return <>{detail || "—"}</>;
  return (
    <details>
      <summary>{detail.slice(0, DETAIL_SHOWN)}…</summary>
      <pre className="code-block wrap">{detail}</pre>
    </details>
  );
}

function Filters({ filters }: { filters: AuditFilters }) {
  const dispatch = useDispatch();
  const [draft, setDraft] = useState(filters);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    dispatch(auditFiltersApplied(draft));
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Audit log filters">
      <TextField label="Actor" placeholder="subject, email or name" value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />
      <TextField label="Action" placeholder="e.g. PostTransaction" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} />
      <TextField label="Target" placeholder="transaction or account id" value={draft.target} onChange={(e) => setDraft({ ...draft, target: e.target.value })} />
      <TextField label="Result" placeholder="ok, permission_denied…" value={draft.result} onChange={(e) => setDraft({ ...draft, result: e.target.value })} />
      <div className="filters-actions">
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft(initialAuditFilters);
            dispatch(auditFiltersCleared());
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}

function AuditLog() {
  const client = useAdminClient();
  const filters = useSelector(selectAuditFilters);
  const pages = useCursorPages(JSON.stringify(filters));
  const log = useQuery(auditLogQueryOptions(client, filters, pages.pageToken));
  return (
    <>
      <Filters filters={filters} />
      <QueryView query={log} what="audit entries" isEmpty={(r) => r.entries.length === 0} empty="No audit entries match.">
        {(r) => (
          <>
            <TableScroll label="Audit log" testId="audit-table">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">Role</th>
                    <th scope="col">Ledger</th>
                    <th scope="col">Action</th>
                    <th scope="col">Target</th>
                    <th scope="col">Result</th>
                    <th scope="col">Detail</th>
                    <th scope="col">From</th>
                  </tr>
                </thead>
                <tbody>
                  {r.entries.map((e) => (
                    <tr key={e.id.toString()}>
                      <td>
                        <DateTime value={e.at} />
                      </td>
                      <td className="audit-who" title={e.actorSubject}>
                        {e.actorName || e.actorEmail || e.actorSubject}
                        {e.actorEmail !== "" && e.actorName !== "" ? <div className="muted">{e.actorEmail}</div> : null}
                      </td>
                      <td>{roleLabel(e.role)}</td>
                      <td className="mono">{e.ledger || "—"}</td>
                      <td className="mono">{e.action}</td>
                      <td className="mono nowrap" title={e.target}>
                        {e.target.length > 12 ? `${e.target.slice(0, 8)}…` : e.target || "—"}
                      </td>
                      <td>
                        <Badge tone={e.result === "ok" ? "ok" : "bad"}>{e.result}</Badge>
                      </td>
                      <td className="audit-detail">
                        <AuditDetail detail={e.detail} />
                      </td>
                      <td className="mono" title={`request ${e.requestId} via ${e.authentication}`}>
                        {e.clientIp}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <Pagination pages={pages} nextPageToken={r.nextPageToken} label="Audit log" busy={log.isPlaceholderData} />
          </>
        )}
      </QueryView>
    </>
  );
}

export function AuditPage() {
  const allowed = useCan("listAuditLog");
  return (
    <>
      <PageHeader title="Audit log" description="Every state-changing call and sign-in, newest first." />
      {allowed ? <AuditLog /> : <p role="alert">Only admins can read the audit log.</p>}
    </>
  );
}
