// Wires the projector: the event consumer (Kafka when brokers are given, else the embedded log),
// the read-model projector, the drift job, and on HTTP /healthz, /readyz, /metrics, /drift and
// the dead-letter endpoints.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Hono } from "hono";
import { getRequestListener } from "@hono/node-server";
import client from "prom-client";
import type { Sql } from "postgres";
import { connect } from "@ledgerflow/platform/db";
import { createLogger, type Logger } from "@ledgerflow/platform/log";
import { createConsumer, createPublisher } from "@ledgerflow/platform/events";
import { discardDeadLetter, getDeadLetter, listDeadLetters, replayDeadLetter, type DeadLetterStatus } from "./dead-letters.ts";
import { Projector, SUBSCRIBED } from "./projector.ts";

export interface ProjectorConfig {
  databaseUrl: string;
  readDatabaseUrl?: string;
  kafkaBrokers?: string;
  groupId: string;
  host: string;
  port: number;
  schema: string;
  /** /readyz fails while more messages than this wait... */
  readyLagMax: number;
  /** ...or while the read model trails the stream by more than this. */
  readyLagSecondsMax: number;
  driftIntervalMs: number;
  attemptsMax: number;
  retryBaseMs: number;
  version: string;
}

export const PROJECTOR_DEFAULTS: Omit<ProjectorConfig, "databaseUrl"> = {
  groupId: "ledgerflow-projector",
  host: "0.0.0.0",
  port: 8082,
  schema: "read",
  readyLagMax: 1_000,
  readyLagSecondsMax: 30,
  driftIntervalMs: 30_000,
  attemptsMax: 3,
  retryBaseMs: 100,
  version: "0.1.0",
};

export interface ProjectorHandle {
  url: string;
  projector: Projector;
  readSql: Sql;
  stop(): Promise<void>;
}

export async function startProjector(partial: Partial<ProjectorConfig> & Pick<ProjectorConfig, "databaseUrl">, log: Logger = createLogger("projector")): Promise<ProjectorHandle> {
  const config: ProjectorConfig = { ...PROJECTOR_DEFAULTS, ...partial };
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "ledgerflow_projector_" });
  const writeSql = connect({ url: config.databaseUrl, max: 3, applicationName: "ledgerflow-projector" });
  const separateRead = config.readDatabaseUrl !== undefined && config.readDatabaseUrl !== config.databaseUrl;
  const readSql: Sql = separateRead ? connect({ url: config.readDatabaseUrl!, max: 4, applicationName: "ledgerflow-projector" }) : writeSql;
  const transport = { kafkaBrokers: config.kafkaBrokers, logSql: writeSql, clientId: "ledgerflow-projector" };
  const consumer = createConsumer(transport, { groupId: config.groupId, topics: SUBSCRIBED });
  const dlqPublisher = createPublisher(transport);
  const projector = new Projector({ readSql, writeSql, consumer, dlqPublisher, log, registry, schema: config.schema, kafkaBrokers: config.kafkaBrokers, attemptsMax: config.attemptsMax, retryBaseMs: config.retryBaseMs });
  await projector.start();
  const driftTimer = setInterval(() => void projector.drift().catch((error) => log.warn("drift check failed", { error })), config.driftIntervalMs);

  const app = new Hono();
  const started = Date.now();
  const summary = () => ({ service: "projector", version: config.version, uptime_seconds: Math.round((Date.now() - started) / 1000), transport: consumer.kind, lag: projector.lag });
  app.get("/healthz", (c) => c.json({ status: "ok", ...summary() }));
  app.get("/readyz", async (c) => {
    const lag = projector.lag;
    const dbOk = await readSql`SELECT 1`.then(
      () => true,
      () => false,
    );
    const ok = dbOk && lag.messages <= config.readyLagMax && lag.seconds <= config.readyLagSecondsMax;
    const checks = { read_database: dbOk ? "ok" : "unreachable", lag_messages: lag.messages, lag_messages_max: config.readyLagMax, lag_seconds: lag.seconds, lag_seconds_max: config.readyLagSecondsMax };
    return c.json({ status: ok ? "ready" : "not_ready", checks, ...summary() }, ok ? 200 : 503);
  });
  app.get("/metrics", async (c) => c.text(await registry.metrics(), 200, { "content-type": registry.contentType }));
  app.get("/drift", async (c) => c.json(await projector.drift()));
  app.get("/dead-letters", async (c) => {
    const q = c.req.query();
    const letters = await listDeadLetters(readSql, {
      status: q.status as DeadLetterStatus | undefined,
      eventType: q.event_type,
      topic: q.topic,
      beforeId: q.before_id ? Number(q.before_id) : undefined,
      limit: q.limit ? Number(q.limit) : undefined,
    });
    // Ids are bigint in Postgres; JSON carries them as strings.
    return c.json({ dead_letters: letters.map((l) => ({ ...l, id: String(l.id) })) });
  });
  app.get("/dead-letters/:id", async (c) => {
    const row = await getDeadLetter(readSql, Number(c.req.param("id")));
    return row ? c.json({ dead_letter: { ...row, id: String(row.id), value: Buffer.from(row.value).toString("base64") } }) : c.json({ error: { code: "not_found", message: "no such dead letter" } }, 404);
  });
  for (const action of ["replay", "discard"] as const) {
    app.post(`/dead-letters/:id/${action}`, async (c) => {
      const by = c.req.header("x-ledgerflow-actor") ?? "unknown";
      const id = Number(c.req.param("id"));
      if (!Number.isSafeInteger(id) || id <= 0) return c.json({ error: { code: "invalid_argument", message: "id must be a positive integer" } }, 400);
      try {
        const result = action === "replay" ? await replayDeadLetter(readSql, id, by, config.schema) : await discardDeadLetter(readSql, id, by);
        return c.json({ result }, result === "not_found" ? 404 : result === "already_resolved" ? 409 : 200);
      } catch (error) {
        return c.json({ error: { code: "failed_precondition", message: `the event still fails: ${(error as Error).message}` } }, 422);
      }
    });
  }
  app.onError((error, c) => {
    log.error("request failed", { path: c.req.path, error });
    return c.json({ error: { code: error instanceof RangeError ? "invalid_argument" : "internal" } }, error instanceof RangeError ? 400 : 500);
  });
  const server = http.createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  });

  return {
    url: `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${(server.address() as AddressInfo).port}`,
    projector,
    readSql,
    async stop() {
      clearInterval(driftTimer);
      server.close();
      server.closeAllConnections();
      await projector.stop();
      await dlqPublisher.close().catch(() => undefined);
      if (separateRead) await readSql.end({ timeout: 5 });
      await writeSql.end({ timeout: 5 });
    },
  };
}
