// BillingError → ConnectError: canonical code, a message for people, the field in a
// FieldViolation detail for programs. Raw causes are logged by the interceptor, never sent.
import { Code, ConnectError } from "@connectrpc/connect";
import { create } from "@bufbuild/protobuf";
import { FieldViolationSchema } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
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

export function toConnectError(error: unknown): ConnectError {
  if (error instanceof ConnectError) return error;
  const e = error instanceof BillingError ? error : toBillingError(error);
  const details = e.field ? [{ desc: FieldViolationSchema, value: create(FieldViolationSchema, { field: e.field, description: e.message }) }] : [];
  return new ConnectError(e.message, CODES[e.code], undefined, details, e);
}
