// Sign-in against a real OpenID provider process (oidc-provider, started from
// dev-idp/main.ts, and given to the gateway as an external OIDC_ISSUER with a client secret, as
// in production) and every way a sign-in or a token must be refused; sessions: fixation,
// rotation, idle and absolute expiry, logout on the server; CSRF on state-changing calls.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Code, ConnectError } from "@connectrpc/connect";
import { spawn, type ChildProcess } from "node:child_process";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";
import { findFreePort } from "@ledgerflow/platform/local-postgres";
import { DEV_ROLE_MAPPINGS } from "./config.ts";
import { DEV_SCRIPT_CLIENT } from "./dev-idp/seed.ts";
import { Direction, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { Role } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { AuthError, OidcClient } from "./auth/oidc.ts";
import { hashId } from "./auth/sessions.ts";
import { inLedgers } from "./db/scope.ts";
import { bearerClient, CookieJar, followCallback, scriptToken, sessionClient, signIn, signInUntilCallback, startTestPlatform, type TestPlatform } from "@ledgerflow/testing/platform";

let p: TestPlatform;
let idp: ChildProcess;
let dataDir: string;
let key: JWK;
let app: string;
const CLIENT_SECRET = "dashboard-client-secret-0123456789";
const SCRIPTS = { id: DEV_SCRIPT_CLIENT, secret: "scripts-client-secret-0123456789" };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lf-idp-"));
  const [idpPort, adminPort] = [await findFreePort(), await findFreePort()];
  const issuer = `http://localhost:${idpPort}`;
  idp = spawn(process.execPath, [path.join(import.meta.dir, "dev-idp", "main.ts")], {
    env: {
      ...process.env,
      DEV_OIDC_PORT: String(idpPort),
      DEV_OIDC_DATA_DIR: dataDir,
      DEV_OIDC_CLIENT_SECRET: CLIENT_SECRET,
      DEV_OIDC_SCRIPT_SECRET: SCRIPTS.secret,
      DEV_OIDC_CLIENT_ORIGIN: `http://localhost:${adminPort}`,
    },
    stdio: "ignore",
  });
  for (let i = 0; ; i++) {
    if (
      await fetch(`${issuer}/.well-known/openid-configuration`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 200) throw new Error("the OpenID provider process did not start");
    await Bun.sleep(50);
  }
  p = await startTestPlatform({ ADMIN_PORT: String(adminPort), OIDC_ISSUER: issuer, OIDC_CLIENT_SECRET: CLIENT_SECRET, ADMIN_ROLE_MAPPINGS: DEV_ROLE_MAPPINGS });
  key = JSON.parse(fs.readFileSync(path.join(dataDir, "signing-key.json"), "utf8"));
  app = new URL(p.url).origin;
}, 60_000);
afterAll(async () => {
  await p?.stop();
  idp?.kill("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("the gateway uses the external provider, and starts none of its own", () => {
  expect(p.admin.devIdp).toBeUndefined();
  expect(p.admin.issuer).toBe(`http://localhost:${new URL(p.admin.issuer).port}`);
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (e) => Code[ConnectError.from(e).code],
  );
// Sign-ins and sign-outs are the platform's entries: read on every ledger ('*'), as the gateway
// reads them for an admin of every ledger (row-level security hides them otherwise).
const auditRows = (action: string) => inLedgers(p.admin.sql, ["*"], (tx) => tx`SELECT actor_subject, role, result, detail FROM admin.audit_log WHERE action = ${action} ORDER BY id`);

describe("sign-in", () => {
  test("each seeded user signs in with the role their groups map to; the session knows who they are", async () => {
    for (const [email, role] of [
      ["viewer@ledgerflow.local", Role.VIEWER],
      ["operator@ledgerflow.local", Role.OPERATOR],
      ["admin@ledgerflow.local", Role.ADMIN],
    ] as const) {
      const s = await signIn(p, email);
      const session = await s.client.getSession({});
      expect(session.user!.email).toBe(email);
      expect(session.role).toBe(role);
      expect(session.authentication).toBe("session");
      expect(session.csrfToken.length).toBeGreaterThanOrEqual(32);
      expect(session.allowedMethods).toContain("GetHealth");
      expect(session.allowedMethods.includes("PostTransaction")).toBe(role !== Role.VIEWER);
      expect(session.allowedMethods.includes("SetRoleMapping")).toBe(role === Role.ADMIN);
    }
    const logins = await auditRows("Login");
    expect(logins.filter((r) => r.result === "ok").map((r) => r.actor_subject)).toEqual(expect.arrayContaining(["viewer@ledgerflow.local", "operator@ledgerflow.local", "admin@ledgerflow.local"]));
  });

  test("the session cookie is HttpOnly and SameSite=Lax, and the callback returns to the page the user came from", async () => {
    const steps = await signInUntilCallback(p, "viewer@ledgerflow.local", undefined, "/accounts?q=x");
    const res = await followCallback(p, steps);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/accounts?q=x");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("lf_session="))!;
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure"); // http://localhost; https public URLs get Secure and __Host-
  });

  test("return_to cannot send the user to another site", async () => {
    for (const target of ["https://evil.example", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]) {
      const res = await followCallback(p, await signInUntilCallback(p, "viewer@ledgerflow.local", undefined, target));
      expect(res.headers.get("location")).toBe("/");
    }
  });

  test("a wrong or missing state is refused", async () => {
    const steps = await signInUntilCallback(p, "viewer@ledgerflow.local");
    const tampered = new URL(steps.callback);
    tampered.searchParams.set("state", "not-the-state-of-this-sign-in");
    const res = await followCallback(p, { ...steps, callback: tampered });
    expect(res.status).toBe(400);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("lf_session="))).toBe(false);
    // The right state but from another browser (no login cookie): refused too.
    const other = await followCallback(p, { jar: new CookieJar(), callback: steps.callback });
    expect(other.status).toBe(400);
    expect(await other.text()).toContain("not started in this browser");
  });

  test("a callback delivered twice is refused the second time, and a replayed code is refused by the provider", async () => {
    const first = await signInUntilCallback(p, "viewer@ledgerflow.local");
    expect((await followCallback(p, first)).status).toBe(302);
    // The same browser (its sign-in cookie put back) delivering the same callback again.
    first.jar.set(app, "lf_login", first.callback.searchParams.get("state")!);
    const again = await followCallback(p, first);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("expired or was already used");
    // A fresh sign-in of the same browser, but presenting the first (already redeemed) code.
    const second = await signInUntilCallback(p, "viewer@ledgerflow.local", undefined, "/", new CookieJar());
    const replay = new URL(second.callback);
    replay.searchParams.set("code", first.callback.searchParams.get("code")!);
    const res = await followCallback(p, { ...second, callback: replay });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("refused the sign-in");
  });

  test("an ID token whose nonce is not this sign-in's is refused", async () => {
    const steps = await signInUntilCallback(p, "viewer@ledgerflow.local");
    const state = steps.callback.searchParams.get("state")!;
    await p.admin.sql`UPDATE admin.login_attempts SET nonce = 'a-different-nonce-0123456789' WHERE state_hash = ${hashId(state)}`;
    const res = await followCallback(p, steps);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("nonce");
  });

  test("an error from the provider, or a response from another issuer, is refused", async () => {
    const steps = await signInUntilCallback(p, "viewer@ledgerflow.local");
    const denied = new URL(steps.callback);
    denied.searchParams.delete("code");
    denied.searchParams.set("error", "access_denied");
    expect((await followCallback(p, { ...steps, callback: denied })).status).toBe(400);
    const mixedUp = new URL(steps.callback);
    mixedUp.searchParams.set("iss", "https://other-provider.example");
    expect((await followCallback(p, { ...steps, callback: mixedUp })).status).toBe(400);
  });

  test("a user whose groups map to no role gets no session, and the refusal is audited", async () => {
    const admin = await signIn(p, "admin@ledgerflow.local");
    await admin.client.deleteRoleMapping({ claimValue: "ledgerflow-viewers" });
    try {
      const res = await followCallback(p, await signInUntilCallback(p, "viewer@ledgerflow.local"));
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("no LedgerFlow role");
      const refused = (await auditRows("Login")).filter((r) => r.result === "permission_denied");
      expect(refused.at(-1)?.actor_subject).toBe("viewer@ledgerflow.local");
    } finally {
      await admin.client.setRoleMapping({ claimValue: "ledgerflow-viewers", role: Role.VIEWER });
    }
  });

  test("wrong credentials at the provider do not get through", async () => {
    await expect(signInUntilCallback(p, "operator@ledgerflow.local", "wrong-password")).rejects.toThrow("refused the credentials");
  });
});

