// Billing's errors: a closed set of canonical codes (mapped to Connect codes in one place), the
// field a bad request named, and the raw cause for the logs (never sent to clients).

export type ErrorCode = "invalid_argument" | "not_found" | "already_exists" | "failed_precondition" | "unavailable" | "deadline_exceeded" | "unauthenticated" | "internal";

export class BillingError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;

  constructor(code: ErrorCode, message: string, extra: { field?: string; cause?: unknown } = {}) {
    super(message, { cause: extra.cause });
    this.name = "BillingError";
    this.code = code;
    this.field = extra.field;
  }
}

/** A bad request field: the message starts with the field's name. */
export const invalid = (field: string, message: string) => new BillingError("invalid_argument", `${field}: ${message}`, { field });
export const notFound = (message: string) => new BillingError("not_found", message);
export const precondition = (message: string) => new BillingError("failed_precondition", message);
