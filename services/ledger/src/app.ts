// Wires the ledger: database, breaker, group-commit writer, handlers, and two listeners sharing
// one Connect adapter: cleartext HTTP/2 for gRPC clients, HTTP/1.1 for Connect, gRPC-Web, REST
// and the operational endpoints (Bun's HTTP/2 server cannot also speak HTTP/1.1 without TLS).
import http from "node:http";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { getRequestListener } from "@hono/node-server";
import { LedgerService } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { connect, migrate } from "@ledgerflow/platform/db";
import { CircuitBreaker, withTimeout } from "@ledgerflow/platform/resilience";
import { createLogger, type Logger } from "@ledgerflow/platform/log";
import type { LedgerConfig } from "./config.ts";
import { Ledger } from "./ledger.ts";
import { createMetrics } from "./metrics.ts";
import { isDatabaseUnavailable } from "@ledgerflow/platform/errors";
import { Writer } from "./posting/writer.ts";
import { restApp, type Handlers } from "./http/rest.ts";
import { observability } from "./rpc/interceptors.ts";
import { withCors } from "@ledgerflow/platform/http";
import { type HealthStatus, standardServices, validation } from "@ledgerflow/platform/rpc";
import { checkTokenScopes, scopedHandlers } from "./rpc/scopes.ts";
import { ledgerHandlers } from "./rpc/service.ts";
import { createPublisher, type EventPublisher } from "@ledgerflow/platform/events";
import { Relay, RELAY_DEFAULTS, relayMetrics } from "@ledgerflow/relay/embedded";
import { ChainMonitor } from "./chain/monitor.ts";
import { verifyChains } from "./chain/verify.ts";

/** Calls a client may cancel on one HTTP/2 connection at once, and again each second. */
const GRPC_RESETS_PER_S = 1_000;

export interface LedgerHandle {
  httpUrl: string;
  grpcUrl: string;
  ledger: Ledger;
  relay?: Relay;
  /** The periodic check of the hash chains (absent when chainVerifyIntervalMs is 0). */
  chain?: ChainMonitor;
  stop(): Promise<void>;
}

const DEFAULTS: Omit<LedgerConfig, "databaseUrl"> = {
  host: "127.0.0.1",
  grpcPort: 0,
  httpPort: 0,
  dbPoolMax: 16,
  writersMax: 2,
  batchItemsMax: 1000,
  queueItemsMax: 50_000,
  requestBytesMax: 4 * 1024 * 1024,
  timeoutMaxMs: 30_000,
  expiryIntervalMs: 1_000,
  migrate: true,
  authTokens: new Map(),
  tokenScopes: new Map(),
  version: "0.1.0",
  relayEnabled: true,
  corsOrigins: new Set(),
  chainVerifyIntervalMs: 60_000,
  chainFullVerifyIntervalMs: 86_400_000,
};

