// Wires the admin gateway: its database (sessions, role mappings, audit), the OpenID provider
// (the development one in the embedded mode), the clients of the services behind it, the
// health and outbox monitors, and one HTTP/1.1 server: AdminService over Connect and gRPC-Web
// with the sign-in routes, health, metrics and the dashboard's files as its fallback.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { getRequestListener } from "@hono/node-server";
import { Hono, type Context } from "hono";
import type { Sql } from "postgres";
import { AdminService } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { BillingService } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import { LedgerService } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { connect } from "@ledgerflow/platform/db";
import { createLogger, type Logger } from "@ledgerflow/platform/log";
import { type BreakerState, withTimeout } from "@ledgerflow/platform/resilience";
import { AuditLog } from "./audit.ts";
import { cookieNames } from "./auth/cookies.ts";
import { OidcClient } from "./auth/oidc.ts";
import { Authenticator } from "./auth/principal.ts";
import { authRoutes } from "./auth/routes.ts";
import { SessionStore } from "./auth/sessions.ts";
import { RoleDirectory } from "./authz/roles.ts";
import { ProjectorClient } from "./clients/projector.ts";
import { createBackend } from "./clients/resilient.ts";
import type { AdminConfig } from "./config.ts";
import type { DevIdp } from "./dev-idp/provider.ts";
import { DEV_SCRIPT_CLIENT, devClients, devUsers, secret, signingKey } from "./dev-idp/seed.ts";
import { HealthMonitor } from "./health/monitor.ts";
import { OutboxMonitor } from "./health/outbox.ts";
import { SECURITY_HEADERS, staticFiles } from "./http/static.ts";
import { withCors } from "@ledgerflow/platform/http";
import { createMetrics, type AdminMetrics } from "./metrics.ts";
import { CurrencyCache } from "./rpc/currencies.ts";
import { requestId } from "@ledgerflow/platform/rpc";
import { gatewayInterceptor, PEER_HEADER } from "./rpc/interceptors.ts";
import { RateLimiter } from "./rpc/rate-limit.ts";
import { adminHandlers } from "./rpc/service.ts";

export interface AdminHandle {
  url: string;
  issuer: string;
  /** The development provider, when this gateway started one. */
  devIdp?: DevIdp & { scriptClient: { id: string; secret: string } };
  sql: Sql;
  health: HealthMonitor;
  /** The HTTP routes beside the RPCs, as "METHOD /path" (each must have an access rule). */
  routes: string[];
  stop(): Promise<void>;
}

const PRUNE_INTERVAL_MS = 60_000;
const RPC_PREFIX = "/ledgerflow.admin.v1.AdminService/";

