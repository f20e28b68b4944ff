// The migration runner on a real Postgres: one transaction per file (a failing file keeps the
// ones before it), concurrent runners apply each file once, a database migrated by hand with
// psql is adopted with --baseline, and the read model's files apply with `psql -v schema=…`.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Sql } from "postgres";
import { postgresTool } from "../../../../scripts/lib/system-deps.ts";
import { ensureReadModel } from "@ledgerflow/projector/read-model";
import { connect } from "./client.ts";
import { baseline, loadMigrations, migrate, MIGRATIONS_DIR } from "./migrate.ts";
import { databaseUrl, testServerUrl } from "../testing/postgres.ts";

const ROOT = path.resolve(import.meta.dir, "../../../..");
const created: string[] = [];
const open: Sql[] = [];
let tmp: string;

/** An empty database (not the migrated template). */
async function emptyDatabase(): Promise<{ url: string; sql: Sql }> {
  const name = `m_${process.pid}_${Date.now().toString(36)}_${created.length}`;
  const admin = connect({ url: testServerUrl(), max: 1 });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE template0`);
  await admin.end();
  created.push(name);
  const url = databaseUrl(testServerUrl(), name);
  const sql = connect({ url, max: 4 });
  open.push(sql);
  return { url, sql };
}

function psql(url: string, args: string[]): void {
  const result = spawnSync(postgresTool("psql"), ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, ...args], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`psql ${args.join(" ")} failed: ${result.stderr}`);
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ledgerflow-migrate-"));
});
afterAll(async () => {
  for (const sql of open) await sql.end({ timeout: 5 });
  const admin = connect({ url: testServerUrl(), max: 1 });
  for (const name of created) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test("each file is its own transaction: a failing file keeps the earlier ones and is named", async () => {
  const dir = path.join(tmp, "failing");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "0001_first.sql"), "CREATE TABLE public.first (id int);");
  fs.writeFileSync(path.join(dir, "0002_broken.sql"), "CREATE TABLE public.second (id int);\nSELECT no_such_function();");
  const { sql } = await emptyDatabase();
  const migrations = loadMigrations(dir);
  await expect(migrate(sql, migrations)).rejects.toThrow(/migration 0002_broken failed/);
  expect((await sql`SELECT name FROM public.schema_migrations`).map((r) => r.name)).toEqual(["0001_first"]);
  expect((await sql`SELECT to_regclass('public.first') IS NOT NULL AS first, to_regclass('public.second') IS NOT NULL AS second`)[0]).toEqual({ first: true, second: false });

  fs.writeFileSync(path.join(dir, "0002_broken.sql"), "CREATE TABLE public.second (id int);");
  expect(await migrate(sql, loadMigrations(dir))).toEqual({ applied: ["0002_broken"], alreadyApplied: 1 });
});

test("concurrent runners apply every migration exactly once", async () => {
  const { sql, url } = await emptyDatabase();
  const other = connect({ url, max: 2 });
  open.push(other);
  const [a, b] = await Promise.all([migrate(sql), migrate(other)]);
  const total = loadMigrations().length;
  expect(a.applied.length + b.applied.length).toBe(total);
  expect(new Set([...a.applied, ...b.applied]).size).toBe(total);
  expect(Number((await sql`SELECT count(*)::int AS n FROM public.schema_migrations`)[0]!.n)).toBe(total);
}, 60_000);

test("a database migrated with psql is adopted with --baseline, then migrates as usual", async () => {
  const { sql, url } = await emptyDatabase();
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  for (const f of files) psql(url, ["-1", "-f", path.join(MIGRATIONS_DIR, f)]);
  // Without a baseline the runner would apply 0001 again and fail on the existing schema.
  await expect(migrate(sql)).rejects.toThrow(/already exists/);
  await expect(baseline(sql, 9999)).rejects.toThrow(/no migration has version 9999/);

  // Through the command an operator runs.
  const cli = spawnSync(process.execPath, [path.join(ROOT, "services/ledger/src/migrate-cli.ts"), "--baseline"], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  expect(cli.status).toBe(0);
  expect(JSON.parse(cli.stdout).adopted).toEqual(files.map((f) => f.replace(/\.sql$/, "")));
  expect(await migrate(sql)).toEqual({ applied: [], alreadyApplied: files.length });
  await expect(baseline(sql)).rejects.toThrow(/already records/);

  const fresh = await emptyDatabase();
  await expect(baseline(fresh.sql)).rejects.toThrow(/no ledger schema/);
}, 60_000);

test("the read model's files apply with psql -v schema=…, the same as the projector applies them", async () => {
  const { sql, url } = await emptyDatabase();
  await migrate(sql);
  const readDir = path.join(ROOT, "sql/read");
  for (const f of fs
    .readdirSync(readDir)
    .filter((f) => f.endsWith(".sql"))
    .sort())
    psql(url, ["-v", "schema=read_by_psql", "-1", "-f", path.join(readDir, f)]);
  await ensureReadModel(sql, "read_by_projector");
  const columns = async (schema: string) =>
    (
      await sql`
    SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = ${schema} ORDER BY table_name, column_name`
    ).map((r) => ({ ...r }));
  const byPsql = await columns("read_by_psql");
  expect(byPsql.length).toBeGreaterThan(10);
  // The projector also records which files it applied (its bookkeeping, like schema_migrations).
  const byProjector = await columns("read_by_projector");
  expect(byProjector.filter((c) => c.table_name === "schema_versions").map((c) => c.column_name)).toEqual(["applied_at", "checksum", "name", "version"]);
  expect(byPsql).toEqual(byProjector.filter((c) => c.table_name !== "schema_versions"));
}, 60_000);
