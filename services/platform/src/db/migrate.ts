// Forward-only migrations from sql/migrations/NNNN_name.sql, applied in order, each in its own
// transaction, under an advisory lock so that two instances starting together don't race.
// An applied migration whose file changed afterwards stops the run: migrations are never edited.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Sql, TransactionSql } from "postgres";

export const MIGRATIONS_DIR = path.resolve(import.meta.dir, "../../../../sql/migrations");
const LOCK_KEY = 0x4c65646765; // "Ledge": one well-known advisory lock for migrations.

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  const migrations = files.map((file) => {
    const sql = fs.readFileSync(path.join(dir, file), "utf8");
    return {
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ""),
      sql,
      checksum: createHash("sha256").update(sql).digest("hex"),
    };
  });
  const versions = new Set<number>();
  for (const m of migrations) {
    if (versions.has(m.version)) throw new Error(`two migrations share version ${m.version}`);
    versions.add(m.version);
  }
  return migrations;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

type Applied = Map<number, { version: number; name: string; checksum: string }>;

/**
 * Reads what is applied (creating the table on first use) and checks that no applied file
 * changed. Runs inside a transaction holding the migrations lock.
 */
async function appliedMigrations(tx: TransactionSql, migrations: Migration[]): Promise<Applied> {
  await tx`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
  await tx`CREATE TABLE IF NOT EXISTS public.schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`;
  const rows = await tx<{ version: number; name: string; checksum: string }[]>`
    SELECT version, name, checksum FROM public.schema_migrations ORDER BY version`;
  const applied: Applied = new Map(rows.map((r) => [r.version, r]));
  for (const m of migrations) {
    const done = applied.get(m.version);
    if (done && done.checksum !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied; add a new migration instead`);
  }
  return applied;
}

/**
 * Applies pending migrations, each file in a transaction of its own (with its row in
 * schema_migrations), so a failure keeps every file before it and the error names the file.
 * Each transaction takes the lock and checks again, so concurrent runners apply each file once.
 * Files therefore cannot use statements that refuse to run in a transaction (e.g. CREATE INDEX
 * CONCURRENTLY).
 */
export async function migrate(sql: Sql, migrations: Migration[] = loadMigrations()): Promise<MigrateResult> {
  const applied = await sql.begin((tx) => appliedMigrations(tx, migrations));
  const result: MigrateResult = { applied: [], alreadyApplied: 0 };
  for (const m of migrations) {
    if (applied.has(m.version)) {
      result.alreadyApplied += 1;
      continue;
    }
    const ran = await sql.begin(async (tx) => {
      const now = await appliedMigrations(tx, migrations);
      if (now.has(m.version)) return false;
      try {
        await tx.unsafe(m.sql);
      } catch (error) {
        throw new Error(`migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
      }
      // Whatever the file created belongs to the owner role (sql/migrations/0041), not to the
      // login that migrates.
      const [owners] = await tx`SELECT to_regprocedure('ledger.assign_owners()') IS NOT NULL AS defined`;
      if (owners!.defined) await tx`SELECT ledger.assign_owners()`;
      await tx`INSERT INTO public.schema_migrations (version, name, checksum) VALUES (${m.version}, ${m.name}, ${m.checksum})`;
      return true;
    });
    if (ran) result.applied.push(m.name);
    else result.alreadyApplied += 1;
  }
  return result;
}

/**
 * Adopts a database whose migrations were applied by hand (e.g. `psql -f` of each file): records
 * the files up to `throughVersion` (default: all) as applied without running them. Refuses a
 * database that already records migrations, and one without the ledger schema (nothing to adopt).
 */
export async function baseline(sql: Sql, throughVersion?: number, migrations: Migration[] = loadMigrations()): Promise<string[]> {
  return sql.begin(async (tx) => {
    const applied = await appliedMigrations(tx, migrations);
    if (applied.size > 0) throw new Error(`the database already records ${applied.size} applied migrations; run migrate instead of --baseline`);
    const [schema] = await tx`SELECT 1 AS one FROM information_schema.schemata WHERE schema_name = 'ledger'`;
    if (!schema) throw new Error("no ledger schema: nothing to baseline; run migrate on an empty database instead");
    const adopted = migrations.filter((m) => throughVersion === undefined || m.version <= throughVersion);
    if (throughVersion !== undefined && !migrations.some((m) => m.version === throughVersion)) throw new Error(`no migration has version ${throughVersion}`);
    for (const m of adopted) await tx`INSERT INTO public.schema_migrations (version, name, checksum) VALUES (${m.version}, ${m.name}, ${m.checksum})`;
    return adopted.map((m) => m.name);
  });
}
