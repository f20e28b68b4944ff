// Wires the relay: its own single-connection database client (the leader lock lives on it), the
// event transport chosen by configuration, and /healthz, /readyz, /metrics over HTTP.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Hono } from "hono";
import { getRequestListener } from "@hono/node-server";
import client from "prom-client";
import { connect } from "@ledgerflow/platform/db";
import { createLogger, type Logger } from "@ledgerflow/platform/log";
import { createPublisher, ensureTopics, kafkaClient, TOPICS } from "@ledgerflow/platform/events";
import { RELAY_DEFAULTS, type RelayConfig } from "./config.ts";
import { relayMetrics } from "./metrics.ts";
import { Relay } from "./relay.ts";

export interface RelayHandle {
  url: string;
  relay: Relay;
  registry: client.Registry;
  stop(): Promise<void>;
}

export async function startRelay(partial: Partial<RelayConfig> & Pick<RelayConfig, "databaseUrl">, log: Logger = createLogger("relay")): Promise<RelayHandle> {
  const config: RelayConfig = { ...RELAY_DEFAULTS, ...partial };
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "ledgerflow_relay_" });
  const metrics = relayMetrics(registry);
  // One connection: the session advisory lock that makes this relay the leader is held on it.
  const sql = connect({ url: config.databaseUrl, max: 1, applicationName: "ledgerflow-relay" });
  await sql`SELECT 1`;
  if (config.kafkaBrokers) {
    await ensureTopics(kafkaClient(config.kafkaBrokers, "ledgerflow-relay-admin"), [TOPICS.accounts, TOPICS.transactions, TOPICS.dlq]).catch((error) => {
      // Not fatal: the broker may come later; the producer creates topics on first use.
      log.warn("could not create the event topics yet", { error });
    });
  }
  const publisher = createPublisher({ kafkaBrokers: config.kafkaBrokers, logSql: sql, clientId: "ledgerflow-relay" });
  const relay = new Relay({ ...config, sql, publisher, log, metrics });
  await relay.start();

  const started = Date.now();
  const app = new Hono();
  const status = async () => {
    const [backlog] = await sql`SELECT count(*)::int AS rows, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest_age_seconds FROM ledger.outbox WHERE published_at IS NULL`;
    return {
      service: "relay",
      version: config.version,
      uptime_seconds: Math.round((Date.now() - started) / 1000),
      transport: publisher.kind,
      leader: relay.leading,
      circuit_breaker: relay.breakerState,
      outbox_backlog: backlog!.rows,
      outbox_oldest_age_seconds: backlog!.oldest_age_seconds,
    };
  };
  app.get("/healthz", (c) => c.json({ status: "ok", service: "relay", version: config.version, leader: relay.leading, circuit_breaker: relay.breakerState }));
  app.get("/readyz", async (c) => {
    const s = await status().catch(() => undefined);
    // A standby (not leading) is ready: it takes over when the leader goes.
    const ok = s !== undefined && relay.breakerState !== "open" && s.outbox_oldest_age_seconds <= config.readyOldestAgeMaxSeconds;
    return c.json({ status: ok ? "ready" : "not_ready", ...(s ?? { database: "unreachable" }) }, ok ? 200 : 503);
  });
  app.get("/metrics", async (c) => c.text(await registry.metrics(), 200, { "content-type": registry.contentType }));
  const server = http.createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`,
    relay,
    registry,
    async stop() {
      server.close();
      server.closeAllConnections();
      await relay.stop();
      await publisher.close().catch((error) => log.warn("closing the transport failed", { error }));
      await sql.end({ timeout: 5 });
    },
  };
}
