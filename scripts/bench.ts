// `npm run bench`: posts transfers to a real ledger over gRPC (loopback only, bounded in time)
// and, on the same database in the same run, the raw-SQL baseline through pgbench.
// Prints transfers/s, latency percentiles and the ledger's peak RSS. Fsync stays on.
//
//   BENCH_SECONDS   seconds per workload (default 8)
//   BENCH_ACCOUNTS  accounts in the uniform workload (default 10000)
//   BENCH_LEDGER_FLAGS  extra Bun flags for the ledger process (e.g. "--cpu-prof --cpu-prof-md")
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { createClient, type Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { BatchMode, Direction, LedgerService } from "../proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { findFreePort, startLocalPostgres } from "../services/platform/src/db/local-postgres.ts";
import { connect } from "../services/platform/src/db/client.ts";
import { migrate } from "../services/platform/src/db/migrate.ts";
import { databaseUrl } from "../services/platform/src/testing/postgres.ts";
import { postgresTool } from "./lib/system-deps.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const root = path.resolve(import.meta.dir, "..");
const dir = path.join(root, ".cache", "bench");

const pg = startLocalPostgres({ dataDir: path.join(dir, "pg"), port: await findFreePort(), fresh: true, settings: { max_connections: 300, shared_buffers: "256MB" } });
const admin = connect({ url: pg.url, max: 1 });
await admin.unsafe("CREATE DATABASE bench");
await admin.end();
const url = databaseUrl(pg.url, "bench");
const sql = connect({ url, max: 4 });
await migrate(sql);

// Accounts: a funding source and ACCOUNTS wallets, created through SQL for speed (the triggers
// still run), then funded through the ledger below.
await sql`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft)
  SELECT gen_random_uuid(), 'main', 'w:' || i, 'USD', 'credit', false FROM generate_series(1, ${ACCOUNTS}) i`;
await sql`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft) VALUES
  (gen_random_uuid(), 'main', 'source', 'USD', 'debit', true), (gen_random_uuid(), 'main', 'fees', 'USD', 'credit', false)`;
const wallets = (await sql`SELECT id FROM ledger.accounts WHERE code LIKE 'w:%' ORDER BY code`).map((r) => r.id as string);
const source: string = (await sql`SELECT id FROM ledger.accounts WHERE code = 'source'`)[0]!.id;
const fees: string = (await sql`SELECT id FROM ledger.accounts WHERE code = 'fees'`)[0]!.id;

const grpcPort = await findFreePort();
const httpPort = await findFreePort();
const flags = (process.env.BENCH_LEDGER_FLAGS ?? "").split(" ").filter(Boolean);
const ledgerProc = spawn(process.execPath, [...flags, path.join(root, "services/ledger/src/main.ts")], {
  env: { ...process.env, DATABASE_URL: url, LEDGER_HOST: "127.0.0.1", LEDGER_GRPC_PORT: String(grpcPort), LEDGER_HTTP_PORT: String(httpPort), LEDGER_MIGRATE: "false", LOG_LEVEL: "warn" },
  stdio: ["ignore", "inherit", "inherit"],
});
const client: Client<typeof LedgerService> = createClient(LedgerService, createGrpcTransport({ baseUrl: `http://127.0.0.1:${grpcPort}` }));
for (let i = 0; i < 100; i++) {
  try {
    await client.getAccount({ accountId: source });
    break;
  } catch {
    await Bun.sleep(100);
  }
}

let key = 0;
const transfer = (from: string, to: string, amount: number) => ({
  idempotencyKey: `b-${++key}`,
  entries: [{ accountId: from, direction: Direction.DEBIT, amount: String(amount) }, { accountId: to, direction: Direction.CREDIT, amount: String(amount) }],
});
for (let i = 0; i < wallets.length; i += 1000) {
  await client.postTransactions({ mode: BatchMode.ATOMIC, transactions: wallets.slice(i, i + 1000).map((w) => transfer(source, w, 1_000_000_000)) });
}
const random = () => wallets[Math.floor(Math.random() * wallets.length)]!;
const setupPeakMb = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${ledgerProc.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
// Reset the peak-RSS mark (Linux clear_refs "5"): the figure below covers the workloads only,
// not the setup's 1,000-transaction funding batches.
fs.writeFileSync(`/proc/${ledgerProc.pid}/clear_refs`, "5");
// Fresh statistics, as a database in service has: plans then use the indexes.
await sql`ANALYZE`;

interface Result { name: string; transfers: number; seconds: number; latenciesMs: number[]; errors: number; cpu?: CpuSplit }

/** CPU seconds of the ledger process, every Postgres process, and this load generator. */
interface CpuSplit { ledger: number; postgres: number; client: number }
const procCpuSeconds = (pid: number): number => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
};
const postgresCpuSeconds = (): number => fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).reduce((sum, d) => {
  try {
    return fs.readFileSync(`/proc/${d}/cmdline`, "utf8").startsWith("postgres") ? sum + procCpuSeconds(Number(d)) : sum;
  } catch {
    return sum;
  }
}, 0);
function cpuNow(): CpuSplit {
  const self = process.cpuUsage();
  return { ledger: procCpuSeconds(ledgerProc.pid!), postgres: postgresCpuSeconds(), client: (self.user + self.system) / 1e6 };
}
const cpuSince = (start: CpuSplit): CpuSplit => {
  const now = cpuNow();
  return { ledger: now.ledger - start.ledger, postgres: now.postgres - start.postgres, client: now.client - start.client };
};

