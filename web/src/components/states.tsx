import type { ReactNode } from "react";
import { Code, describeError } from "../lib/errors.ts";
import { formatTime } from "../lib/dates.ts";

export function Loading({ label }: { label: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      Loading {label}…
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

/** The error as the server explained it; for a role that may not do something, no retry. */
export function ErrorMessage({ error, children }: { error: unknown; children?: ReactNode }) {
  const described = describeError(error);
  return (
    <div className="error-message" role="alert" data-code={Code[described.code]}>
      <strong>{described.title}:</strong> {described.message}
      {children}
    </div>
  );
}

export function ErrorState({ error, onRetry, what }: { error: unknown; onRetry?: () => void; what: string }) {
  const described = describeError(error);
  return (
    <div className="state state-error">
      <ErrorMessage error={error}>
        <span className="visually-hidden"> (while loading {what})</span>
      </ErrorMessage>
      {onRetry !== undefined && described.code !== Code.PermissionDenied && described.code !== Code.Unauthenticated ? (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

/** Data kept from an earlier answer while the latest attempt failed. */
export function StaleNotice({ updatedAt, error, onRetry }: { updatedAt: number; error: unknown; onRetry: () => void }) {
  const described = describeError(error);
  return (
    <div className="stale-notice" role="status" data-testid="stale-notice">
      <span aria-hidden="true">⚠</span> Showing data from {formatTime(new Date(updatedAt))}; refreshing failed ({described.title}: {described.message}).
      <button type="button" className="button button-small" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
