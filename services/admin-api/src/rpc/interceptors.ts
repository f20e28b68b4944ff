// Every AdminService call passes here: request id, authentication (session cookie or bearer
// token), rate limit, authorization against the policy (deny by default; the role on the ledger
// the call touches, see METHOD_SCOPE), CSRF for browser
// sessions on state-changing calls, the audit log, and error hygiene (backend errors keep
// their code, message and details; anything else is INTERNAL, its cause only in the logs).
import { toJsonString } from "@bufbuild/protobuf";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import type { Logger } from "@ledgerflow/platform/log";
import type { AuditLog } from "../audit.ts";
import { allows, DEFAULT_LEDGER, EVERY_LEDGER, highestRole, ledgersFor, METHOD_POLICY, METHOD_SCOPE, type Role, roleOn } from "../authz/policy.ts";
import { serializeCookie, type CookieNames } from "../auth/cookies.ts";
import { AuthError } from "../auth/oidc.ts";
import type { Authenticator, Principal } from "../auth/principal.ts";
import { sameSecret } from "@ledgerflow/platform/secrets";
import { REQUEST_ID_HEADER, requestId as requestIdOf, standardDetails } from "@ledgerflow/platform/rpc";
import { restCode, ServiceError } from "@ledgerflow/platform/errors";
import { ERROR_DOMAIN, gatewayError } from "./validate.ts";
import { ledgersKey, objectLedgerKey, principalKey, requestIdKey } from "./context.ts";
import type { RateLimiter } from "./rate-limit.ts";

export const CSRF_HEADER = "x-csrf-token";
/** Set by the HTTP layer from the socket (or the trusted proxy header); never from the client. */
export const PEER_HEADER = "x-ledgerflow-peer";
const DETAIL_LENGTH_MAX = 500;

export interface GatewayOptions {
  authenticator: Authenticator;
  audit: AuditLog;
  limiter: RateLimiter;
  cookies: CookieNames;
  log: Logger;
}

export function gatewayInterceptor(o: GatewayOptions): Interceptor {
  return (next) => async (req) => {
    const requestId = requestIdOf(req.header);
    req.contextValues.set(requestIdKey, requestId);
    const method = req.method.name;
    const stateChanging = req.method.idempotency !== MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS;
    const clientIp = req.header.get(PEER_HEADER) ?? "";
    let principal: Principal | null = null;
    // The ledger the request names (also when the call is refused), for the audit log.
    const named = METHOD_SCOPE[method] === "request" ? requestLedger(req.message) : "";
    const audit = (result: string, target: string, detail: string) =>
      o.audit.record({
        actorSubject: principal!.subject,
        actorEmail: principal!.email,
        actorName: principal!.name,
        role: named ? roleOn(principal!.grants, named) : principal!.role,
        // The ledger the call acted on: the one it names, or its object's; else the platform ("").
        ledger: (named || req.contextValues.get(objectLedgerKey)).slice(0, 63),
        authentication: principal!.authentication,
        action: method,
        target,
        requestId,
        result,
        detail,
        clientIp,
      });
    try {
      principal = await authenticate(o.authenticator, req.header);
      req.contextValues.set(principalKey, principal);
      const wait = o.limiter.take(principal.key);
      if (wait > 0) {
        const details = standardDetails({ code: Code.ResourceExhausted, message: "rate limited", domain: ERROR_DOMAIN, reason: "RATE_LIMITED", retryDelayMs: Math.ceil(wait * 1000) });
        throw new ConnectError(`too many requests; retry in ${Math.ceil(wait)} s`, Code.ResourceExhausted, undefined, details);
      }
      req.contextValues.set(ledgersKey, authorize(principal, method, named, stateChanging, req.header.get(CSRF_HEADER)));
      const res = await next(req);
      if (stateChanging) await audit("ok", targetOf(req.message, res.message), summary(req.method.input, req.message));
      res.header.set(REQUEST_ID_HEADER, requestId);
      if (principal.rotatedId) res.header.append("set-cookie", sessionCookie(o.cookies, principal));
      return res;
    } catch (error) {
      const ce = clientError(error, o.log, { requestId, method });
      const audited = principal && ce.code !== Code.ResourceExhausted && ce.code !== Code.Unauthenticated && (stateChanging || ce.code === Code.PermissionDenied);
      if (audited) {
        await audit(restCode(ce.code), targetOf(req.message, undefined), ce.rawMessage.slice(0, DETAIL_LENGTH_MAX)).catch((e) => {
          o.log.error("audit write failed for a refused call", { requestId, method, error: e });
        });
      }
      ce.metadata.set(REQUEST_ID_HEADER, requestId);
      if (principal?.rotatedId) ce.metadata.append("set-cookie", sessionCookie(o.cookies, principal));
      throw ce;
    }
  };
}

async function authenticate(authenticator: Authenticator, headers: Headers): Promise<Principal> {
  let principal: Principal | null;
  try {
    principal = await authenticator.authenticate(headers);
  } catch (error) {
    if (error instanceof AuthError) throw new ConnectError(error.message, Code.Unauthenticated);
    throw error;
  }
  if (!principal) throw new ConnectError("sign in first: no session cookie or bearer token", Code.Unauthenticated);
  return principal;
}

