// Generated code is committed; this fails when regenerating would change it (protobuf, pgtyped,
// sql/schema.sql), and when the proto breaks buf's STANDARD lint rules.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@ledgerflow/platform/testing";
import { ROOT, dumpSchema, generateProto, generateQueries, queryFiles } from "./lib/generate.ts";
import { ensureReadModel } from "@ledgerflow/projector/read-model";

let out: string;
let db: TestDatabase;
let withReadModel: TestDatabase;
beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "ledgerflow-gen-"));
  db = await createTestDatabase({ max: 1 });
  // Typed queries of the admin gateway read the projector's read model too.
  withReadModel = await createTestDatabase({ max: 1 });
  await ensureReadModel(withReadModel.sql, "read");
});
afterAll(async () => {
  fs.rmSync(out, { recursive: true, force: true });
  await db.close();
  await withReadModel.close();
});

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

test("buf lint passes", () => {
  const result = spawnSync(path.join(ROOT, "node_modules/.bin/buf"), ["lint"], { cwd: ROOT, encoding: "utf8" });
  expect(result.stdout + result.stderr).toBe("");
  expect(result.status).toBe(0);
});

test("proto/gen is what buf generate produces", () => {
  generateProto(out);
  const generated = listFiles(path.join(out, "proto/gen"));
  expect(generated.length).toBeGreaterThan(0);
  expect(listFiles(path.join(ROOT, "proto/gen"))).toEqual(generated);
  for (const f of generated) expect(fs.readFileSync(path.join(ROOT, "proto/gen", f), "utf8")).toBe(fs.readFileSync(path.join(out, "proto/gen", f), "utf8"));
}, 60_000);

test("typed queries are what pgtyped produces", () => {
  generateQueries(withReadModel.url, out);
  const files = queryFiles().map((f) => f.replace(/\.sql$/, ".queries.ts"));
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) expect(fs.readFileSync(path.join(ROOT, f), "utf8")).toBe(fs.readFileSync(path.join(out, f), "utf8"));
}, 60_000);

test("sql/schema.sql is the dump of all migrations", () => {
  dumpSchema(db.url, out);
  expect(fs.readFileSync(path.join(ROOT, "sql/schema.sql"), "utf8")).toBe(fs.readFileSync(path.join(out, "sql/schema.sql"), "utf8"));
}, 60_000);
