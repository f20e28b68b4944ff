// One mapping from Postgres errors (our custom LFxxx SQLSTATEs and standard ones) to domain errors.
import { BreakerOpenError } from "@ledgerflow/platform/resilience";
import { LedgerError, type InsufficientFundsDetail } from "../domain/errors.ts";

interface PgError {
  code?: string;
  message?: string;
  detail?: string;
  constraint_name?: string;
  errno?: string;
}

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT", "ENOTFOUND"]);

/** Errors that say the database itself is unreachable or unhealthy (these trip the breaker). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as PgError;
  if (!e || typeof e !== "object") return false;
  if (e.code && CONNECTION_CODES.has(e.code)) return true;
  if (e.errno && CONNECTION_CODES.has(e.errno)) return true;
  // Class 08 connection exceptions, 57P0x shutdown, 53xxx insufficient resources.
  return typeof e.code === "string" && (/^08/.test(e.code) || /^57P0/.test(e.code) || /^53/.test(e.code));
}

export function isRetryable(error: unknown): boolean {
  const code = (error as PgError)?.code;
  return code === "40001" || code === "40P01";
}

export function toLedgerError(error: unknown): LedgerError {
  if (error instanceof LedgerError) return error;
  // The database's breaker is open: the same "come back later" as the database being down (the
  // commit, void and reversal paths used to answer INTERNAL here).
  if (error instanceof BreakerOpenError) return new LedgerError("unavailable", error.message, { cause: error });
  const e = error as PgError;
  const message = e?.message ?? String(error);
  switch (e?.code) {
    case "LF001": {
      let detail: Record<string, string> = {};
      try {
        detail = JSON.parse(e.detail ?? "{}");
      } catch {
        detail = {};
      }
      const insufficientFunds: InsufficientFundsDetail = {
        accountId: detail.account_id ?? "",
        accountCode: detail.account_code ?? "",
        available: detail.available ?? "",
        requested: detail.requested ?? "",
        floor: detail.floor ?? "",
      };
      return new LedgerError("failed_precondition", message, { insufficientFunds, cause: error });
    }
    case "LF002":
      return new LedgerError("invalid_argument", message, { field: "entries", cause: error });
    case "LF003":
    case "LF004":
    case "LF005":
    case "LF006":
      return new LedgerError("failed_precondition", message, { cause: error });
    case "23505":
      return new LedgerError("already_exists", message, { cause: error });
    case "23503":
      return new LedgerError("not_found", message, { cause: error });
    case "22003":
      // A balance (or a running sum of entries) past numeric(38,0): the request itself was valid.
      return new LedgerError("failed_precondition", "the transaction would take an account's balance beyond 38 digits (the largest balance is 10^38 - 1 minor units)", { field: "entries", cause: error });
    case "23514":
    case "22P02":
    case "22001":
      return new LedgerError("invalid_argument", message, { cause: error });
    case "57014":
      return new LedgerError("deadline_exceeded", "the database did not answer in time", { cause: error });
    case "55P03":
      return new LedgerError("unavailable", "the accounts are busy; retry", { cause: error });
  }
  // LF007 (an entry's balances-after disagree with its account) falls through to INTERNAL: the
  // writer computes them under the accounts' row locks, so a mismatch is a bug, not bad input.
  if (isDatabaseUnavailable(error)) return new LedgerError("unavailable", "the database is unavailable; retry later", { cause: error });
  if (isRetryable(error)) return new LedgerError("aborted", "conflict with a concurrent transaction; retry", { cause: error });
  return new LedgerError("internal", "internal error", { cause: error });
}
