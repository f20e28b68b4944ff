// The test command (`npm test`): starts the real dependencies the suites need (a fresh
// PostgreSQL cluster with the migrated template database, and an Apache Kafka broker),
// runs `bun test` over the project, and ends with the line `N passed, N failed`.
// Extra arguments are passed to `bun test` (e.g. a path filter).
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { findFreePort, startLocalPostgres } from "@ledgerflow/platform/local-postgres";
import { connect, migrate, enableServiceLogins, localServiceLogins } from "@ledgerflow/platform/db";
import { startTestDependencies, type StartedDependency } from "./lib/test-dependencies.ts";

const root = path.resolve(import.meta.dir, "..");
const runDir = path.join(root, ".cache", "test-runs", `${process.pid}`);
fs.rmSync(runDir, { recursive: true, force: true });
fs.mkdirSync(runDir, { recursive: true });

const port = await findFreePort();
const pg = startLocalPostgres({
  dataDir: path.join(runDir, "pg"),
  port,
  // Durability is not under test here; the benchmark keeps fsync on.
  settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off", max_connections: 300 },
});
const admin = connect({ url: pg.url, max: 1 });
await admin.unsafe("CREATE DATABASE ledgerflow_template");
await admin.end();
const template = connect({ url: pg.url.replace(/\/postgres$/, "/ledgerflow_template"), max: 1 });
await migrate(template);
// The roles are the cluster's: every test database cloned from the template shares them.
await enableServiceLogins(template, localServiceLogins());
await template.end();

const extra: StartedDependency[] = await startTestDependencies({ root, runDir });
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  LEDGERFLOW_TEST_PG_URL: pg.url,
  LEDGERFLOW_TEST_TEMPLATE: "ledgerflow_template",
  LEDGERFLOW_TEST_RUN_DIR: runDir,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
};
for (const dep of extra) Object.assign(env, dep.env);

const args = process.argv.slice(2);
const child = spawn(process.execPath, ["test", "--timeout", "60000", "--path-ignore-patterns=web/**", ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
let output = "";
const tee = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
  output += chunk.toString();
  stream.write(chunk);
};
child.stdout.on("data", tee(process.stdout));
child.stderr.on("data", tee(process.stderr));
const exitCode: number = await new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));

// The dashboard's component tests run in Vitest (Node, jsdom), after the Bun suites.
const web = runVitest();

for (const dep of extra.reverse()) await dep.stop();
pg.stop();
fs.rmSync(runDir, { recursive: true, force: true });

const passed = Number(/^\s*(\d+) pass\s*$/m.exec(output)?.[1] ?? 0) + web.passed;
const failedTests = Number(/^\s*(\d+) fail\s*$/m.exec(output)?.[1] ?? 0) + web.failed;
const errors = Number(/Ran \d+ tests? across \d+ files?\.[^\n]*\n?/.test(output) ? (/^\s*(\d+) errors?\s*$/m.exec(output)?.[1] ?? 0) : 0);
const failed = failedTests + errors + (exitCode !== 0 && failedTests + errors === 0 ? 1 : 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

/** Runs `vitest run` in web/ (skipped when a path filter names no web file); counts from its JSON report. */
function runVitest(): { passed: number; failed: number } {
  const webDir = path.join(root, "web");
  const filtered = args.some((a) => !a.startsWith("-"));
  if (!fs.existsSync(path.join(webDir, "src")) || (filtered && !args.some((a) => a.startsWith("web")))) return { passed: 0, failed: 0 };
  const report = path.join(runDir, "vitest.json");
  const result = spawnSync(path.join(root, "node_modules", ".bin", "vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile=${report}`], { cwd: webDir, stdio: "inherit", env: { ...process.env, CI: "1" } });
  if (!fs.existsSync(report)) return { passed: 0, failed: 1 };
  const r = JSON.parse(fs.readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; success: boolean };
  return { passed: r.numPassedTests, failed: r.numFailedTests + (result.status !== 0 && r.numFailedTests === 0 ? 1 : 0) };
}
