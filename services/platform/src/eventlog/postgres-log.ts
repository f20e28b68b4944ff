// The embedded event log: a Postgres table that stands in for Kafka when no broker is
// configured. The relay appends to it in the same database transaction that marks outbox
// rows published (so the log holds every event exactly once); consumers read by offset and
// commit their offset per group.
import type { Sql, TransactionSql } from "postgres";
import type { ConsumedEvent, EventRecord, EventSource, PartitionLag } from "./types.ts";

export async function appendToLog(tx: TransactionSql | Sql, records: EventRecord[]): Promise<void> {
  if (records.length === 0) return;
  await tx`
    INSERT INTO events.log (topic, partition_key, event_id, event_type, value, headers)
    SELECT topic, key, event_id, event_type, decode(value_hex, 'hex'), headers::jsonb
      FROM unnest(${records.map((r) => r.topic)}::text[], ${records.map((r) => r.key)}::text[],
                  ${records.map((r) => r.headers.ce_id ?? "00000000-0000-0000-0000-000000000000")}::uuid[],
                  ${records.map((r) => r.headers.ce_type ?? "")}::text[],
                  ${records.map((r) => Buffer.from(r.value).toString("hex"))}::text[],
                  ${records.map((r) => JSON.stringify(r.headers))}::text[]) WITH ORDINALITY
        AS x(topic, key, event_id, event_type, value_hex, headers, n)
     ORDER BY n`;
}

export interface PostgresLogSourceOptions {
  sql: Sql;
  groupId: string;
  topics: string[];
  /** Events per batch, at most. */
  batchMax?: number;
  /** Fallback poll interval when no notification arrives. */
  pollMs?: number;
}

export class PostgresLogSource implements EventSource {
  private running = false;
  private wake?: () => void;
  private unlisten?: () => Promise<void>;
  private loop?: Promise<void>;

  constructor(private readonly o: PostgresLogSourceOptions) {}

  async run(handle: (batch: ConsumedEvent[]) => Promise<void>): Promise<void> {
    this.running = true;
    const listener = await this.o.sql.listen("ledgerflow_event_log", () => this.wake?.());
    this.unlisten = listener.unlisten;
    this.loop = this.consume(handle);
  }

  private async consume(handle: (batch: ConsumedEvent[]) => Promise<void>): Promise<void> {
    const batchMax = this.o.batchMax ?? 500;
    let failures = 0;
    while (this.running) {
      try {
        const more = await this.step(handle, batchMax);
        failures = 0;
        if (more) continue;
      } catch {
        // The handler or the database failed: nothing was committed, so the batch comes again.
        failures += 1;
        await Bun.sleep(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.o.pollMs ?? 1_000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** One batch; true when more may be waiting. */
  private async step(handle: (batch: ConsumedEvent[]) => Promise<void>, batchMax: number): Promise<boolean> {
    {
      const offsets = await this.committed();
      // Each topic from its own committed offset: an idle topic must not hold the others back.
      const rows = await this.o.sql`
        SELECT l."offset", l.topic, l.partition_key, l.value, l.headers, l.appended_at
          FROM unnest(${this.o.topics}::text[], ${this.o.topics.map((t) => offsets.get(t) ?? "0")}::bigint[]) AS c(topic, after)
          JOIN LATERAL (SELECT * FROM events.log WHERE topic = c.topic AND "offset" > c.after ORDER BY "offset" LIMIT ${batchMax}) l ON true
         ORDER BY l."offset" LIMIT ${batchMax}`;
      const fresh = rows;
      if (fresh.length > 0) {
        await handle(fresh.map((r) => ({
          topic: r.topic, key: r.partition_key, value: new Uint8Array(r.value), headers: r.headers,
          partition: 0, offset: String(r.offset), timestamp: r.appended_at,
        })));
        await this.commit(fresh as unknown as { topic: string; offset: string }[]);
      }
      return rows.length === batchMax;
    }
  }

  private async committed(): Promise<Map<string, string>> {
    const rows = await this.o.sql`SELECT topic, "offset" FROM events.consumer_offsets WHERE group_id = ${this.o.groupId} AND topic = ANY(${this.o.topics})`;
    return new Map(rows.map((r) => [r.topic as string, String(r.offset)]));
  }

  private async commit(batch: { topic: string; offset: string | bigint }[]): Promise<void> {
    const last = new Map<string, string>();
    for (const r of batch) last.set(r.topic, String(r.offset));
    for (const [topic, offset] of last) {
      await this.o.sql`
        INSERT INTO events.consumer_offsets (group_id, topic, "offset") VALUES (${this.o.groupId}, ${topic}, ${offset})
        ON CONFLICT (group_id, topic) DO UPDATE SET "offset" = GREATEST(events.consumer_offsets."offset", EXCLUDED."offset"), updated_at = now()`;
    }
  }

  async lag(): Promise<PartitionLag[]> {
    const rows = await this.o.sql`
      SELECT t.topic, coalesce((SELECT max("offset") FROM events.log l WHERE l.topic = t.topic), 0) - coalesce(o."offset", 0) AS behind
        FROM unnest(${this.o.topics}::text[]) AS t(topic)
        LEFT JOIN events.consumer_offsets o ON o.group_id = ${this.o.groupId} AND o.topic = t.topic`;
    return rows.map((r) => ({ topic: r.topic, partition: 0, messages: Math.max(0, Number(r.behind)) }));
  }

  async close(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop?.catch(() => undefined);
    await this.unlisten?.();
  }
}
