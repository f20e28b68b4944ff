// BillingError → ConnectError: canonical code, a message for people, and the standard google.rpc
// details for programs (ErrorInfo always, BadRequest for a bad field, RetryInfo when retrying
// later helps; docs/errors.md). Raw causes are logged by the interceptor, never sent.
import { Code, ConnectError } from "@connectrpc/connect";
import { create } from "@bufbuild/protobuf";
import { FieldViolationSchema } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { standardDetails } from "@ledgerflow/platform/rpc";
import { BillingError, type ErrorCode } from "../domain/errors.ts";
import { toBillingError } from "../db-errors.ts";

const CODES: Record<ErrorCode, Code> = {
  invalid_argument: Code.InvalidArgument,
  not_found: Code.NotFound,
  already_exists: Code.AlreadyExists,
  failed_precondition: Code.FailedPrecondition,
  unavailable: Code.Unavailable,
  deadline_exceeded: Code.DeadlineExceeded,
  unauthenticated: Code.Unauthenticated,
  internal: Code.Internal,
};

/** ErrorInfo.domain of billing's errors. */
export const ERROR_DOMAIN = "billing.ledgerflow";

export function toConnectError(error: unknown): ConnectError {
  if (error instanceof ConnectError) return error;
  const e = error instanceof BillingError ? error : toBillingError(error);
  const code = CODES[e.code];
  const details = standardDetails({ code, message: e.message, domain: ERROR_DOMAIN, field: e.field });
  // Deprecated: the ledger proto's FieldViolation, kept beside the standard
  // details for one release, unchanged (on any code that names a field), so existing clients keep
  // working; new clients read BadRequest or ErrorInfo.metadata["field"].
  if (e.field) details.push({ desc: FieldViolationSchema, value: create(FieldViolationSchema, { field: e.field, description: e.message }) });
  return new ConnectError(e.message, code, undefined, details, e);
}
