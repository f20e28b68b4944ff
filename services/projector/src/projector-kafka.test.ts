// The whole pipeline through a real Kafka broker: ledger → outbox → relay → Kafka → projector,
// with the projector process killed (SIGKILL) mid-stream and restarted while transfers continue.
// After quiescence every committed change is in the read model exactly once and drift is zero.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Direction, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { findFreePort } from "@ledgerflow/platform/src/db/local-postgres.ts";
import { startTestLedger, type TestLedger } from "../../ledger/src/testing/ledger-server.ts";
import { startKafka, type KafkaBroker } from "../../../scripts/lib/kafka.ts";

const ROOT = path.resolve(import.meta.dir, "../../..");
const dataDir = fs.mkdtempSync(path.join(process.env.LEDGERFLOW_TEST_RUN_DIR ?? os.tmpdir(), "kafka-p-"));
let broker: KafkaBroker;
let t: TestLedger;
let projector: ChildProcess | undefined;
let port: number;

async function startProjectorProcess(): Promise<void> {
  projector = spawn(process.execPath, [path.join(ROOT, "services/projector/src/main.ts")], {
    env: { ...process.env, DATABASE_URL: t.db.url, KAFKA_BROKERS: broker.brokers, PROJECTOR_HOST: "127.0.0.1", PROJECTOR_PORT: String(port), LOG_LEVEL: "error" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 150; i++) {
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return;
    await Bun.sleep(100);
  }
  throw new Error("the projector did not start");
}

beforeAll(async () => {
  broker = await startKafka({ dataDir });
  t = await startTestLedger({ kafkaBrokers: broker.brokers });
  port = await findFreePort();
  await startProjectorProcess();
}, 120_000);
afterAll(async () => {
  projector?.kill("SIGKILL");
  await t.stop();
  await broker.stop(true);
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

test("kill -9 of the projector mid-stream: every change lands exactly once, drift zero", async () => {
  const c = t.connect;
  const ids: string[] = [];
  for (let i = 0; i < 6; i++) ids.push((await c.createAccount({ code: `kp:${i}`, currency: "USD", normalBalance: i === 0 ? NormalBalance.DEBIT : NormalBalance.CREDIT, allowOverdraft: i === 0 })).account!.id);
  let writing = true;
  let sent = 0;
  const latencies: number[] = [];
  const writer = (async () => {
    for (let i = 0; writing; i++) {
      const to = ids[1 + (i % 5)]!;
      await c.postTransaction({ idempotencyKey: `kp-${i}`, entries: [{ accountId: ids[0]!, direction: Direction.DEBIT, amount: String(1 + (i % 7)) }, { accountId: to, direction: Direction.CREDIT, amount: String(1 + (i % 7)) }] });
      sent = i + 1;
      await Bun.sleep(5);
    }
  })();
  await Bun.sleep(1_500);
  projector!.kill("SIGKILL");
  await new Promise((r) => projector!.once("exit", r));
  await Bun.sleep(500);
  await startProjectorProcess();
  await Bun.sleep(1_000);
  writing = false;
  await writer;
  expect(sent).toBeGreaterThan(50);

  // Commit-to-read-model latency through Kafka, measured on a few fresh postings.
  for (let i = 0; i < 10; i++) {
    const started = performance.now();
    const posted = await c.postTransaction({ idempotencyKey: `kp-lat-${i}`, entries: [{ accountId: ids[0]!, direction: Direction.DEBIT, amount: "1" }, { accountId: ids[1]!, direction: Direction.CREDIT, amount: "1" }] });
    for (let j = 0; j < 500; j++) {
      if ((await t.db.sql`SELECT 1 FROM read.transactions WHERE transaction_id = ${posted.transaction!.id}`).length === 1) break;
      await Bun.sleep(5);
    }
    latencies.push(performance.now() - started);
  }
  latencies.sort((x, y) => x - y);
  console.log(`commit-to-read-model through Kafka (sequential): p50 ${latencies[5]!.toFixed(0)} ms, max ${latencies[9]!.toFixed(0)} ms; ${sent} transfers across a projector SIGKILL`);

  let drift: { mismatched: string[]; accounts: number } = { mismatched: ["?"], accounts: 0 };
  for (let i = 0; i < 200 && drift.mismatched.length > 0; i++) {
    await Bun.sleep(100);
    drift = await (await fetch(`http://127.0.0.1:${port}/drift`)).json();
  }
  expect(drift.mismatched).toEqual([]);
  expect(drift.accounts).toBe(6);
  const [counts] = await t.db.sql`SELECT
      (SELECT count(*)::int FROM ledger.transactions) AS written,
      (SELECT count(*)::int FROM read.transactions) AS projected,
      (SELECT count(*)::int FROM read.processed_events) AS processed,
      (SELECT count(*)::int FROM ledger.outbox) AS events`;
  expect(counts!.projected).toBe(counts!.written);
  expect(counts!.processed).toBe(counts!.events);
  // Lag is sampled every two seconds; it reaches zero once the samples catch up.
  let ready = await (await fetch(`http://127.0.0.1:${port}/readyz`)).json();
  for (let i = 0; i < 100 && ready.checks.lag_messages !== 0; i++) {
    await Bun.sleep(100);
    ready = await (await fetch(`http://127.0.0.1:${port}/readyz`)).json();
  }
  expect(ready.checks.lag_messages).toBe(0);
  expect(ready.status).toBe("ready");
}, 120_000);
