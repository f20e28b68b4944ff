// A rebuild replays the transport the platform runs on and swaps only a model that matches the
// journal. The books here are published in full to the run's real Kafka broker (where the live
// projector reads them), but only their first part to the embedded Postgres log, as after a
// platform moved from the embedded log to Kafka: a rebuild from the log is refused and the live
// model is left as it was; the command, told nothing, reads the transport the live projector
// records and swaps in a model that matches.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import path from "node:path";
import { createLogger } from "@ledgerflow/platform/log";
import { encodeOutboxRow, kafkaClient, KafkaPublisher, type OutboxRow, PostgresLogPublisher } from "@ledgerflow/platform/events";
import { type Books, createTestDatabase, openBooks, resetTestTopics, type TestDatabase, testKafkaBrokers, waitUntil } from "@ledgerflow/platform/testing";
import { startProjector, type ProjectorHandle } from "./app.ts";
import { SUBSCRIBED } from "./projector.ts";
import { chooseTransport, rebuildReadModel, RebuildRefusedError } from "./rebuild.ts";
import { compareWithJournal, journalWatermark } from "./verify.ts";

const ROOT = path.resolve(import.meta.dir, "../../..");
const TRANSFERS = 40;
const LOG_PART = 15;
let db: TestDatabase;
let live: ProjectorHandle;
let books: Books;

const dump = async (schema: string) => {
  const out: Record<string, unknown[]> = {};
  for (const table of ["accounts", "transactions", "transaction_legs", "daily_volumes", "processed_events"]) {
    out[table] = await db.sql.unsafe(`SELECT * FROM "${schema}".${table} ORDER BY 1, 2`);
  }
  return out;
};
const deadLetters = async () => (await db.sql`SELECT count(*)::int AS n FROM projector.dead_letters`)[0]!.n as number;
const rebuildSchemas = async () => (await db.sql`SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'read\\_%'`).map((r) => r.schema_name);

beforeAll(async () => {
  db = await createTestDatabase();
  await resetTestTopics(SUBSCRIBED);
  books = await openBooks(db.sql, 4);
  for (let i = 0; i < TRANSFERS; i++) await books.transfer(i % 4, (i + 1) % 4, BigInt(100 + i));
  const rows = (await db.sql`SELECT id, event_id::text AS event_id, topic, partition_key, event_type, payload, created_at FROM ledger.outbox ORDER BY id`) as unknown as OutboxRow[];
  const records = rows.map((row) => encodeOutboxRow(row));
  // 4 account events and 40 transactions; the embedded log got only the first few transfers.
  await new PostgresLogPublisher(db.sql).publish(records.slice(0, 4 + LOG_PART));
  const kafka = new KafkaPublisher(kafkaClient(testKafkaBrokers(), "rebuild-test"));
  await kafka.publish(records);
  await kafka.close();
  await db.sql`UPDATE ledger.outbox SET published_at = now()`;
  live = await startProjector({ databaseUrl: db.url, kafkaBrokers: testKafkaBrokers(), groupId: "rebuild-test-live", host: "127.0.0.1", port: 0, driftIntervalMs: 60_000, version: "test" }, createLogger("projector", "error"));
  // Caught up on both topics: balances (drift) and the account events, which arrive on their own topic.
  await waitUntil(
    async () => {
      await live.projector.refreshLag();
      const [unknown] = await db.sql`SELECT count(*)::int AS n FROM read.accounts WHERE normal_balance = 'unknown'`;
      return live.projector.lag.messages === 0 && unknown!.n === 0 && (await live.projector.drift())!.drift === 0;
    },
    30_000,
    "the live projector to catch up",
  );
  await waitUntil(async () => (await db.sql`SELECT figures->>'transport' AS t FROM projector.pipeline_status WHERE component = 'projector'`)[0]?.t === "kafka", 10_000, "the recorded transport");
}, 90_000);

afterAll(async () => {
  await live?.stop();
  await db?.close();
}, 20_000);

