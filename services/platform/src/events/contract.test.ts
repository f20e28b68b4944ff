// One contract for both event transports: the real Kafka broker of the test run and the embedded
// Postgres log must behave alike: everything published is delivered, in order per key, with key
// and headers intact; a group resumes after its last committed batch; a batch whose handler threw
// is delivered again; lag counts what is left. Then what only the Postgres log has to prove:
// its sequencer, its group lease and that an idle topic does not hold back a busy one.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "../testing/postgres.ts";
import { KafkaEventConsumer, KafkaPublisher, kafkaClient } from "./kafka.ts";
import { PostgresLogConsumer, PostgresLogPublisher, appendWithin } from "./postgres-log.ts";
import { totalLag, type BatchHandler, type ConsumedEvent, type EventConsumer, type EventPublisher, type EventRecord } from "./types.ts";
import { testKafkaBrokers } from "./test-kafka.ts";

interface Transport {
  name: string;
  publisher(): EventPublisher;
  consumer(group: string, topics: string[]): EventConsumer;
}

let db: TestDatabase;
const publishers: EventPublisher[] = [];
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  for (const p of publishers) await p.close();
  await db.close();
}, 30_000);

const transports: Transport[] = [
  {
    name: "kafka",
    publisher: () => new KafkaPublisher(kafkaClient(testKafkaBrokers(), "contract")),
    consumer: (g, t) => new KafkaEventConsumer(kafkaClient(testKafkaBrokers(), g), { groupId: `${g}-${run}`, topics: t }),
  },
  {
    name: "postgres-log",
    publisher: () => new PostgresLogPublisher(db.sql),
    consumer: (g, t) => new PostgresLogConsumer({ sql: db.sql, groupId: g, topics: t, pollMs: 200 }),
  },
];

const text = (e: { value: Uint8Array }) => new TextDecoder().decode(e.value);

/** Consumes until `count` events arrived (or the timeout), then closes the consumer. */
async function consume(consumer: EventConsumer, count: number, handle?: BatchHandler, timeoutMs = 30_000): Promise<ConsumedEvent[]> {
  const seen: ConsumedEvent[] = [];
  await consumer.start(async (batch) => {
    if (handle) await handle(batch);
    seen.push(...batch);
  });
  const until = Date.now() + timeoutMs;
  while (seen.length < count && Date.now() < until) await Bun.sleep(25);
  await Bun.sleep(200);
  await consumer.close();
  return seen;
}

