import { HealthStatus } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { Badge, type Tone } from "../../../components/badge.tsx";

export function healthTone(status: HealthStatus): Tone {
  switch (status) {
    case HealthStatus.HEALTHY:
      return "ok";
    case HealthStatus.DEGRADED:
      return "warn";
    case HealthStatus.DOWN:
      return "bad";
    default:
      return "neutral";
  }
}

export function healthLabel(status: HealthStatus): string {
  switch (status) {
    case HealthStatus.HEALTHY:
      return "Healthy";
    case HealthStatus.DEGRADED:
      return "Degraded";
    case HealthStatus.DOWN:
      return "Down";
    case HealthStatus.DISABLED:
      return "Disabled";
    default:
      return "Unknown";
  }
}

/** Worst first, for ordering and summaries. */
export function healthSeverity(status: HealthStatus): number {
  switch (status) {
    case HealthStatus.DOWN:
      return 3;
    case HealthStatus.DEGRADED:
      return 2;
    case HealthStatus.UNSPECIFIED:
      return 1;
    default:
      return 0;
  }
}

export function HealthBadge({ status, testId }: { status: HealthStatus; testId?: string }) {
  return (
    <Badge tone={healthTone(status)} testId={testId}>
      {healthLabel(status)}
    </Badge>
  );
}
