// `bun scripts/bench-triggers.ts`: what the journal's triggers cost Postgres, without the
// ledger service in the way. Posts transfers with the service's own statements (lock the
// balances rows in id order, insert the transactions, insert the entries, commit) from a few
// connections, in batches of 1 and of 50 transfers per database transaction, and prints
// transfers/s and Postgres CPU per transfer. Each run migrates a fresh database up to
// BENCH_MIGRATION_MAX (default: all migrations), so two runs compare two trigger designs on
// the same machine; with BENCH_COMPARE=1 it runs the schema before 0040 and the current one
// one after the other. Fsync stays on.
//
//   BENCH_SECONDS   seconds per workload (default 6)
//   BENCH_ACCOUNTS  accounts (default 10000)
//   BENCH_WORKLOADS clients x transfers per commit, comma-separated (default 1x1,16x1,8x50)
//   BENCH_DIAG      print where Postgres spent the time (pg_stat_statements, per function)
import fs from "node:fs";
import path from "node:path";
import type { Sql } from "postgres";
import { findFreePort, startLocalPostgres } from "@ledgerflow/platform/local-postgres";
import { connect, loadMigrations, migrate } from "@ledgerflow/platform/db";
import { databaseUrl } from "@ledgerflow/platform/testing";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const SET_BASED_VERSION = 40;
const root = path.resolve(import.meta.dir, "..");
const dir = path.join(root, ".cache", "bench-triggers");

let key = 0;
interface Balance {
  id: string;
  pd: bigint;
  pc: bigint;
  hd: bigint;
  hc: bigint;
  version: bigint;
}