/** Refuses the call unless the caller holds its role where it acts; the ledgers it may touch. */
function authorize(p: Principal, method: string, named: string, stateChanging: boolean, csrf: string | null): string[] {
  const needed = METHOD_POLICY[method];
  if (!needed) throw new ConnectError(`${method} has no access rule and is refused`, Code.PermissionDenied);
  if (!p.role) throw new ConnectError("your account has no LedgerFlow role", Code.PermissionDenied);
  const ledgers = ledgersOfCall(p, method, named);
  // Browsers send cookies on their own; a state-changing call must also prove it came from our page.
  if (p.authentication === "session" && stateChanging && !sameSecret(p.session!.csrfToken, csrf)) {
    throw new ConnectError(`missing or wrong ${CSRF_HEADER} header`, Code.PermissionDenied);
  }
  return ledgers;
}

function ledgersOfCall(p: Principal, method: string, named: string): string[] {
  const needed = METHOD_POLICY[method]!;
  const scope = METHOD_SCOPE[method];
  const refuse = (where: string, role: Role | null) =>
    new ConnectError(where ? `${method} needs the ${needed} role ${where}; you have ${role ?? "none"} there` : `${method} needs the ${needed} role; you have ${role ?? "none"}`, Code.PermissionDenied);
  if (scope === "request") {
    const role = roleOn(p.grants, named);
    if (!allows(role, method)) throw refuse(`on ledger ${named}`, role);
    return [named];
  }
  if (scope === "every") {
    const role = p.grants.get(EVERY_LEDGER) ?? null;
    if (!allows(role, method)) throw refuse(`on every ledger (${EVERY_LEDGER})`, role);
    return [EVERY_LEDGER];
  }
  // Platform, filtered and object methods: the role on at least one ledger; an object's
  // handler narrows this to the object's ledger (authorizeLedger).
  const ledgers = ledgersFor(p.grants, method);
  if (ledgers.length === 0) throw refuse("", highestRole(p.grants));
  return ledgers;
}

/** The ledger a request names: `ledger`, or a new plan's; empty means the default ledger. */
export function requestLedger(message: unknown): string {
  // biome-ignore lint/suspicious/noExplicitAny: the request of any method, read by field name
  const m = message as Record<string, any>;
  const raw = typeof m.ledger === "string" ? m.ledger : typeof m.plan?.ledger === "string" ? m.plan.ledger : "";
  return raw === "" ? DEFAULT_LEDGER : raw;
}

/**
 * What the client sees. Errors from the services behind keep code, message and details, with
 * fresh metadata (their response headers are not ours to pass on); the gateway's own refusals
 * (ServiceError) are mapped like every service's; other errors are INTERNAL.
 */
function clientError(error: unknown, log: Logger, fields: Record<string, unknown>): ConnectError {
  if (error instanceof ServiceError) return clientError(gatewayError(error), log, fields);
  if (error instanceof ConnectError) {
    if (error.code === Code.Internal || error.code === Code.Unknown) log.error("rpc failed", { ...fields, error: error.rawMessage, cause: error.cause });
    return new ConnectError(error.rawMessage, error.code, undefined, error.details as never);
  }
  log.error("rpc failed", { ...fields, error });
  return new ConnectError("internal error", Code.Internal);
}

function sessionCookie(cookies: CookieNames, p: Principal): string {
  return serializeCookie(cookies.session, p.rotatedId!, (p.session!.expiresAt.getTime() - Date.now()) / 1000, cookies.secure);
}

const TARGET_FIELDS = ["transactionId", "accountId", "invoiceId", "planId", "claimValue", "accountCode", "code", "id"] as const;

/** What a call acted on: the created object's id from the response, else the request's id field. */
function targetOf(req: unknown, res: unknown): string {
  // biome-ignore lint/suspicious/noExplicitAny: the response of any method, read by field name
  const r = res as Record<string, any> | undefined;
  const created = r?.transaction?.id ?? r?.account?.id ?? r?.plan?.id ?? r?.assignment?.accountId ?? r?.invoice?.id ?? r?.mapping?.claimValue ?? r?.deadLetter?.id;
  if (created !== undefined && created !== "") return String(created);
  // biome-ignore lint/suspicious/noExplicitAny: the request of any method, read by field name
  const q = req as Record<string, any>;
  for (const f of TARGET_FIELDS) if (q[f] !== undefined && q[f] !== "" && q[f] !== 0n) return String(q[f]);
  if (q.plan?.name) return String(q.plan.name);
  if (q.update?.planId) return String(q.update.planId);
  return "";
}

function summary(desc: Parameters<typeof toJsonString>[0], message: unknown): string {
  try {
    const json = toJsonString(desc, message as never);
    return json.length > DETAIL_LENGTH_MAX ? `${json.slice(0, DETAIL_LENGTH_MAX - 1)}…` : json;
  } catch {
    return "";
  }
}
