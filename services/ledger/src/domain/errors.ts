// Domain errors with a closed set of canonical codes; the RPC layer maps them to ConnectError.

export type ErrorCode = "invalid_argument" | "not_found" | "already_exists" | "failed_precondition" | "aborted" | "unavailable" | "deadline_exceeded" | "resource_exhausted" | "unauthenticated" | "permission_denied" | "internal";

export interface InsufficientFundsDetail {
  accountId: string;
  accountCode: string;
  available: string;
  requested: string;
  floor: string;
}

export class LedgerError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly insufficientFunds?: InsufficientFundsDetail;

  constructor(code: ErrorCode, message: string, extra: { field?: string; insufficientFunds?: InsufficientFundsDetail; cause?: unknown } = {}) {
    super(message, { cause: extra.cause });
    this.name = "LedgerError";
    this.code = code;
    this.field = extra.field;
    this.insufficientFunds = extra.insufficientFunds;
  }
}

export const invalid = (field: string, message: string) => new LedgerError("invalid_argument", `${field}: ${message}`, { field });
