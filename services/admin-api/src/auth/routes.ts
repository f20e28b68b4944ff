// Sign-in and sign-out for browsers: GET /auth/login starts the authorization code flow (PKCE,
// state bound to this browser by a short-lived cookie and to the server by a single-use row,
// nonce bound to the ID token), GET /auth/callback finishes it and opens a new session, and
// POST /auth/logout (with the CSRF token) ends the session on the server.
import { Hono, type Context } from "hono";
import type { Logger } from "@ledgerflow/platform/log";
import type { AuditLog } from "../audit.ts";
import { describeGrants, highestRole } from "../authz/policy.ts";
import type { RoleDirectory } from "../authz/roles.ts";
import { escapeHtml } from "../http/html.ts";
import { clearCookie, readCookie, serializeCookie, type CookieNames } from "./cookies.ts";
import { AuthError, type OidcClient } from "./oidc.ts";
import { claimValues } from "./principal.ts";
import { sameSecret } from "@ledgerflow/platform/secrets";
import { safeReturnTo, type SessionStore } from "./sessions.ts";

export interface AuthRoutesOptions {
  oidc: OidcClient;
  sessions: SessionStore;
  roles: RoleDirectory;
  audit: AuditLog;
  cookies: CookieNames;
  publicUrl: string;
  log: Logger;
  clientIp: (c: Context) => string;
  requestId: (c: Context) => string;
  /** Told of every finished sign-in: "ok" or why it was refused. */
  onLogin?: (result: string) => void;
}

export function authRoutes(o: AuthRoutesOptions): Hono {
  const app = new Hono();

  app.get("/auth/login", async (c) => {
    let start: Awaited<ReturnType<typeof o.oidc.beginLogin>>;
    try {
      start = await o.oidc.beginLogin();
    } catch (error) {
      o.log.error("sign-in could not start: the identity provider is unreachable", { error });
      return errorPage(c, 503, "The identity provider cannot be reached right now. Try again in a moment.");
    }
    await o.sessions.saveLoginAttempt(start.state, { nonce: start.nonce, codeVerifier: start.codeVerifier, returnTo: safeReturnTo(c.req.query("return_to")) });
    c.header("set-cookie", serializeCookie(o.cookies.login, start.state, o.sessions.policy.loginAttemptSeconds, o.cookies.secure), { append: true });
    c.header("cache-control", "no-store");
    return c.redirect(start.url.toString(), 302);
  });

  app.get("/auth/callback", async (c) => {
    const q = c.req.query();
    const base = { requestId: o.requestId(c), clientIp: o.clientIp(c), action: "Login" };
    const refuse = async (status: 400 | 401 | 403, reason: string, message: string, subject = "unknown") => {
      o.onLogin?.(reason);
      await o.audit.record({ ...base, actorSubject: subject, role: null, authentication: "none", result: status === 403 ? "permission_denied" : "unauthenticated", detail: `${reason}: ${message}` });
      c.header("set-cookie", clearCookie(o.cookies.login, o.cookies.secure), { append: true });
      return errorPage(c, status, message);
    };
    if (q.error) return refuse(400, "provider_error", `The identity provider refused the sign-in: ${q.error_description ?? q.error}.`);
    if (q.iss !== undefined && q.iss !== o.oidc.config.issuer) return refuse(400, "issuer", "The response came from another identity provider.");
    const state = q.state ?? "";
    if (!state || !sameSecret(state, readCookie(c.req.header("cookie"), o.cookies.login))) {
      return refuse(400, "state", "This sign-in was not started in this browser, or it was started again since. Sign in again.");
    }
    const attempt = await o.sessions.takeLoginAttempt(state);
    if (!attempt) return refuse(400, "state", "This sign-in has expired or was already used. Sign in again.");
    let claims: Awaited<ReturnType<typeof o.oidc.finishLogin>>;
    try {
      claims = await o.oidc.finishLogin(q.code ?? "", attempt.codeVerifier, attempt.nonce);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      return refuse(401, error.reason, `Sign-in refused: ${error.message}.`);
    }
    const subject = String(claims.sub);
    const values = claimValues(claims, o.roles.claim);
    const grants = await o.roles.grantsFor(values);
    const role = highestRole(grants);
    const email = typeof claims.email === "string" ? claims.email : "";
    if (!role) return refuse(403, "no_role", `Your account (${email || subject}) has no LedgerFlow role. Ask an administrator to map one of your ${o.roles.claim} to a role.`, subject);

    // A session the browser already had is ended: the signed-in session always gets a new id.
    const previous = readCookie(c.req.header("cookie"), o.cookies.session);
    if (previous) await o.sessions.destroy(previous);
    const { id, session } = await o.sessions.create({
      issuer: o.oidc.config.issuer,
      subject,
      email,
      name: typeof claims.name === "string" ? claims.name : "",
      claimValues: values,
      userAgent: c.req.header("user-agent") ?? "",
      clientIp: base.clientIp,
    });
    await o.audit.record({ ...base, actorSubject: subject, actorEmail: email, actorName: session.name, role, authentication: "session", result: "ok", detail: `signed in as ${describeGrants(grants)}` });
    o.onLogin?.("ok");
    c.header("set-cookie", serializeCookie(o.cookies.session, id, (session.expiresAt.getTime() - Date.now()) / 1000, o.cookies.secure), { append: true });
    c.header("set-cookie", clearCookie(o.cookies.login, o.cookies.secure), { append: true });
    c.header("cache-control", "no-store");
    return c.redirect(safeReturnTo(attempt.returnTo), 302);
  });

  app.post("/auth/logout", async (c) => {
    const id = readCookie(c.req.header("cookie"), o.cookies.session);
    const resumed = id ? await o.sessions.resume(id) : null;
    if (!id || !resumed) return c.json({ error: { code: "unauthenticated", message: "not signed in" } }, 401);
    const s = resumed.session;
    const base = { requestId: o.requestId(c), clientIp: o.clientIp(c), action: "Logout", actorSubject: s.subject, actorEmail: s.email, actorName: s.name, authentication: "session" as const };
    const role = highestRole(await o.roles.grantsFor(s.claimValues));
    if (!sameSecret(s.csrfToken, c.req.header("x-csrf-token") ?? null)) {
      await o.audit.record({ ...base, role, result: "permission_denied", detail: "missing or wrong CSRF token" });
      return c.json({ error: { code: "permission_denied", message: "missing or wrong x-csrf-token header" } }, 403);
    }
    await o.sessions.destroy(id);
    await o.audit.record({ ...base, role, result: "ok" });
    c.header("set-cookie", clearCookie(o.cookies.session, o.cookies.secure), { append: true });
    const redirect = (await o.oidc.logoutUrl(new URL("/", o.publicUrl).toString())) ?? "/";
    return c.json({ redirect });
  });

  return app;
}

function errorPage(c: Context, status: 400 | 401 | 403 | 503, message: string) {
  c.header("cache-control", "no-store");
  return c.html(
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>LedgerFlow: sign-in</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem}</style></head>
<body><h1>Sign-in did not complete</h1><p role="alert">${escapeHtml(message)}</p><p><a href="/auth/login">Sign in again</a> · <a href="/">Home</a></p></body></html>`,
    status,
  );
}