const procCpuSeconds = (pid: number): number => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
/** CPU of this benchmark's cluster only (the postmaster and its children): the machine may run others. */
const postgresCpuSeconds = (): number => {
  const postmaster = Number(fs.readFileSync(path.join(dir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
  return fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .reduce((sum, d) => {
      try {
        const pid = Number(d);
        const ppid = Number(/PPid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${d}/status`, "utf8"))?.[1]);
        return pid === postmaster || ppid === postmaster ? sum + procCpuSeconds(pid) : sum;
      } catch {
        return sum;
      }
    }, 0);
};

const pg = startLocalPostgres({
  dataDir: path.join(dir, "pg"),
  port: await findFreePort(),
  fresh: true,
  settings: { max_connections: 100, shared_buffers: "256MB", track_functions: "all", ...(process.env.BENCH_DIAG ? { shared_preload_libraries: "pg_stat_statements", "pg_stat_statements.track": "all" } : {}) },
});
const compare = process.env.BENCH_COMPARE === "1";
const maxVersion = Number(process.env.BENCH_MIGRATION_MAX ?? 9999);
const schemas: { label: string; max: number }[] = compare
  ? [
      { label: "row triggers (before 0040)", max: SET_BASED_VERSION - 1 },
      { label: "current schema", max: 9999 },
    ]
  : [{ label: maxVersion >= 9999 ? "current schema" : `migrations up to ${maxVersion}`, max: maxVersion }];

for (const [i, schema] of schemas.entries()) {
  const admin = connect({ url: pg.url, max: 1 });
  await admin.unsafe(`CREATE DATABASE bench_${i}`);
  await admin.end();
  const url = databaseUrl(pg.url, `bench_${i}`);
  const setup = connect({ url, max: 1 });
  await migrate(
    setup,
    loadMigrations().filter((m) => m.version <= schema.max),
  );
  const setBased = schema.max >= SET_BASED_VERSION;
  await setup`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft)
    SELECT gen_random_uuid(), 'main', 'w:' || i, 'USD', 'credit', false FROM generate_series(1, ${ACCOUNTS}) i`;
  await setup`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft) VALUES (gen_random_uuid(), 'main', 'source', 'USD', 'debit', true)`;
  const wallets = (await setup`SELECT id FROM ledger.accounts WHERE code LIKE 'w:%'`).map((r) => r.id as string);
  const [source] = await setup`SELECT id FROM ledger.accounts WHERE code = 'source'`;
  // Fund every wallet through the same write path, 500 transfers per commit, so that the journal
  // holds as many transactions as accounts before ANALYZE (as a database in service does).
  for (let i = 0; i < wallets.length; i += 500) {
    await setup.begin((tx) =>
      postBatch(
        tx as unknown as Sql,
        wallets.slice(i, i + 500).map((w) => [source!.id, w] as const),
        setBased,
        () => `fund-${++key}`,
        1_000_000n,
      ),
    );
  }
  await setup`ANALYZE`;
  await setup.end();

  console.log(`\n${schema.label}: ${ACCOUNTS} accounts, ${SECONDS}s per workload`);
  const workloads = (process.env.BENCH_WORKLOADS ?? "1x1,16x1,8x50").split(",").map((w) => w.split("x").map(Number) as [number, number]);
  for (const [clients, batch] of workloads) {
    const sql = connect({ url, max: clients });
    const r = await run(sql, clients, batch, wallets, setBased);
    await sql.end();
    if (process.env.BENCH_DIAG) await diagnose(url, batch);
    console.log(
      `  ${`${batch} per commit, ${clients} clients`.padEnd(28)} ${r.rate.toFixed(0).padStart(7)} transfers/s   postgres ${r.pgMicros.toFixed(0).padStart(5)} µs/transfer   client ${r.clientMicros.toFixed(0)} µs/transfer   errors ${r.errors}`,
    );
  }
}
pg.stop();
fs.rmSync(dir, { recursive: true, force: true });

async function run(sql: Sql, clients: number, batch: number, wallets: string[], setBased: boolean) {
  let transfers = 0;
  let errors = 0;
  const until = performance.now() + SECONDS * 1000;
  const pg0 = postgresCpuSeconds();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const pairs = Array.from({ length: batch }, () => {
          const a = wallets[Math.floor(Math.random() * wallets.length)]!;
          let b = wallets[Math.floor(Math.random() * wallets.length)]!;
          while (b === a) b = wallets[Math.floor(Math.random() * wallets.length)]!;
          return [a, b] as const;
        });
        try {
          await sql.begin((tx) => postBatch(tx as unknown as Sql, pairs, setBased, () => `k-${process.pid}-${++key}`));
          transfers += batch;
        } catch (error) {
          errors += 1;
          if (errors < 3) console.error(error);
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return {
    rate: transfers / seconds,
    pgMicros: ((postgresCpuSeconds() - pg0) / Math.max(1, transfers)) * 1e6,
    clientMicros: (c.user + c.system) / Math.max(1, transfers),
    errors,
  };
}

/** The ledger's write path in miniature: lock, compute balances after, insert, (commit). */
async function postBatch(tx: Sql, pairs: (readonly [string, string])[], setBased: boolean, nextKey: () => string, amount = 1n) {
  const ids = [...new Set(pairs.flat())].sort();
  const rows = await tx`SELECT account_id, posted_debits, posted_credits, pending_debits, pending_credits, version
    FROM ledger.balances WHERE account_id = ANY(${ids}::uuid[]) ORDER BY account_id FOR NO KEY UPDATE`;
  const state = new Map<string, Balance>(
    rows.map((r) => [r.account_id, { id: r.account_id, pd: BigInt(r.posted_debits), pc: BigInt(r.posted_credits), hd: BigInt(r.pending_debits), hc: BigInt(r.pending_credits), version: BigInt(r.version) }]),
  );
  const txIds = pairs.map(() => Bun.randomUUIDv7());
  const e = { tx: [] as string[], leg: [] as number[], account: [] as string[], direction: [] as string[], pd: [] as string[], pc: [] as string[], hd: [] as string[], hc: [] as string[], v: [] as string[] };
  pairs.forEach(([from, to], i) => {
    for (const [leg, account, direction] of [
      [0, from, "debit"],
      [1, to, "credit"],
    ] as const) {
      const s = state.get(account)!;
      if (direction === "debit") s.pd += amount;
      else s.pc += amount;
      s.version += 1n;
      e.tx.push(txIds[i]!);
      e.leg.push(leg);
      e.account.push(account);
      e.direction.push(direction);
      e.pd.push(String(s.pd));
      e.pc.push(String(s.pc));
      e.hd.push(String(s.hd));
      e.hc.push(String(s.hc));
      e.v.push(String(s.version));
    }
  });
  const keys = pairs.map(() => nextKey());
  const insertTransactions = tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key, request_hash, metadata, caller)
    SELECT id, 'main', 'standard', k, '\\x00', '{}', 'bench' FROM unnest(${txIds}::uuid[], ${keys}::text[]) AS t(id, k)
    ON CONFLICT (ledger, idempotency_key) DO NOTHING RETURNING id, seq, created_at`;
  const n = e.tx.length;
  const insertEntries = setBased
    ? tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount,
                                     posted_debits, posted_credits, pending_debits, pending_credits, account_version)
         SELECT t, l, 'main', a, 'USD', d, 'post', ${String(amount)}::numeric, pd, pc, hd, hc, v
           FROM unnest(${e.tx}::uuid[], ${e.leg}::smallint[], ${e.account}::uuid[], ${e.direction}::text[],
                       ${e.pd}::numeric[], ${e.pc}::numeric[], ${e.hd}::numeric[], ${e.hc}::numeric[], ${e.v}::int8[]) AS x(t, l, a, d, pd, pc, hd, hc, v)`
    : tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount)
         SELECT t, l, 'main', a, 'USD', d, 'post', ${String(amount)}::numeric FROM unnest(${e.tx}::uuid[], ${e.leg}::smallint[], ${e.account}::uuid[], ${e.direction}::text[]) AS x(t, l, a, d)`;
  const [inserted] = await Promise.all([insertTransactions, insertEntries]);
  if (inserted.length !== pairs.length || n !== pairs.length * 2) throw new Error("idempotency race in the benchmark");
}

/** BENCH_DIAG=1: where Postgres spent the workload's time, per function and per statement. */
async function diagnose(url: string, batch: number) {
  const sql = connect({ url, max: 1 });
  const fns = await sql`SELECT funcname, calls, round(total_time::numeric, 1) AS total_ms, round(self_time::numeric, 1) AS self_ms FROM pg_stat_user_functions ORDER BY total_time DESC LIMIT 8`;
  console.log(`    functions (batch ${batch}):`);
  for (const f of fns) console.log(`      ${String(f.funcname).padEnd(40)} calls ${f.calls}  total ${f.total_ms} ms  self ${f.self_ms} ms`);
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`;
    console.log(`      statements (exec ms, calls):`);
    const st = await sql`SELECT calls, round(total_exec_time::numeric, 1) AS ms, left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS q FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 10`;
    for (const r of st) console.log(`      ${String(r.ms).padStart(9)} ms ${String(r.calls).padStart(7)}x  ${r.q}`);
    await sql`SELECT pg_stat_statements_reset()`;
  } catch (error) {
    console.log(`      (no pg_stat_statements: ${(error as Error).message})`);
  }
  await sql`SELECT pg_stat_reset()`;
  await sql.end();
}
