// Postgres errors to billing errors, in one place: the custom SQLSTATEs of migration 0030 and the
// constraint violations a request can cause. Anything else is internal (or unavailable when the
// database cannot be reached); the raw error stays as the cause, for the logs.
import { BillingError } from "./domain/errors.ts";

const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT", "57P01", "57P03", "53300"]);

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
  if (UNAVAILABLE_CODES.has(code)) return new BillingError("unavailable", "the billing database is unavailable", cause);
  return new BillingError("internal", "internal error", cause);
}
