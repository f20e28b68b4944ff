import { queryOptions } from "@tanstack/react-query";
import type { AdminClient } from "../../../lib/api-client.ts";

export const currencyKeys = {
  all: ["currencies"] as const,
  list: () => [...currencyKeys.all, "list"] as const,
};

/** Currencies change rarely (a migration adds one); read once per ten minutes at most. */
export function currenciesQueryOptions(client: AdminClient) {
  return queryOptions({
    queryKey: currencyKeys.list(),
    queryFn: ({ signal }) => client.listCurrencies({}, { signal }),
    staleTime: 10 * 60_000,
  });
}
