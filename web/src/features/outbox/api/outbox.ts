import { queryOptions } from "@tanstack/react-query";
import type { AdminClient } from "../../../lib/api-client.ts";

export const outboxKeys = {
  all: ["outbox"] as const,
  status: () => [...outboxKeys.all, "status"] as const,
};

export function outboxStatusQueryOptions(client: AdminClient, refetchIntervalMs: number | false) {
  return queryOptions({
    queryKey: outboxKeys.status(),
    queryFn: ({ signal }) => client.getOutboxStatus({}, { signal }),
    refetchInterval: refetchIntervalMs,
    refetchIntervalInBackground: false,
    staleTime: 1_000,
  });
}
