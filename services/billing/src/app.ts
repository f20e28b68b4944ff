// Wires billing: database, ledger client, the event consumer (Kafka when brokers are given, else
// the embedded log), the invoice scheduler, and one HTTP/1.1 server with BillingService over
// Connect and gRPC-Web plus /healthz, /readyz and /metrics (Hono as the adapter's fallback).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { Health } from "@ledgerflow/proto/gen/health/v1/health_pb.ts";
import { ACTOR_HEADER, authenticate, HEALTH_DEFAULTS, HealthStatus, validation } from "@ledgerflow/platform/rpc";
import { getRequestListener } from "@hono/node-server";
import { Hono, type MiddlewareHandler } from "hono";
import type { Sql } from "postgres";
import { BillingService } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import { connect, migrate } from "@ledgerflow/platform/db";
import { createConsumer } from "@ledgerflow/platform/events";
import { createLogger, type Logger } from "@ledgerflow/platform/log";
import { Billing } from "./billing.ts";
import { BILLING_DEFAULTS, type BillingConfig } from "./config.ts";
import { BillingConsumer, SUBSCRIBED } from "./consumer.ts";
import { Invoicer } from "./invoicing.ts";
import { LedgerClient } from "./ledger-client.ts";
import { createMetrics } from "./metrics.ts";
import { listDeadLetters, resolveDeadLetter } from "./dead-letters.ts";
import { ServiceError } from "@ledgerflow/platform/errors";
import { observability } from "./rpc/interceptors.ts";
import { billingHandlers } from "./rpc/service.ts";

const REQUEST_BYTES_MAX = 1024 * 1024;
const TIMEOUT_MAX_MS = 30_000;
/** How long shutdown waits for in-flight requests. */
const DRAIN_MS = 5_000;

export interface BillingHandle {
  url: string;
  sql: Sql;
  invoicer: Invoicer;
  consumer: BillingConsumer;
  ledger: LedgerClient;
  stop(): Promise<void>;
}

export async function startBilling(partial: Partial<BillingConfig> & Pick<BillingConfig, "databaseUrl">, log: Logger = createLogger("billing")): Promise<BillingHandle> {
  const config: BillingConfig = { ...BILLING_DEFAULTS, ...partial };
  const metrics = createMetrics();
  const sql = connect({ url: config.databaseUrl, max: config.dbPoolMax, applicationName: "ledgerflow-billing" });
  if (config.migrate) {
    const result = await migrate(sql);
    if (result.applied.length > 0) log.info("migrations applied", { applied: result.applied });
  }
  const ledger = new LedgerClient({
    baseUrl: config.ledgerUrl,
    token: config.ledgerToken,
    timeoutMs: config.ledgerTimeoutMs,
    attemptsMax: 3,
    retryBaseMs: 100,
    breakerFailures: 5,
    breakerOpenMs: 5_000,
    onBreakerState: (state) => {
      metrics.breakerState.set({ breaker: "ledger" }, state === "closed" ? 0 : state === "half_open" ? 1 : 2);
      log.warn("ledger circuit breaker changed state", { state });
    },
    onCall: (method, code, seconds) => {
      metrics.ledgerCalls.inc({ method, code });
      metrics.ledgerDuration.observe({ method }, seconds);
    },
  });
  metrics.breakerState.set({ breaker: "ledger" }, 0);
  const transport = { kafkaBrokers: config.kafkaBrokers, logSql: sql, clientId: "ledgerflow-billing" };
  const consumer = new BillingConsumer({
    sql,
    consumer: createConsumer(transport, { groupId: config.groupId, topics: SUBSCRIBED }),
    groupId: config.groupId,
    log: log.child({ component: "consumer" }),
    metrics,
    now: config.now,
    attemptsMax: config.attemptsMax,
    retryBaseMs: config.retryBaseMs,
    lagIntervalMs: config.lagIntervalMs,
  });
  const invoicer = new Invoicer({
    sql,
    ledger,
    log: log.child({ component: "invoicer" }),
    metrics,
    now: config.now,
    batchMax: config.closeBatchMax,
    leaseMs: config.postLeaseMs,
    retryBaseMs: config.postRetryBaseMs,
    retryMaxMs: config.postRetryMaxMs,
  });
  const billing = new Billing({ sql, ledger, invoicer, consumer, groupId: config.groupId });
  await consumer.start();
  invoicer.start(config.closeIntervalMs);
  let server: http.Server;
  try {
    server = await listen(config, httpApp(config, sql, consumer, metrics, log), billing, log, metrics, async () => (await readiness(config, sql, consumer)).ok);
  } catch (error) {
    // E.g. the port is taken: nothing may keep running behind a failed start.
    await invoicer.stop();
    await consumer.stop();
    await sql.end({ timeout: 5 });
    throw error;
  }
  return {
    url: `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${(server.address() as AddressInfo).port}`,
    sql,
    invoicer,
    consumer,
    ledger,
    async stop() {
      // No new connections; idle keep-alive ones go now, busy ones may finish their request.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await invoicer.stop();
      await consumer.stop();
      await Promise.race([closed, Bun.sleep(DRAIN_MS)]);
      server.closeAllConnections();
      await sql.end({ timeout: 5 });
    },
  };
}

