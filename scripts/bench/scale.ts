// Scale mode (`BENCH_SCALE=1m` or `10m npm run bench`): the cost of the ledger as its journal
// grows. Pre-fills 1 million entries over 100,000 accounts in SQL (scale-fill.ts), checks the
// journal, then measures the posting workloads, GetBalance (now and as_of), ListTransactions by
// account and the dashboard's account-page queries; with 10m it then grows the journal to 10
// million entries (within a time budget) and measures again. Prints table and index sizes per
// million entries, and the projector's rebuild time per million events.
//
//   BENCH_SCALE             1m | 10m (or another size such as 0.1m for a quick look)
//   BENCH_SCALE_ACCOUNTS    wallets (default 100000)
//   BENCH_SCALE_FILL_S      time budget for pre-filling, seconds (default 1800); the run measures
//                           at the size reached and says so
//   BENCH_REBUILD_TIMEOUT_S bound on the projector rebuild (default 600)
//   BENCH_SECONDS           seconds per workload (default 5)
import fs from "node:fs";
import path from "node:path";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { findFreePort, startLocalPostgres } from "@ledgerflow/platform/local-postgres";
import { connect, migrate, pgtyped } from "@ledgerflow/platform/db";
import { databaseUrl } from "@ledgerflow/platform/testing";
import * as readDb from "@ledgerflow/admin-api/read-queries";
import { ensureReadModel, RebuildRefusedError, rebuildReadModel } from "@ledgerflow/projector/read-model";
import { createLogger } from "@ledgerflow/platform/log";
import { debianTool } from "../lib/system-deps.ts";
import { startLedgerProcess, type LedgerProcess } from "./ledger-process.ts";
import { formatRow, tableHeader, type Result } from "./measure.ts";
import { FILL_CHUNK_TRANSACTIONS, fillChunk, prepareFill, refreshReadAccounts, verifyJournal } from "./scale-fill.ts";
import { closedLoop, type Target } from "./ts-load.ts";
import { h2loadWorkloads, postingWorkloads, type Bench } from "./workloads.ts";

// "10m" measures at 1 million and again at 10 million; any other "<n>m" at that size only.
const scale = process.env.BENCH_SCALE ?? "";
const millions = /^(\d+(?:\.\d+)?)m$/.exec(scale)?.[1];
if (!millions || Number(millions) <= 0 || Number(millions) > 10) throw new Error(`BENCH_SCALE must be 1m, 10m or another size in millions of entries up to 10m, not ${JSON.stringify(scale)}`);
const sizes = scale === "10m" ? [1_000_000, 10_000_000] : [Number(millions) * 1_000_000];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WALLETS = Number(process.env.BENCH_SCALE_ACCOUNTS ?? 100_000);
const FILL_BUDGET_S = Number(process.env.BENCH_SCALE_FILL_S ?? 1800);
const REBUILD_TIMEOUT_S = Number(process.env.BENCH_REBUILD_TIMEOUT_S ?? 600);
const READ_CLIENTS = 16;
const OUTBOX_DRAIN_S = 300;
const root = path.resolve(import.meta.dir, "../..");
const dir = path.join(root, ".cache", "bench-scale");
fs.rmSync(dir, { recursive: true, force: true });
debianTool("h2load", "nghttp2-client");
debianTool("wrk");

const pgDataDir = path.join(dir, "pg");
const pg = startLocalPostgres({
  dataDir: pgDataDir,
  port: await findFreePort(),
  fresh: true,
  settings: { max_connections: 300, shared_buffers: "256MB", maintenance_work_mem: "256MB", max_wal_size: "8GB", checkpoint_timeout: "30min" },
});
let ledger: LedgerProcess | undefined;
const summary: string[] = [];
const say = (line: string) => {
  summary.push(line);
  console.log(line);
};

/** Reads per second and latency of one read path, closed loop. */
async function reads(t: Target, results: Result[], name: string, call: () => Promise<unknown>): Promise<void> {
  const r = await closedLoop(t, name, READ_CLIENTS, SECONDS, async () => {
    await call();
    return 1;
  });
  r.unit = "reads/s";
  results.push(r);
  console.log(formatRow(r));
}

