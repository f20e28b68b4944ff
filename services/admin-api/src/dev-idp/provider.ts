// A local OpenID provider for the embedded mode and the tests: panva's certified `oidc-provider`
// with seeded users (one per role), a sign-in page of our own, the authorization code flow with
// PKCE for the dashboard, client credentials for scripts (JWT access tokens for the admin API's
// audience), and RP-initiated logout. Development only: the admin gateway never starts it when
// NODE_ENV=production or an external OIDC_ISSUER is configured (see config.ts).
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { createMemoryAdapter } from "oidc-provider/lib/adapters/memory_adapter.js";
import type { JWK } from "jose";
import { sameSecret } from "@ledgerflow/platform/secrets";
import { escapeHtml } from "../http/html.ts";

export interface DevUser {
  email: string;
  name: string;
  password: string;
  groups: string[];
}

export interface DevClient {
  clientId: string;
  clientSecret: string;
  /** Browser sign-in (authorization code + PKCE) when set; otherwise a client-credentials client. */
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  /** For client-credentials clients: the groups claim of their access tokens. */
  groups?: string[];
}

export interface DevIdpOptions {
  host: string;
  port: number;
  /** The public URL; defaults to http://localhost:<port>. */
  issuer?: string;
  users: DevUser[];
  clients: DevClient[];
  /** A private signing key (RS256 or ES256) with a kid. */
  signingKey: JWK;
  /** Audience of the JWT access tokens it issues to scripts (the admin API's; an absolute URI). */
  audience: string;
  cookieKeys: string[];
  idTokenTtlSeconds?: number;
  accessTokenTtlSeconds?: number;
}

export interface DevIdp {
  issuer: string;
  provider: Provider;
  stop(): Promise<void>;
}

const FORM_BYTES_MAX = 4096;

