import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { DeadLetterStatus } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import type { AdminClient } from "../../../lib/api-client.ts";
import type { DlqFilters } from "../stores/dlq-filters.ts";

export const dlqPageSize = 50;

export const dlqKeys = {
  all: ["dlq"] as const,
  lists: () => [...dlqKeys.all, "list"] as const,
  list: (filters: DlqFilters, pageToken: string) => [...dlqKeys.lists(), { ...filters, pageToken }] as const,
  details: () => [...dlqKeys.all, "detail"] as const,
  // Ids are uint64 (bigint); keys must serialize, so they carry the decimal string.
  detail: (id: bigint) => [...dlqKeys.details(), id.toString()] as const,
};

export function deadLettersQueryOptions(client: AdminClient, filters: DlqFilters, pageToken: string) {
  return queryOptions({
    queryKey: dlqKeys.list(filters, pageToken),
    queryFn: ({ signal }) => client.listDeadLetters({ status: filters.status, eventType: filters.eventType, topic: filters.topic, pageSize: dlqPageSize, pageToken }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function deadLetterQueryOptions(client: AdminClient, id: bigint) {
  return queryOptions({
    queryKey: dlqKeys.detail(id),
    queryFn: ({ signal }) => client.getDeadLetter({ id }, { signal }),
  });
}

export function deadLetterStatusLabel(status: DeadLetterStatus): string {
  switch (status) {
    case DeadLetterStatus.PENDING:
      return "Pending";
    case DeadLetterStatus.REPLAYED:
      return "Replayed";
    case DeadLetterStatus.DISCARDED:
      return "Discarded";
    default:
      return "Unknown";
  }
}

/** "12" → 12n; undefined for anything that is not a uint64. */
export function parseDeadLetterId(text: string | undefined): bigint | undefined {
  if (text === undefined || !/^\d{1,20}$/.test(text)) return undefined;
  const id = BigInt(text);
  return id > 0n && id < 2n ** 64n ? id : undefined;
}
