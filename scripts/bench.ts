// `npm run bench`: posts transfers to a real ledger process (loopback only, bounded in time) from
// three load generators — the project's TypeScript gRPC client, wrk (C, Connect JSON over
// HTTP/1.1) and h2load (C, gRPC over h2c) — and runs the raw-SQL pgbench baseline on the same
// cluster in the same run. Prints, per workload, transfers/s, p50/p99, the CPU each transfer cost
// in the ledger, Postgres and the load generator (from /proc), the ratio to the matching pgbench
// figure, the statements one posting sends to Postgres, the ledger's peak RSS, and a closing
// `bench: ...` line for scripts. Fsync stays on.
//
//   BENCH_SECONDS       seconds per workload (default 5)
//   BENCH_ACCOUNTS      accounts in the uniform workloads (default 10000)
//   BENCH_SCALE         1m or 10m: the scale mode instead (scripts/bench/scale.ts)
//   BENCH_LEDGER_FLAGS  extra Bun flags for the ledger process (e.g. "--cpu-prof --cpu-prof-md")
import fs from "node:fs";
import path from "node:path";
import { BatchMode, Direction } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { findFreePort, startLocalPostgres } from "@ledgerflow/platform/local-postgres";
import { connect, migrate, enableServiceLogins, urlAs } from "@ledgerflow/platform/db";
import { databaseUrl } from "@ledgerflow/platform/testing";
import { debianTool } from "./lib/system-deps.ts";
import { startLedgerProcess, type LedgerProcess } from "./bench/ledger-process.ts";
import { formatRow, p99Of, peakRssMb, rate, resetPeakRss, tableHeader, type Result } from "./bench/measure.ts";
import { createRawSchema, pgbench } from "./bench/pgbench.ts";
import { countRoundTrips, formatRoundTrips, PG_STAT_STATEMENTS_SETTINGS, setTracking } from "./bench/round-trips.ts";
import { h2loadWorkloads, postingWorkloads, type Bench } from "./bench/workloads.ts";

if (process.env.BENCH_SCALE) {
  await import("./bench/scale.ts");
  process.exit(0);
}

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const FUNDING_BATCH = 1000;
const root = path.resolve(import.meta.dir, "..");
const dir = path.join(root, ".cache", "bench");
fs.rmSync(dir, { recursive: true, force: true });
// Install the C load generators before anything is timed (Debian packages, idempotent).
debianTool("h2load", "nghttp2-client");
debianTool("wrk");

