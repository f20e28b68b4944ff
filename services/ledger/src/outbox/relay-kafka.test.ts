// The relay against a real Apache Kafka broker, with faults: the ledger process (and its relay)
// is killed with SIGKILL mid-stream and restarted, and the broker is stopped and restarted,
// while transfers keep coming. Afterwards every committed transaction is in Kafka (at least
// once), in commit order per key, with the documented key and headers.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { Direction, LedgerService, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { createTestDatabase, type TestDatabase } from "@ledgerflow/platform/src/testing/postgres.ts";
import { findFreePort } from "@ledgerflow/platform/src/db/local-postgres.ts";
import { decodeEvent } from "@ledgerflow/platform/src/eventlog/codec.ts";
import { KafkaSource, kafkaClient } from "@ledgerflow/platform/src/eventlog/kafka.ts";
import { TOPICS, type ConsumedEvent } from "@ledgerflow/platform/src/eventlog/types.ts";
import { startKafka, type KafkaBroker } from "../../../../scripts/lib/kafka.ts";
import { debianTool } from "../../../../scripts/lib/system-deps.ts";

const ROOT = path.resolve(import.meta.dir, "../../../..");
let broker: KafkaBroker;
let db: TestDatabase;
let ledgerProc: ChildProcess | undefined;
let httpPort: number;
let grpcPort: number;
const dataDir = fs.mkdtempSync(path.join(process.env.LEDGERFLOW_TEST_RUN_DIR ?? os.tmpdir(), "kafka-"));

async function startLedgerProcess(): Promise<void> {
  ledgerProc = spawn(process.execPath, [path.join(ROOT, "services/ledger/src/main.ts")], {
    env: { ...process.env, DATABASE_URL: db.url, KAFKA_BROKERS: broker.brokers, LEDGER_HOST: "127.0.0.1", LEDGER_HTTP_PORT: String(httpPort), LEDGER_GRPC_PORT: String(grpcPort), LEDGER_MIGRATE: "false", LOG_LEVEL: process.env.RELAY_TEST_LOG_LEVEL ?? "error" },
    stdio: ["ignore", process.env.RELAY_TEST_LOG_LEVEL ? "inherit" : "ignore", "inherit"],
  });
  for (let i = 0; i < 100; i++) {
    if (await fetch(`http://127.0.0.1:${httpPort}/healthz`).then((r) => r.ok, () => false)) return;
    await Bun.sleep(100);
  }
  throw new Error("the ledger did not start");
}

beforeAll(async () => {
  broker = await startKafka({ dataDir });
  db = await createTestDatabase();
  httpPort = await findFreePort();
  grpcPort = await findFreePort();
  await startLedgerProcess();
}, 120_000);
afterAll(async () => {
  ledgerProc?.kill("SIGKILL");
  await broker.stop(true);
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

test("kill -9 of the relay and a Kafka outage lose nothing; order per key holds", async () => {
  const c = createClient(LedgerService, createConnectTransport({ baseUrl: `http://127.0.0.1:${httpPort}`, httpVersion: "1.1" }));
  const a = (await c.createAccount({ code: "k:a", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
  const b = (await c.createAccount({ code: "k:b", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;

  // A writer that keeps posting; each transfer is retried with its key until it is accepted.
  let writing = true;
  let sent = 0;
  const writer = (async () => {
    for (let i = 0; writing; i++) {
      for (;;) {
        const ok = await c.postTransaction({ idempotencyKey: `k-${i}`, entries: [{ accountId: a, direction: Direction.DEBIT, amount: "1" }, { accountId: b, direction: Direction.CREDIT, amount: "1" }] }).then(() => true, () => false);
        if (ok) break;
        await Bun.sleep(50);
      }
      sent = i + 1;
      await Bun.sleep(5);
    }
  })();

  await Bun.sleep(1_000);
  ledgerProc!.kill("SIGKILL");
  await new Promise((r) => ledgerProc!.once("exit", r));
  await startLedgerProcess();
  await Bun.sleep(500);
  await broker.stop();
  await Bun.sleep(2_000);
  const backlog = Number((await db.sql`SELECT count(*)::int AS n FROM ledger.outbox WHERE published_at IS NULL`)[0]!.n);
  expect(backlog).toBeGreaterThan(0);
  await broker.restart();
  await Bun.sleep(1_000);
  writing = false;
  await writer;
  expect(sent).toBeGreaterThan(20);

  for (let i = 0; i < 300; i++) {
    const left = Number((await db.sql`SELECT count(*)::int AS n FROM ledger.outbox WHERE published_at IS NULL`)[0]!.n);
    if (left === 0) break;
    await Bun.sleep(100);
  }
  expect(Number((await db.sql`SELECT count(*)::int AS n FROM ledger.outbox WHERE published_at IS NULL`)[0]!.n)).toBe(0);

  const committed = (await db.sql`SELECT id FROM ledger.transactions ORDER BY seq`).map((r) => r.id as string);
  expect(committed.length).toBe(sent);
  const seen: ConsumedEvent[] = [];
  const source = new KafkaSource(kafkaClient(broker.brokers, "test"), "relay-test", [TOPICS.transactions]);
  await source.run(async (batch) => {
    seen.push(...batch);
  });
  for (let i = 0; i < 300; i++) {
    const ids = new Set(seen.map((e) => e.headers.ce_id));
    if (committed.every((id) => ids.has(id))) break;
    await Bun.sleep(100);
  }
  await source.close();

  const firstSeen = new Map<string, ConsumedEvent>();
  for (const e of seen) if (!firstSeen.has(e.headers.ce_id!)) firstSeen.set(e.headers.ce_id!, e);
  expect(committed.filter((id) => !firstSeen.has(id))).toEqual([]);
  // Commit order per key: first deliveries come in transaction sequence order.
  const order = [...firstSeen.values()].map((e) => BigInt(decodeEvent(e).message.transaction.sequence));
  expect([...order].sort((x, y) => (x < y ? -1 : 1))).toEqual(order);
  const sample = seen[0]!;
  expect(sample.key).toBe("main");
  expect(sample.headers.ce_type).toBe("ledgerflow.events.v1.TransactionPosted");
  expect(sample.headers["content-type"]).toBe("application/x-protobuf");
  expect(new Set(seen.map((e) => e.partition)).size).toBe(1);
  // kcat, a client that knows nothing of this project, shows the key and the headers.
  const kcat = Bun.spawn([debianTool("kcat"), "-C", "-b", broker.brokers, "-t", TOPICS.transactions, "-c", "1", "-e", "-f", "key=%k\n%h\n"], { stdout: "pipe", stderr: "pipe" });
  const shown = await new Response(kcat.stdout).text();
  await kcat.exited;
  expect(shown).toContain("key=main");
  expect(shown).toContain("ce_type=ledgerflow.events.v1.TransactionPosted");
  expect(shown).toContain("content-type=application/x-protobuf");
  console.log(`kafka fault test: ${sent} transfers, ${seen.length} deliveries (${seen.length - firstSeen.size} redelivered)`);
}, 120_000);
