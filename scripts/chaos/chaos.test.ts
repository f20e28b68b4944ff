// The short chaos profile inside `npm test`: kill -9 of the ledger (twice), the relay, the
// projector and billing, a Postgres immediate restart and a Kafka broker restart, under 32
// clients. Its assertions are the checker's invariants: nothing acknowledged lost, nothing
// applied twice, the books balanced, every event on Kafka, drift 0, billing exact, no process
// down by itself. The long profile is `npm run chaos`.
import { expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { PROFILES, runChaos } from "./run.ts";

const SHORT_WALL_MAX_S = 180;

test("chaos, short profile: nothing lost, nothing twice, everything converges", async () => {
  const seed = Number(process.env.LEDGERFLOW_CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const base = process.env.LEDGERFLOW_TEST_RUN_DIR ?? path.resolve(import.meta.dir, "../../.cache");
  const runDir = path.join(base, `chaos-short-${seed}`);
  const reportDir = path.resolve(import.meta.dir, "../../test-artifacts/chaos");
  const result = await runChaos({ profile: PROFILES.short, seed, runDir });
  // The report outlives the run directory (which the test runner deletes).
  fs.mkdirSync(reportDir, { recursive: true });
  fs.copyFileSync(result.reportFile, path.join(reportDir, `short-${seed}.json`));
  fs.rmSync(path.join(runDir, "pg"), { recursive: true, force: true });
  fs.rmSync(path.join(runDir, "kafka"), { recursive: true, force: true });
  expect(result.check.violations).toEqual([]);
  expect(result.check.figures.acked).toBeGreaterThan(500);
  expect(result.faults.every((f) => f.error === undefined)).toBe(true);
  expect(result.wallSeconds).toBeLessThan(SHORT_WALL_MAX_S);
}, 300_000);
