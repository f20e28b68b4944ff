// `npm start` as a user runs it (scripts/start.ts, every service its own process) on free ports,
// against a test database: one ready line with the URLs, a service killed with SIGKILL is
// restarted (and the supervisor says so) while the others stay up, and SIGTERM stops everything
// and removes the running-platform file.
import { afterAll, beforeAll, expect, test } from "bun:test";
import fs from "node:fs";
import { createTestDatabase, type TestDatabase } from "@ledgerflow/platform/testing";
import { startPlatformForTest, type TestPlatform } from "./lib/test-platform.ts";

let db: TestDatabase;
let platform: TestPlatform;

beforeAll(async () => {
  db = await createTestDatabase({ max: 2 });
  platform = await startPlatformForTest({ databaseUrl: db.url, name: "start-test" });
}, 150_000);

afterAll(async () => {
  await platform?.stop();
  await db?.close();
}, 30_000);

const pidOf = async (entry: string, parent: number): Promise<number | undefined> => {
  const out = Bun.spawnSync(["pgrep", "-P", String(parent), "-f", entry])
    .stdout.toString()
    .trim();
  return out ? Number(out.split("\n")[0]) : undefined;
};

test("one ready line names every service's URL", () => {
  const ready = platform
    .output()
    .split("\n")
    .filter((l) => l.startsWith("LedgerFlow ready in "));
  expect(ready.length).toBe(1);
  for (const url of Object.values(platform.urls)) expect(ready[0]).toContain(url);
  // The start is quiet: no runtime or deprecation warnings from the libraries.
  expect(platform.output()).not.toMatch(/TimeoutNegativeWarning|DeprecationWarning|oidc-provider WARNING/);
  const state = JSON.parse(fs.readFileSync(platform.stateFile, "utf8"));
  expect(state).toMatchObject({ pid: platform.pid, databaseUrl: db.url, urls: { ledger: platform.urls.ledger } });
});

test("a service killed with SIGKILL is restarted, said so, and the others stay up", async () => {
  const before = await pidOf("services/projector/src/main.ts", platform.pid);
  const ledgerBefore = await pidOf("services/ledger/src/main.ts", platform.pid);
  expect(before).toBeGreaterThan(0);
  process.kill(before!, "SIGKILL");
  await platform.waitFor(/\[platform\] projector was killed \(SIGKILL\) after [\d.]+ s; restarting it in 0\.5 s/, 10_000);
  await platform.waitFor(/\[platform\] projector restarted and healthy/, 60_000);
  const after = await pidOf("services/projector/src/main.ts", platform.pid);
  expect(after).toBeGreaterThan(0);
  expect(after).not.toBe(before);
  expect(await pidOf("services/ledger/src/main.ts", platform.pid)).toBe(ledgerBefore);
  expect((await fetch(`${platform.urls.projector}/healthz`)).status).toBe(200);
  expect((await fetch(`${platform.urls.ledger}/healthz`)).status).toBe(200);
}, 90_000);

test("SIGTERM stops every service and removes the running-platform file", async () => {
  const children = Bun.spawnSync(["pgrep", "-P", String(platform.pid)])
    .stdout.toString()
    .trim()
    .split("\n")
    .filter(Boolean)
    .map(Number);
  expect(children.length).toBe(5);
  const code = await platform.stop();
  expect(code).toBe(0);
  for (const pid of children) expect(() => process.kill(pid, 0)).toThrow();
  expect(fs.existsSync(platform.stateFile)).toBe(false);
}, 30_000);
