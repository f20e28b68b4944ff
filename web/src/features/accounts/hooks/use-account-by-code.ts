import type { AccountSummary } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { useDebouncedValue } from "../../../hooks/use-debounced-value.ts";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { useLedger } from "../../../stores/preferences.ts";
import { accountSearchQueryOptions, accountSuggestionsMax, findByCode } from "../api/accounts.ts";

/** Waits this long after typing stops before looking codes up. */
export const codeLookupDelayMs = 250;

export interface AccountLookup {
  /** The account with exactly this code, once found. */
  account: AccountSummary | undefined;
  suggestions: AccountSummary[];
  state: "idle" | "searching" | "found" | "missing" | "error";
  error: unknown;
  /** Not found, but more accounts contain the code than one look-up reads. */
  truncated?: boolean;
}

const idle: AccountLookup = { account: undefined, suggestions: [], state: "idle", error: null };

/** Looks up several account codes at once (one query per distinct code, cached and shared). */
export function useAccountLookups(codes: readonly string[]): (code: string) => AccountLookup {
  const client = useAdminClient();
  const ledger = useLedger();
  const wanted = [...new Set(codes.map((c) => c.trim()).filter((c) => c !== ""))].sort();
  const settledKey = useDebouncedValue(wanted.join("\n"), codeLookupDelayMs);
  const settled = useMemo(() => (settledKey === "" ? [] : settledKey.split("\n")), [settledKey]);
  const results = useQueries({ queries: settled.map((code) => accountSearchQueryOptions(client, ledger, code)) });
  return (raw: string) => {
    const code = raw.trim();
    if (code === "") return idle;
    const index = settled.indexOf(code);
    const query = index >= 0 ? results[index] : undefined;
    if (query === undefined) return { ...idle, state: "searching" };
    const matches = query.data?.accounts ?? [];
    const suggestions = matches.slice(0, accountSuggestionsMax);
    const account = findByCode(matches, code);
    if (account !== undefined) return { account, suggestions, state: "found", error: null };
    if (query.isPending) return { account: undefined, suggestions, state: "searching", error: null };
    if (query.isError) return { account: undefined, suggestions, state: "error", error: query.error };
    return { account: undefined, suggestions, state: "missing", error: null, truncated: (query.data?.nextPageToken ?? "") !== "" };
  };
}

export function useAccountByCode(code: string): AccountLookup {
  return useAccountLookups([code])(code);
}
