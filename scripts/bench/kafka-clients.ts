// Compares Kafka clients behind the project's own event interface (EventPublisher and
// EventConsumer, services/platform/src/events/types.ts) against a local single-node broker on
// 127.0.0.1: produce and consume throughput, order per key, the key → partition mapping, and
// that a consumer group's manual commits leave no lag. Bounded: RECORDS per client, each phase
// cut off after its time limit.
//
//   npx bun scripts/bench/kafka-clients.ts [--candidates=DIR] [--records=N]
//
// kafkajs is the project's client. The candidates are not dependencies of the project: they are
// measured when installed in DIR (a folder with a node_modules, e.g. after
// `npm install --prefix DIR @platformatic/kafka`), and reported as not installed otherwise.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { KafkaEventConsumer, KafkaPublisher, kafkaClient } from "@ledgerflow/platform/events";
import type { ConsumedEvent, EventConsumer, EventPublisher, EventRecord } from "@ledgerflow/platform/events";
import { startBroker, stopBroker } from "../lib/kafka-broker.ts";

// biome-ignore lint/suspicious/noExplicitAny: the candidate clients are loaded at run time from outside the project and bring no types here
type Untyped = any;

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string]));
const RECORDS = Number(args.get("records") ?? 20_000);
const CANDIDATES_DIR = args.get("candidates");
/** Each round measures every client, in alternating order, so neither always meets a cold broker. */
const ROUNDS = Number(args.get("rounds") ?? 2);
const WARM_UP_RECORDS = 2_000;
const VALUE_BYTES = 256;
const KEYS = 50;
const PUBLISH_BATCH = 500;
const PARTITIONS = 3;
const PRODUCE_LIMIT_MS = 15_000;
const CONSUME_LIMIT_MS = 20_000;
if (!Number.isInteger(RECORDS) || RECORDS <= 0 || RECORDS > 200_000) throw new Error("--records must be an integer in 1..200000");
if (!Number.isInteger(ROUNDS) || ROUNDS <= 0 || ROUNDS > 5) throw new Error("--rounds must be an integer in 1..5");

interface Client {
  name: string;
  publisher(brokers: string): EventPublisher;
  consumer(brokers: string, groupId: string, topic: string): EventConsumer;
}

interface Result {
  client: string;
  produced: number;
  producePerSecond: number;
  consumed: number;
  consumePerSecond: number;
  /** From the consumer's start to its first batch: connection, group join and first fetch. */
  firstBatchMs: number;
  /** From the first batch to the last: the fetch-and-commit loop alone. */
  steadyPerSecond: number;
  orderPerKey: boolean;
  lagAfterCommit: number;
  partitionOfKey: Map<string, number>;
}

const kafkajs: Client = {
  name: "kafkajs 2.2.4",
  publisher: (brokers) => new KafkaPublisher(kafkaClient(brokers, "bench", { protocol: "PLAINTEXT" })),
  consumer: (brokers, groupId, topic) => new KafkaEventConsumer(kafkaClient(brokers, "bench", { protocol: "PLAINTEXT" }), { groupId, topics: [topic] }),
};

/** Loads a candidate from the candidates folder only, never from the project's own dependencies. */
async function loadCandidate(specifier: string): Promise<Untyped | undefined> {
  if (!CANDIDATES_DIR) return undefined;
  const require = createRequire(path.join(path.resolve(CANDIDATES_DIR), "package.json"));
  let resolved: string;
  try {
    resolved = require.resolve(specifier);
  } catch {
    return undefined;
  }
  return import(resolved);
}

