// The system under test, every part a process of its own as in production: a Postgres cluster
// and a Kafka broker of the run's own (so that restarting them disturbs nothing else), the ledger
// (and a second ledger that the nemesis starts and stops beside it), the outbox relay, the
// projector and billing. The checker's database client is the run's only other connection.
import fs from "node:fs";
import path from "node:path";
import type { Sql } from "postgres";
import { connect, enableServiceLogins, localServiceLogins, migrate, urlAs } from "@ledgerflow/platform/db";
import { findFreePort, type LocalPostgres, startLocalPostgres } from "@ledgerflow/platform/local-postgres";
import { databaseUrl } from "@ledgerflow/platform/testing";
import { startBroker, stopBroker } from "../lib/kafka-broker.ts";
import { ServiceProcess, type UnexpectedExit } from "./processes.ts";

export interface ClusterOptions {
  /** Everything of the run lives here (data, logs, the report). */
  runDir: string;
  log: (line: string) => void;
}

export interface Cluster {
  pg: LocalPostgres;
  databaseUrl: string;
  /** The checker's own client (reads only). */
  sql: Sql;
  kafkaDir: string;
  brokers: string;
  logDir: string;
  ledger: ServiceProcess;
  ledger2: ServiceProcess;
  relay: ServiceProcess;
  projector: ServiceProcess;
  billing: ServiceProcess;
  ledgerGrpcUrls: [string, string];
  billingUrl: string;
  projectorUrl: string;
  relayUrl: string;
  exits: UnexpectedExit[];
  startKafka(): Promise<void>;
  stopKafka(): Promise<void>;
  stop(): Promise<void>;
}

const ledgerEnv = (url: string, brokers: string, grpcPort: number, httpPort: number) => ({
  DATABASE_URL: url,
  KAFKA_BROKERS: brokers,
  LEDGER_HOST: "127.0.0.1",
  LEDGER_GRPC_PORT: String(grpcPort),
  LEDGER_HTTP_PORT: String(httpPort),
  // The relay runs as its own process, as in production.
  LEDGER_MIGRATE: "false",
  RELAY_ENABLED: "false",
  LEDGER_EXPIRY_INTERVAL_MS: "500",
});

