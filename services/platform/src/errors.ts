// @ledgerflow/platform/errors: the one error type of the services, its closed set of codes, and the
// one mapping of those codes to Connect codes and HTTP statuses, and of Postgres errors to them.
// A service adds only what is its own: its custom SQLSTATEs (raised by its triggers) and the
// domain of its ErrorInfo (docs/errors.md). Raw causes stay on the error for the logs and are
// never sent to clients.
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { FieldViolationSchema, InsufficientFundsSchema } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { BreakerOpenError } from "./resilience/breaker.ts";
import { codeName, type OutgoingDetail, standardDetails } from "./rpc/error-details.ts";

export type ErrorCode = "invalid_argument" | "not_found" | "already_exists" | "failed_precondition" | "aborted" | "unavailable" | "deadline_exceeded" | "resource_exhausted" | "unauthenticated" | "permission_denied" | "internal";

/** What an overdraft refusal tells the caller, as decimal strings in minor units. */
export interface InsufficientFundsDetail {
  accountId: string;
  accountCode: string;
  available: string;
  requested: string;
  floor: string;
}

export interface ServiceErrorExtra {
  /** The request field at fault, in the proto's path syntax ("entries[1].amount"). */
  field?: string;
  insufficientFunds?: InsufficientFundsDetail;
  cause?: unknown;
}

export class ServiceError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly insufficientFunds?: InsufficientFundsDetail;

  constructor(code: ErrorCode, message: string, extra: ServiceErrorExtra = {}) {
    super(message, { cause: extra.cause });
    this.name = "ServiceError";
    this.code = code;
    this.field = extra.field;
    this.insufficientFunds = extra.insufficientFunds;
  }
}

/** A bad request field: the message starts with the field's name. */
export const invalid = (field: string, message: string) => new ServiceError("invalid_argument", `${field}: ${message}`, { field });
export const notFound = (message: string) => new ServiceError("not_found", message);
export const precondition = (message: string) => new ServiceError("failed_precondition", message);

export const CONNECT_CODES: Readonly<Record<ErrorCode, Code>> = {
  invalid_argument: Code.InvalidArgument,
  not_found: Code.NotFound,
  already_exists: Code.AlreadyExists,
  failed_precondition: Code.FailedPrecondition,
  aborted: Code.Aborted,
  unavailable: Code.Unavailable,
  deadline_exceeded: Code.DeadlineExceeded,
  resource_exhausted: Code.ResourceExhausted,
  unauthenticated: Code.Unauthenticated,
  permission_denied: Code.PermissionDenied,
  internal: Code.Internal,
};

/**
 * The HTTP status of a code on the REST routes. Connect's own protocol answers 400 for
 * FAILED_PRECONDITION; REST says 422 (the request was understood, the state refused it).
 */
const HTTP_STATUSES: Readonly<Partial<Record<Code, number>>> = {
  [Code.InvalidArgument]: 400,
  [Code.Unauthenticated]: 401,
  [Code.PermissionDenied]: 403,
  [Code.NotFound]: 404,
  [Code.AlreadyExists]: 409,
  [Code.Aborted]: 409,
  [Code.FailedPrecondition]: 422,
  [Code.ResourceExhausted]: 429,
  [Code.Canceled]: 499,
  [Code.Unimplemented]: 501,
  [Code.Unavailable]: 503,
  [Code.DeadlineExceeded]: 504,
};

export function httpStatus(code: Code): number {
  return HTTP_STATUSES[code] ?? 500;
}

/** The code as the REST error bodies spell it: Code.FailedPrecondition → "failed_precondition". */
export function restCode(code: Code): string {
  return Code[code] === undefined ? "unknown" : codeName(code).toLowerCase();
}

// Postgres errors. The client reports a lost connection in `code` or `errno`.
interface PgError {
  code?: unknown;
  errno?: unknown;
  message?: string;
  detail?: string;
  constraint_name?: string;
}

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT", "ENOTFOUND"]);

