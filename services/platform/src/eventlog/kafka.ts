// Kafka through kafkajs, with every option that matters set explicitly: an idempotent producer,
// acks from all in-sync replicas, at most 5 requests in flight (ordering stays intact with
// idempotence), and consumers that commit only after their handler succeeded.
import { Kafka, logLevel, type Consumer, type Producer } from "kafkajs";
import type { ConsumedEvent, EventRecord, EventSink, EventSource, PartitionLag } from "./types.ts";

export function kafkaClient(brokers: string, clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: brokers.split(",").map((b) => b.trim()).filter(Boolean),
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 2_000 },
    logLevel: logLevel.NOTHING,
  });
}

/**
 * Creates missing topics with the broker's defaults for partitions and replication (a no-op
 * where the platform's infrastructure already created them).
 */
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

export class KafkaSink implements EventSink {
  readonly kind = "kafka" as const;
  private producer: Producer;
  private connected?: Promise<void>;

  constructor(private readonly kafka: Kafka) {
    this.producer = this.createProducer();
  }

  private createProducer(): Producer {
    return this.kafka.producer({ idempotent: true, maxInFlightRequests: 5, allowAutoTopicCreation: true });
  }

  async publish(records: EventRecord[]): Promise<void> {
    if (records.length === 0) return;
    try {
      await this.send(records);
    } catch (error) {
      // An idempotent producer can be left stuck after a broker crash (its sequence state lost):
      // the next attempt starts a fresh producer session. Consumers deduplicate by event id.
      const broken = this.producer;
      this.producer = this.createProducer();
      this.connected = undefined;
      void broken.disconnect().catch(() => undefined);
      throw error;
    }
  }

  private async send(records: EventRecord[]): Promise<void> {
    this.connected ??= this.producer.connect();
    await this.connected;
    const byTopic = new Map<string, EventRecord[]>();
    for (const r of records) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
    await this.producer.sendBatch({
      acks: -1,
      timeout: 10_000,
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

export class KafkaSource implements EventSource {
  private consumer: Consumer;
  private readonly admin;

  constructor(private readonly kafka: Kafka, private readonly groupId: string, private readonly topics: string[]) {
    this.consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 100, allowAutoTopicCreation: true });
    this.admin = kafka.admin();
  }

  async run(handle: (batch: ConsumedEvent[]) => Promise<void>): Promise<void> {
    await ensureTopics(this.kafka, this.topics);
    await this.consumer.connect();
    for (const topic of this.topics) await this.consumer.subscribe({ topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        const events: ConsumedEvent[] = batch.messages.map((m) => ({
          topic: batch.topic, partition: batch.partition, offset: m.offset, key: m.key?.toString() ?? "",
          value: new Uint8Array(m.value ?? Buffer.alloc(0)),
          headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v ?? "")])),
          timestamp: new Date(Number(m.timestamp)),
        }));
        if (events.length === 0) return;
        await handle(events);
        const last = events[events.length - 1]!.offset;
        resolveOffset(last);
        await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(BigInt(last) + 1n) }]);
        await heartbeat();
      },
    });
  }

  async lag(): Promise<PartitionLag[]> {
    await this.admin.connect();
    const result: PartitionLag[] = [];
    for (const topic of this.topics) {
      const [ends, committed] = await Promise.all([this.admin.fetchTopicOffsets(topic), this.admin.fetchOffsets({ groupId: this.groupId, topics: [topic] })]);
      for (const end of ends) {
        const done = committed[0]?.partitions.find((p) => p.partition === end.partition)?.offset ?? "-1";
        const from = Number(done) < 0 ? Number(end.low) : Number(done);
        result.push({ topic, partition: end.partition, messages: Math.max(0, Number(end.high) - from) });
      }
    }
    return result;
  }

  async close(): Promise<void> {
    await this.consumer.disconnect();
    await this.admin.disconnect().catch(() => undefined);
  }
}