describe("rebuild", () => {
  test("from a transport that holds only part of the stream: refused, the live model untouched", async () => {
    const before = await dump("read");
    expect(before.transactions!.length).toBe(TRANSFERS);
    let refused: RebuildRefusedError | undefined;
    try {
      await rebuildReadModel({ writeSql: db.sql, readSql: db.sql, verifyAttemptsMax: 2, log: createLogger("rebuild", "error") });
    } catch (error) {
      refused = error as RebuildRefusedError;
    }
    expect(refused).toBeInstanceOf(RebuildRefusedError);
    expect(refused!.message).toContain("does not match the journal");
    expect(refused!.comparison.ledgers).toEqual([{ ledger: "main", transactions: { journal: TRANSFERS, model: LOG_PART }, entries: { journal: 2 * TRANSFERS, model: 2 * LOG_PART } }]);
    expect(refused!.comparison.balanceDrift).toBe(4);
    expect(await dump("read")).toEqual(before);
    expect(await rebuildSchemas()).toEqual([]);
    expect(await deadLetters()).toBe(0);
  }, 60_000);

  test("the command reads the transport the live projector records, compares and swaps", async () => {
    const before = await dump("read");
    const proc = Bun.spawn([process.execPath, path.join(ROOT, "services/projector/src/rebuild.ts")], {
      env: { ...process.env, DATABASE_URL: db.url, KAFKA_BROKERS: "", READ_DATABASE_URL: "", LOG_LEVEL: "info" },
      stdout: "pipe",
      stderr: "pipe",
    });
    const timer = setTimeout(() => proc.kill(), 60_000);
    const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    clearTimeout(timer);
    expect({ code, err: err.slice(-500) }).toEqual({ code: 0, err: "" });
    const lines = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.find((l) => l.msg === "replaying")).toMatchObject({ transport: `kafka ${testKafkaBrokers()}` });
    expect(lines.find((l) => l.msg === "rebuild done")).toMatchObject({
      schema: "read",
      transport: "kafka",
      compared: `main: transactions ${TRANSFERS}/${TRANSFERS}, entries ${2 * TRANSFERS}/${2 * TRANSFERS} (rebuilt/journal); accounts 4, balance drift 0`,
    });
    const after = await dump("read");
    expect(after.transactions).toEqual(before.transactions!);
    expect(after.transaction_legs).toEqual(before.transaction_legs!);
    expect(await rebuildSchemas()).toEqual([]);
    expect((await live.projector.drift())!.drift).toBe(0);
  }, 90_000);
});

test("the transport choice: the environment must agree with what the live projector reads", () => {
  const kafka = { transport: "kafka", kafka_brokers: "10.0.0.1:9092" };
  const log = { transport: "postgres", kafka_brokers: null };
  expect(chooseTransport({ platformRunning: false, recorded: kafka }).kafkaBrokers).toBe("10.0.0.1:9092");
  expect(chooseTransport({ platformRunning: false, recorded: log }).kafkaBrokers).toBeUndefined();
  expect(chooseTransport({ envBrokers: "b:9092", platformRunning: false, recorded: kafka }).kafkaBrokers).toBe("b:9092");
  expect(() => chooseTransport({ envBrokers: "b:9092", platformRunning: false, recorded: log })).toThrow(/embedded Postgres log/);
  expect(chooseTransport({ envBrokers: "b:9092", platformRunning: false, recorded: log, override: "kafka" }).kafkaBrokers).toBe("b:9092");
  expect(chooseTransport({ platformRunning: true, platformBrokers: "p:9092" }).kafkaBrokers).toBe("p:9092");
  expect(chooseTransport({ platformRunning: false }).kafkaBrokers).toBeUndefined();
  expect(() => chooseTransport({ platformRunning: false, override: "nats" })).toThrow(/kafka or postgres/);
});

/**
 * Posts transfers and publishes their events to Kafka as the relay would, until `stopped()`;
 * returns how many were posted.
 */
async function postWhile(stopped: () => boolean): Promise<number> {
  const kafka = new KafkaPublisher(kafkaClient(testKafkaBrokers(), "rebuild-test-traffic"));
  let after = (await db.sql`SELECT coalesce(max(id), 0)::text AS id FROM ledger.outbox`)[0]!.id as string;
  let posted = 0;
  try {
    while (!stopped()) {
      await books.transfer(posted % 4, (posted + 1) % 4, 1n);
      posted += 1;
      const rows = (await db.sql`
        SELECT id, event_id::text AS event_id, topic, partition_key, event_type, payload, created_at FROM ledger.outbox WHERE id > ${after} ORDER BY id`) as unknown as OutboxRow[];
      await kafka.publish(rows.map((row) => encodeOutboxRow(row)));
      await db.sql`UPDATE ledger.outbox SET published_at = now() WHERE id = ANY(${rows.map((r) => String(r.id))}::bigint[])`;
      after = String(rows[rows.length - 1]!.id);
      await Bun.sleep(5);
    }
  } finally {
    await kafka.close();
  }
  return posted;
}

