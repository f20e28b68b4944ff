// Forward-only migrations from sql/migrations/NNNN_name.sql, applied in order, each in its own
// transaction, under an advisory lock so that two instances starting together don't race.
// An applied migration whose file changed afterwards stops the run: migrations are never edited.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Sql } from "postgres";

export const MIGRATIONS_DIR = path.resolve(import.meta.dir, "../../../../sql/migrations");
const LOCK_KEY = 0x4c65646765; // "Ledge": one well-known advisory lock for migrations.

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = fs.readdirSync(dir).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
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

export async function migrate(sql: Sql, migrations: Migration[] = loadMigrations()): Promise<MigrateResult> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
    await tx`CREATE TABLE IF NOT EXISTS public.schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`;
    const rows = await tx<{ version: number; name: string; checksum: string }[]>`
      SELECT version, name, checksum FROM public.schema_migrations ORDER BY version`;
    const applied = new Map(rows.map((r) => [r.version, r]));
    const result: MigrateResult = { applied: [], alreadyApplied: 0 };
    for (const m of migrations) {
      const done = applied.get(m.version);
      if (done) {
        if (done.checksum !== m.checksum) {
          throw new Error(`migration ${m.name} was changed after it was applied; add a new migration instead`);
        }
        result.alreadyApplied += 1;
        continue;
      }
      await tx.unsafe(m.sql);
      await tx`INSERT INTO public.schema_migrations (version, name, checksum) VALUES (${m.version}, ${m.name}, ${m.checksum})`;
      result.applied.push(m.name);
    }
    return result;
  });
}
