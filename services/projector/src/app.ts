// Wires the projector: event source (Kafka when brokers are given, else the embedded log), the
// read-model projector, and /healthz, /readyz, /metrics, /drift and the dead-letter API on HTTP.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Hono } from "hono";
import { getRequestListener } from "@hono/node-server";
import client from "prom-client";
import type { Sql } from "postgres";
import { connect } from "@ledgerflow/platform/src/db/client.ts";
import { createLogger, type Logger } from "@ledgerflow/platform/src/log.ts";
import { KafkaSink, KafkaSource, kafkaClient } from "@ledgerflow/platform/src/eventlog/kafka.ts";
import { PostgresLogSource } from "@ledgerflow/platform/src/eventlog/postgres-log.ts";
import type { EventSink, EventSource } from "@ledgerflow/platform/src/eventlog/types.ts";
import { Projector, SUBSCRIBED } from "./projector.ts";

export interface ProjectorConfig {
  databaseUrl: string;
  readDatabaseUrl?: string;
  kafkaBrokers?: string;
  groupId: string;
  host: string;
  port: number;
  schema: string;
  /** /readyz fails while more messages than this are waiting. */
  readyLagMax: number;
  driftIntervalMs: number;
  version: string;
}

export interface ProjectorHandle {
  url: string;
  projector: Projector;
  stop(): Promise<void>;
}

export async function startProjector(config: ProjectorConfig, log: Logger = createLogger("projector")): Promise<ProjectorHandle> {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "ledgerflow_projector_" });
  const writeSql = connect({ url: config.databaseUrl, max: 3, applicationName: "ledgerflow-projector" });
  const readSql: Sql = config.readDatabaseUrl && config.readDatabaseUrl !== config.databaseUrl ? connect({ url: config.readDatabaseUrl, max: 4, applicationName: "ledgerflow-projector" }) : writeSql;
  let source: EventSource;
  let dlqSink: EventSink | undefined;
  if (config.kafkaBrokers) {
    const kafka = kafkaClient(config.kafkaBrokers, "ledgerflow-projector");
    source = new KafkaSource(kafka, config.groupId, SUBSCRIBED);
    dlqSink = new KafkaSink(kafka);
  } else {
    source = new PostgresLogSource({ sql: writeSql, groupId: config.groupId, topics: SUBSCRIBED });
  }
  const projector = new Projector({ readSql, writeSql, source, dlqSink, log, registry, schema: config.schema });
  await projector.start();
  const drift = setInterval(() => void projector.drift().catch((error) => log.warn("drift check failed", { error })), config.driftIntervalMs);

  const started = Date.now();
  const app = new Hono();
  const health = () => ({ service: "projector", version: config.version, uptime_seconds: Math.round((Date.now() - started) / 1000), source: config.kafkaBrokers ? "kafka" : "postgres", lag: projector.lag });
  app.get("/healthz", (c) => c.json({ status: "ok", ...health() }));
  app.get("/readyz", async (c) => {
    const lag = projector.lag;
    const dbOk = await readSql`SELECT 1`.then(() => true, () => false);
    const ok = dbOk && lag.messages <= config.readyLagMax;
    return c.json({ status: ok ? "ready" : "not_ready", checks: { read_database: dbOk ? "ok" : "unreachable", lag_messages: lag.messages, lag_max: config.readyLagMax }, ...health() }, ok ? 200 : 503);
  });
  app.get("/metrics", async (c) => c.text(await registry.metrics(), 200, { "content-type": registry.contentType }));
  app.get("/drift", async (c) => c.json(await projector.drift()));
  app.get("/dead-letters", async (c) => c.json({ dead_letters: await projector.listDeadLetters({ status: c.req.query("status"), eventType: c.req.query("event_type"), limit: Number(c.req.query("limit") ?? 50) }) }));
  app.get("/dead-letters/:id", async (c) => {
    const row = await projector.getDeadLetter(Number(c.req.param("id")));
    return row ? c.json({ dead_letter: { ...row, value: Buffer.from(row.value).toString("base64") } }) : c.json({ error: { code: "not_found" } }, 404);
  });
  for (const action of ["replay", "discard"] as const) {
    app.post(`/dead-letters/:id/${action}`, async (c) => {
      const by = c.req.header("x-ledgerflow-actor") ?? "unknown";
      const id = Number(c.req.param("id"));
      if (!Number.isInteger(id) || id <= 0) return c.json({ error: { code: "invalid_argument", message: "id must be a positive integer" } }, 400);
      const result = action === "replay" ? await projector.replayDeadLetter(id, by).catch((e: Error) => `failed: ${e.message}`) : await projector.discardDeadLetter(id, by);
      const status = result === "not_found" ? 404 : result === "already_resolved" ? 409 : String(result).startsWith("failed") ? 422 : 200;
      return c.json({ result }, status);
    });
  }
  const server = http.createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  });

  return {
    url: `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${(server.address() as AddressInfo).port}`,
    projector,
    async stop() {
      clearInterval(drift);
      server.close();
      server.closeAllConnections();
      await projector.stop();
      await dlqSink?.close().catch(() => undefined);
      if (readSql !== writeSql) await readSql.end({ timeout: 5 });
      await writeSql.end({ timeout: 5 });
    },
  };
}