/** Closed loop: `clients` callers, each posting again as soon as its previous call returns. */
async function closedLoop(name: string, clients: number, call: () => Promise<number>): Promise<Result> {
  const until = performance.now() + SECONDS * 1000;
  const latenciesMs: number[] = [];
  let transfers = 0;
  let errors = 0;
  const started = performance.now();
  const cpuStart = cpuNow();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      try {
        const n = await call();
        transfers += n;
        latenciesMs.push(performance.now() - t0);
      } catch {
        errors += 1;
      }
    }
  }));
  return { name, transfers, seconds: (performance.now() - started) / 1000, latenciesMs, errors, cpu: cpuSince(cpuStart) };
}

/** Open loop: calls start at a fixed rate whatever the latency, as real traffic does. */
async function openLoop(name: string, ratePerSecond: number, call: () => Promise<number>): Promise<Result> {
  const total = Math.round(ratePerSecond * SECONDS);
  const latenciesMs: number[] = [];
  let transfers = 0;
  let errors = 0;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 1) await Bun.sleep(wait);
    inflight.push(call().then((n) => { transfers += n; latenciesMs.push(performance.now() - due); }, () => { errors += 1; }));
  }
  await Promise.all(inflight);
  return { name, transfers, seconds: (performance.now() - started) / 1000, latenciesMs, errors };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const rows: string[] = [];
function report(r: Result, unit = "transfers/s"): number {
  const sorted = [...r.latenciesMs].sort((a, b) => a - b);
  const rate = r.transfers / r.seconds;
  // Where the two cores went: CPU time per transfer in the ledger, Postgres and the load generator.
  const perTransfer = (s: number) => ((s / Math.max(1, r.transfers)) * 1e6).toFixed(0);
  const cpu = r.cpu ? `  cpu/transfer: ledger ${perTransfer(r.cpu.ledger)} µs, postgres ${perTransfer(r.cpu.postgres)} µs, client ${perTransfer(r.cpu.client)} µs` : "";
  const line = `${r.name.padEnd(44)} ${rate.toFixed(0).padStart(7)} ${unit}   p50 ${percentile(sorted, 50).toFixed(2)} ms  p95 ${percentile(sorted, 95).toFixed(2)} ms  p99 ${percentile(sorted, 99).toFixed(2)} ms  errors ${r.errors}${cpu}`;
  rows.push(line);
  console.log(line);
  return rate;
}