describe("under traffic", () => {
  test("the swap waits for the replay to reach the live model: nothing lost, nothing applied twice, nothing dead-lettered", async () => {
    let stopped = false;
    const posting = postWhile(() => stopped);
    const result = await rebuildReadModel({ writeSql: db.sql, readSql: db.sql, kafkaBrokers: testKafkaBrokers(), log: createLogger("rebuild", "error") });
    const journalAtSwap = (await db.sql`SELECT count(*)::int AS n FROM ledger.transactions`)[0]!.n as number;
    // The live projector goes on writing, now into the swapped-in model.
    await Bun.sleep(500);
    stopped = true;
    const posted = await posting;
    expect(result.schema).toBe("read");
    // Postings went on while the replay ran.
    expect(journalAtSwap).toBeGreaterThan(TRANSFERS);
    const journal = (await db.sql`SELECT count(*)::int AS n FROM ledger.transactions`)[0]!.n as number;
    expect(journal).toBe(TRANSFERS + posted);
    // Every event in the model once: an event the live projector applied to the old model that the
    // swapped-in one lacked would never come again (its offset is committed), and drift would stay.
    await waitUntil(
      async () => {
        await live.projector.refreshLag();
        return live.projector.lag.messages === 0 && (await live.projector.drift())!.drift === 0;
      },
      30_000,
      "the live projector to catch up on the swapped-in model",
    );
    const [model] = await db.sql`SELECT (SELECT count(*) FROM read.transactions)::int AS transactions, (SELECT count(*) FROM read.processed_events)::int AS events`;
    const [outbox] = await db.sql`SELECT count(*)::int AS events FROM ledger.outbox`;
    expect(model).toEqual({ transactions: journal, events: outbox!.events as number });
    expect(await rebuildSchemas()).toEqual([]);
    expect(await deadLetters()).toBe(0);
  }, 120_000);
});

describe("comparing while the journal moves on", () => {
  test("postings after the watermark keep a true copy matching; a watermark past the model refuses it", async () => {
    const fresh = await rebuildReadModel({ writeSql: db.sql, readSql: db.sql, kafkaBrokers: testKafkaBrokers(), swap: false, log: createLogger("rebuild", "error") });
    try {
      // The journal so far (the transfers of the suite's earlier tests included), all replayed.
      const posted = (await db.sql`SELECT count(*)::int AS n FROM ledger.transactions`)[0]!.n as number;
      const watermark = await journalWatermark(db.sql);
      // Traffic the replay has not seen: the journal moves past the rebuilt model.
      const [a, b] = (await db.sql`SELECT id FROM ledger.accounts ORDER BY code LIMIT 2`).map((r) => r.id as string) as [string, string];
      for (let i = 0; i < 3; i++) {
        await db.sql.begin(async (tx) => {
          const id = crypto.randomUUID();
          await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${id}, 'main', 'standard', ${`moving-${id}`})`;
          await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES
            (${id}, 0, 'main', ${a}, 'USD', 'debit', 'post', 7), (${id}, 1, 'main', ${b}, 'USD', 'credit', 'post', 7)`;
        });
      }
      const moving = await compareWithJournal(db.sql, db.sql, fresh.schema, watermark);
      expect(moving.ledgers).toEqual([{ ledger: "main", transactions: { journal: posted + 3, model: posted }, entries: { journal: 2 * posted + 6, model: 2 * posted } }]);
      expect({ matches: moving.matches, drift: moving.balanceDrift }).toEqual({ matches: true, drift: 0 });
      // Without a watermark (a quiet journal is expected) the same copy does not match, and
      // neither does it against a watermark taken after the postings it lacks.
      expect((await compareWithJournal(db.sql, db.sql, fresh.schema)).matches).toBe(false);
      const late = await compareWithJournal(db.sql, db.sql, fresh.schema, await journalWatermark(db.sql));
      expect({ matches: late.matches, drift: late.balanceDrift }).toEqual({ matches: false, drift: 2 });
    } finally {
      await db.sql.unsafe(`DROP SCHEMA IF EXISTS "${fresh.schema}" CASCADE`);
    }
  }, 60_000);
});
