// The read model's schema is versioned like the journal's migrations: each sql/read file runs once
// per schema and is recorded with its checksum; a changed file stops the start.
import { afterAll, beforeAll, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import type { Sql } from "postgres";
import { createTestDatabase, type TestDatabase } from "@ledgerflow/platform/testing";
import { ensureReadModel } from "./projector.ts";

const FILES = fs
  .readdirSync(path.resolve(import.meta.dir, "../../../sql/read"))
  .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
  .map((f) => f.replace(/\.sql$/, ""))
  .sort();

let db: TestDatabase;
let sql: Sql;

beforeAll(async () => {
  db = await createTestDatabase();
  sql = db.sql;
});
afterAll(async () => {
  await db?.close();
});

const recorded = async (schema: string) => (await sql.unsafe(`SELECT name FROM "${schema}".schema_versions ORDER BY version`)).map((r) => r.name as string);

test("a new schema gets every file once, recorded in order; a second start applies nothing", async () => {
  expect((await ensureReadModel(sql, "versioned_a")).applied).toEqual(FILES);
  expect(await recorded("versioned_a")).toEqual(FILES);
  const [row] = await sql`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'versioned_a' AND table_name = 'accounts'`;
  expect(row!.n).toBe(1);
  expect((await ensureReadModel(sql, "versioned_a")).applied).toEqual([]);
});

test("a file changed after it was applied stops the start, naming the file", async () => {
  await ensureReadModel(sql, "versioned_b");
  await sql.unsafe(`UPDATE "versioned_b".schema_versions SET checksum = 'edited' WHERE version = 2`);
  await expect(ensureReadModel(sql, "versioned_b")).rejects.toThrow(`read-model file ${FILES[1]} was changed after it was applied to schema versioned_b`);
});

test("a schema made before versioning is adopted: the idempotent files run once more and are recorded", async () => {
  await ensureReadModel(sql, "versioned_c");
  await sql.unsafe(`INSERT INTO "versioned_c".accounts (account_id, ledger, code, currency, normal_balance) VALUES (gen_random_uuid(), 'main', 'kept', 'USD', 'debit')`);
  await sql.unsafe(`DROP TABLE "versioned_c".schema_versions`);
  expect((await ensureReadModel(sql, "versioned_c")).applied).toEqual(FILES);
  expect(await recorded("versioned_c")).toEqual(FILES);
  const kept = await sql.unsafe(`SELECT code FROM "versioned_c".accounts`);
  expect(kept.map((r) => r.code)).toEqual(["kept"]);
});

test("a rebuilt schema swapped in under the live name keeps its record", async () => {
  await ensureReadModel(sql, "versioned_fresh");
  await sql.unsafe(`ALTER SCHEMA "versioned_fresh" RENAME TO "versioned_live"`);
  expect(await recorded("versioned_live")).toEqual(FILES);
  expect((await ensureReadModel(sql, "versioned_live")).applied).toEqual([]);
});