describe("ID token verification", () => {
  let oidc: OidcClient;
  const sign = async (claims: Record<string, unknown>, options: { key?: JWK; kid?: string; alg?: string } = {}) => {
    const k = options.key ?? key;
    return new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? "RS256", kid: options.kid ?? k.kid }).sign(await importJWK(k, "RS256"));
  };
  const now = () => Math.floor(Date.now() / 1000);
  const valid = () => ({ iss: p.admin.issuer, aud: "ledgerflow-admin", sub: "someone", nonce: "the-nonce-0123456789", iat: now(), exp: now() + 300 });
  const reason = (promise: Promise<unknown>) =>
    promise.then(
      () => "accepted",
      (e) => (e instanceof AuthError ? e.message : `unexpected: ${e}`),
    );

  beforeAll(async () => {
    oidc = new OidcClient({ issuer: p.admin.issuer, clientId: "ledgerflow-admin", clientSecret: null, redirectUri: `${p.publicUrl}/auth/callback`, scopes: ["openid"], audience: "urn:ledgerflow:admin-api", clockToleranceSeconds: 30 });
  });

  test("a token signed with the provider's key, for us, with our nonce, is accepted", async () => {
    expect((await oidc.verifyIdToken(await sign(valid()), "the-nonce-0123456789")).sub).toBe("someone");
  });

  test("expired, from another issuer, for another audience, with another nonce: refused", async () => {
    expect(await reason(oidc.verifyIdToken(await sign({ ...valid(), iat: now() - 7200, exp: now() - 3600 }), "the-nonce-0123456789"))).toContain("expired");
    expect(await reason(oidc.verifyIdToken(await sign({ ...valid(), iss: "https://another-issuer.example" }), "the-nonce-0123456789"))).toContain("iss");
    expect(await reason(oidc.verifyIdToken(await sign({ ...valid(), aud: "some-other-client" }), "the-nonce-0123456789"))).toContain("aud");
    expect(await reason(oidc.verifyIdToken(await sign(valid()), "another-nonce-0123456789"))).toContain("nonce");
    expect(await reason(oidc.verifyIdToken(await sign({ ...valid(), aud: ["ledgerflow-admin", "other"], azp: "other" }), "the-nonce-0123456789"))).toContain("another client");
  });

  test("alg none, an unknown key id, a foreign key, HMAC with the public key, a tampered payload: refused", async () => {
    const unsigned = `${b64({ alg: "none", typ: "JWT" })}.${b64(valid())}.`;
    expect(await reason(oidc.verifyIdToken(unsigned, "the-nonce-0123456789"))).toContain("refused");
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const foreign = { ...(await exportJWK(privateKey)), kid: "not-a-published-key", alg: "RS256" };
    expect(await reason(oidc.verifyIdToken(await sign(valid(), { key: foreign }), "the-nonce-0123456789"))).toContain("key the provider does not publish");
    // A foreign key presenting the provider's kid: the signature does not verify.
    expect(await reason(oidc.verifyIdToken(await sign(valid(), { key: foreign, kid: key.kid }), "the-nonce-0123456789"))).toContain("signature");
    const publicJwk = { kty: key.kty, n: key.n, e: key.e };
    const hmac = await new SignJWT(valid()).setProtectedHeader({ alg: "HS256", kid: key.kid }).sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
    expect(await reason(oidc.verifyIdToken(hmac, "the-nonce-0123456789"))).toContain("refused");
    const [h, , s] = (await sign(valid())).split(".");
    expect(await reason(oidc.verifyIdToken(`${h}.${b64({ ...valid(), sub: "admin" })}.${s}`, "the-nonce-0123456789"))).toContain("signature");
  });
});