export async function startLedger(partial: Partial<LedgerConfig> & { databaseUrl: string }, log: Logger = createLogger("ledger")): Promise<LedgerHandle> {
  const config: LedgerConfig = { ...DEFAULTS, ...partial };
  // Before anything starts: every token's reach is written down.
  if (config.authTokens.size > 0) checkTokenScopes(config.authTokens, config.tokenScopes);
  const metrics = createMetrics();
  const sql = connect({ url: config.databaseUrl, max: config.dbPoolMax, applicationName: "ledgerflow-ledger" });
  if (config.migrate) {
    const result = await migrate(sql);
    if (result.applied.length > 0) log.info("migrations applied", { applied: result.applied });
  }
  metrics.dbPoolSize.set(config.dbPoolMax);
  const breaker = new CircuitBreaker({
    name: "postgres",
    failureThreshold: 5,
    openMs: 2_000,
    isFailure: isDatabaseUnavailable,
    onStateChange: (state) => {
      metrics.breakerState.set({ breaker: "postgres" }, state === "closed" ? 0 : state === "half_open" ? 1 : 2);
      log.warn("database circuit breaker changed state", { state });
    },
  });
  metrics.breakerState.set({ breaker: "postgres" }, 0);
  const writer = new Writer({
    sql,
    breaker,
    writersMax: config.writersMax,
    batchItemsMax: config.batchItemsMax,
    queueItemsMax: config.queueItemsMax,
    attemptsMax: 3,
    onBatch: (items, seconds) => {
      metrics.batchSize.observe(items);
      metrics.dbQuery.observe({ query: "post_batch" }, seconds);
    },
  });
  const ledger = new Ledger(sql, writer, breaker, (kind) => metrics.posted.inc({ kind }));
  const handlers = scopedHandlers(ledgerHandlers(ledger), config.authTokens, config.tokenScopes);

  const ready = async () => {
    const checks: Record<string, string> = {};
    try {
      await withTimeout(sql`SELECT 1`, 1_000, "timeout");
      checks.postgres = "ok";
    } catch (error) {
      checks.postgres = `unreachable: ${(error as Error).message}`;
    }
    checks.circuit_breaker = breaker.current;
    checks.writer_queue = String(writer.queueLength);
    return { ok: checks.postgres === "ok" && breaker.current !== "open", checks };
  };
  const rest = restApp({
    handlers: handlers as unknown as Handlers,
    metrics,
    log,
    authTokens: config.authTokens,
    requestBytesMax: config.requestBytesMax,
    timeoutMaxMs: config.timeoutMaxMs,
    version: config.version,
    ready,
    verifyChains: (o) => breaker.run(() => verifyChains(sql, o)),
  });
  let health: HealthStatus | undefined;
  const adapter = connectNodeAdapter({
    routes: (router) => {
      router.service(LedgerService, handlers);
      health = standardServices(router, [LedgerService], async () => (await ready()).ok);
    },
    interceptors: [observability(log, metrics, config.authTokens), validation()],
    // Strict JSON: a misspelt field is an error, not a silently missing value.
    jsonOptions: { ignoreUnknownFields: false },
    readMaxBytes: config.requestBytesMax,
    // Ledger responses are small and mostly served on fast networks: gzip cost more CPU than it
    // saved (measured: a quarter of the service's CPU under load). Only large pages are compressed.
    compressMinBytes: 64 * 1024,
    writeMaxBytes: 16 * 1024 * 1024,
    maxTimeoutMs: config.timeoutMaxMs,
    fallback: getRequestListener(rest.fetch) as never,
  });

  // A client cancels (RST_STREAM) every call whose deadline passes; under overload that is every
  // call it has in flight, once per deadline. The runtime's guard against rapid-reset floods
  // (a burst of 1,000 resets, then 33 a second) took that for an attack and sent GOAWAY, failing
  // every call on the connection, the ones that were being served included. Here a thousand calls
  // in flight may each be cancelled about once a second (with a burst of twice that, as the runtime
  // counts resets in bursts); a faster flood still closes the connection.
  const h2 = http2.createServer({ streamResetBurst: 2 * GRPC_RESETS_PER_S, streamResetRate: GRPC_RESETS_PER_S }, adapter);
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
  });
  // Browsers speak HTTP/1.1 here, so CORS is only on this listener.
  const h1 = http.createServer({ keepAliveTimeout: 65_000, requestTimeout: config.timeoutMaxMs + 5_000 }, withCors(config.corsOrigins, adapter));
  await listen(h2, config.grpcPort, config.host);
  await listen(h1, config.httpPort, config.host);
  const grpcPort = (h2.address() as AddressInfo).port;
  const httpPort = (h1.address() as AddressInfo).port;
  const publicHost = config.host === "0.0.0.0" ? "127.0.0.1" : config.host;

  const expiry = setInterval(() => {
    ledger
      .expireHolds()
      .then((n) => n > 0 && metrics.holdsExpired.inc(n))
      .catch((error) => log.warn("expiry sweep failed", { error }));
  }, config.expiryIntervalMs);
  const queueGauge = setInterval(() => metrics.writerQueue.set(writer.queueLength), 1_000);
  const chain =
    config.chainVerifyIntervalMs > 0
      ? new ChainMonitor({
          sql,
          metrics,
          log: log.child({ component: "chain" }),
          intervalMs: config.chainVerifyIntervalMs,
          fullIntervalMs: Math.max(config.chainFullVerifyIntervalMs, config.chainVerifyIntervalMs),
        })
      : undefined;
  chain?.start();
  // The relay of services/relay, hosted in this process for single-process setups and tests
  // (production runs it as its own Deployment; both take the same leader lock).
  let relay: { relay: Relay; publisher: EventPublisher; sql: ReturnType<typeof connect> } | undefined;
  if (config.relayEnabled) {
    const relaySql = connect({ url: config.relayDatabaseUrl ?? config.databaseUrl, max: 1, applicationName: "ledgerflow-relay" });
    const publisher = createPublisher({ kafkaBrokers: config.kafkaBrokers, logSql: relaySql, clientId: "ledgerflow-relay" });
    const r = new Relay({ ...RELAY_DEFAULTS, sql: relaySql, publisher, log: log.child({ component: "relay" }), metrics: relayMetrics(metrics.registry) });
    await r.start();
    relay = { relay: r, publisher, sql: relaySql };
  }

  return {
    httpUrl: `http://${publicHost}:${httpPort}`,
    grpcUrl: `http://${publicHost}:${grpcPort}`,
    ledger,
    relay: relay?.relay,
    chain,
    async stop() {
      // Probes see NOT_SERVING first, so load balancers stop sending before the listeners close.
      await health?.stopping(1_000);
      await relay?.relay.stop();
      await relay?.publisher.close().catch((error) => log.warn("closing the relay's transport failed", { error }));
      await relay?.sql.end({ timeout: 5 });
      clearInterval(expiry);
      clearInterval(queueGauge);
      await chain?.stop();
      h2.close();
      h1.close();
      // GOAWAY lets gRPC clients finish in-flight calls and reconnect elsewhere.
      for (const session of sessions) session.close();
      await writer.drain(10_000);
      h1.closeAllConnections();
      for (const session of sessions) session.destroy();
      await sql.end({ timeout: 5 });
    },
  };
}

function listen(server: http.Server | http2.Http2Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
}