async function sizesPerMillion(sql: ReturnType<typeof connect>, entries: number): Promise<void> {
  const rows = await sql`
    SELECT n.nspname || '.' || c.relname AS name, pg_table_size(c.oid)::bigint AS table_bytes, pg_indexes_size(c.oid)::bigint AS index_bytes
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname IN ('ledger', 'read') AND c.relkind = 'r' AND pg_total_relation_size(c.oid) > 1024 * 1024
     ORDER BY pg_total_relation_size(c.oid) DESC`;
  const per = (bytes: unknown) => (Number(bytes) / 1024 / 1024 / (entries / 1e6)).toFixed(1).padStart(7);
  say(`table and index sizes at ${(entries / 1e6).toFixed(2)}M entries, MB per million entries (table / indexes):`);
  for (const r of rows) say(`  ${String(r.name).padEnd(28)} ${per(r.table_bytes)} / ${per(r.index_bytes)}`);
}

try {
  const admin = connect({ url: pg.url, max: 1 });
  await admin.unsafe("CREATE DATABASE bench");
  await admin.end();
  const url = databaseUrl(pg.url, "bench");
  // Set-up statements (100,000 accounts in one INSERT, the fill) run for minutes, not the services' 10 s.
  const sql = connect({ url, max: 4, statementTimeoutMs: 0 });
  await migrate(sql);
  await ensureReadModel(sql, "read");
  await sql`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft)
    SELECT gen_random_uuid(), 'main', 'w:' || lpad(i::text, 7, '0'), 'USD', 'credit', false FROM generate_series(1, ${WALLETS}) i`;
  await sql`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft) VALUES
    (gen_random_uuid(), 'main', 'source', 'USD', 'debit', true), (gen_random_uuid(), 'main', 'fees', 'USD', 'credit', false)`;
  const wallets = (await sql`SELECT id FROM ledger.accounts WHERE code LIKE 'w:%' ORDER BY code`).map((r) => r.id as string);
  const fees: string = (await sql`SELECT id FROM ledger.accounts WHERE code = 'fees'`)[0]!.id;
  await prepareFill(sql, "w:", "source");

  const fillStarted = performance.now();
  let filledTransactions = 0;
  const results: Result[] = [];
  for (const [round, entriesWanted] of sizes.entries()) {
    // Two entries per transaction; the first WALLETS transactions fund the wallets.
    const goal = entriesWanted / 2;
    const roundStarted = performance.now();
    while (filledTransactions < goal && (performance.now() - fillStarted) / 1000 < FILL_BUDGET_S) {
      const hi = Math.min(goal, filledTransactions + FILL_CHUNK_TRANSACTIONS);
      await fillChunk(sql, filledTransactions, hi);
      filledTransactions = hi;
    }
    await refreshReadAccounts(sql);
    await sql`VACUUM ANALYZE`;
    const fillSeconds = (performance.now() - roundStarted) / 1000;
    const check = await verifyJournal(sql);
    const label = `${(check.entries / 1e6).toFixed(check.entries < 1e6 ? 2 : 1)}M: `;
    say(
      `\n${label}journal of ${check.entries} entries in ${check.transactions} transactions over ${wallets.length + 2} accounts` +
        ` (pre-filled ${((filledTransactions * 2) / 1e6).toFixed(2)}M entries, this round in ${fillSeconds.toFixed(0)} s)` +
        `; checked in ${check.seconds.toFixed(0)} s: every transaction balanced, Σ = ${check.net}, balances = Σ entries, last running balances = balances`,
    );
    if (filledTransactions < goal) say(`${label}the fill budget (${FILL_BUDGET_S} s) ran out before ${entriesWanted} entries: measured at the size reached`);

    ledger = await startLedgerProcess(url);
    // The accounts' creation events (and earlier rounds' postings) go out first: a relay busy
    // draining a backlog would be measured with the postings.
    for (let i = 0; i < OUTBOX_DRAIN_S * 10; i++) {
      const [row] = await sql`SELECT count(*)::int AS n FROM ledger.outbox WHERE published_at IS NULL`;
      if (row!.n === 0) break;
      await Bun.sleep(100);
    }
    const target = { ledgerPid: ledger.pid, pgDataDir };
    const b: Bench = { sql, ledger, target, wallets, fees, seconds: SECONDS, workDir: dir, runId: `s${round}`, results };
    console.log(tableHeader);
    await postingWorkloads(b, label);
    await h2loadWorkloads(b, label);
    const client = ledger.client;
    const wallet = () => wallets[Math.floor(Math.random() * wallets.length)]!;
    const [span] = await sql`SELECT base, base + ${filledTransactions} * interval '500 milliseconds' AS until FROM bench_fill.meta`;
    const from = (span!.base as Date).getTime();
    const until = (span!.until as Date).getTime();
    await reads(target, results, `${label}GetBalance now, ${READ_CLIENTS} clients`, () => client.getBalance({ accountId: wallet() }));
    await reads(target, results, `${label}GetBalance as_of (random instant), ${READ_CLIENTS} clients`, () => client.getBalance({ accountId: wallet(), asOf: timestampFromDate(new Date(from + Math.random() * (until - from))) }));
    await reads(target, results, `${label}ListTransactions by account, ${READ_CLIENTS} clients`, () => client.listTransactions({ accountId: wallet() }));
    await reads(target, results, `${label}GetAccount, ${READ_CLIENTS} clients`, () => client.getAccount({ accountId: wallet() }));
    // The dashboard's account page: the admin API's read-model queries, run as it runs them.
    const readSql = connect({ url, max: READ_CLIENTS });
    const db = pgtyped(readSql);
    const pgOnly = { pgDataDir };
    await reads(pgOnly, results, `${label}dashboard: account entries (read model), ${READ_CLIENTS} clients`, () =>
      readDb.listReadAccountEntries.run({ ledger: "main", accountId: wallet(), beforeSequence: null, beforeLeg: null, limit: 51n }, db),
    );
    await reads(pgOnly, results, `${label}dashboard: account holds + legs (read model), ${READ_CLIENTS} clients`, async () => {
      const holds = await readDb.listReadAccountHolds.run({ ledger: "main", accountId: wallet(), beforeSequence: null, limit: 51n }, db);
      if (holds.length > 0) await readDb.listReadLegs.run({ transactionIds: holds.map((h) => h.transaction_id) }, db);
    });
    // As the gateway searches an account's transactions (from the account's legs).
    await reads(pgOnly, results, `${label}dashboard: transactions of an account (read model), ${READ_CLIENTS} clients`, () =>
      readDb.searchReadAccountTransactions.run(
        {
          ledger: "main",
          accountId: wallet(),
          createdAfter: null,
          createdBefore: null,
          metadata: null,
          minAmount: null,
          maxAmount: null,
          status: null,
          type: null,
          query: null,
          queryPattern: null,
          beforeSequence: null,
          limit: 51n,
        },
        db,
      ),
    );
    await readSql.end();
    await ledger.stop();
    ledger = undefined;
    const [{ n: entriesNow }] = (await sql`SELECT count(*)::bigint AS n FROM ledger.entries`) as unknown as [{ n: string }];
    await sizesPerMillion(sql, Number(entriesNow));
  }

  // The projector's rebuild: replays the whole event stream (the accounts' creation events and
  // every posting the workloads made; the pre-filled journal has no events) into a fresh schema.
  const [{ n: events }] = (await sql`SELECT count(*)::int AS n FROM events.log`) as unknown as [{ n: number }];
  const rebuildStarted = performance.now();
  // The rebuilt model cannot match this journal (its pre-filled transactions have no events), so
  // the rebuild ends by refusing to be swapped in: what is timed is the replay of the whole log.
  const replayed = await rebuildReadModel({ writeSql: sql, readSql: sql, swap: false, timeoutMs: REBUILD_TIMEOUT_S * 1000, log: createLogger("bench", "error") }).then(
    (r) => r.events,
    (error: unknown) => {
      if (!(error instanceof RebuildRefusedError)) throw error;
      return events;
    },
  );
  const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
  say(`\nprojector rebuild: ${replayed} events (of ${events} in the log) in ${rebuildSeconds.toFixed(1)} s = ${((rebuildSeconds / replayed) * 1e6).toFixed(0)} s per million events (extrapolated from this count)`);
  await sql.end();

  console.log(`\nScale benchmark (${scale}), ${SECONDS}s per workload\n${tableHeader}`);
  for (const r of results) console.log(formatRow(r));
  console.log(summary.join("\n"));
} finally {
  await ledger?.stop();
  pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
