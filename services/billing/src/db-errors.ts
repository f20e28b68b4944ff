// Postgres errors to billing errors, in one place: the custom SQLSTATEs of migration 0030 and the
// constraint violations a request can cause. Anything else is internal (or unavailable when the
// database cannot be reached); the raw error stays as the cause, for the logs.
import { BillingError } from "./domain/errors.ts";

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT", "ENOTFOUND"]);

/** The database could not be reached, or is shutting down or out of resources: try again later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown } | null;
  if (!e || typeof e !== "object") return false;
  if (typeof e.code === "string" && CONNECTION_CODES.has(e.code)) return true;
  if (typeof e.errno === "string" && CONNECTION_CODES.has(e.errno)) return true;
  // Class 08 connection exceptions, 57P0x shutdown, 53xxx insufficient resources.
  return typeof e.code === "string" && (/^08/.test(e.code) || /^57P0/.test(e.code) || /^53/.test(e.code));
}

export function toBillingError(error: unknown): BillingError {
  if (error instanceof BillingError) return error;
  const e = error as { code?: string; constraint_name?: string; message?: string };
  const code = e?.code ?? "";
  const cause = { cause: error };
  if (code === "LFB04") return new BillingError("failed_precondition", e.message ?? "plan is archived", cause);
  if (code === "LFB02") return new BillingError("failed_precondition", "the invoice closed meanwhile; try again", cause);
  if (code === "LFB03" || code === "LFB05" || code === "LFB01" || code === "LFB06" || code === "LFB07") return new BillingError("failed_precondition", e.message ?? "refused by an invariant", cause);
  if (code === "23505" && e.constraint_name === "plans_name_unique") return new BillingError("already_exists", "a plan with this name already exists in the ledger", { field: "name", cause: error });
  if (code === "23505" && e.constraint_name === "assignments_one_current") return new BillingError("failed_precondition", "the account was assigned concurrently; try again", cause);
  if (code === "57014") return new BillingError("deadline_exceeded", "the database did not answer in time", cause);
  if (isDatabaseUnavailable(error)) return new BillingError("unavailable", "the billing database is unavailable", cause);
  return new BillingError("internal", "internal error", cause);
}
