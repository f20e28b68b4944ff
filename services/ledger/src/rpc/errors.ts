// LedgerError → ConnectError: canonical code, a message for people, structured details for
// programs: the standard google.rpc ones (ErrorInfo always, BadRequest for a bad field, RetryInfo
// when retrying later helps) and InsufficientFunds on an overdraft. docs/errors.md lists them.
// Internal causes are logged by the interceptor, never sent.
import { Code, ConnectError } from "@connectrpc/connect";
import { create } from "@bufbuild/protobuf";
import { FieldViolationSchema, InsufficientFundsSchema } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { type OutgoingDetail, standardDetails } from "@ledgerflow/platform/rpc";
import { LedgerError, type ErrorCode } from "../domain/errors.ts";
import { toLedgerError } from "../posting/db-errors.ts";

const CODES: Record<ErrorCode, Code> = {
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

/** ErrorInfo.domain of the ledger's errors. */
export const ERROR_DOMAIN = "ledger.ledgerflow";

export function connectCode(code: ErrorCode): Code {
  return CODES[code];
}

export function toConnectError(error: unknown): ConnectError {
  if (error instanceof ConnectError) return error;
  const e = error instanceof LedgerError ? error : toLedgerError(error);
  const code = CODES[e.code];
  const funds = e.insufficientFunds;
  // The domain detail first, where clients have always found it.
  const details: OutgoingDetail[] = funds ? [{ desc: InsufficientFundsSchema, value: create(InsufficientFundsSchema, funds) }] : [];
  details.push(
    ...standardDetails({
      code,
      message: e.message,
      domain: ERROR_DOMAIN,
      field: e.field,
      reason: funds ? "INSUFFICIENT_FUNDS" : undefined,
      metadata: funds ? { account_id: funds.accountId, available: funds.available, requested: funds.requested, floor: funds.floor } : undefined,
    }),
  );
  // Deprecated: the ledger's own FieldViolation, kept beside the standard
  // details for one release, unchanged (on any code that names a field), so existing clients keep
  // working; new clients read BadRequest or ErrorInfo.metadata["field"].
  if (e.field) details.push({ desc: FieldViolationSchema, value: create(FieldViolationSchema, { field: e.field, description: e.message }) });
  return new ConnectError(e.message, code, undefined, details, e);
}