describe("bearer tokens", () => {
  const sign = async (claims: Record<string, unknown>, k: JWK = key) => new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: k.kid }).sign(await importJWK(k, "RS256"));
  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({ iss: p.admin.issuer, aud: "urn:ledgerflow:admin-api", sub: "script", groups: ["ledgerflow-operators"], iat: now(), exp: now() + 300 });

  test("a client-credentials token from the provider works, with the role of its groups", async () => {
    const client = bearerClient(p, await scriptToken(p, SCRIPTS));
    const session = await client.getSession({});
    expect(session.authentication).toBe("bearer");
    expect(session.role).toBe(Role.OPERATOR);
    expect(session.csrfToken).toBe("");
    expect(await codeOf(client.listRoleMappings({}))).toBe("PermissionDenied");
  });

  test("expired, wrong issuer, wrong audience, alg none, unknown key, malformed: all unauthenticated", async () => {
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const foreign = { ...(await exportJWK(privateKey)), kid: "unknown-kid", alg: "RS256" };
    const tokens = [
      await sign({ ...claims(), iat: now() - 7200, exp: now() - 3600 }),
      await sign({ ...claims(), iss: "https://another-issuer.example" }),
      await sign({ ...claims(), aud: "ledgerflow-admin" }),
      `${b64({ alg: "none" })}.${b64(claims())}.`,
      await sign(claims(), foreign),
      "not-a-jwt",
    ];
    for (const token of tokens) expect(await codeOf(bearerClient(p, token).getSession({}))).toBe("Unauthenticated");
    expect(await codeOf(bearerClient(p, await sign(claims())).getSession({}))).toBe("ok");
  });
});

