// Every metric that an alert rule or a dashboard panel queries must really be exported by the
// running service it belongs to: a real ledger (with its in-process outbox relay), a real
// projector, billing and the admin gateway are started, exercised, and scraped.
import { afterAll, beforeAll, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { Direction, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { signIn, startTestPlatform, type TestPlatform } from "@ledgerflow/testing/platform";

const OBS = path.join(import.meta.dir, "observability");
const RULES = path.join(OBS, "prometheus", "alerts.rules.yml");
const DASHBOARDS = path.join(OBS, "grafana", "dashboards");

// Components that have no process of their own in this repository yet: their metrics can't be
// scraped here. Each entry names why; the list shrinks as the services land.
function notRunnable(name: string): string | undefined {
  if (name.startsWith("ledgerflow_relay_process_")) return "the relay runs inside the ledger process (its process metrics are the ledger's)";
  return undefined;
}

function queried(): { where: string; metric: string }[] {
  const out: { where: string; metric: string }[] = [];
  const names = (expr: string) => [...new Set([...expr.matchAll(/\bledgerflow_[a-z0-9_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, "")))];
  for (const m of fs.readFileSync(RULES, "utf8").matchAll(/\bledgerflow_[a-z0-9_]+/g)) out.push({ where: "alerts.rules.yml", metric: m[0].replace(/_(bucket|sum|count)$/, "") });
  for (const file of fs.readdirSync(DASHBOARDS).filter((f) => f.endsWith(".json"))) {
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        for (const [k, v] of Object.entries(node)) {
          if (k === "expr" && typeof v === "string") for (const metric of names(v)) out.push({ where: file, metric });
          else walk(v);
        }
      }
    };
    walk(JSON.parse(fs.readFileSync(path.join(DASHBOARDS, file), "utf8")));
  }
  return out;
}

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
}, 60_000);
afterAll(async () => {
  await platform.stop();
}, 30_000);

test("every metric an alert or a panel queries is exported by the running services", async () => {
  const { client } = await signIn(platform, "admin@ledgerflow.local");
  const a = (await client.createAccount({ code: "obs:a", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
  const b = (await client.createAccount({ code: "obs:b", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
  await client.postTransaction({
    idempotencyKey: "obs-1",
    entries: [
      { accountId: a, direction: Direction.DEBIT, amount: "5" },
      { accountId: b, direction: Direction.CREDIT, amount: "5" },
    ],
  });
  await Bun.sleep(2_500);
  const exported = new Set<string>();
  for (const url of [`${platform.ledger.handle.httpUrl}/metrics`, `${platform.projector.url}/metrics`, `${platform.billing.handle.url}/metrics`, `${platform.url}/metrics`]) {
    const text = await (await fetch(url)).text();
    for (const m of text.matchAll(/^# TYPE (\S+) \S+$/gm)) exported.add(m[1]!);
  }
  const all = queried();
  expect(all.length).toBeGreaterThan(20);
  const checked = all.filter((q) => !notRunnable(q.metric));
  expect(checked.length).toBeGreaterThan(15);
  const missing = [...new Set(checked.filter((q) => !exported.has(q.metric)).map((q) => `${q.where}: ${q.metric}`))];
  expect(missing).toEqual([]);
}, 60_000);