export async function startAdmin(config: AdminConfig, log: Logger = createLogger("admin-api")): Promise<AdminHandle> {
  const startedAt = Date.now();
  const metrics = createMetrics();
  const sql = connect({ url: config.databaseUrl, max: 8, applicationName: "ledgerflow-admin-api" });
  const readSql = config.readDatabaseUrl === config.databaseUrl ? sql : connect({ url: config.readDatabaseUrl, max: 8, applicationName: "ledgerflow-admin-api" });

  const devIdp = config.oidcIssuer ? undefined : await startDevIdp(config, log);
  const issuer = config.oidcIssuer ?? devIdp!.issuer;
  const oidc = new OidcClient({
    issuer,
    clientId: config.oidcClientId,
    clientSecret: config.oidcClientSecret ?? devIdp?.clientSecret ?? null,
    redirectUri: `${config.publicUrl}/auth/callback`,
    scopes: config.oidcScopes,
    audience: config.oidcAudience,
    clockToleranceSeconds: 30,
  });
  await oidc.discover().catch((error) => log.warn("OpenID discovery failed; sign-in waits for the provider", { issuer, error: (error as Error).message }));

  const cookies = cookieNames(config.publicUrl);
  const sessions = new SessionStore(sql, {
    idleSeconds: config.sessionIdleSeconds,
    absoluteSeconds: config.sessionAbsoluteSeconds,
    rotateSeconds: config.sessionRotateSeconds,
    rotationGraceSeconds: 60,
    loginAttemptSeconds: 600,
  });
  const roles = new RoleDirectory(sql, config.oidcRolesClaim);
  await roles.bootstrap(config.roleMappings);
  const audit = new AuditLog(sql, log);
  const breakerGauge = (backend: string) => (state: BreakerState) => metrics.backendBreaker.set({ backend }, state === "closed" ? 0 : state === "half_open" ? 1 : 2);
  const backend = { timeoutMs: config.backendTimeoutMs, retriesMax: 2 };
  const ledger = createBackend(LedgerService, { ...backend, name: "ledger", baseUrl: config.ledgerUrl, token: config.ledgerToken, onBreakerChange: breakerGauge("ledger") });
  const billing = createBackend(BillingService, { ...backend, name: "billing", baseUrl: config.billingUrl, token: config.billingToken, onBreakerChange: breakerGauge("billing") });
  const projector = new ProjectorClient(config.projectorUrl, config.backendTimeoutMs, breakerGauge("projector"));
  for (const name of ["ledger", "billing", "projector"]) metrics.backendBreaker.set({ backend: name }, 0);

  const health = new HealthMonitor(
    {
      ledgerUrl: config.ledgerUrl,
      projectorUrl: config.projectorUrl,
      billingUrl: config.billingUrl,
      relayUrl: config.relayUrl,
      kafkaBrokers: config.kafkaBrokers,
      sql,
      selfMetrics: () => metrics.registry.metrics(),
      version: config.version,
      startedAt,
    },
    log,
  );
  const outbox = new OutboxMonitor(sql, readSql, health, config.kafkaBrokers ? "kafka" : "postgres", log);
  health.start(config.healthIntervalMs);
  outbox.start(config.healthIntervalMs);

  const limiter = new RateLimiter(config.rateLimitPerSecond, config.rateLimitBurst);
  const authenticator = new Authenticator(oidc, sessions, roles, cookies.session);
  const handlers = adminHandlers({
    readSql,
    ledger,
    billing,
    projector,
    health,
    outbox,
    audit,
    roles,
    currencies: new CurrencyCache(ledger, config.backendTimeoutMs),
    backendTimeoutMs: config.backendTimeoutMs,
    sessionIdleSeconds: config.sessionIdleSeconds,
  });

  const web = httpRoutes(config, { oidc, sessions, roles, audit, cookies, log, limiter, metrics, sql, startedAt });
  const adapter = connectNodeAdapter({
    routes: (router) => router.service(AdminService, handlers),
    interceptors: [gatewayInterceptor({ authenticator, audit, limiter, cookies, log })],
    jsonOptions: { ignoreUnknownFields: false },
    readMaxBytes: config.requestBytesMax,
    maxTimeoutMs: 60_000,
    fallback: getRequestListener(web.fetch) as never,
  });
  const api = withCors(config.corsOrigins, adapter);
  const server = http.createServer({ keepAliveTimeout: 65_000, requestTimeout: 70_000 }, (req, res) => {
    // Who is on the other end, as the gateway itself sees it: a client cannot set this header.
    const forwarded = config.trustProxy
      ? String(req.headers["x-forwarded-for"] ?? "")
          .split(",")[0]!
          .trim()
      : "";
    req.headers[PEER_HEADER] = forwarded || req.socket.remoteAddress || "";
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const started = performance.now();
    res.once("finish", () => {
      const route = routeLabel(req.method ?? "GET", req.url ?? "/");
      metrics.requests.inc({ route, code: String(res.statusCode) });
      metrics.duration.observe({ route }, (performance.now() - started) / 1000);
    });
    api(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  });
  const pruner = setInterval(() => {
    sessions
      .prune()
      .then(() => sessions.count())
      .then((n) => metrics.sessions.set(Number(n)))
      .catch((error) => log.warn("session pruning failed", { error }));
  }, PRUNE_INTERVAL_MS);

  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`,
    issuer,
    devIdp,
    sql,
    health,
    routes: [...new Set(web.routes.map((r) => `${r.method} ${r.path}`))],
    async stop() {
      clearInterval(pruner);
      outbox.stop();
      await health.stop();
      server.close();
      server.closeAllConnections();
      await devIdp?.stop();
      if (readSql !== sql) await readSql.end({ timeout: 5 });
      await sql.end({ timeout: 5 });
    },
  };
}

async function startDevIdp(config: AdminConfig, log: Logger) {
  const clientSecret = secret(config.devIdpDataDir, "dashboard-client");
  const scriptSecret = secret(config.devIdpDataDir, "scripts-client");
  // Loaded only when it runs: oidc-provider is for development here, and warns at import on any
  // runtime but Node LTS.
  const { startDevIdentityProvider } = await import("./dev-idp/provider.ts");
  const idp = await startDevIdentityProvider({
    host: config.devIdpHost,
    port: config.devIdpPort,
    users: devUsers(),
    clients: devClients({ clientId: config.oidcClientId, clientSecret, publicUrl: config.publicUrl, scriptSecret }),
    signingKey: await signingKey(config.devIdpDataDir),
    audience: config.oidcAudience,
    cookieKeys: [secret(config.devIdpDataDir, "cookie-key")],
  });
  log.info("development OpenID provider started (never in production)", { issuer: idp.issuer });
  return { ...idp, clientSecret, scriptClient: { id: DEV_SCRIPT_CLIENT, secret: scriptSecret } };
}

interface RouteDeps {
  oidc: OidcClient;
  sessions: SessionStore;
  roles: RoleDirectory;
  audit: AuditLog;
  cookies: ReturnType<typeof cookieNames>;
  log: Logger;
  limiter: RateLimiter;
  metrics: AdminMetrics;
  sql: Sql;
  startedAt: number;
}

function httpRoutes(config: AdminConfig, d: RouteDeps): Hono {
  const app = new Hono();
  const clientIp = (c: Context) => c.req.header(PEER_HEADER) ?? "";
  app.use("/auth/*", async (c, next) => {
    const wait = d.limiter.take(`ip:${clientIp(c)}`);
    if (wait > 0) return c.text(`too many requests; retry in ${Math.ceil(wait)} s`, 429, { "retry-after": String(Math.ceil(wait)) });
    await next();
  });
  app.route(
    "/",
    authRoutes({
      oidc: d.oidc,
      sessions: d.sessions,
      roles: d.roles,
      audit: d.audit,
      cookies: d.cookies,
      publicUrl: config.publicUrl,
      log: d.log,
      clientIp,
      requestId: (c) => requestId(c.req.raw.headers),
      onLogin: (result) => d.metrics.logins.inc({ result }),
    }),
  );
  const summary = () => ({ service: "admin-api", version: config.version, uptime_seconds: Math.round((Date.now() - d.startedAt) / 1000) });
  app.get("/healthz", (c) => c.json({ status: "ok", ...summary() }));
  app.get("/readyz", async (c) => {
    const database = await withTimeout(d.sql`SELECT 1`, 1_000, "timeout").then(
      () => "ok",
      (e) => (e.message === "timeout" ? "timeout" : `unreachable: ${(e as Error).message}`),
    );
    const provider = await d.oidc.discover().then(
      () => "ok",
      (e) => `unreachable: ${(e as Error).message}`,
    );
    const ok = database === "ok" && provider === "ok";
    return c.json({ status: ok ? "ready" : "not_ready", checks: { database, identity_provider: provider }, ...summary() }, ok ? 200 : 503);
  });
  app.get("/metrics", async (c) => c.text(await d.metrics.registry.metrics(), 200, { "content-type": d.metrics.registry.contentType }));
  app.get("*", staticFiles(config.webDistDir));
  app.all("*", (c) => c.json({ error: { code: "not_found", message: `no route for ${c.req.method} ${c.req.path}` } }, 404));
  app.onError((error, c) => {
    d.log.error("request failed", { path: c.req.path, error });
    return c.json({ error: { code: "internal", message: "internal error" } }, 500);
  });
  return app;
}

const KNOWN_ROUTES = new Set(["/auth/login", "/auth/callback", "/auth/logout", "/healthz", "/readyz", "/metrics"]);
const RPC_NAMES = new Set(AdminService.methods.map((m) => m.name));

/** A bounded label: the RPC's name, a known route, or "static". */
function routeLabel(method: string, url: string): string {
  const p = url.split("?")[0]!;
  if (p.startsWith(RPC_PREFIX)) {
    const name = p.slice(RPC_PREFIX.length);
    return RPC_NAMES.has(name) ? name : "rpc_unknown";
  }
  if (KNOWN_ROUTES.has(p)) return `${method} ${p}`;
  return "static";
}
