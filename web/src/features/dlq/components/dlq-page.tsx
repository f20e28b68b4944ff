import { DeadLetterStatus, type DeadLetter } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useDispatch, useSelector } from "react-redux";
import { Link } from "react-router";
import { DateTime } from "../../../components/date-time.tsx";
import { SelectField, TextField } from "../../../components/fields.tsx";
import { PageHeader } from "../../../components/page.tsx";
import { Pagination } from "../../../components/pagination.tsx";
import { QueryView } from "../../../components/query-view.tsx";
import { TableScroll } from "../../../components/table.tsx";
import { useCursorPages } from "../../../hooks/use-cursor-pages.ts";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { deadLettersQueryOptions, deadLetterStatusLabel } from "../api/dlq.ts";
import { dlqFiltersApplied, dlqFiltersCleared, selectDlqFilters, type DlqFilters } from "../stores/dlq-filters.ts";
import { DeadLetterActions } from "./dead-letter-actions.tsx";
import { DeadLetterStatusBadge } from "./dead-letter-status.tsx";

const statusOptions = [
  { value: String(DeadLetterStatus.UNSPECIFIED), label: "Any status" },
  ...[DeadLetterStatus.PENDING, DeadLetterStatus.REPLAYED, DeadLetterStatus.DISCARDED].map((s) => ({ value: String(s), label: deadLetterStatusLabel(s) })),
];

function FiltersForm({ filters }: { filters: DlqFilters }) {
  const dispatch = useDispatch();
  const [draft, setDraft] = useState(filters);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    dispatch(dlqFiltersApplied(draft));
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Dead letter filters">
      <SelectField
        label="Status"
        value={String(draft.status)}
        options={statusOptions}
        onChange={(e) => {
          const next = { ...draft, status: Number(e.target.value) as DeadLetterStatus };
          setDraft(next);
          dispatch(dlqFiltersApplied(next));
        }}
      />
      <TextField label="Event type" placeholder="ledgerflow.events.v1.TransactionPosted" value={draft.eventType} onChange={(e) => setDraft({ ...draft, eventType: e.target.value })} />
      <TextField label="Topic" placeholder="ledgerflow.ledger.transactions.v1" value={draft.topic} onChange={(e) => setDraft({ ...draft, topic: e.target.value })} />
      <div className="filters-actions">
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            dispatch(dlqFiltersCleared());
            setDraft({ status: DeadLetterStatus.UNSPECIFIED, eventType: "", topic: "" });
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}

/** "ledgerflow.events.v1.TransactionPosted" → "TransactionPosted" (the full name is on hover). */
function shortEventType(type: string): string {
  if (type === "") return "—";
  return type.slice(type.lastIndexOf(".") + 1);
}

function DeadLetterRow({ deadLetter }: { deadLetter: DeadLetter }) {
  const id = deadLetter.id.toString();
  return (
    <tr data-testid={`dlq-row-${id}`}>
      <td>
        <Link to={`/dlq/${id}`} aria-label={`Dead letter ${id}`}>
          #{id}
        </Link>
      </td>
      <td>
        <DateTime value={deadLetter.createdAt} />
      </td>
      <td className="mono nowrap" title={deadLetter.eventType}>
        {shortEventType(deadLetter.eventType)}
      </td>
      <td className="mono nowrap">
        {deadLetter.topic}
        <span className="muted">
          {" "}
          p{deadLetter.partition} @{deadLetter.offset}
        </span>
      </td>
      <td className="num">{deadLetter.attempts}</td>
      <td>
        <DeadLetterStatusBadge status={deadLetter.status} testId={`dlq-status-${id}`} />
      </td>
      <td className="error-cell" title={deadLetter.error}>
        {deadLetter.error}
      </td>
      <td>
        <DeadLetterActions deadLetter={deadLetter} />
      </td>
    </tr>
  );
}

export function DlqPage() {
  const client = useAdminClient();
  const filters = useSelector(selectDlqFilters);
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useQuery(deadLettersQueryOptions(client, filters, pages.pageToken));
  return (
    <>
      <PageHeader title="Dead letters" description="Events the projector could not apply. Replay them once the cause is fixed, or discard them." />
      <FiltersForm filters={filters} />
      <QueryView query={list} what="dead letters" isEmpty={(r) => r.deadLetters.length === 0} empty="No dead letters match these filters.">
        {(r) => (
          <>
            <TableScroll label="Dead letters" testId="dlq-table">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">ID</th>
                    <th scope="col">Created</th>
                    <th scope="col">Event type</th>
                    <th scope="col">Topic</th>
                    <th scope="col" className="num">
                      Attempts
                    </th>
                    <th scope="col">Status</th>
                    <th scope="col">Error</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {r.deadLetters.map((d) => (
                    <DeadLetterRow key={d.id.toString()} deadLetter={d} />
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <Pagination pages={pages} nextPageToken={r.nextPageToken} label="Dead letters" busy={list.isPlaceholderData} />
          </>
        )}
      </QueryView>
    </>
  );
}
