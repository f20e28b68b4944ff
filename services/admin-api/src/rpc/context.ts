// What the interceptors learn about a call and the handlers use: who calls, and the request id.
import { createContextKey, type HandlerContext } from "@connectrpc/connect";
import type { CallerIdentity } from "../clients/resilient.ts";
import type { Principal } from "../auth/principal.ts";

export const principalKey = createContextKey<Principal | undefined>(undefined, { description: "the authenticated caller" });
export const requestIdKey = createContextKey<string>("", { description: "the request id" });

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