/** The database could not be reached, or is shutting down or out of resources (these trip the breaker). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as PgError | null;
  if (!e || typeof e !== "object") return false;
  if (typeof e.code === "string" && CONNECTION_CODES.has(e.code)) return true;
  if (typeof e.errno === "string" && CONNECTION_CODES.has(e.errno)) return true;
  // Class 08 connection exceptions, 57P0x shutdown, 53xxx insufficient resources.
  return typeof e.code === "string" && (/^08/.test(e.code) || /^57P0/.test(e.code) || /^53/.test(e.code));
}

/** A serialization failure or deadlock: the same request may succeed at once. */
export function isRetryable(error: unknown): boolean {
  const code = (error as PgError | null)?.code;
  return code === "40001" || code === "40P01";
}

/**
 * A service's own reading of a Postgres error (its custom SQLSTATEs, a constraint it names), or
 * undefined to leave the error to the shared mapping.
 */
export type DatabaseErrorRule = (error: { code: string; message: string; detail?: string; constraint_name?: string }, cause: unknown) => ServiceError | undefined;

/** Any error as a ServiceError: a service's rule first, then the standard SQLSTATEs, else internal. */
export function fromDatabaseError(error: unknown, rule?: DatabaseErrorRule): ServiceError {
  if (error instanceof ServiceError) return error;
  if (error instanceof BreakerOpenError) return new ServiceError("unavailable", error.message, { cause: error });
  const e = error as PgError | null;
  const code = typeof e?.code === "string" ? e.code : "";
  const message = e?.message ?? String(error);
  const cause = { cause: error };
  const own = code ? rule?.({ code, message, detail: e?.detail, constraint_name: e?.constraint_name }, error) : undefined;
  if (own) return own;
  switch (code) {
    case "23505":
      return new ServiceError("already_exists", message, cause);
    case "23503":
      return new ServiceError("not_found", message, cause);
    case "23514":
    case "22P02":
    case "22001":
      return new ServiceError("invalid_argument", message, cause);
    case "57014":
      return new ServiceError("deadline_exceeded", "the database did not answer in time", cause);
  }
  if (isDatabaseUnavailable(error)) return new ServiceError("unavailable", "the database is unavailable; retry later", cause);
  if (isRetryable(error)) return new ServiceError("aborted", "conflict with a concurrent transaction; retry", cause);
  return new ServiceError("internal", "internal error", cause);
}

export interface ConnectMapping {
  /** ErrorInfo.domain, e.g. "ledger.ledgerflow". */
  domain: string;
  /** How the service reads an error that is not a ServiceError (e.g. fromDatabaseError with its rule). */
  fromUnknown: (error: unknown) => ServiceError;
}

/**
 * Any error as a ConnectError: the canonical code, a message for people, and details for programs
 * (the standard google.rpc ones, InsufficientFunds on an overdraft). A ConnectError passes as is.
 */
export function toConnectError(error: unknown, mapping: ConnectMapping): ConnectError {
  if (error instanceof ConnectError) return error;
  const e = error instanceof ServiceError ? error : mapping.fromUnknown(error);
  const code = CONNECT_CODES[e.code];
  const funds = e.insufficientFunds;
  // The domain detail first, where clients have always found it.
  const details: OutgoingDetail[] = funds ? [{ desc: InsufficientFundsSchema, value: create(InsufficientFundsSchema, funds) }] : [];
  details.push(
    ...standardDetails({
      code,
      message: e.message,
      domain: mapping.domain,
      field: e.field,
      reason: funds ? "INSUFFICIENT_FUNDS" : undefined,
      metadata: funds ? { account_id: funds.accountId, available: funds.available, requested: funds.requested, floor: funds.floor } : undefined,
    }),
  );
  // Deprecated: the ledger proto's FieldViolation, kept beside the standard details for one
  // release, unchanged (on any code that names a field), so existing clients keep working; new
  // clients read BadRequest or ErrorInfo.metadata["field"].
  if (e.field) details.push({ desc: FieldViolationSchema, value: create(FieldViolationSchema, { field: e.field, description: e.message }) });
  return new ConnectError(e.message, code, undefined, details, e);
}
