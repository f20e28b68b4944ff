// `npm start`: the whole platform on one machine. Without DATABASE_URL it runs an embedded
// PostgreSQL (data kept under .data/ between runs); without KAFKA_BROKERS the services use the
// Postgres-backed event log; without OIDC_ISSUER the admin gateway runs its development OpenID
// provider. Each service is its own process, as in production; Ctrl-C stops them all.
import fs from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { buildDashboard } from "./lib/web.ts";
import { startLocalPostgres, type LocalPostgres } from "../services/platform/src/db/local-postgres.ts";
import { connect } from "../services/platform/src/db/client.ts";
import { migrate } from "../services/platform/src/db/migrate.ts";
import { databaseUrl } from "../services/platform/src/testing/postgres.ts";

const root = path.resolve(import.meta.dir, "..");
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
await sql.end();
console.log(`migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied} already in place`);

// Every service on loopback, each as its own process (the relay too: the ledger's in-process
// relay is off, as in production).
for (const host of ["LEDGER_HOST", "PROJECTOR_HOST", "RELAY_HOST", "BILLING_HOST", "ADMIN_HOST"]) env[host] ??= "127.0.0.1";
env.LEDGER_URL ??= `http://127.0.0.1:${env.LEDGER_HTTP_PORT ?? 8081}`;
env.PROJECTOR_URL ??= `http://127.0.0.1:${env.PROJECTOR_PORT ?? 8082}`;
env.BILLING_URL ??= `http://127.0.0.1:${env.BILLING_PORT ?? 8083}`;
env.RELAY_URL ??= `http://127.0.0.1:${env.RELAY_PORT ?? 8084}`;
env.READ_DATABASE_URL ??= env.DATABASE_URL;
env.LEDGER_MIGRATE = "false";
env.RELAY_ENABLED = "false";
// The development OpenID provider keeps its signing key and client secrets here between runs.
env.DEV_OIDC_DATA_DIR ??= path.join(root, ".data", "dev-idp");

interface ServiceSpec {
  name: string;
  entry: string;
  urls: string[];
}
const services: ServiceSpec[] = [
  { name: "ledger", entry: "services/ledger/src/main.ts", urls: [`gRPC (h2c)  http://127.0.0.1:${env.LEDGER_GRPC_PORT ?? 9090}`, `Connect/REST ${env.LEDGER_URL}`] },
  { name: "relay", entry: "services/relay/src/main.ts", urls: [`outbox      ${env.RELAY_URL}/readyz`] },
  { name: "projector", entry: "services/projector/src/main.ts", urls: [`read model  ${env.PROJECTOR_URL}/healthz  (/drift, /dead-letters)`] },
  { name: "billing", entry: "services/billing/src/main.ts", urls: [`billing     ${env.BILLING_URL}/healthz`] },
  { name: "admin-api", entry: "services/admin-api/src/main.ts", urls: [`dashboard   http://localhost:${env.ADMIN_PORT ?? 8080}`] },
].filter((s) => fs.existsSync(path.join(root, s.entry)));

if (!buildDashboard()) console.error("the dashboard failed to build; the gateway serves a notice instead");

const children: ChildProcess[] = [];
let stopping = false;
for (const service of services) {
  const child = spawn(process.execPath, [path.join(root, service.entry)], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = `[${service.name}] `;
  const forward = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line) stream.write(prefix + line + "\n");
  };
  child.stdout!.on("data", forward(process.stdout));
  child.stderr!.on("data", forward(process.stderr));
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`${service.name} exited with code ${code}; stopping the platform`);
      void shutdown(1);
    }
  });
  children.push(child);
}

console.log("\nLedgerFlow is starting:");
for (const s of services) for (const url of s.urls) console.log(`  ${s.name.padEnd(10)} ${url}`);
console.log("Press Ctrl-C to stop.\n");

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  await Promise.race([Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r))))), Bun.sleep(15_000)]);
  pg?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

