// `npm start`: the whole platform on one machine. Without DATABASE_URL it runs an embedded
// PostgreSQL (data kept under .data/ between runs); without KAFKA_BROKERS the services use the
// Postgres-backed event log; without OIDC_ISSUER the admin gateway runs its development OpenID
// provider. Each service is its own process, as in production, supervised: one that exits is
// started again with backoff; Ctrl-C (or SIGTERM) stops them all.
import fs from "node:fs";
import path from "node:path";
import { buildDashboard } from "./lib/web.ts";
import { Supervisor, type SupervisedService } from "./lib/supervisor.ts";
import { startLocalPostgres, type LocalPostgres } from "@ledgerflow/platform/local-postgres";
import { connect, migrate, enableServiceLogins, localServiceLogins, serviceLoginsFromEnv, SERVICES, urlAs, type Service } from "@ledgerflow/platform/db";
import { databaseUrl } from "@ledgerflow/platform/testing";
import { clearRunningPlatform, writeRunningPlatform } from "@ledgerflow/platform/local";

const root = path.resolve(import.meta.dir, "..");
const startedAt = Date.now();
const env: Record<string, string> = { ...(process.env as Record<string, string>) };

let pg: LocalPostgres | undefined;
if (!env.DATABASE_URL) {
  const port = Number(env.LEDGERFLOW_PG_PORT ?? 5433);
  pg = startLocalPostgres({ dataDir: path.join(root, ".data", "postgres"), port });
  const admin = connect({ url: pg.url, max: 1 });
  const [exists] = await admin`SELECT 1 AS one FROM pg_database WHERE datname = 'ledgerflow'`;
  if (!exists) await admin.unsafe("CREATE DATABASE ledgerflow");
  await admin.end();
  env.DATABASE_URL = databaseUrl(pg.url, "ledgerflow");
  console.log(`embedded PostgreSQL on 127.0.0.1:${port} (data in .data/postgres)`);
}
const sql = connect({ url: env.DATABASE_URL, max: 1 });
const migrated = await migrate(sql);
// Each service connects as its own database role (sql/migrations/0041), never as the owner: on
// the embedded cluster (local trust authentication) they just need LOGIN; on a database given by
// DATABASE_URL the DB_PASSWORD_<SERVICE> variables set their passwords, as `npm run migrate` does.
const logins = pg ? localServiceLogins() : serviceLoginsFromEnv(env);
const withLogin = new Set(await enableServiceLogins(sql, logins));
await sql.end();
console.log(`migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied} already in place`);
const ownerUrl = env.DATABASE_URL;
const dbUrl = (service: Service): string => {
  if (!withLogin.has(service)) return ownerUrl;
  return urlAs(ownerUrl, service, pg || env.DB_IAM_AUTH === "true" ? undefined : env[`DB_PASSWORD_${service.toUpperCase()}`]);
};
if (withLogin.size < SERVICES.length) console.log(`[platform] no DB_PASSWORD_* for ${SERVICES.filter((s) => !withLogin.has(s)).join(", ")}: those services connect with DATABASE_URL's role`);

// Every service on loopback, each as its own process (the relay too: the ledger's in-process
// relay is off, as in production).
for (const host of ["LEDGER_HOST", "PROJECTOR_HOST", "RELAY_HOST", "BILLING_HOST", "ADMIN_HOST"]) env[host] ??= "127.0.0.1";
env.LEDGER_URL ??= `http://127.0.0.1:${env.LEDGER_HTTP_PORT ?? 8081}`;
env.PROJECTOR_URL ??= `http://127.0.0.1:${env.PROJECTOR_PORT ?? 8082}`;
env.BILLING_URL ??= `http://127.0.0.1:${env.BILLING_PORT ?? 8083}`;
env.RELAY_URL ??= `http://127.0.0.1:${env.RELAY_PORT ?? 8084}`;
env.LEDGER_MIGRATE = "false";
env.RELAY_ENABLED = "false";
// The development OpenID provider keeps its signing key and client secrets here between runs.
env.DEV_OIDC_DATA_DIR ??= path.join(root, ".data", "dev-idp");

