import type { GetDeadLetterResponse } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { base64Encode } from "@bufbuild/protobuf/wire";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { DateTime } from "../../../components/date-time.tsx";
import { Facts, PageHeader, Section } from "../../../components/page.tsx";
import { QueryView } from "../../../components/query-view.tsx";
import { MapTable } from "../../../components/table.tsx";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { deadLetterQueryOptions, parseDeadLetterId } from "../api/dlq.ts";
import { DeadLetterActions } from "./dead-letter-actions.tsx";
import { DeadLetterStatusBadge } from "./dead-letter-status.tsx";

/** Pretty-prints the payload; shows it as received if it is not valid JSON after all. */
function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function Payload({ response }: { response: GetDeadLetterResponse }) {
  if (response.payloadJson !== "") {
    return (
      <pre className="code-block" data-testid="dlq-payload-json" role="region" tabIndex={0} aria-label="Decoded payload">
        {prettyJson(response.payloadJson)}
      </pre>
    );
  }
  return (
    <>
      <div className="notice notice-warn" role="note">
        <span>
          <strong>The payload does not decode</strong>
          {response.decodeError !== "" ? `: ${response.decodeError}` : "."}
        </span>
      </div>
      <p className="muted">{response.payload.length} bytes, base64:</p>
      <pre className="code-block wrap" data-testid="dlq-payload-base64" role="region" tabIndex={0} aria-label="Payload bytes in base64">
        {response.payload.length > 0 ? base64Encode(response.payload) : "(empty)"}
      </pre>
    </>
  );
}

function DeadLetterDetail({ response }: { response: GetDeadLetterResponse }) {
  const d = response.deadLetter;
  if (d === undefined) return <p>The server sent no dead letter.</p>;
  return (
    <>
      <div className="detail-actions">
        <DeadLetterStatusBadge status={d.status} testId="dlq-detail-status" />
        <DeadLetterActions deadLetter={d} />
      </div>
      <Section title="Details">
        <Facts
          items={[
            ["Event ID", <span className="mono">{d.eventId || "—"}</span>],
            ["Event type", <span className="mono">{d.eventType || "—"}</span>],
            ["Topic", <span className="mono">{d.topic}</span>],
            ["Partition / offset", `${d.partition} / ${d.offset}`],
            ["Key", <span className="mono wrap">{d.key || "—"}</span>],
            ["Attempts", String(d.attempts)],
            ["Created", <DateTime value={d.createdAt} />],
            ["Resolved", <DateTime value={d.resolvedAt} fallback="Not yet" />],
            ["Resolved by", d.resolvedBy || "—"],
          ]}
        />
      </Section>
      <Section title="Error">
        <pre className="code-block wrap error-text" data-testid="dlq-error">
          {d.error || "(no error recorded)"}
        </pre>
      </Section>
      <Section title="Headers">
        <MapTable label="Dead letter headers" entries={d.headers} />
      </Section>
      <Section title="Payload">
        <Payload response={response} />
      </Section>
    </>
  );
}

export function DeadLetterPage() {
  const params = useParams();
  const id = parseDeadLetterId(params.id);
  const client = useAdminClient();
  const query = useQuery({ ...deadLetterQueryOptions(client, id ?? 0n), enabled: id !== undefined });
  return (
    <>
      <p className="breadcrumb">
        <Link to="/dlq">← Dead letters</Link>
      </p>
      <PageHeader title={`Dead letter ${params.id ?? ""}`} />
      {id === undefined ? (
        <p role="alert">“{params.id}” is not a dead letter ID.</p>
      ) : (
        <QueryView query={query} what="the dead letter">
          {(response) => <DeadLetterDetail response={response} />}
        </QueryView>
      )}
    </>
  );
}
