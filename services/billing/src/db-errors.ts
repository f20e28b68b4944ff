// Billing's reading of Postgres errors: the custom SQLSTATEs of migration 0030 and the constraint
// violations a request can cause. Everything else is the shared mapping of
// @ledgerflow/platform/errors (internal, or unavailable when the database cannot be reached).
import { type DatabaseErrorRule, fromDatabaseError, ServiceError } from "@ledgerflow/platform/errors";

const billingRule: DatabaseErrorRule = (e, cause) => {
  if (e.code === "LFB04") return new ServiceError("failed_precondition", e.message || "plan is archived", { cause });
  if (e.code === "LFB02") return new ServiceError("failed_precondition", "the invoice closed meanwhile; try again", { cause });
  if (e.code === "LFB03" || e.code === "LFB05" || e.code === "LFB01" || e.code === "LFB06" || e.code === "LFB07") return new ServiceError("failed_precondition", e.message || "refused by an invariant", { cause });
  if (e.code === "23505" && e.constraint_name === "plans_name_unique") return new ServiceError("already_exists", "a plan with this name already exists in the ledger", { field: "name", cause });
  if (e.code === "23505" && e.constraint_name === "assignments_one_current") return new ServiceError("failed_precondition", "the account was assigned concurrently; try again", { cause });
  return undefined;
};

export function toBillingError(error: unknown): ServiceError {
  return fromDatabaseError(error, billingRule);
}