export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  fs.mkdirSync(o.runDir, { recursive: true });
  const logDir = path.join(o.runDir, "logs");
  const started = performance.now();
  // fsync off survives a server crash (the kernel keeps the writes); synchronous_commit must
  // stay on, or an immediate stop loses acknowledged commits.
  const pg = startLocalPostgres({ dataDir: path.join(o.runDir, "pg"), port: await findFreePort(), fresh: true, settings: { fsync: "off", synchronous_commit: "on", full_page_writes: "off", max_connections: 200 } });
  const admin = connect({ url: pg.url, max: 1 });
  await admin.unsafe("CREATE DATABASE ledgerflow");
  await admin.end();
  const url = databaseUrl(pg.url, "ledgerflow");
  const sql = connect({ url, max: 4, applicationName: "ledgerflow-chaos-checker", statementTimeoutMs: 60_000 });
  await migrate(sql);
  // Each service connects as its own database role, as in production (local trust auth: LOGIN only).
  await enableServiceLogins(sql, localServiceLogins());
  o.log(`postgres: 127.0.0.1:${pg.port} migrated in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const kafkaDir = path.join(o.runDir, "kafka");
  const kafkaStarted = performance.now();
  const broker = await startBroker({ dataDir: kafkaDir, heapMb: 384, partitions: 3 });
  o.log(`kafka: ${broker.brokers} ready in ${((performance.now() - kafkaStarted) / 1000).toFixed(1)} s`);

  const exits: UnexpectedExit[] = [];
  const onExit = (exit: UnexpectedExit) => {
    exits.push(exit);
    o.log(`UNEXPECTED EXIT: ${exit.service} code ${exit.code} signal ${exit.signal}`);
  };
  const ports = await Promise.all(Array.from({ length: 7 }, () => findFreePort()));
  const [g1, h1, g2, h2, relayPort, projectorPort, billingPort] = ports as [number, number, number, number, number, number, number];
  const common = { LOG_LEVEL: "warn" };
  const ledger = new ServiceProcess({ name: "ledger", entry: "services/ledger/src/main.ts", healthUrl: `http://127.0.0.1:${h1}/readyz`, env: { ...common, ...ledgerEnv(urlAs(url, "ledger"), broker.brokers, g1, h1) } }, logDir, onExit);
  const ledger2 = new ServiceProcess({ name: "ledger2", entry: "services/ledger/src/main.ts", healthUrl: `http://127.0.0.1:${h2}/readyz`, env: { ...common, ...ledgerEnv(urlAs(url, "ledger"), broker.brokers, g2, h2) } }, logDir, onExit);
  const relay = new ServiceProcess(
    {
      name: "relay",
      entry: "services/relay/src/main.ts",
      healthUrl: `http://127.0.0.1:${relayPort}/healthz`,
      env: {
        ...common,
        DATABASE_URL: urlAs(url, "relay"),
        KAFKA_BROKERS: broker.brokers,
        RELAY_HOST: "127.0.0.1",
        RELAY_PORT: String(relayPort),
        RELAY_POLL_MS: "200",
        RELAY_BREAKER_FAILURES: "3",
        RELAY_BREAKER_OPEN_MS: "1000",
        RELAY_BACKOFF_MAX_MS: "1000",
      },
    },
    logDir,
    onExit,
  );
  const projector = new ServiceProcess(
    {
      name: "projector",
      entry: "services/projector/src/main.ts",
      healthUrl: `http://127.0.0.1:${projectorPort}/healthz`,
      env: { ...common, DATABASE_URL: urlAs(url, "projector"), KAFKA_BROKERS: broker.brokers, PROJECTOR_HOST: "127.0.0.1", PROJECTOR_PORT: String(projectorPort), PROJECTOR_GROUP: "chaos-projector", PROJECTOR_DRIFT_INTERVAL_MS: "60000" },
    },
    logDir,
    onExit,
  );
  const billing = new ServiceProcess(
    {
      name: "billing",
      entry: "services/billing/src/main.ts",
      healthUrl: `http://127.0.0.1:${billingPort}/healthz`,
      env: {
        ...common,
        DATABASE_URL: urlAs(url, "billing"),
        KAFKA_BROKERS: broker.brokers,
        LEDGER_URL: `http://127.0.0.1:${h1}`,
        BILLING_HOST: "127.0.0.1",
        BILLING_PORT: String(billingPort),
        BILLING_GROUP: "chaos-billing",
        BILLING_CLOSE_INTERVAL_MS: "500",
        BILLING_POST_RETRY_BASE_MS: "200",
        BILLING_POST_RETRY_MAX_MS: "2000",
        BILLING_LEDGER_TIMEOUT_MS: "3000",
      },
    },
    logDir,
    onExit,
  );
  const servicesStarted = performance.now();
  await ledger.start();
  await Promise.all([relay.start(), projector.start(), billing.start()]);
  o.log(`services: ledger, relay, projector, billing up in ${((performance.now() - servicesStarted) / 1000).toFixed(1)} s`);

  return {
    pg,
    databaseUrl: url,
    sql,
    kafkaDir,
    logDir,
    brokers: broker.brokers,
    ledger,
    ledger2,
    relay,
    projector,
    billing,
    exits,
    ledgerGrpcUrls: [`http://127.0.0.1:${g1}`, `http://127.0.0.1:${g2}`],
    billingUrl: `http://127.0.0.1:${billingPort}`,
    projectorUrl: `http://127.0.0.1:${projectorPort}`,
    relayUrl: `http://127.0.0.1:${relayPort}`,
    startKafka: async () => void (await startBroker({ dataDir: kafkaDir })),
    stopKafka: async () => void (await stopBroker(kafkaDir, { hard: true })),
    async stop() {
      for (const s of [billing, projector, relay, ledger2, ledger]) await s.stop().catch(() => undefined);
      await sql.end({ timeout: 5 }).catch(() => undefined);
      await stopBroker(kafkaDir, { hard: true }).catch(() => undefined);
      pg.stop();
    },
  };
}
