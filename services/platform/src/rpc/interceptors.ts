// Cross-cutting RPC work shared by the services that clients call with bearer tokens (ledger,
// billing): request id, authentication against a table of named tokens (constant-time), error
// mapping through the service's own function, logging and RED metrics.
import { Code, ConnectError, createContextKey, type Interceptor } from "@connectrpc/connect";
import type { Counter, Histogram } from "prom-client";
import type { Logger } from "../log.ts";
import { sameSecret } from "../secrets.ts";
import { UNAUTHENTICATED_SERVICES } from "./health.ts";

export const REQUEST_ID_HEADER = "x-request-id";
/** Who the caller acts for (e.g. the user signed in to the admin gateway). */
export const ACTOR_HEADER = "x-ledgerflow-actor";

export function requestId(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return given && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : crypto.randomUUID();
}

/** The caller's name for a valid bearer token, or null. An empty table means open access. */
export function authenticate(tokens: Map<string, string>, authorization: string | null): string | null {
  if (tokens.size === 0) return "anonymous";
  const match = /^Bearer (.+)$/.exec(authorization ?? "");
  if (!match) return null;
  for (const [name, token] of tokens) if (sameSecret(token, match[1]!)) return name;
  return null;
}

export const callerKey = createContextKey<string>("anonymous", { description: "authenticated caller" });

export interface RpcMetrics {
  rpcRequests: Counter<"method" | "code">;
  rpcDuration: Histogram<"method">;
}

export function observability(log: Logger, metrics: RpcMetrics, tokens: Map<string, string>, toConnectError: (error: unknown) => ConnectError): Interceptor {
  return (next) => async (req) => {
    const id = requestId(req.header);
    const method = req.method.name;
    const started = performance.now();
    let code = "ok";
    try {
      // Health probes (kubelet, load balancers) carry no token; every other service needs one.
      const caller = UNAUTHENTICATED_SERVICES.has(req.service.typeName) ? "anonymous" : authenticate(tokens, req.header.get("authorization"));
      if (!caller) throw new ConnectError("a valid bearer token is required", Code.Unauthenticated);
      req.contextValues.set(callerKey, caller);
      const res = await next(req);
      res.header.set(REQUEST_ID_HEADER, id);
      return res;
    } catch (error) {
      const connectError = toConnectError(error);
      code = Code[connectError.code] ?? "unknown";
      connectError.metadata.set(REQUEST_ID_HEADER, id);
      const fields = { requestId: id, method, code, actor: req.header.get(ACTOR_HEADER) ?? undefined, error: connectError.rawMessage, cause: rootCause(connectError) };
      if (connectError.code === Code.Internal || connectError.code === Code.Unknown) log.error("rpc failed", fields);
      else log.debug("rpc refused", fields);
      throw connectError;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      metrics.rpcRequests.inc({ method, code: code.toLowerCase() });
      metrics.rpcDuration.observe({ method }, seconds);
    }
  };
}

/** The innermost cause, for logs (never sent to clients). */
export function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 8 && current instanceof Error && current.cause !== undefined; depth++) current = current.cause;
  return current instanceof Error ? { name: current.name, message: current.message, code: (current as { code?: unknown }).code } : current;
}
