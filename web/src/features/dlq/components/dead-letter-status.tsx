import { DeadLetterStatus } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { Badge } from "../../../components/badge.tsx";
import { deadLetterStatusLabel } from "../api/dlq.ts";

export function DeadLetterStatusBadge({ status, testId }: { status: DeadLetterStatus; testId?: string }) {
  const tone = status === DeadLetterStatus.PENDING ? "bad" : status === DeadLetterStatus.REPLAYED ? "ok" : "neutral";
  return (
    <Badge tone={tone} testId={testId}>
      {deadLetterStatusLabel(status)}
    </Badge>
  );
}
