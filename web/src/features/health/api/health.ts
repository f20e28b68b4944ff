import { queryOptions } from "@tanstack/react-query";
import type { AdminClient } from "../../../lib/api-client.ts";

export const healthKeys = {
  all: ["health"] as const,
  status: () => [...healthKeys.all, "status"] as const,
};

/** Polls while the tab is visible (TanStack pauses intervals for hidden tabs). */
export function healthQueryOptions(client: AdminClient, refetchIntervalMs: number | false) {
  return queryOptions({
    queryKey: healthKeys.status(),
    queryFn: ({ signal }) => client.getHealth({}, { signal }),
    refetchInterval: refetchIntervalMs,
    refetchIntervalInBackground: false,
    staleTime: 1_000,
  });
}
