// Kafka through kafkajs, with every option that matters set explicitly rather than left to the
// client's defaults: an idempotent producer (acks from all in-sync replicas, at most 5 requests in
// flight, which keeps order under idempotence), the Java client's partitioner (so any client
// puts a key on the same partition), and consumers that commit a batch only after its handler
// returned. kafkajs deduplicates only within one producer session: consumers deduplicate by
// event id.
import { kafkaSecurityFromEnv, kafkaSecurityOptions, type KafkaSecurity } from "./kafka-security.ts";
import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type Producer } from "./kafkajs.ts";
import type { BatchHandler, ConsumedEvent, EventConsumer, EventPublisher, EventRecord, PartitionLag } from "./types.ts";

const SEND_TIMEOUT_MS = 10_000;
const MAX_IN_FLIGHT_REQUESTS = 5;
/** Per produce request, well under the broker's default 1 MiB message.max.bytes. */
const REQUEST_RECORDS_MAX = 500;
const REQUEST_BYTES_MAX = 512 * 1024;

/** A client of `brokers`; TLS and SASL as the environment configures them (kafka-security.ts). */
export function kafkaClient(brokers: string, clientId: string, security: KafkaSecurity = kafkaSecurityFromEnv(process.env)): Kafka {
  const list = brokers
    .split(",")
    .map((b) => b.trim())
    .filter(Boolean);
  if (list.length === 0) throw new Error("no Kafka brokers given");
  return new Kafka({
    clientId,
    brokers: list,
    ...kafkaSecurityOptions(security),
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    // Short client-side retries: the relay has its own backoff and breaker around them.
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 2_000 },
    logLevel: logLevel.NOTHING,
  });
}

/** Creates missing topics with the broker's partition and replication defaults. */
export async function ensureTopics(kafka: Kafka, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic })) });
  } finally {
    await admin.disconnect();
  }
}

export class KafkaPublisher implements EventPublisher {
  readonly kind = "kafka" as const;
  private producer: Producer;
  private connected?: Promise<void>;

  constructor(private readonly kafka: Kafka) {
    this.producer = this.createProducer();
  }

  private createProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: MAX_IN_FLIGHT_REQUESTS,
      allowAutoTopicCreation: true,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2_000 },
    });
  }

  async publish(records: EventRecord[]): Promise<void> {
    if (records.length === 0) return;
    try {
      await this.publishInOrder(records);
    } catch (error) {
      // An idempotent producer can be left unusable by a broker that lost its state (e.g. an
      // out-of-order sequence after a crash): the next attempt starts a fresh producer session.
      const broken = this.producer;
      this.producer = this.createProducer();
      this.connected = undefined;
      void broken.disconnect().catch(() => undefined);
      throw error;
    }
  }

  private async publishInOrder(records: EventRecord[]): Promise<void> {
    this.connected ??= this.producer.connect();
    await this.connected;
    // In order, in bounded requests: a request must fit the broker's size limit.
    for (let start = 0; start < records.length; ) {
      let end = start;
      let bytes = 0;
      while (end < records.length && end - start < REQUEST_RECORDS_MAX) {
        const r = records[end]!;
        const size = r.value.byteLength + r.key.length + Object.entries(r.headers).reduce((n, [k, v]) => n + k.length + v.length, 0);
        if (end > start && bytes + size > REQUEST_BYTES_MAX) break;
        bytes += size;
        end += 1;
      }
      await this.send(records.slice(start, end));
      start = end;
    }
  }

  private async send(records: EventRecord[]): Promise<void> {
    const byTopic = new Map<string, EventRecord[]>();
    for (const r of records) {
      const list = byTopic.get(r.topic);
      if (list) list.push(r);
      else byTopic.set(r.topic, [r]);
    }
    await this.producer.sendBatch({
      acks: -1,
      timeout: SEND_TIMEOUT_MS,
      topicMessages: [...byTopic].map(([topic, rs]) => ({
        topic,
        messages: rs.map((r) => ({ key: r.key, value: Buffer.from(r.value), headers: r.headers })),
      })),
    });
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

export interface KafkaConsumerOptions {
  groupId: string;
  topics: string[];
  /** Where a group without committed offsets starts. */
  fromBeginning?: boolean;
}

/** How often a consumer tells the group it is alive while its handler works on a batch. */
const HEARTBEAT_DURING_BATCH_MS = 1_000;

export class KafkaEventConsumer implements EventConsumer {
  readonly kind = "kafka" as const;
  private readonly consumer: Consumer;
  private readonly admin: Admin;
  private adminConnected?: Promise<void>;

  constructor(
    private readonly kafka: Kafka,
    private readonly o: KafkaConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: o.groupId,
      sessionTimeout: 10_000,
      rebalanceTimeout: 20_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 100,
      maxBytesPerPartition: 1_048_576,
      allowAutoTopicCreation: true,
      // A consumer that lost the broker restarts itself with backoff instead of giving up.
      retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000, restartOnFailure: async () => true },
    });
    this.admin = kafka.admin();
  }

  async start(handle: BatchHandler): Promise<void> {
    await ensureTopics(this.kafka, this.o.topics);
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.o.topics, fromBeginning: this.o.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 1,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        if (!isRunning() || isStale() || batch.messages.length === 0) return;
        const events: ConsumedEvent[] = batch.messages.map((m) => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: m.offset,
          key: m.key?.toString() ?? "",
          value: new Uint8Array(m.value ?? Buffer.alloc(0)),
          headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? String(v[0] ?? "") : String(v ?? "")])),
          timestamp: new Date(Number(m.timestamp)),
        }));
        // A large batch (a backlog after an outage) can take longer than the session timeout to
        // apply; without heartbeats meanwhile the group drops this member, the commit below is
        // refused and the same batch comes back to whoever joins next, over and over.
        const beat = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_DURING_BATCH_MS);
        try {
          await handle(events);
        } finally {
          clearInterval(beat);
        }
        const last = events[events.length - 1]!.offset;
        resolveOffset(last);
        await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(BigInt(last) + 1n) }]);
        await heartbeat();
      },
    });
  }

  async lag(): Promise<PartitionLag[]> {
    this.adminConnected ??= this.admin.connect().catch((error) => {
      this.adminConnected = undefined;
      throw error;
    });
    await this.adminConnected;
    const result: PartitionLag[] = [];
    for (const topic of this.o.topics) {
      const [ends, committed] = await Promise.all([this.admin.fetchTopicOffsets(topic), this.admin.fetchOffsets({ groupId: this.o.groupId, topics: [topic] })]);
      const done = new Map(committed[0]?.partitions.map((p) => [p.partition, BigInt(p.offset)]) ?? []);
      for (const end of ends) {
        const position = done.get(end.partition) ?? -1n;
        const from = position < 0n ? BigInt(end.low) : position;
        const behind = BigInt(end.high) - from;
        result.push({ topic, partition: end.partition, messages: Number(behind > 0n ? behind : 0n) });
      }
    }
    return result;
  }

  async close(): Promise<void> {
    await this.consumer.disconnect();
    if (this.adminConnected) await this.admin.disconnect().catch(() => undefined);
  }
}
