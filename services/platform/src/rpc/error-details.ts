// The standard error details (google.rpc) every error of the ledger and billing carries, so that
// generic clients in any language can act on them without our protos:
// - ErrorInfo on every error: a stable UPPER_SNAKE_CASE reason, the service's domain, metadata;
// - BadRequest (field violations) on INVALID_ARGUMENT that names a field;
// - RetryInfo on UNAVAILABLE and RESOURCE_EXHAUSTED: how long to wait before retrying.
// Domain-specific details (e.g. InsufficientFunds) are added by the service beside these.
import { create } from "@bufbuild/protobuf";
import { durationFromMs } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import { BadRequestSchema, ErrorInfoSchema, RetryInfoSchema } from "@ledgerflow/proto/gen/google/rpc/error_details_pb.ts";

/** What ConnectError's constructor takes as `outgoingDetails`. */
// biome-ignore lint/suspicious/noExplicitAny: a schema and a value of that schema; the pair is checked where it is built (standardDetails)
export type OutgoingDetail = { desc: any; value: any };

export interface ErrorFacts {
  code: Code;
  /** The message for people; also the violation's description. */
  message: string;
  /** e.g. "ledger.ledgerflow" (see docs/errors.md). */
  domain: string;
  /** Stable and machine-readable; defaults to the code's name (e.g. "FAILED_PRECONDITION"). */
  reason?: string;
  /** The request field at fault, in the proto's path syntax ("entries[1].amount"). */
  field?: string;
  metadata?: Record<string, string>;
  /** For UNAVAILABLE and RESOURCE_EXHAUSTED; RETRY_DELAY_MS_DEFAULT when not given. */
  retryDelayMs?: number;
}

export const RETRY_DELAY_MS_DEFAULT = 1_000;

const RETRY_CODES = new Set([Code.Unavailable, Code.ResourceExhausted]);

/** The canonical code's name as gRPC spells it: Code.FailedPrecondition → "FAILED_PRECONDITION". */
export function codeName(code: Code): string {
  return (Code[code] ?? "UNKNOWN").replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

export function standardDetails(facts: ErrorFacts): OutgoingDetail[] {
  const metadata: Record<string, string> = { ...facts.metadata };
  if (facts.field) metadata.field = facts.field;
  const details: OutgoingDetail[] = [{ desc: ErrorInfoSchema, value: create(ErrorInfoSchema, { reason: facts.reason ?? codeName(facts.code), domain: facts.domain, metadata }) }];
  if (facts.code === Code.InvalidArgument && facts.field) {
    details.push({ desc: BadRequestSchema, value: create(BadRequestSchema, { fieldViolations: [{ field: facts.field, description: facts.message, reason: facts.reason ?? "" }] }) });
  }
  if (RETRY_CODES.has(facts.code)) {
    details.push({ desc: RetryInfoSchema, value: create(RetryInfoSchema, { retryDelay: durationFromMs(facts.retryDelayMs ?? RETRY_DELAY_MS_DEFAULT) }) });
  }
  return details;
}
