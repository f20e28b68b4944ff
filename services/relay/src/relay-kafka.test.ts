// The relay process against the test run's real Kafka broker, under faults, while writes go on:
// kill -9 of the relay mid-stream (a new process resumes from the unpublished rows), then the
// broker killed (the breaker opens, errors are counted, the backlog grows) and restarted (the
// backlog drains). Afterwards every outbox event is on its topic, decodable, with key and
// headers; duplicates are possible (at least once) and counted.
import { afterAll, beforeAll, expect, test } from "bun:test";
import path from "node:path";
import type { Subprocess } from "bun";
import { type Books, createTestDatabase, openBooks, restartTestKafka, stopTestKafka, type TestDatabase, testKafkaBrokers, waitUntil } from "@ledgerflow/platform/testing";
import { findFreePort } from "@ledgerflow/platform/local-postgres";
import { type CloudEvent, Kafka } from "cloudevents";
import { fromBinary } from "@bufbuild/protobuf";
import { type ConsumedEvent, decodeEvent, kafkaClient, KafkaEventConsumer, schemaOf, TOPICS } from "@ledgerflow/platform/events";

let db: TestDatabase;
let books: Books;
let relay: Subprocess | undefined;
let port: number;

async function startRelayProcess(): Promise<void> {
  relay = Bun.spawn([process.execPath, path.join(import.meta.dir, "main.ts")], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testKafkaBrokers(),
      RELAY_HOST: "127.0.0.1",
      RELAY_PORT: String(port),
      RELAY_POLL_MS: "200",
      RELAY_BREAKER_OPEN_MS: "1000",
      RELAY_BACKOFF_MAX_MS: "1000",
      RELAY_OBSERVE_INTERVAL_MS: "200",
      LOG_LEVEL: "error",
    },
    stdout: "ignore",
    stderr: "inherit",
  });
  await waitUntil(
    async () =>
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      ),
    20_000,
    "the relay to listen",
  );
}

const metric = async (name: string) => {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(new RegExp(`^${name} ([0-9.e+-]+)$`, "m").exec(text)?.[1] ?? NaN);
};
const unpublished = async () => Number((await db.sql`SELECT count(*)::int AS n FROM ledger.outbox WHERE published_at IS NULL`)[0]!.n);

beforeAll(async () => {
  db = await createTestDatabase();
  books = await openBooks(db.sql, 6);
  port = await findFreePort();
  await startRelayProcess();
}, 60_000);
afterAll(async () => {
  relay?.kill("SIGKILL");
  await restartTestKafka();
  await db.close();
}, 60_000);

test("kill -9 of the relay and a broker outage lose nothing", async () => {
  let writing = true;
  let written = 0;
  const writer = (async () => {
    for (let i = 0; writing; i++) {
      await books.transfer(i % 3, 3 + (i % 3), BigInt(1 + (i % 5)));
      written += 1;
      await Bun.sleep(4);
    }
  })();

  await Bun.sleep(1_000);
  relay!.kill("SIGKILL");
  await relay!.exited;
  await Bun.sleep(500);
  await startRelayProcess();
  await Bun.sleep(1_000);

  await stopTestKafka(true);
  await waitUntil(async () => (await metric("ledgerflow_relay_circuit_breaker_state")) === 2, 30_000, "the breaker to open");
  expect(await metric("ledgerflow_relay_publish_errors_total")).toBeGreaterThan(0);
  const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
  expect(ready.status).toBe(503);
  await Bun.sleep(1_000);
  expect(await unpublished()).toBeGreaterThan(0);
  await restartTestKafka();

  await Bun.sleep(1_500);
  writing = false;
  await writer;
  expect(written).toBeGreaterThan(200);
  await waitUntil(async () => (await unpublished()) === 0, 60_000, "the backlog to drain");
  await waitUntil(async () => (await metric("ledgerflow_relay_circuit_breaker_state")) === 0, 10_000, "the breaker to close");

  const expected = new Map((await db.sql`SELECT event_id::text AS event, partition_key FROM ledger.outbox`).map((r) => [r.event as string, r.partition_key as string]));
  const seen = new Map<string, number>();
  const consumer = new KafkaEventConsumer(kafkaClient(testKafkaBrokers(), "relay-check"), { groupId: `relay-check-${Date.now()}`, topics: [TOPICS.accounts, TOPICS.transactions] });
  const mine: ConsumedEvent[] = [];
  await consumer.start(async (batch) => {
    for (const e of batch) {
      const id = e.headers.ce_id!;
      if (!expected.has(id)) continue; // other test files share the broker
      seen.set(id, (seen.get(id) ?? 0) + 1);
      mine.push(e);
    }
  });
  await waitUntil(async () => seen.size === expected.size, 60_000, "every event on Kafka");
  await consumer.close();
  for (const e of mine) {
    expect(e.key).toBe(expected.get(e.headers.ce_id!)!);
    expect(decodeEvent(e).message.meta.eventId).toBe(e.headers.ce_id!);
    // Generic tooling reads the same record as a CloudEvent (Kafka protocol binding, binary mode).
    const ce = Kafka.toEvent({ key: e.key, value: Buffer.from(e.value), headers: e.headers } as never) as CloudEvent<Buffer>;
    expect(ce.validate()).toBe(true);
    expect({ specversion: ce.specversion, id: ce.id, source: ce.source, datacontenttype: ce.datacontenttype, partitionkey: ce.partitionkey }).toEqual({
      specversion: "1.0",
      id: e.headers.ce_id!,
      source: "ledgerflow.ledger",
      datacontenttype: "application/x-protobuf",
      partitionkey: e.key,
    });
    expect(fromBinary(schemaOf(ce.type), new Uint8Array(ce.data!)).$typeName).toBe(ce.type);
  }
  const duplicates = [...seen.values()].reduce((n, c) => n + c - 1, 0);
  console.log(`relay under faults: ${expected.size} events, ${written} transfers, ${duplicates} duplicates (at least once)`);
}, 180_000);