const pgDataDir = path.join(dir, "pg");
let ledger: LedgerProcess | undefined;
const pg = startLocalPostgres({ dataDir: pgDataDir, port: await findFreePort(), fresh: true, settings: { max_connections: 300, shared_buffers: "256MB", ...PG_STAT_STATEMENTS_SETTINGS } });
try {
  const admin = connect({ url: pg.url, max: 1 });
  await admin.unsafe("CREATE DATABASE bench");
  await admin.end();
  const url = databaseUrl(pg.url, "bench");
  const sql = connect({ url, max: 4 });
  await migrate(sql);
  await setTracking(sql, "none");

  // Accounts through SQL for speed (the triggers still run), funded through the ledger below.
  await sql`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft)
    SELECT gen_random_uuid(), 'main', 'w:' || i, 'USD', 'credit', false FROM generate_series(1, ${ACCOUNTS}) i`;
  await sql`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft) VALUES
    (gen_random_uuid(), 'main', 'source', 'USD', 'debit', true), (gen_random_uuid(), 'main', 'fees', 'USD', 'credit', false)`;
  const wallets = (await sql`SELECT id FROM ledger.accounts WHERE code LIKE 'w:%' ORDER BY code`).map((r) => r.id as string);
  const source: string = (await sql`SELECT id FROM ledger.accounts WHERE code = 'source'`)[0]!.id;
  const fees: string = (await sql`SELECT id FROM ledger.accounts WHERE code = 'fees'`)[0]!.id;

  // As in production: the ledger and its hosted relay connect as their own roles.
  await enableServiceLogins(sql, { ledger: {}, relay: {} });
  ledger = await startLedgerProcess(urlAs(url, "ledger"), { RELAY_DATABASE_URL: urlAs(url, "relay") });
  for (let i = 0; i < wallets.length; i += FUNDING_BATCH) {
    await ledger.client.postTransactions({
      mode: BatchMode.ATOMIC,
      transactions: wallets.slice(i, i + FUNDING_BATCH).map((w) => ({
        idempotencyKey: `fund-${w}`,
        entries: [
          { accountId: source, direction: Direction.DEBIT, amount: "1000000000" },
          { accountId: w, direction: Direction.CREDIT, amount: "1000000000" },
        ],
      })),
    });
  }
  const setupPeakMb = peakRssMb(ledger.pid);
  // The peak-RSS figure covers the workloads only, not the setup's 1,000-transaction batches.
  resetPeakRss(ledger.pid);
  // Fresh statistics, as a database in service has: plans then use the indexes.
  await sql`ANALYZE`;

  console.log(`\nLedger benchmark: ${ACCOUNTS} accounts, ${SECONDS}s per workload, fsync on, load generator, ledger and Postgres on the same ${navigator.hardwareConcurrency} cores`);
  console.log("cpu µs/transfer = CPU time of the ledger / Postgres (this cluster only) / the load generator, divided by the transfers\n");
  const target = { ledgerPid: ledger.pid, pgDataDir };
  const b: Bench = { sql, ledger: ledger, target, wallets, fees, seconds: SECONDS, workDir: dir, runId: "b", results: [] };
  const figures = await postingWorkloads(b);
  await h2loadWorkloads(b);
  const rssMb = peakRssMb(ledger.pid);
  await ledger.stop();

  const roundTrips = await countRoundTrips(sql, url, wallets);
  console.log(`\n${formatRoundTrips(roundTrips)}\n`);

  await createRawSchema(sql, ACCOUNTS);
  const pgTarget = { pgDataDir };
  const baseline = async (name: string, clients: number, perCommit: number): Promise<Result> => {
    const r = await pgbench(pgTarget, url, ACCOUNTS, SECONDS, dir, { name, clients, perCommit });
    b.results.push(r);
    console.log(formatRow(r));
    return r;
  };
  const pg64 = await baseline("pgbench raw SQL, one transfer per commit, 64 clients", 64, 1);
  const pg16 = await baseline("pgbench raw SQL, one transfer per commit, 16 clients", 16, 1);
  const pg1 = await baseline("pgbench raw SQL, one transfer per commit, 1 client", 1, 1);
  const pgBatch1 = await baseline("pgbench raw SQL, 50 transfers per commit, 1 client", 1, 50);
  const pgBatch8 = await baseline("pgbench raw SQL, 50 transfers per commit, 8 clients", 8, 50);
  void pgBatch1;
  await sql.end();

  // Ratios to the same run's baseline: the machine is shared, so absolute figures are noisy.
  const against = (r: Result, base: Result, name: string) => {
    r.baseline = { name, rate: rate(base) };
  };
  for (const r of [figures.single64, figures.single64Wrk, figures.hot64, figures.hot64Wrk]) against(r, pg64, "pgbench64");
  against(figures.single16, pg16, "pgbench16");
  for (const r of [figures.single1, figures.single1Wrk]) against(r, pg1, "pgbench1");
  for (const r of [figures.batch100, figures.batch100Wrk]) against(r, pgBatch8, "pgbench50x8");

  console.log(`\n${tableHeader}`);
  for (const r of b.results) console.log(formatRow(r));
  console.log(`\nledger peak RSS during the workloads ${rssMb.toFixed(0)} MB (target <= 150 MB); during setup ${setupPeakMb.toFixed(0)} MB`);
  console.log(`hot account vs uniform at 64: ${(rate(figures.hot64Wrk) / rate(figures.single64Wrk)).toFixed(2)}x with wrk, ${(rate(figures.hot64) / rate(figures.single64)).toFixed(2)}x with the TypeScript client (target >= 0.8x)`);
  console.log(
    `PostTransaction at 64 vs pgbench at 64: ${(rate(figures.single64) / rate(pg64)).toFixed(2)}x with the TypeScript gRPC client; the headline below uses wrk (Connect JSON over HTTP/1.1), whose CPU per request is a fraction of the TypeScript client's`,
  );
  console.log(
    `bench: PostTransaction64/pgbench64 = ${(rate(figures.single64Wrk) / rate(pg64)).toFixed(2)}, PostTransactions100 = ${rate(figures.batch100Wrk).toFixed(0)}/s, p99@1000 = ${p99Of(figures.open1000).toFixed(1)} ms, rss = ${rssMb.toFixed(0)} MB`,
  );
} finally {
  await ledger?.stop();
  pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
