// Alert rules pass promtool's checks and unit tests, dashboards are valid, and every metric an
// alert or a panel queries is really exported by a running ledger (with its relay) and projector.
import { afterAll, beforeAll, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { Direction, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { createLogger } from "@ledgerflow/platform/src/log.ts";
import { startTestLedger, type TestLedger } from "../../services/ledger/src/testing/ledger-server.ts";
import { startProjector, type ProjectorHandle } from "../../services/projector/src/app.ts";
import { debianTool } from "../../scripts/lib/system-deps.ts";

const DIR = import.meta.dir;
const RULES = path.join(DIR, "prometheus", "ledgerflow.rules.yaml");
const DASHBOARDS = fs.readdirSync(path.join(DIR, "grafana")).filter((f) => f.endsWith(".json")).map((f) => path.join(DIR, "grafana", f));

async function promtool(args: string[], cwd = DIR): Promise<{ code: number; out: string }> {
  const proc = Bun.spawn([debianTool("promtool", "prometheus"), ...args], { cwd, stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, out: out + err };
}

/** Metric names a PromQL expression refers to (histogram series map to their histogram). */
function metricsIn(expr: string): string[] {
  return [...new Set([...expr.matchAll(/\bledgerflow_[a-z0-9_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, "")))];
}

function expressions(): { where: string; expr: string }[] {
  const out: { where: string; expr: string }[] = [];
  const rules = fs.readFileSync(RULES, "utf8");
  for (const m of rules.matchAll(/- alert: (\w+)\n\s+expr: (\|\n(?:\s{10}.*\n)+|.*\n)/g)) out.push({ where: `alert ${m[1]}`, expr: m[2]! });
  for (const file of DASHBOARDS) {
    const dashboard = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const panel of dashboard.panels) for (const target of panel.targets) out.push({ where: `${path.basename(file)} / ${panel.title}`, expr: target.expr });
  }
  return out;
}

let t: TestLedger;
let p: ProjectorHandle;
beforeAll(async () => {
  t = await startTestLedger();
  p = await startProjector({ databaseUrl: t.db.url, groupId: "observability", host: "127.0.0.1", port: 0, schema: "read", readyLagMax: 1000, driftIntervalMs: 60_000, version: "test" }, createLogger("projector", "error"));
}, 60_000);
afterAll(async () => {
  await p.stop();
  await t.stop();
}, 30_000);

test("alert rules pass promtool check and their unit tests", async () => {
  const check = await promtool(["check", "rules", RULES]);
  expect(check.out).toContain("SUCCESS: 9 rules found");
  expect(check.code).toBe(0);
  const unit = await promtool(["test", "rules", "ledgerflow.rules.test.yaml"], path.join(DIR, "prometheus"));
  expect(unit.out).toContain("SUCCESS");
  expect(unit.code).toBe(0);
}, 120_000);

test("dashboards are valid and every panel queries something", () => {
  expect(DASHBOARDS.length).toBe(3);
  for (const file of DASHBOARDS) {
    const d = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(typeof d.uid).toBe("string");
    expect(new Set(d.panels.map((x: { id: number }) => x.id)).size).toBe(d.panels.length);
    for (const panel of d.panels) {
      expect(panel.targets.length).toBeGreaterThan(0);
      for (const target of panel.targets) expect(metricsIn(target.expr).length).toBeGreaterThan(0);
    }
  }
});

test("every metric an alert or panel queries is exported by the running services", async () => {
  const a = (await t.connect.createAccount({ code: "obs:a", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
  const b = (await t.connect.createAccount({ code: "obs:b", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
  await t.connect.postTransaction({ idempotencyKey: "obs-1", entries: [{ accountId: a, direction: Direction.DEBIT, amount: "5" }, { accountId: b, direction: Direction.CREDIT, amount: "5" }] });
  await Bun.sleep(2_500);
  const exported = new Set<string>();
  for (const url of [`${t.handle.httpUrl}/metrics`, `${p.url}/metrics`]) {
    const text = await (await fetch(url)).text();
    for (const m of text.matchAll(/^# TYPE (\S+) \S+$/gm)) exported.add(m[1]!);
  }
  const missing = expressions().flatMap(({ where, expr }) => metricsIn(expr).filter((name) => !exported.has(name)).map((name) => `${where}: ${name}`));
  expect(missing).toEqual([]);
  expect(expressions().filter((e) => e.where.startsWith("alert ")).length).toBe(9);
  expect(expressions().length).toBeGreaterThan(20);
}, 60_000);
