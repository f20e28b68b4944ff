import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { EmptyState, ErrorState, Loading, StaleNotice } from "./states.tsx";

export interface QueryViewProps<T> {
  query: UseQueryResult<T>;
  /** What is being loaded, for "Loading accounts…". */
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/**
 * The four states of a read: loading, failed (with retry), empty, and data — which is kept and
 * marked stale when a later refresh fails.
 */
export function QueryView<T>({ query, what, isEmpty, empty, children }: QueryViewProps<T>) {
  const retry = () => {
    void query.refetch();
  };
  if (query.data === undefined) {
    if (query.isError) return <ErrorState error={query.error} onRetry={retry} what={what} />;
    return <Loading label={what} />;
  }
  const data = query.data;
  return (
    <div className="query-view" aria-busy={query.isFetching}>
      {query.isError ? <StaleNotice updatedAt={query.dataUpdatedAt} error={query.error} onRetry={retry} /> : null}
      {isEmpty?.(data) === true ? <EmptyState>{empty ?? `No ${what}.`}</EmptyState> : children(data)}
    </div>
  );
}
