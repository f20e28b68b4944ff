// The real platform for the gateway's tests: a ledger (bearer-token auth, in-process relay to
// the embedded log), a projector, and the admin gateway with its development OpenID provider,
// all on one fresh test database. `signIn` walks the browser's sign-in flow over HTTP.
import { createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { AdminService } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { findFreePort } from "@ledgerflow/platform/local-postgres";
import { createLogger } from "@ledgerflow/platform/log";
import { type ProjectorHandle, startProjector } from "@ledgerflow/projector/app";
import { startTestLedger, type TestLedger } from "@ledgerflow/ledger/testing";
import { startTestBilling, type TestBilling } from "@ledgerflow/billing/testing";
import { startAdmin, type AdminHandle } from "@ledgerflow/admin-api/app";
import { loadConfig } from "@ledgerflow/admin-api/config";
import { DEV_PASSWORD } from "@ledgerflow/admin-api/dev-idp";

export const LEDGER_TOKEN = "admin-api-ledger-token-0123456789";
/** Billing's own token at the ledger: every ledger, acting for nobody but itself. */
export const BILLING_LEDGER_TOKEN = "billing-ledger-token-0123456789ab";

export interface TestPlatform {
  ledger: TestLedger;
  projector: ProjectorHandle;
  billing: TestBilling;
  admin: AdminHandle;
  /** Where the gateway listens (127.0.0.1). */
  url: string;
  /** What browsers are told it is (http://localhost:<port>). */
  publicUrl: string;
  stop(): Promise<void>;
}

export async function startTestPlatform(env: Record<string, string> = {}, o: { billing?: boolean } = {}): Promise<TestPlatform> {
  // As deployed: the gateway may act for people on every ledger; billing on every ledger, for itself.
  const ledger = await startTestLedger({
    authTokens: new Map([
      ["admin-api", LEDGER_TOKEN],
      ["billing", BILLING_LEDGER_TOKEN],
    ]),
    tokenScopes: new Map([
      ["admin-api", { ledgers: ["*"], actsForPeople: true }],
      ["billing", { ledgers: ["*"], actsForPeople: false }],
    ]),
  });
  const projector = await startProjector(
    { databaseUrl: ledger.db.urlFor("projector"), groupId: `admin-test-${crypto.randomUUID()}`, host: "127.0.0.1", port: 0, driftIntervalMs: 60_000, version: "test" },
    createLogger("projector", "error"),
  );
  const billing = await startTestBilling(ledger, { ledgerToken: BILLING_LEDGER_TOKEN, groupId: `admin-test-billing-${crypto.randomUUID()}` });
  // Without billing (o.billing false) the gateway points at a port where nothing listens.
  if (o.billing === false) await billing.stop();
  const port = await findFreePort();
  const config = loadConfig({
    DATABASE_URL: ledger.db.urlFor("admin"),
    ADMIN_HOST: "127.0.0.1",
    ADMIN_PORT: String(port),
    LEDGER_URL: ledger.handle.httpUrl,
    LEDGER_TOKEN,
    PROJECTOR_URL: projector.url,
    BILLING_URL: o.billing === false ? `http://127.0.0.1:${await findFreePort()}` : billing.handle.url,
    DEV_OIDC_PORT: "0",
    ADMIN_HEALTH_INTERVAL_MS: "1000",
    LEDGERFLOW_VERSION: "test",
    ...env,
  });
  const admin = await startAdmin(config, createLogger("admin-api", "error"));
  return {
    ledger,
    projector,
    billing,
    admin,
    url: admin.url,
    publicUrl: config.publicUrl,
    async stop() {
      await admin.stop();
      if (o.billing !== false) await billing.stop();
      await projector.stop();
      await ledger.stop();
    },
  };
}

/** A cookie jar per origin, as a browser keeps them (enough of one for these flows). */
export class CookieJar {
  private readonly jars = new Map<string, Map<string, string>>();

  store(origin: string, res: Response): void {
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired) jar.delete(name);
      else jar.set(name, pair!.slice(eq + 1).trim());
    }
    this.jars.set(origin, jar);
  }

  header(origin: string): string {
    return [...(this.jars.get(origin) ?? [])].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  get(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  set(origin: string, name: string, value: string): void {
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.jars.set(origin, jar);
  }
}

export interface SignInSteps {
  jar: CookieJar;
  /** The callback URL the provider sent the browser to (on the gateway). */
  callback: URL;
}

/** The browser's way up to the provider's redirect back to the gateway (not following it). */
export async function signInUntilCallback(p: TestPlatform, email: string, password = DEV_PASSWORD, returnTo = "/", jar = new CookieJar()): Promise<SignInSteps> {
  const app = new URL(p.url).origin;
  let res = await fetch(`${p.url}/auth/login?return_to=${encodeURIComponent(returnTo)}`, { redirect: "manual", headers: { cookie: jar.header(app) } });
  jar.store(app, res);
  if (res.status !== 302) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  let location = new URL(res.headers.get("location")!);
  const idp = location.origin;
  // Follow the provider's redirects; sign in on its form when it asks (it does not when the
  // browser already has a session there).
  for (let hops = 0; hops < 10; hops++) {
    if (location.origin !== idp) return { jar, callback: location };
    if (/^\/interaction\/[^/]+$/.test(location.pathname)) {
      res = await fetch(`${location}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: jar.header(idp), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, password }).toString(),
      });
      jar.store(idp, res);
      if (res.status === 401) throw new Error("the provider refused the credentials");
    } else {
      res = await fetch(location, { redirect: "manual", headers: { cookie: jar.header(idp) } });
      jar.store(idp, res);
    }
    location = new URL(res.headers.get("location")!, idp);
  }
  throw new Error("too many redirects at the provider");
}

/** Delivers the provider's redirect to the gateway (which listens on 127.0.0.1, not localhost). */
export async function followCallback(p: TestPlatform, steps: SignInSteps): Promise<Response> {
  const app = new URL(p.url).origin;
  const url = new URL(steps.callback.pathname + steps.callback.search, p.url);
  const res = await fetch(url, { redirect: "manual", headers: { cookie: steps.jar.header(app) } });
  steps.jar.store(app, res);
  return res;
}

export interface Session {
  jar: CookieJar;
  cookie: string;
  csrf: string;
  client: Client<typeof AdminService>;
  /** The same session without the CSRF header. */
  clientWithoutCsrf: Client<typeof AdminService>;
}

/** Signs in through the whole flow and returns an AdminService client with the session. */
export async function signIn(p: TestPlatform, email: string, password = DEV_PASSWORD): Promise<Session> {
  const steps = await signInUntilCallback(p, email, password);
  const res = await followCallback(p, steps);
  if (res.status !== 302) throw new Error(`callback answered ${res.status}: ${await res.text()}`);
  const app = new URL(p.url).origin;
  const cookieFor = () => steps.jar.header(app);
  const bare = sessionClient(p, cookieFor, () => "");
  const { csrfToken } = await bare.getSession({});
  return { jar: steps.jar, cookie: cookieFor(), csrf: csrfToken, client: sessionClient(p, cookieFor, () => csrfToken), clientWithoutCsrf: bare };
}

export function sessionClient(p: TestPlatform, cookie: () => string, csrf: () => string): Client<typeof AdminService> {
  const headers: Interceptor = (next) => (req) => {
    req.header.set("cookie", cookie());
    if (csrf()) req.header.set("x-csrf-token", csrf());
    return next(req);
  };
  return createClient(AdminService, createConnectTransport({ baseUrl: p.url, httpVersion: "1.1", interceptors: [headers] }));
}

export function bearerClient(p: TestPlatform, token: string): Client<typeof AdminService> {
  const auth: Interceptor = (next) => (req) => {
    req.header.set("authorization", `Bearer ${token}`);
    return next(req);
  };
  return createClient(AdminService, createConnectTransport({ baseUrl: p.url, httpVersion: "1.1", interceptors: [auth] }));
}

/** A client-credentials access token for the scripts client (the gateway's own provider's by default). */
export async function scriptToken(p: TestPlatform, c: { id: string; secret: string } = p.admin.devIdp!.scriptClient): Promise<string> {
  const res = await fetch(`${p.admin.issuer}/token`, {
    method: "POST",
    headers: { authorization: `Basic ${btoa(`${c.id}:${c.secret}`)}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", scope: "admin", resource: "urn:ledgerflow:admin-api" }).toString(),
  });
  const body = (await res.json()) as { access_token?: string; error?: string };
  if (!body.access_token) throw new Error(`token endpoint refused: ${body.error}`);
  return body.access_token;
}
