// What the interceptors learn about a call and the handlers use: who calls, the ledgers the call
// may touch, and the request id.
import { Code, ConnectError, createContextKey, type HandlerContext } from "@connectrpc/connect";
import { allows, METHOD_POLICY, roleOn } from "../authz/policy.ts";
import type { CallerIdentity } from "../clients/resilient.ts";
import type { Principal } from "../auth/principal.ts";

export const principalKey = createContextKey<Principal | undefined>(undefined, { description: "the authenticated caller" });
export const requestIdKey = createContextKey<string>("", { description: "the request id" });
/** The ledgers the call may read and act on (["*"]: every ledger), as checked by the interceptor. */
export const ledgersKey = createContextKey<readonly string[]>([], { description: "the ledgers of the call" });

/** The ledger of the object a call names (a plan, an invoice), once looked up: for the audit log. */
export const objectLedgerKey = createContextKey<string>("", { description: "the ledger of the object the call names" });

/** The ledgers of the call, for the database setting (row-level security). */
export function ledgersOf(ctx: HandlerContext): readonly string[] {
  return ctx.values.get(ledgersKey);
}

/**
 * For methods naming an object rather than a ledger (a plan, an invoice): refuses unless the
 * caller holds the method's role on the object's ledger, then limits the call to that ledger.
 */
export function authorizeLedger(ctx: HandlerContext, method: string, ledger: string): void {
  const p = principalOf(ctx);
  ctx.values.set(objectLedgerKey, ledger);
  const role = roleOn(p.grants, ledger);
  if (!allows(role, method)) throw new ConnectError(`${method} on ledger ${ledger} needs the ${METHOD_POLICY[method]} role there; you have ${role ?? "none"}`, Code.PermissionDenied);
  ctx.values.set(ledgersKey, [ledger]);
}

export function principalOf(ctx: HandlerContext): Principal {
  const p = ctx.values.get(principalKey);
  // The interceptors refuse unauthenticated calls before any handler runs.
  if (!p) throw new Error("handler reached without a principal");
  return p;
}

/** Identity, request id and remaining deadline for calls to the services behind the gateway. */
export function who(ctx: HandlerContext): CallerIdentity {
  const p = principalOf(ctx);
  return { actor: p.email || p.subject, requestId: ctx.values.get(requestIdKey), remainingMs: ctx.timeoutMs() };
}