export async function startDevIdentityProvider(o: DevIdpOptions): Promise<DevIdp> {
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = o.issuer ?? `http://localhost:${port}`;
  const users = new Map(o.users.map((u) => [u.email.toLowerCase(), u]));
  const provider = new Provider(issuer, configuration(o, users));
  // Plain HTTP on loopback: the provider must not insist on TLS for its cookies.
  provider.proxy = false;
  const callback = provider.callback();
  server.on("request", (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const match = /^\/interaction\/([A-Za-z0-9_-]{1,64})(\/login)?$/.exec(url.pathname);
    if (!match) return callback(req, res);
    handleInteraction(provider, users, req, res, match[2] === "/login").catch((error) => {
      if (!res.headersSent) page(res, 400, "Sign-in failed", `<p>${escapeHtml((error as Error).message)}</p><p><a href="/">Start again</a></p>`);
    });
  });
  return {
    issuer,
    provider,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// oidc-provider's default, stated because the adapter needs it too.
const CLOCK_TOLERANCE_SECONDS = 15;

function configuration(o: DevIdpOptions, users: Map<string, DevUser>): Configuration {
  const machineGroups = new Map(o.clients.filter((c) => !c.redirectUris).map((c) => [c.clientId, c.groups ?? []]));
  return {
    clients: o.clients.map((c) =>
      c.redirectUris
        ? {
            client_id: c.clientId,
            client_secret: c.clientSecret,
            redirect_uris: c.redirectUris,
            post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
            grant_types: ["authorization_code"],
            response_types: ["code"],
            token_endpoint_auth_method: "client_secret_basic",
          }
        : { client_id: c.clientId, client_secret: c.clientSecret, redirect_uris: [], grant_types: ["client_credentials"], response_types: [], token_endpoint_auth_method: "client_secret_basic" },
    ),
    // Grants and sessions in memory, chosen (the library warns when it is left as its default): a
    // restart of the development provider signs people out, nothing more; keys and clients are
    // kept in DEV_OIDC_DATA_DIR.
    adapter: createMemoryAdapter(CLOCK_TOLERANCE_SECONDS) as never,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    jwks: { keys: [o.signingKey as never] },
    cookies: { keys: o.cookieKeys },
    pkce: { required: () => true },
    scopes: ["openid", "email", "profile", "groups"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    // The dashboard reads name, email and groups from the ID token itself.
    conformIdTokenClaims: false,
    findAccount: async (_ctx, id) => {
      const user = users.get(id.toLowerCase());
      if (!user) return undefined;
      return { accountId: user.email, claims: async () => ({ sub: user.email, email: user.email, email_verified: true, name: user.name, groups: user.groups }) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // First-party clients only: consent is implied, every requested scope is granted.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid email profile groups");
      await grant.save();
      return grant;
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // No confirmation page in development: sign out at once.
        logoutSource: async (ctx, form) => {
          ctx.body = `<!DOCTYPE html><html><head><title>Signing out</title></head><body>${form.replace("</form>", '<input type="hidden" name="logout" value="yes"></form>')}<script>document.forms[0].submit()</script><noscript><button form="op.logoutForm" type="submit">Sign out</button></noscript></body></html>`;
        },
      },
      resourceIndicators: {
        enabled: true,
        // Scripts get JWT access tokens for the admin API; the dashboard's sign-in needs none.
        defaultResource: async (_ctx, client) => (machineGroups.has(client.clientId) ? o.audience : undefined),
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource) => {
          if (resource !== o.audience) throw new Error(`unknown resource ${resource}`);
          return { scope: "admin", audience: o.audience, accessTokenFormat: "jwt", accessTokenTTL: o.accessTokenTtlSeconds ?? 600, jwt: { sign: { alg: o.signingKey.alg as "RS256" } } };
        },
      },
    },
    extraTokenClaims: async (_ctx, token) => {
      const t = token as unknown as { clientId?: string; accountId?: string };
      if (t.accountId) return { groups: users.get(t.accountId.toLowerCase())?.groups ?? [] };
      if (t.clientId && machineGroups.has(t.clientId)) return { groups: machineGroups.get(t.clientId) };
      return undefined;
    },
    ttl: { IdToken: o.idTokenTtlSeconds ?? 600, AccessToken: o.accessTokenTtlSeconds ?? 600, ClientCredentials: o.accessTokenTtlSeconds ?? 600, Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600 },
  };
}

async function handleInteraction(provider: Provider, users: Map<string, DevUser>, req: http.IncomingMessage, res: http.ServerResponse, submitted: boolean): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name !== "login") {
    // Consent is implied for these clients (loadExistingGrant); anything else finishes as is.
    await provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
    return;
  }
  if (!submitted || req.method !== "POST") return loginPage(res, details.uid, "");
  const form = new URLSearchParams(await readBody(req));
  const user = users.get((form.get("email") ?? "").trim().toLowerCase());
  if (!user || !sameSecret(user.password, form.get("password"))) return loginPage(res, details.uid, "Unknown email or wrong password.");
  await provider.interactionFinished(req, res, { login: { accountId: user.email } }, { mergeWithLastSubmission: false });
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > FORM_BYTES_MAX) throw new Error("form too large");
  }
  return body;
}

function loginPage(res: http.ServerResponse, uid: string, error: string): void {
  page(
    res,
    error ? 401 : 200,
    "Sign in to LedgerFlow",
    `
    <p class="hint">Development identity provider. Seeded users: viewer@, operator@ and admin@ledgerflow.local.</p>
    ${error ? `<p role="alert" class="error">${escapeHtml(error)}</p>` : ""}
    <form method="post" action="/interaction/${escapeHtml(uid)}/login">
      <label>Email <input name="email" type="email" autocomplete="username" required autofocus></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit">Sign in</button>
    </form>`,
  );
}

function page(res: http.ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'" });
  res.end(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}label{display:block;margin:.75rem 0}input{display:block;width:100%;padding:.4rem;margin-top:.25rem}button{padding:.5rem 1rem}.error{color:#b00020}.hint{color:#555;font-size:.9rem}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`);
}