/** Ready: the database answers and the consumer's lag is known and within bounds (/readyz, Health). */
async function readiness(config: BillingConfig, sql: Sql, consumer: BillingConsumer) {
  const lag = consumer.lag;
  const dbOk = await Promise.race([
    sql`SELECT 1`.then(
      () => true,
      () => false,
    ),
    Bun.sleep(1_000).then(() => false),
  ]);
  const ok = dbOk && lag.known && lag.messages <= config.readyLagMax;
  return { ok, checks: { database: dbOk ? "ok" : "unreachable", lag_known: lag.known, lag_messages: lag.messages, lag_messages_max: config.readyLagMax, lag_seconds: lag.seconds } };
}

function httpApp(config: BillingConfig, sql: Sql, consumer: BillingConsumer, metrics: ReturnType<typeof createMetrics>, log: Logger): Hono {
  const app = new Hono();
  const started = Date.now();
  const summary = () => ({ service: "billing", version: config.version, uptime_seconds: Math.round((Date.now() - started) / 1000) });
  app.get("/healthz", (c) => c.json({ status: "ok", ...summary() }));
  app.get("/readyz", async (c) => {
    const { ok, checks } = await readiness(config, sql, consumer);
    return c.json({ status: ok ? "ready" : "not_ready", checks, ...summary() }, ok ? 200 : 503);
  });
  app.get("/metrics", async (c) => c.text(await metrics.registry.metrics(), 200, { "content-type": metrics.registry.contentType }));
  // Dead letters for operators (the same bearer tokens as the API).
  const bearer: MiddlewareHandler = async (c, next) => {
    if (!authenticate(config.authTokens, c.req.header("authorization") ?? null)) return c.json({ error: { code: "unauthenticated", message: "a valid bearer token is required" } }, 401);
    await next();
  };
  app.use("/dead-letters", bearer);
  app.use("/dead-letters/*", bearer);
  app.get("/dead-letters", async (c) => {
    const q = c.req.query();
    const letters = await listDeadLetters(sql, { status: q.status, beforeId: q.before_id, limit: q.limit });
    return c.json({ dead_letters: letters.map((l) => ({ ...l, id: String(l.id) })) });
  });
  for (const action of ["replay", "discard"] as const) {
    app.post(`/dead-letters/:id/${action}`, async (c) => {
      const id = c.req.param("id");
      if (!/^[1-9][0-9]{0,17}$/.test(id)) return c.json({ error: { code: "invalid_argument", message: "id must be a positive integer" } }, 400);
      const by = c.req.header(ACTOR_HEADER) ?? "unknown";
      let result: Awaited<ReturnType<typeof resolveDeadLetter>>;
      try {
        result = await resolveDeadLetter(sql, BigInt(id), action, by, config.now());
      } catch (error) {
        // The letter stays pending: the event still fails (the fix is not deployed yet).
        return c.json({ error: { code: "failed_precondition", message: `the event still fails: ${(error as Error).message}` } }, 422);
      }
      log.info("dead letter resolved", { id, action, by, result });
      return c.json({ result }, result === "not_found" ? 404 : result === "already_resolved" ? 409 : 200);
    });
  }
  app.onError((error, c) => {
    if (error instanceof ServiceError && error.code === "invalid_argument") return c.json({ error: { code: error.code, message: error.message } }, 400);
    log.error("request failed", { path: c.req.path, error });
    return c.json({ error: { code: "internal", message: "internal error" } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: "not_found", message: `no route for ${c.req.method} ${c.req.path}` } }, 404));
  return app;
}

async function listen(config: BillingConfig, app: Hono, billing: Billing, log: Logger, metrics: ReturnType<typeof createMetrics>, ready: () => Promise<boolean>): Promise<http.Server> {
  // grpc.health.v1.Health over Connect and gRPC-Web (this port is HTTP/1.1, so no gRPC and no
  // bidirectional reflection here; the ledger's gRPC port has both).
  const health = new HealthStatus({ ...HEALTH_DEFAULTS, services: [BillingService.typeName], ready });
  const adapter = connectNodeAdapter({
    routes: (router) => {
      router.service(BillingService, billingHandlers(billing));
      router.service(Health, health.handlers());
    },
    interceptors: [observability(log, metrics, config.authTokens), validation()],
    // Strict JSON: a misspelt field is an error, not a silently missing value.
    jsonOptions: { ignoreUnknownFields: false },
    readMaxBytes: REQUEST_BYTES_MAX,
    maxTimeoutMs: TIMEOUT_MAX_MS,
    fallback: getRequestListener(app.fetch) as never,
  });
  const server = http.createServer({ keepAliveTimeout: 65_000, requestTimeout: TIMEOUT_MAX_MS + 5_000 }, adapter);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  return server;
}
