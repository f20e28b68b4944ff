import { Code, ConnectError } from "@connectrpc/connect";
import { FieldViolationSchema, InsufficientFundsSchema, type InsufficientFunds } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { BadRequestSchema } from "@ledgerflow/proto/gen/google/rpc/error_details_pb.ts";

export { Code, ConnectError };

export function asConnectError(error: unknown): ConnectError {
  return ConnectError.from(error);
}

export function errorCode(error: unknown): Code | undefined {
  if (error === null || error === undefined) return undefined;
  return ConnectError.from(error).code;
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ConnectError && error.code === Code.Unauthenticated;
}

/** Codes whose message the server wrote for people (shown as is). */
const humanCodes = new Set<Code>([Code.InvalidArgument, Code.FailedPrecondition, Code.AlreadyExists, Code.NotFound, Code.OutOfRange, Code.Aborted]);

/** Codes that are worth retrying automatically (the backend may answer next time). */
const transientCodes = new Set<Code>([Code.Unavailable, Code.DeadlineExceeded, Code.Unknown, Code.Internal, Code.Aborted]);

export function isTransient(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && transientCodes.has(code);
}

export interface DescribedError {
  code: Code;
  /** A short label for the kind of failure. */
  title: string;
  /** What to show: the server's own message when it is meant for people. */
  message: string;
  /** Whether trying again may help. */
  retryable: boolean;
}

/** One place that turns any failure into what the UI says about it. */
export function describeError(error: unknown): DescribedError {
  const err = ConnectError.from(error);
  const serverMessage = err.rawMessage.trim();
  const code = err.code;
  if (humanCodes.has(code)) {
    return { code, title: titleFor(code), message: serverMessage || titleFor(code), retryable: code === Code.Aborted };
  }
  switch (code) {
    case Code.Unauthenticated:
      return { code, title: "Signed out", message: "Your session has ended. Sign in again to continue.", retryable: false };
    case Code.PermissionDenied:
      return {
        code,
        title: "Not allowed",
        message: serverMessage || "Your role does not allow this.",
        retryable: false,
      };
    case Code.ResourceExhausted:
      return {
        code,
        title: "Too many requests",
        message: `Rate limited${serverMessage ? `: ${serverMessage}` : ""}. Wait a moment and try again.`,
        retryable: true,
      };
    case Code.Unavailable:
      return {
        code,
        title: "Unavailable",
        message: serverMessage ? `A backend is unavailable: ${serverMessage}` : "A backend is unavailable.",
        retryable: true,
      };
    case Code.DeadlineExceeded:
      return { code, title: "Timed out", message: "The request took too long.", retryable: true };
    case Code.Canceled:
      return { code, title: "Cancelled", message: "The request was cancelled.", retryable: true };
    case Code.Unimplemented:
      return { code, title: "Not available", message: serverMessage || "The server does not offer this yet.", retryable: false };
    default:
      return { code, title: "Error", message: serverMessage || "Something went wrong.", retryable: true };
  }
}

function titleFor(code: Code): string {
  switch (code) {
    case Code.InvalidArgument:
      return "Invalid request";
    case Code.FailedPrecondition:
      return "Refused";
    case Code.AlreadyExists:
      return "Already exists";
    case Code.NotFound:
      return "Not found";
    case Code.OutOfRange:
      return "Out of range";
    case Code.Aborted:
      return "Conflict";
    default:
      return "Error";
  }
}

export function insufficientFunds(error: unknown): InsufficientFunds | undefined {
  if (!(error instanceof ConnectError)) return undefined;
  return error.findDetails(InsufficientFundsSchema)[0];
}

/** The request fields at fault: google.rpc.BadRequest, else the deprecated FieldViolation detail. */
export function fieldViolations(error: unknown): { field: string; description: string }[] {
  if (!(error instanceof ConnectError)) return [];
  const standard = error.findDetails(BadRequestSchema).flatMap((b) => b.fieldViolations);
  return standard.length > 0 ? standard : error.findDetails(FieldViolationSchema);
}