describe.each(transports)("event transport contract: $name", (transport) => {
  const topic = `contract.${transport.name}.${run}.v1`;
  let publisher: EventPublisher;
  const records = (from: number, n: number): EventRecord[] =>
    Array.from({ length: n }, (_, i) => ({
      topic,
      key: `key-${(from + i) % 3}`,
      value: new TextEncoder().encode(`event-${from + i}`),
      headers: { ce_id: `00000000-0000-4000-8000-${String(from + i).padStart(12, "0")}`, ce_type: "test.Event", "content-type": "text/plain" },
    }));

  beforeAll(() => {
    publisher = transport.publisher();
    publishers.push(publisher);
  });

  test("delivers everything, in order per key, with key and headers", async () => {
    await publisher.publish(records(0, 30));
    const seen = await consume(transport.consumer("g1", [topic]), 30);
    expect(seen.length).toBe(30);
    for (const key of ["key-0", "key-1", "key-2"]) {
      const values = seen.filter((e) => e.key === key).map((e) => Number(text(e).split("-")[1]));
      expect(values.length).toBe(10);
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
    const first = seen.find((e) => text(e) === "event-0")!;
    expect(first.headers).toEqual({ ce_id: "00000000-0000-4000-8000-000000000000", ce_type: "test.Event", "content-type": "text/plain" });
    expect(first.timestamp.getTime()).toBeGreaterThan(Date.now() - 60_000);
  }, 60_000);

  test("a group resumes after its last commit; lag counts what is left; a new group reads all", async () => {
    await publisher.publish(records(30, 10));
    const behind = transport.consumer("g1", [topic]);
    expect(totalLag(await behind.lag())).toBe(10);
    await behind.close().catch(() => undefined);
    const seen = await consume(transport.consumer("g1", [topic]), 10);
    expect(seen.map(text).sort()).toEqual(
      records(30, 10)
        .map((r) => text(r))
        .sort(),
    );
    const after = transport.consumer("g1", [topic]);
    expect(totalLag(await after.lag())).toBe(0);
    await after.close().catch(() => undefined);
    const fresh = await consume(transport.consumer("g2", [topic]), 40);
    expect(fresh.length).toBe(40);
  }, 60_000);

  test("a batch whose handler threw is not committed and comes again", async () => {
    const failing = `${topic}.failing`;
    await publisher.publish(records(0, 5).map((r) => ({ ...r, topic: failing })));
    let failuresLeft = 1;
    const seen = await consume(transport.consumer("g3", [failing]), 5, async () => {
      if (failuresLeft-- > 0) throw new Error("handler failed");
    });
    expect(new Set(seen.map(text)).size).toBe(5);
    const again = transport.consumer("g3", [failing]);
    expect(totalLag(await again.lag())).toBe(0);
    await again.close().catch(() => undefined);
  }, 60_000);
});

describe("postgres log only", () => {
  const rec = (topic: string, i: number): EventRecord => ({ topic, key: "k", value: new TextEncoder().encode(String(i)), headers: {} });

  test("an idle topic does not hold back a busy one", async () => {
    const quiet = "pg.idle.v1";
    const busy = "pg.busy.v1";
    const publisher = new PostgresLogPublisher(db.sql);
    await publisher.publish([rec(quiet, 0)]);
    const consumer = new PostgresLogConsumer({ sql: db.sql, groupId: "idle", topics: [quiet, busy], batchMax: 10, pollMs: 100 });
    const pending = consume(consumer, 126, undefined, 10_000);
    for (let round = 0; round < 5; round++) await publisher.publish(Array.from({ length: 25 }, (_, i) => rec(busy, round * 25 + i)));
    const seen = await pending;
    expect(seen.length).toBe(126);
    expect(seen.filter((e) => e.topic === busy).map((e) => Number(text(e)))).toEqual(Array.from({ length: 125 }, (_, i) => i));
  });

  test("the sequencer: an append that commits late is never skipped", async () => {
    const topic = "pg.sequencer.v1";
    const consumer = new PostgresLogConsumer({ sql: db.sql, groupId: "sequencer", topics: [topic], pollMs: 50 });
    const seen: string[] = [];
    await consumer.start(async (batch) => {
      seen.push(...batch.map(text));
    });
    // A holds the sequencer inside an open transaction; B's append must wait for A's commit,
    // so B's offsets (and visibility) come after A's.
    let releaseA!: () => void;
    const aHolds = new Promise<void>((r) => (releaseA = r));
    let aAppended!: () => void;
    const aReady = new Promise<void>((r) => (aAppended = r));
    const a = db.sql.begin(async (tx) => {
      await appendWithin(tx, [rec(topic, 1)]);
      aAppended();
      await aHolds;
    });
    await aReady;
    const b = new PostgresLogPublisher(db.sql).publish([rec(topic, 2)]);
    await Bun.sleep(300);
    expect(seen).toEqual([]);
    releaseA();
    await Promise.all([a, b]);
    const until = Date.now() + 5_000;
    while (seen.length < 2 && Date.now() < until) await Bun.sleep(20);
    await consumer.close();
    expect(seen).toEqual(["1", "2"]);
    const offsets = await db.sql`SELECT "offset" FROM events.log WHERE topic = ${topic} ORDER BY "offset"`;
    expect(offsets.length).toBe(2);
  });

  test("one member of a group reads at a time; the other takes over when it leaves", async () => {
    const topic = "pg.lease.v1";
    const publisher = new PostgresLogPublisher(db.sql);
    await publisher.publish([rec(topic, 1)]);
    const first = new PostgresLogConsumer({ sql: db.sql, groupId: "lease", topics: [topic], pollMs: 50 });
    const second = new PostgresLogConsumer({ sql: db.sql, groupId: "lease", topics: [topic], pollMs: 50 });
    const byFirst: string[] = [];
    const bySecond: string[] = [];
    await first.start(async (b) => void byFirst.push(...b.map(text)));
    await Bun.sleep(200);
    await second.start(async (b) => void bySecond.push(...b.map(text)));
    await publisher.publish([rec(topic, 2)]);
    await Bun.sleep(400);
    expect(byFirst).toEqual(["1", "2"]);
    expect(bySecond).toEqual([]);
    await first.close();
    await publisher.publish([rec(topic, 3)]);
    const until = Date.now() + 5_000;
    while (bySecond.length < 1 && Date.now() < until) await Bun.sleep(20);
    await second.close();
    expect(bySecond).toEqual(["3"]);
  });
});