/** @platformatic/kafka behind the project's interface, set up as kafka.ts sets up kafkajs. */
function platformatic(lib: Untyped): Client {
  const text = (b?: Buffer | string) => (b === undefined ? undefined : Buffer.from(b));
  const serializers = { key: text, value: (v?: Buffer) => v, headerKey: text, headerValue: text };
  const deserializers = { key: (b?: Buffer) => b?.toString() ?? "", value: (b?: Buffer) => b, headerKey: (b?: Buffer) => b?.toString() ?? "", headerValue: (b?: Buffer) => b?.toString() ?? "" };
  return {
    name: `@platformatic/kafka ${lib.version ?? ""}`.trim(),
    publisher: (brokers) => {
      const producer = new lib.Producer({
        clientId: "bench",
        bootstrapBrokers: brokers.split(","),
        idempotent: true,
        acks: -1,
        // Its default partitioner is not the Java client's: keys would move partitions.
        partitioner: lib.compatibilityPartitioner,
        autocreateTopics: true,
        serializers,
      });
      return {
        kind: "kafka",
        async publish(records: EventRecord[]) {
          for (let i = 0; i < records.length; i += PUBLISH_BATCH) {
            await producer.send({ messages: records.slice(i, i + PUBLISH_BATCH).map((r) => ({ topic: r.topic, key: r.key, value: Buffer.from(r.value), headers: r.headers })) });
          }
        },
        close: () => producer.close(),
      };
    },
    consumer: (brokers, groupId, topic) => {
      const consumer = new lib.Consumer({ clientId: "bench", groupId, bootstrapBrokers: brokers.split(","), sessionTimeout: 10_000, rebalanceTimeout: 20_000, heartbeatInterval: 1_000, deserializers });
      let stream: Untyped;
      return {
        kind: "kafka",
        async start(handle) {
          stream = await consumer.consume({ topics: [topic], autocommit: false, mode: "committed", fallbackMode: "earliest", maxWaitTime: 100 });
          // Batches per partition as the stream delivers them; the last message's commit covers the batch.
          const pending = new Map<number, { events: ConsumedEvent[]; last: Untyped }>();
          let flushing = Promise.resolve();
          const flush = () => {
            const batches = [...pending.values()];
            pending.clear();
            flushing = flushing.then(async () => {
              for (const b of batches) {
                await handle(b.events);
                await b.last.commit();
              }
            });
            return flushing;
          };
          stream.on("data", (m: Untyped) => {
            const b = pending.get(m.partition) ?? { events: [], last: m };
            b.events.push({ topic: m.topic, partition: m.partition, offset: String(m.offset), key: m.key, value: new Uint8Array(m.value ?? []), headers: Object.fromEntries(m.headers), timestamp: new Date(Number(m.timestamp)) });
            b.last = m;
            pending.set(m.partition, b);
            if (b.events.length >= PUBLISH_BATCH) void flush();
          });
          const timer = setInterval(() => void flush(), 20);
          stream.once("close", () => clearInterval(timer));
        },
        async lag() {
          const committed = await consumer.listCommittedOffsets({ topics: [{ topic, partitions: [...Array(PARTITIONS).keys()] }] });
          const ends = await consumer.listOffsets({ topics: [topic] });
          const result = [];
          for (let p = 0; p < PARTITIONS; p++) {
            const done = committed.get(topic)?.[p] ?? -1n;
            const end = ends.get(topic)?.[p] ?? 0n;
            result.push({ topic, partition: p, messages: Number(end - (done < 0n ? 0n : done)) });
          }
          return result;
        },
        async close() {
          await stream?.close();
          await consumer.close();
        },
      };
    },
  };
}

