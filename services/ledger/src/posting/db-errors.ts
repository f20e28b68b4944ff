// The ledger's reading of Postgres errors: its custom LFxxx SQLSTATEs (raised by its triggers and
// functions) and the standard codes whose meaning is the ledger's own. Everything else is the
// shared mapping of @ledgerflow/platform/errors.
import { type DatabaseErrorRule, fromDatabaseError, type InsufficientFundsDetail, ServiceError } from "@ledgerflow/platform/errors";

export { isDatabaseUnavailable, isRetryable } from "@ledgerflow/platform/errors";

const ledgerRule: DatabaseErrorRule = (e, cause) => {
  switch (e.code) {
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
      return new ServiceError("failed_precondition", e.message, { insufficientFunds, cause });
    }
    case "LF002":
      return new ServiceError("invalid_argument", e.message, { field: "entries", cause });
    case "LF003":
    case "LF004":
    case "LF005":
    case "LF006":
      return new ServiceError("failed_precondition", e.message, { cause });
    case "22003":
      // A balance (or a running sum of entries) past numeric(38,0): the request itself was valid.
      return new ServiceError("failed_precondition", "the transaction would take an account's balance beyond 38 digits (the largest balance is 10^38 - 1 minor units)", { field: "entries", cause });
    case "55P03":
      return new ServiceError("unavailable", "the accounts are busy; retry", { cause });
  }
  // LF007 (an entry's balances-after disagree with its account) falls through to INTERNAL: the
  // writer computes them under the accounts' row locks, so a mismatch is a bug, not bad input.
  return undefined;
};

export function toLedgerError(error: unknown): ServiceError {
  return fromDatabaseError(error, ledgerRule);
}
