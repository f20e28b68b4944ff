import type { MessageInitShape } from "@bufbuild/protobuf";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { SearchTransactionsRequestSchema } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import type { AdminClient } from "../../../lib/api-client.ts";
import { fromLocalInputValue, toTimestamp } from "../../../lib/dates.ts";
import { parseMetadataQuery } from "../../../lib/metadata.ts";
import { parseDecimalToMinor } from "../../../lib/money.ts";
import type { TransactionsFilters } from "../stores/transactions-filters.ts";

export const transactionsPageSize = 50;

export type SearchRequest = MessageInitShape<typeof SearchTransactionsRequestSchema>;

export const transactionKeys = {
  all: ["transactions"] as const,
  searches: () => [...transactionKeys.all, "search"] as const,
  search: (ledger: string, filters: TransactionsFilters, pageToken: string) => [...transactionKeys.searches(), { ledger, ...filters, pageToken }] as const,
  details: () => [...transactionKeys.all, "detail"] as const,
  detail: (ledger: string, id: string) => [...transactionKeys.details(), ledger, id] as const,
};

export type BuiltSearch = { ok: true; request: SearchRequest } | { ok: false; error: string };

function amountBound(text: string, currency: string, scaleOf: (code: string) => number | undefined, label: string): { ok: true; value: string } | { ok: false; error: string } {
  if (text.trim() === "") return { ok: true, value: "" };
  const scale = currency === "" ? 0 : scaleOf(currency);
  if (scale === undefined) return { ok: false, error: `The scale of ${currency} is not known yet.` };
  const parsed = parseDecimalToMinor(text, scale, { allowZero: true });
  return parsed.ok ? { ok: true, value: parsed.minor.toString() } : { ok: false, error: `${label}: ${parsed.error}` };
}

/** Turns the filters as typed into a request, or says what is wrong with them. */
export function buildSearchRequest(ledger: string, filters: TransactionsFilters, scaleOf: (code: string) => number | undefined): BuiltSearch {
  const after = fromLocalInputValue(filters.createdAfter);
  const before = fromLocalInputValue(filters.createdBefore);
  if (filters.createdAfter !== "" && after === undefined) return { ok: false, error: "“Created after” is not a valid date." };
  if (filters.createdBefore !== "" && before === undefined) return { ok: false, error: "“Created before” is not a valid date." };
  if (after !== undefined && before !== undefined && after > before) return { ok: false, error: "“Created after” is later than “created before”." };
  const min = amountBound(filters.minAmount, filters.amountCurrency, scaleOf, "Minimum");
  if (!min.ok) return min;
  const max = amountBound(filters.maxAmount, filters.amountCurrency, scaleOf, "Maximum");
  if (!max.ok) return max;
  if (min.value !== "" && max.value !== "" && BigInt(min.value) > BigInt(max.value)) return { ok: false, error: "The minimum amount is above the maximum." };
  const metadata = parseMetadataQuery(filters.metadata);
  if (!metadata.ok) return metadata;
  return {
    ok: true,
    request: {
      ledger,
      accountId: filters.accountId,
      createdAfter: after === undefined ? undefined : toTimestamp(after),
      createdBefore: before === undefined ? undefined : toTimestamp(before),
      metadata: metadata.values,
      minAmount: min.value,
      maxAmount: max.value,
      status: filters.status,
      type: filters.type,
      query: filters.query.trim(),
    },
  };
}

export function searchTransactionsQueryOptions(client: AdminClient, ledger: string, filters: TransactionsFilters, request: SearchRequest, pageToken: string) {
  return queryOptions({
    queryKey: transactionKeys.search(ledger, filters, pageToken),
    queryFn: ({ signal }) => client.searchTransactions({ ...request, pageSize: transactionsPageSize, pageToken }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function transactionQueryOptions(client: AdminClient, ledger: string, id: string) {
  return queryOptions({
    queryKey: transactionKeys.detail(ledger, id),
    queryFn: ({ signal }) => client.getTransaction({ ledger, transactionId: id }, { signal }),
  });
}