async function measure(client: Client, brokers: string, count = RECORDS): Promise<Result> {
  const topic = `bench.${client.name.split(" ")[0]!.replace(/[^a-z]/g, "")}.${Date.now()}`;
  const value = new Uint8Array(VALUE_BYTES).fill(7);
  const records: EventRecord[] = Array.from({ length: count }, (_, i) => ({ topic, key: `account-${i % KEYS}`, value, headers: { seq: String(i) } }));
  const publisher = client.publisher(brokers);
  const produceStart = performance.now();
  let produced = 0;
  // Awaited batch after batch, as the relay publishes.
  while (produced < count && performance.now() - produceStart < PRODUCE_LIMIT_MS) {
    await publisher.publish(records.slice(produced, produced + PUBLISH_BATCH));
    produced += Math.min(PUBLISH_BATCH, count - produced);
  }
  const produceSeconds = (performance.now() - produceStart) / 1000;
  await publisher.close();

  const lastSeq = new Map<string, number>();
  const partitionOfKey = new Map<string, number>();
  let consumed = 0;
  let orderPerKey = true;
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const consumer = client.consumer(brokers, `${topic}.group`, topic);
  const consumeStart = performance.now();
  let firstBatchAt = 0;
  let lastBatchAt = 0;
  await consumer.start(async (batch) => {
    firstBatchAt ||= performance.now();
    for (const e of batch) {
      const seq = Number(e.headers.seq);
      if ((lastSeq.get(e.key) ?? -1) >= seq) orderPerKey = false;
      lastSeq.set(e.key, seq);
      if ((partitionOfKey.get(e.key) ?? e.partition) !== e.partition) orderPerKey = false;
      partitionOfKey.set(e.key, e.partition);
    }
    consumed += batch.length;
    lastBatchAt = performance.now();
    if (consumed >= produced) done();
  });
  await Promise.race([all, Bun.sleep(CONSUME_LIMIT_MS)]);
  const consumeSeconds = (performance.now() - consumeStart) / 1000;
  await Bun.sleep(500); // the last batch's commit
  const lagAfterCommit = (await consumer.lag()).reduce((n, l) => n + l.messages, 0);
  await consumer.close();
  return {
    client: client.name,
    produced,
    producePerSecond: produced / produceSeconds,
    consumed,
    consumePerSecond: consumed / consumeSeconds,
    firstBatchMs: firstBatchAt - consumeStart,
    steadyPerSecond: consumed / Math.max((lastBatchAt - firstBatchAt) / 1000, 0.001),
    orderPerKey,
    lagAfterCommit,
    partitionOfKey,
  };
}

const clients: Client[] = [kafkajs];
const notInstalled: string[] = [];
const plat = await loadCandidate("@platformatic/kafka");
if (plat) clients.push(platformatic({ ...plat, version: JSON.parse(fs.readFileSync(createRequire(path.join(path.resolve(CANDIDATES_DIR!), "package.json")).resolve("@platformatic/kafka/package.json"), "utf8")).version }));
else notInstalled.push("@platformatic/kafka");
if (!(await loadCandidate("@confluentinc/kafka-javascript").catch(() => undefined))) notInstalled.push("@confluentinc/kafka-javascript");

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ledgerflow-kafka-bench-"));
try {
  const broker = await startBroker({ dataDir, partitions: PARTITIONS, heapMb: 512 });
  console.log(`broker ${broker.brokers}, ${RECORDS} records of ${VALUE_BYTES} B over ${KEYS} keys, ${PARTITIONS} partitions, Bun ${Bun.version}`);
  await measure(kafkajs, broker.brokers, WARM_UP_RECORDS); // the broker's JIT and log segments
  const results: Result[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const client of round % 2 === 0 ? clients : [...clients].reverse()) {
      try {
        results.push(await measure(client, broker.brokers));
      } catch (error) {
        console.log(`${client.name}: failed: ${(error as Error).stack ?? error}`);
      }
    }
  }
  const reference = results.find((r) => r.client === kafkajs.name)?.partitionOfKey;
  console.log("client | produced/s (acks -1, idempotent) | consumed/s (manual commits) | first batch after | consumed/s after it | order per key | lag after commit | same partitions as kafkajs");
  for (const r of results) {
    const same = reference ? [...r.partitionOfKey].every(([k, p]) => reference.get(k) === p) : false;
    console.log(
      `${r.client} | ${Math.round(r.producePerSecond)} (${r.produced}) | ${Math.round(r.consumePerSecond)} (${r.consumed}) | ${Math.round(r.firstBatchMs)} ms | ${Math.round(r.steadyPerSecond)} | ${r.orderPerKey ? "kept" : "BROKEN"} | ${r.lagAfterCommit} | ${same ? "yes" : "no"}`,
    );
  }
  for (const name of notInstalled) console.log(`${name}: not installed in --candidates, not measured`);
} finally {
  await stopBroker(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
