// LedgerError → ConnectError: canonical code, a message for people, structured details for
// programs. Internal causes are logged by the interceptor, never sent.
import { Code, ConnectError } from "@connectrpc/connect";
import { create } from "@bufbuild/protobuf";
import { FieldViolationSchema, InsufficientFundsSchema } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
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

export function connectCode(code: ErrorCode): Code {
  return CODES[code];
}

export function toConnectError(error: unknown): ConnectError {
  if (error instanceof ConnectError) return error;
  const e = error instanceof LedgerError ? error : toLedgerError(error);
  const details = [];
  if (e.insufficientFunds) details.push({ desc: InsufficientFundsSchema, value: create(InsufficientFundsSchema, e.insufficientFunds) });
  if (e.field) details.push({ desc: FieldViolationSchema, value: create(FieldViolationSchema, { field: e.field, description: e.message }) });
  return new ConnectError(e.message, CODES[e.code], undefined, details, e);
}
