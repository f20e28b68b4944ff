import { queryOptions } from "@tanstack/react-query";
import type { AdminClient } from "../../../lib/api-client.ts";

export type VolumeRange = 7 | 30 | 90;
export const volumeRanges: VolumeRange[] = [7, 30, 90];

export const volumeKeys = {
  all: ["volumes"] as const,
  ledger: (ledger: string, days: VolumeRange) => [...volumeKeys.all, ledger, days] as const,
};

/** Posted volume and transaction count per day and currency (the read model's daily volumes). */
export function transactionVolumesQueryOptions(client: AdminClient, ledger: string, days: VolumeRange) {
  return queryOptions({
    queryKey: volumeKeys.ledger(ledger, days),
    queryFn: ({ signal }) => client.getTransactionVolumes({ ledger, days }, { signal }),
    staleTime: 30_000,
  });
}