// What the supervisor runs, where each one answers, and the URLs the ready line gives.
interface ServiceSpec extends SupervisedService {
  urls: string[];
}
const ledgerGrpc = `http://127.0.0.1:${env.LEDGER_GRPC_PORT ?? 9090}`;
const dashboard = `http://localhost:${env.ADMIN_PORT ?? 8080}`;
const services: ServiceSpec[] = [
  { name: "ledger", entry: "services/ledger/src/main.ts", healthUrl: `${env.LEDGER_URL}/healthz`, urls: [`ledger ${env.LEDGER_URL} (Connect, REST; gRPC h2c ${ledgerGrpc})`], env: { DATABASE_URL: dbUrl("ledger") } },
  { name: "relay", entry: "services/relay/src/main.ts", healthUrl: `${env.RELAY_URL}/healthz`, urls: [`relay ${env.RELAY_URL}/readyz`], env: { DATABASE_URL: dbUrl("relay") } },
  { name: "projector", entry: "services/projector/src/main.ts", healthUrl: `${env.PROJECTOR_URL}/healthz`, urls: [`projector ${env.PROJECTOR_URL}/drift`], env: { DATABASE_URL: dbUrl("projector") } },
  { name: "billing", entry: "services/billing/src/main.ts", healthUrl: `${env.BILLING_URL}/healthz`, urls: [`billing ${env.BILLING_URL}`], env: { DATABASE_URL: dbUrl("billing") } },
  {
    name: "admin-api",
    entry: "services/admin-api/src/main.ts",
    healthUrl: `http://127.0.0.1:${env.ADMIN_PORT ?? 8080}/healthz`,
    urls: [`dashboard ${dashboard}`, ...(env.OIDC_ISSUER ? [] : [`sign-in http://127.0.0.1:${env.DEV_OIDC_PORT ?? 8090} (admin@ledgerflow.local / ledgerflow)`])],
    env: { DATABASE_URL: dbUrl("admin") },
  },
].filter((s) => fs.existsSync(path.join(root, s.entry)));

// LEDGERFLOW_BUILD_DASHBOARD=false serves web/dist as it is (tests that start the platform).
if (env.LEDGERFLOW_BUILD_DASHBOARD !== "false" && !buildDashboard()) console.error("the dashboard failed to build; the gateway serves a notice instead");

const say = (line: string) => console.log(`[platform] ${line}`);
const quietLines = {
  // oidc-provider warns at import on any runtime but Node LTS; the services run on Bun by design,
  // and only the development sign-in provider (never run in production) loads it.
  "admin-api": [/^oidc-provider WARNING: Unsupported runtime\. /],
};
const supervisor = new Supervisor({ root, env, services, say, quietLines });
supervisor.start();
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());

const READY_TIMEOUT_MS = 120_000;
if (await supervisor.waitReady(READY_TIMEOUT_MS)) {
  writeRunningPlatform({
    pid: process.pid,
    databaseUrl: ownerUrl,
    serviceDatabaseUrls: Object.fromEntries(SERVICES.map((s) => [s, dbUrl(s)])),
    kafkaBrokers: env.KAFKA_BROKERS || undefined,
    startedAt: new Date(startedAt).toISOString(),
    urls: { dashboard, ledger: env.LEDGER_URL, ledgerGrpc, projector: env.PROJECTOR_URL, billing: env.BILLING_URL, relay: env.RELAY_URL },
  });
  const events = env.KAFKA_BROKERS ? `events via Kafka ${env.KAFKA_BROKERS}` : "events via the embedded Postgres log";
  console.log(`\nLedgerFlow ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${services.flatMap((s) => s.urls).join(" · ")} · ${events}. Ctrl-C stops.\n`);
} else {
  say(`not every service answered within ${READY_TIMEOUT_MS / 1000} s; still trying (see the lines above)`);
}

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  say("stopping");
  await supervisor.stop();
  clearRunningPlatform(process.pid);
  pg?.stop();
  process.exit(0);
}