console.log(`\nLedger benchmark: ${ACCOUNTS} accounts, ${SECONDS}s per workload, fsync on, client and server on the same ${navigator.hardwareConcurrency} cores\n`);
const single = async () => {
  await client.postTransaction(transfer(random(), random(), 1));
  return 1;
};
await closedLoop("warm-up", 16, single);
const uniform64 = report(await closedLoop("PostTransaction, uniform, 64 clients", 64, single));
report(await closedLoop("PostTransaction, uniform, 16 clients", 16, single));
report(await closedLoop("PostTransaction, uniform, 1 client", 1, single));
const hot64 = report(await closedLoop("PostTransaction, hot fee account, 64 clients", 64, async () => {
  const from = random();
  await client.postTransaction({
    idempotencyKey: `b-${++key}`,
    entries: [
      { accountId: from, direction: Direction.DEBIT, amount: "11" },
      { accountId: random(), direction: Direction.CREDIT, amount: "10" },
      { accountId: fees, direction: Direction.CREDIT, amount: "1" },
    ],
  });
  return 1;
}));
const batch = report(await closedLoop("PostTransactions batches of 100, 8 clients", 8, async () => {
  await client.postTransactions({ mode: BatchMode.INDEPENDENT, transactions: Array.from({ length: 100 }, () => transfer(random(), random(), 1)) });
  return 100;
}));
report(await openLoop("PostTransaction at 1,000/s offered (open loop)", 1000, single));

const status = fs.readFileSync(`/proc/${ledgerProc.pid}/status`, "utf8");
const peakRssMb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
ledgerProc.kill("SIGTERM");
await new Promise((r) => ledgerProc.once("exit", r));

// Raw-SQL baseline on the same database: plain tables, no triggers, what one posting does.
await sql.unsafe(`
  CREATE SCHEMA raw;
  CREATE TABLE raw.accounts (id bigint PRIMARY KEY, balance numeric NOT NULL DEFAULT 0);
  CREATE TABLE raw.transactions (id bigserial PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE raw.entries (id bigserial PRIMARY KEY, transaction_id bigint NOT NULL, account_id bigint NOT NULL, amount numeric NOT NULL);
  CREATE TABLE raw.outbox (id bigserial PRIMARY KEY, payload jsonb NOT NULL);
  INSERT INTO raw.accounts (id) SELECT generate_series(1, ${ACCOUNTS});`);
const script = path.join(dir, "transfer.sql");
fs.writeFileSync(script, `\\set a random(1, ${ACCOUNTS})
\\set b random(1, ${ACCOUNTS})
BEGIN;
INSERT INTO raw.transactions DEFAULT VALUES;
INSERT INTO raw.entries (transaction_id, account_id, amount) VALUES (currval('raw.transactions_id_seq'), :a, -1), (currval('raw.transactions_id_seq'), :b, 1);
UPDATE raw.accounts SET balance = balance - 1 WHERE id = :a;
UPDATE raw.accounts SET balance = balance + 1 WHERE id = :b;
INSERT INTO raw.outbox (payload) VALUES ('{"type":"transfer"}');
COMMIT;
`);
const pgbench = (clients: number): number => {
  const res = spawnSync(postgresTool("pgbench"), ["-n", "-f", script, "-c", String(clients), "-j", "2", "-T", String(SECONDS), url], { encoding: "utf8" });
  const tps = Number(/tps = ([\d.]+)/.exec(res.stdout)?.[1] ?? NaN);
  const line = `${`pgbench raw SQL, one transfer per commit, ${clients} clients`.padEnd(44)} ${tps.toFixed(0).padStart(7)} transfers/s`;
  rows.push(line);
  console.log(line);
  return tps;
};
const pg64 = pgbench(64);
pgbench(16);
pgbench(1);
await sql.end();
pg.stop();
fs.rmSync(dir, { recursive: true, force: true });

console.log(`\nledger peak RSS during the workloads ${peakRssMb.toFixed(0)} MB (target <= 150 MB); during setup ${setupPeakMb.toFixed(0)} MB`);
console.log(`single-transfer PostTransaction at 64 clients vs pgbench at 64: ${(uniform64 / pg64).toFixed(2)}x (target >= 1.0x)`);
console.log(`hot account vs uniform at 64 clients: ${(hot64 / uniform64).toFixed(2)}x (target >= 0.5x)`);
console.log(`PostTransactions batches of 100: ${batch.toFixed(0)} transfers/s (target >= 10,000)`);