describe("sessions", () => {
  test("session fixation is impossible: a cookie set before sign-in never becomes the session", async () => {
    const jar = new CookieJar();
    const planted = "planted-session-id-0123456789abcdef";
    jar.set(app, "lf_session", planted);
    const steps = await signInUntilCallback(p, "operator@ledgerflow.local", undefined, "/", jar);
    expect((await followCallback(p, steps)).status).toBe(302);
    const issued = jar.get(app, "lf_session")!;
    expect(issued).not.toBe(planted);
    expect((await p.admin.sql`SELECT 1 FROM admin.sessions WHERE id_hash = ${hashId(planted)}`).length).toBe(0);
    // A real session the browser had before signing in again is ended, not reused.
    const steps2 = await signInUntilCallback(p, "operator@ledgerflow.local", undefined, "/", jar);
    await followCallback(p, steps2);
    expect(jar.get(app, "lf_session")).not.toBe(issued);
    expect(
      await codeOf(
        sessionClient(
          p,
          () => `lf_session=${issued}`,
          () => "",
        ).getSession({}),
      ),
    ).toBe("Unauthenticated");
  });

  test("the id rotates: the new cookie works, the old one only for a short grace", async () => {
    const s = await signIn(p, "viewer@ledgerflow.local");
    const old = s.jar.get(app, "lf_session")!;
    await p.admin.sql`UPDATE admin.sessions SET rotated_at = now() - interval '1 hour' WHERE id_hash = ${hashId(old)}`;
    const res = await fetch(`${p.url}/ledgerflow.admin.v1.AdminService/GetSession`, { method: "POST", headers: { cookie: `lf_session=${old}`, "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(200);
    const rotated = /lf_session=([^;]+)/.exec(res.headers.getSetCookie().join("\n"))?.[1];
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(old);
    expect(
      await codeOf(
        sessionClient(
          p,
          () => `lf_session=${rotated}`,
          () => "",
        ).getSession({}),
      ),
    ).toBe("ok");
    expect(
      await codeOf(
        sessionClient(
          p,
          () => `lf_session=${old}`,
          () => "",
        ).getSession({}),
      ),
    ).toBe("ok");
    await p.admin.sql`UPDATE admin.sessions SET rotated_at = now() - interval '2 minutes' WHERE id_hash = ${hashId(rotated!)}`;
    expect(
      await codeOf(
        sessionClient(
          p,
          () => `lf_session=${old}`,
          () => "",
        ).getSession({}),
      ),
    ).toBe("Unauthenticated");
  });

  test("idle and absolute expiry end a session", async () => {
    const idle = await signIn(p, "viewer@ledgerflow.local");
    await p.admin.sql`UPDATE admin.sessions SET idle_expires_at = now() - interval '1 second' WHERE id_hash = ${hashId(idle.jar.get(app, "lf_session")!)}`;
    expect(await codeOf(idle.client.getSession({}))).toBe("Unauthenticated");
    const absolute = await signIn(p, "viewer@ledgerflow.local");
    const id = hashId(absolute.jar.get(app, "lf_session")!);
    await p.admin.sql`UPDATE admin.sessions SET created_at = now() - interval '2 days', idle_expires_at = now() - interval '1 second', expires_at = now() - interval '1 second' WHERE id_hash = ${id}`;
    expect(await codeOf(absolute.client.getSession({}))).toBe("Unauthenticated");
  });

  test("logout needs the CSRF token, then ends the session on the server", async () => {
    const s = await signIn(p, "operator@ledgerflow.local");
    const logout = (csrf?: string) => fetch(`${p.url}/auth/logout`, { method: "POST", headers: { cookie: s.jar.header(app), ...(csrf ? { "x-csrf-token": csrf } : {}) } });
    expect((await logout()).status).toBe(403);
    expect(await codeOf(s.client.getSession({}))).toBe("ok");
    const res = await logout(s.csrf);
    expect(res.status).toBe(200);
    const { redirect } = (await res.json()) as { redirect: string };
    expect(redirect).toStartWith(`${p.admin.issuer}/session/end`);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("lf_session=;") && c.includes("Max-Age=0"))).toBe(true);
    // The old cookie, replayed by hand, no longer works: the session is gone from the server.
    expect(await codeOf(s.client.getSession({}))).toBe("Unauthenticated");
    expect((await auditRows("Logout")).map((r) => r.result)).toEqual(["permission_denied", "ok"]);
  });
});

describe("CSRF", () => {
  let a: string;
  let b: string;
  beforeAll(async () => {
    a = (await p.ledger.grpc.createAccount({ code: "csrf:a", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true }, { headers: { authorization: "Bearer admin-api-ledger-token-0123456789" } })).account!.id;
    b = (await p.ledger.grpc.createAccount({ code: "csrf:b", currency: "USD", normalBalance: NormalBalance.CREDIT }, { headers: { authorization: "Bearer admin-api-ledger-token-0123456789" } })).account!.id;
  });
  const post = {
    idempotencyKey: "csrf-1",
    entries: [
      { accountId: "", direction: Direction.DEBIT, amount: "5" },
      { accountId: "", direction: Direction.CREDIT, amount: "5" },
    ],
  };

  test("a state-changing call from a session without the token, or with a wrong one, is refused and changes nothing", async () => {
    const s = await signIn(p, "operator@ledgerflow.local");
    const request = {
      ...post,
      entries: [
        { ...post.entries[0]!, accountId: a },
        { ...post.entries[1]!, accountId: b },
      ],
    };
    expect(await codeOf(s.clientWithoutCsrf.postTransaction(request))).toBe("PermissionDenied");
    const wrong = sessionClient(
      p,
      () => s.cookie,
      () => "x".repeat(43),
    );
    expect(await codeOf(wrong.postTransaction(request))).toBe("PermissionDenied");
    const [row] = await p.ledger.db.sql`SELECT count(*)::int AS n FROM ledger.transactions WHERE idempotency_key = 'csrf-1'`;
    expect(row!.n).toBe(0);
    // Reads need no token; the right token lets the posting through.
    expect(await codeOf(s.clientWithoutCsrf.getHealth({}))).toBe("ok");
    expect(await codeOf(s.client.postTransaction(request))).toBe("ok");
    const refusals = (await auditRows("PostTransaction")).filter((r) => r.result === "permission_denied");
    expect(refusals.length).toBe(2);
    expect(refusals[0]!.detail).toContain("x-csrf-token");
  });
});

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}
