// The raw-SQL baseline, on the same cluster in the same run: plain tables without triggers and
// what one posting writes (a transaction row, two entries, two balance updates, an outbox row),
// one transfer per commit or many per commit. The ledger's figures are read as ratios to these.
import fs from "node:fs";
import path from "node:path";
import type { Sql } from "postgres";
import { postgresTool } from "../lib/system-deps.ts";
import type { Result } from "./measure.ts";
import { runTimed } from "./c-load.ts";
import type { Target } from "./ts-load.ts";

export async function createRawSchema(sql: Sql, accounts: number): Promise<void> {
  await sql.unsafe(`
    DROP SCHEMA IF EXISTS raw CASCADE;
    CREATE SCHEMA raw;
    CREATE TABLE raw.accounts (id bigint PRIMARY KEY, balance numeric NOT NULL DEFAULT 0);
    CREATE TABLE raw.transactions (id bigserial PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE raw.entries (id bigserial PRIMARY KEY, transaction_id bigint NOT NULL, account_id bigint NOT NULL, amount numeric NOT NULL);
    CREATE TABLE raw.outbox (id bigserial PRIMARY KEY, payload jsonb NOT NULL);
    INSERT INTO raw.accounts (id) SELECT generate_series(1, ${accounts});
    ANALYZE raw.accounts;`);
}

/** A pgbench script of `perCommit` transfers between random accounts in one database transaction. */
function script(accounts: number, perCommit: number): string {
  const lines: string[] = [];
  for (let i = 0; i < perCommit; i++) lines.push(`\\set a${i} random(1, ${accounts})`, `\\set b${i} random(1, ${accounts})`);
  lines.push("BEGIN;");
  // Many transfers per commit between random accounts deadlock unless every client locks its
  // accounts in one order (as the ledger does: sorted ids). One statement takes the locks.
  if (perCommit > 1) {
    const ids = Array.from({ length: perCommit }, (_, i) => `:a${i}, :b${i}`).join(", ");
    lines.push(`SELECT 1 FROM raw.accounts WHERE id IN (${ids}) ORDER BY id FOR UPDATE;`);
  }
  for (let i = 0; i < perCommit; i++) {
    lines.push(
      "INSERT INTO raw.transactions DEFAULT VALUES;",
      `INSERT INTO raw.entries (transaction_id, account_id, amount) VALUES (currval('raw.transactions_id_seq'), :a${i}, -1), (currval('raw.transactions_id_seq'), :b${i}, 1);`,
      `UPDATE raw.accounts SET balance = balance - 1 WHERE id = :a${i};`,
      `UPDATE raw.accounts SET balance = balance + 1 WHERE id = :b${i};`,
      `INSERT INTO raw.outbox (payload) VALUES ('{"type":"transfer"}');`,
    );
  }
  lines.push("COMMIT;");
  if (perCommit === 1) return `${lines.join("\n")}\n`;
  // One query string per commit ("\;" joins commands): pgbench would otherwise wait for each
  // statement in turn, and a 50-transfer commit would measure 250 round trips, not the commit.
  const meta = lines.filter((l) => l.startsWith("\\"));
  const sqlText = lines
    .filter((l) => !l.startsWith("\\"))
    .map((l) => l.replace(/;$/, ""))
    .join(" \\; ");
  return `${[...meta, `${sqlText};`].join("\n")}\n`;
}

export interface PgbenchRun {
  name: string;
  clients: number;
  perCommit: number;
}

export async function pgbench(t: Target, url: string, accounts: number, seconds: number, workDir: string, run: PgbenchRun): Promise<Result> {
  fs.mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, `pgbench-${run.perCommit}.sql`);
  fs.writeFileSync(file, script(accounts, run.perCommit));
  const threads = Math.min(run.clients, 2);
  const out = await runTimed(t, [postgresTool("pgbench"), "-n", "-f", file, "-c", String(run.clients), "-j", String(threads), "-T", String(seconds), url], (seconds + 60) * 1000);
  const commits = Number(/number of transactions actually processed: (\d+)/.exec(out.stdout)?.[1] ?? NaN);
  const failed = Number(/number of failed transactions: (\d+)/.exec(out.stdout)?.[1] ?? 0);
  const tps = Number(/tps = ([\d.]+)/.exec(out.stdout)?.[1] ?? NaN);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(out.stdout)?.[1] ?? NaN);
  // tps excludes connection set-up; seconds derived from it keep transfers/s = tps × perCommit.
  return {
    name: run.name,
    generator: "pgbench",
    transfers: commits * run.perCommit,
    seconds: commits / tps,
    latenciesMs: [],
    errors: failed,
    cpu: out.cpu,
    note: `avg ${latencyMs.toFixed(2)} ms per commit`,
  };
}
