// One contract for both event transports: the real Kafka broker and the embedded Postgres log
// must deliver the same way: everything published, in order per key, with key and headers
// intact; a consumer group resumes after its last committed batch; lag counts what is left.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "../testing/postgres.ts";
import { KafkaSink, KafkaSource, kafkaClient } from "./kafka.ts";
import { appendToLog, PostgresLogSource } from "./postgres-log.ts";
import type { ConsumedEvent, EventRecord, EventSource } from "./types.ts";
import { startKafka, type KafkaBroker } from "../../../../scripts/lib/kafka.ts";

interface Transport {
  name: string;
  publish(records: EventRecord[]): Promise<void>;
  source(group: string, topics: string[]): EventSource;
}

let db: TestDatabase;
let broker: KafkaBroker;
let kafkaSink: KafkaSink;
const dataDir = fs.mkdtempSync(path.join(process.env.LEDGERFLOW_TEST_RUN_DIR ?? os.tmpdir(), "kafka-c-"));

beforeAll(async () => {
  db = await createTestDatabase();
  broker = await startKafka({ dataDir });
  kafkaSink = new KafkaSink(kafkaClient(broker.brokers, "contract"));
}, 120_000);
afterAll(async () => {
  await kafkaSink.close();
  await broker.stop(true);
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const transports: Transport[] = [
  { name: "kafka", publish: (r) => kafkaSink.publish(r), source: (g, t) => new KafkaSource(kafkaClient(broker.brokers, g), g, t) },
  { name: "postgres log", publish: (r) => appendToLog(db.sql, r), source: (g, t) => new PostgresLogSource({ sql: db.sql, groupId: g, topics: t, pollMs: 200 }) },
];

async function consume(source: EventSource, count: number, timeoutMs = 30_000): Promise<ConsumedEvent[]> {
  const seen: ConsumedEvent[] = [];
  await source.run(async (batch) => {
    seen.push(...batch);
  });
  const until = Date.now() + timeoutMs;
  while (seen.length < count && Date.now() < until) await Bun.sleep(50);
  await Bun.sleep(300);
  await source.close();
  return seen;
}

describe.each(transports)("event transport contract: $name", (transport) => {
  const topic = `contract.${transport.name.replace(" ", "-")}.v1`;
  const records = (from: number, n: number): EventRecord[] =>
    Array.from({ length: n }, (_, i) => ({
      topic, key: `key-${(from + i) % 3}`, value: new TextEncoder().encode(`event-${from + i}`),
      headers: { ce_id: `00000000-0000-4000-8000-${String(from + i).padStart(12, "0")}`, ce_type: "test.Event", "content-type": "text/plain" },
    }));

  test("delivers everything, in order per key, with key and headers", async () => {
    await transport.publish(records(0, 30));
    const seen = await consume(transport.source("g1", [topic]), 30);
    expect(seen.length).toBe(30);
    for (const key of ["key-0", "key-1", "key-2"]) {
      const values = seen.filter((e) => e.key === key).map((e) => Number(new TextDecoder().decode(e.value).split("-")[1]));
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(values.length).toBe(10);
    }
    expect(seen[0]!.headers.ce_type).toBe("test.Event");
    expect(seen[0]!.headers["content-type"]).toBe("text/plain");
  }, 60_000);

  test("a group resumes after its last commit, and lag counts what is left", async () => {
    await transport.publish(records(30, 10));
    const behind = transport.source("g1", [topic]);
    const lag = await behind.lag();
    expect(lag.reduce((n, l) => n + l.messages, 0)).toBe(10);
    await behind.close().catch(() => undefined);
    const seen = await consume(transport.source("g1", [topic]), 10);
    expect(seen.map((e) => new TextDecoder().decode(e.value)).sort()).toEqual(records(30, 10).map((r) => new TextDecoder().decode(r.value)).sort());
    const after = transport.source("g1", [topic]);
    expect((await after.lag()).reduce((n, l) => n + l.messages, 0)).toBe(0);
    await after.close().catch(() => undefined);
    const fresh = await consume(transport.source("g2", [topic]), 40);
    expect(fresh.length).toBe(40);
  }, 60_000);
});

test("postgres log: an idle topic does not hold back a busy one", async () => {
  const quiet = "contract.idle.v1";
  const busy = "contract.busy.v1";
  const rec = (topic: string, i: number): EventRecord => ({ topic, key: "k", value: new TextEncoder().encode(String(i)), headers: {} });
  await appendToLog(db.sql, [rec(quiet, 0)]);
  const source = new PostgresLogSource({ sql: db.sql, groupId: "idle", topics: [quiet, busy], batchMax: 10, pollMs: 100 });
  const seen: ConsumedEvent[] = [];
  await source.run(async (batch) => {
    seen.push(...batch);
  });
  for (let round = 0; round < 5; round++) await appendToLog(db.sql, Array.from({ length: 25 }, (_, i) => rec(busy, round * 25 + i)));
  const until = Date.now() + 10_000;
  while (seen.length < 126 && Date.now() < until) await Bun.sleep(50);
  await source.close();
  expect(seen.length).toBe(126);
  expect(seen.filter((e) => e.topic === busy).map((e) => Number(new TextDecoder().decode(e.value)))).toEqual(Array.from({ length: 125 }, (_, i) => i));
});
