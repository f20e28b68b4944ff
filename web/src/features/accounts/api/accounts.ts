import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { AccountSummary } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import type { AdminClient } from "../../../lib/api-client.ts";
import { toTimestamp } from "../../../lib/dates.ts";
import type { AccountsFilters } from "../stores/accounts-filters.ts";

export const accountsPageSize = 50;
export const entriesPageSize = 25;
export const holdsPageSize = 25;
/** Suggestions offered while typing an account code. */
export const accountSuggestionsMax = 20;
/**
 * Accounts read per code look-up. The API matches codes containing the text, so the exact code
 * is looked for among this many matches (the API's largest page).
 */
export const accountLookupPageSize = 200;
export const balanceHistoryPoints = 60;

export type HistoryRange = "all" | "24h" | "7d" | "30d";

const rangeMs: Record<Exclude<HistoryRange, "all">, number> = {
  "24h": 24 * 3600_000,
  "7d": 7 * 24 * 3600_000,
  "30d": 30 * 24 * 3600_000,
};

export const accountKeys = {
  all: ["accounts"] as const,
  lists: () => [...accountKeys.all, "list"] as const,
  list: (ledger: string, filters: AccountsFilters, pageToken: string) => [...accountKeys.lists(), { ledger, ...filters, pageToken }] as const,
  searches: () => [...accountKeys.all, "search"] as const,
  search: (ledger: string, query: string) => [...accountKeys.searches(), ledger, query] as const,
  details: () => [...accountKeys.all, "detail"] as const,
  detail: (ledger: string, id: string) => [...accountKeys.details(), ledger, id] as const,
  history: (ledger: string, id: string, range: HistoryRange) => [...accountKeys.detail(ledger, id), "history", range] as const,
  entries: (ledger: string, id: string, pageToken: string) => [...accountKeys.detail(ledger, id), "entries", pageToken] as const,
  holds: (ledger: string, id: string, pageToken: string) => [...accountKeys.detail(ledger, id), "holds", pageToken] as const,
};

export function accountsQueryOptions(client: AdminClient, ledger: string, filters: AccountsFilters, pageToken: string) {
  return queryOptions({
    queryKey: accountKeys.list(ledger, filters, pageToken),
    queryFn: ({ signal }) => client.listAccounts({ ledger, query: filters.query, currency: filters.currency, pageSize: accountsPageSize, pageToken }, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Accounts whose code contains `query`: suggestions while typing, and the exact match if any. */
export function accountSearchQueryOptions(client: AdminClient, ledger: string, query: string) {
  return queryOptions({
    queryKey: accountKeys.search(ledger, query),
    queryFn: ({ signal }) => client.listAccounts({ ledger, query, pageSize: accountLookupPageSize }, { signal }),
    staleTime: 30_000,
    enabled: query !== "",
  });
}

export function findByCode(accounts: readonly AccountSummary[] | undefined, code: string): AccountSummary | undefined {
  return accounts?.find((a) => a.code === code);
}

export function accountQueryOptions(client: AdminClient, ledger: string, id: string) {
  return queryOptions({
    queryKey: accountKeys.detail(ledger, id),
    queryFn: ({ signal }) => client.getAccount({ ledger, accountId: id }, { signal }),
  });
}

export function balanceHistoryQueryOptions(client: AdminClient, ledger: string, id: string, range: HistoryRange) {
  return queryOptions({
    queryKey: accountKeys.history(ledger, id, range),
    queryFn: ({ signal }) =>
      client.getBalanceHistory(
        {
          ledger,
          accountId: id,
          // "From" is computed when the request goes out, so a refetch moves the window along.
          from: range === "all" ? undefined : toTimestamp(new Date(Date.now() - rangeMs[range])),
          points: balanceHistoryPoints,
        },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function accountEntriesQueryOptions(client: AdminClient, ledger: string, id: string, pageToken: string) {
  return queryOptions({
    queryKey: accountKeys.entries(ledger, id, pageToken),
    queryFn: ({ signal }) => client.listAccountEntries({ ledger, accountId: id, pageSize: entriesPageSize, pageToken }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function accountHoldsQueryOptions(client: AdminClient, ledger: string, id: string, pageToken: string) {
  return queryOptions({
    queryKey: accountKeys.holds(ledger, id, pageToken),
    queryFn: ({ signal }) => client.listAccountHolds({ ledger, accountId: id, pageSize: holdsPageSize, pageToken }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function normalBalanceLabel(normal: NormalBalance): string {
  return normal === NormalBalance.DEBIT ? "Debit" : normal === NormalBalance.CREDIT ? "Credit" : "Unknown";
}
