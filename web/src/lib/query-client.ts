import { QueryClient } from "@tanstack/react-query";
import { isTransient } from "./errors.ts";

export interface QueryClientOptions {
  /** Automatic retries of a failed read when the failure looks transient (unavailable, timeout). */
  retriesMax?: number;
  retryDelayMaxMs?: number;
}

export function createQueryClient(options: QueryClientOptions = {}): QueryClient {
  const retriesMax = options.retriesMax ?? 2;
  const retryDelayMaxMs = options.retryDelayMaxMs ?? 8_000;
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        gcTime: 10 * 60_000,
        // Refused, not-found and permission errors will not change by asking again; being rate
        // limited gets worse by asking again.
        retry: (failureCount, error) => isTransient(error) && failureCount < retriesMax,
        retryDelay: (attempt) => Math.min(500 * 2 ** attempt, retryDelayMaxMs),
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
