// The whole pipeline with every part a process of its own, through the run's real Kafka broker and
// through the embedded Postgres event log: ledger API → outbox → relay process → transport →
// projector process → read model. While transfers go on, the projector and the relay are killed
// with SIGKILL and restarted, and (Kafka) the broker is killed and restarted. After quiescence every change is in the read model exactly once and the
// drift check reads zero; re-publishing every event (duplicates) changes nothing; a poison event
// goes to the dead letters (table and topic) and the stream keeps flowing.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import type { Subprocess } from "bun";
import { Direction, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { findFreePort } from "@ledgerflow/platform/local-postgres";
import { type ConsumedEvent, encodeOutboxRow, type EventPublisher, kafkaClient, KafkaEventConsumer, KafkaPublisher, type OutboxRow, PostgresLogPublisher, TOPICS } from "@ledgerflow/platform/events";
import { resetTestTopics, restartTestKafka, stopTestKafka, testKafkaBrokers, waitUntil } from "@ledgerflow/platform/testing";
import { startTestLedger, type TestLedger } from "@ledgerflow/ledger/testing";

const ROOT = path.resolve(import.meta.dir, "../../..");

interface Transport {
  name: string;
  env(): Record<string, string>;
  publisher(): EventPublisher;
  /** Kills the transport and brings it back (Kafka), or nothing (the log lives in Postgres). */
  outage(): Promise<void>;
  deadLetterHeaders(): Promise<Record<string, string>[]>;
}

const transports: Transport[] = [
  {
    name: "kafka",
    env: () => ({ KAFKA_BROKERS: testKafkaBrokers() }),
    publisher: () => new KafkaPublisher(kafkaClient(testKafkaBrokers(), "pipeline-test")),
    async outage() {
      await stopTestKafka(true);
      await Bun.sleep(2_000);
      await restartTestKafka();
    },
    async deadLetterHeaders() {
      const dlq: ConsumedEvent[] = [];
      const consumer = new KafkaEventConsumer(kafkaClient(testKafkaBrokers(), "dlq-check"), { groupId: `dlq-check-${Date.now()}`, topics: [TOPICS.dlq] });
      await consumer.start(async (batch) => void dlq.push(...batch));
      await waitUntil(async () => dlq.length >= 1, 20_000, "the dead-letter topic");
      await consumer.close();
      return dlq.map((e) => e.headers);
    },
  },
  {
    name: "postgres-log",
    env: () => ({ KAFKA_BROKERS: "" }),
    publisher: () => new PostgresLogPublisher(t.db.sql),
    outage: async () => {},
    async deadLetterHeaders() {
      return (await t.db.sql`SELECT headers FROM events.log WHERE topic = ${TOPICS.dlq} ORDER BY "offset"`).map((r) => r.headers);
    },
  },
];
let transport: Transport;
let t: TestLedger;
let projector: Subprocess | undefined;
let relay: Subprocess | undefined;
let projectorPort: number;
let relayPort: number;

// The services' JSON logs (warnings and errors) are kept for a failed run to be read.
const LOG_DIR = path.join(ROOT, ".cache", "test-logs");
fs.mkdirSync(LOG_DIR, { recursive: true });

async function spawnService(main: string, env: Record<string, string>, healthUrl: string): Promise<Subprocess> {
  const logFile = path.join(LOG_DIR, `pipeline-${transport.name}-${path.basename(path.dirname(path.dirname(main)))}.log`);
  const logFd = fs.openSync(logFile, "a");
  const proc = Bun.spawn([process.execPath, path.join(ROOT, main)], {
    env: { ...process.env, DATABASE_URL: t.db.url, ...transport.env(), LOG_LEVEL: "warn", ...env },
    stdout: logFd,
    stderr: "inherit",
  });
  fs.closeSync(logFd);
  await waitUntil(
    async () =>
      fetch(healthUrl).then(
        (r) => r.ok,
        () => false,
      ),
    30_000,
    `${main} to listen`,
  );
  return proc;
}
const startProjectorProcess = async () => {
  projector = await spawnService(
    "services/projector/src/main.ts",
    {
      PROJECTOR_HOST: "127.0.0.1",
      PROJECTOR_PORT: String(projectorPort),
      PROJECTOR_GROUP: "pipeline-test",
      PROJECTOR_DRIFT_INTERVAL_MS: "1000",
    },
    `http://127.0.0.1:${projectorPort}/healthz`,
  );
};
const startRelayProcess = async () => {
  relay = await spawnService(
    "services/relay/src/main.ts",
    {
      RELAY_HOST: "127.0.0.1",
      RELAY_PORT: String(relayPort),
      RELAY_POLL_MS: "200",
      RELAY_BREAKER_OPEN_MS: "1000",
      RELAY_BACKOFF_MAX_MS: "1000",
    },
    `http://127.0.0.1:${relayPort}/healthz`,
  );
};
const kill9 = async (proc: Subprocess | undefined) => {
  proc?.kill("SIGKILL");
  await proc?.exited;
};
const count = async (query: string) => Number((await t.db.sql.unsafe(query))[0]!.n);
const drift = async () => (await (await fetch(`http://127.0.0.1:${projectorPort}/drift`)).json()) as { drift: number; counts: unknown; checksums: unknown };

async function quiescent(): Promise<void> {
  await waitUntil(async () => (await count("SELECT count(*)::int AS n FROM ledger.outbox WHERE published_at IS NULL")) === 0, 60_000, "the outbox to drain");
  await waitUntil(
    async () => {
      const r = await fetch(`http://127.0.0.1:${projectorPort}/readyz`).catch(() => undefined);
      return r?.status === 200 && (await r.json()).checks.lag_messages === 0;
    },
    60_000,
    "the projector to catch up",
  );
  await waitUntil(async () => (await drift()).drift === 0, 30_000, "drift zero");
}

describe.each(transports)("pipeline: $name", (tr) => {
  let accounts: string[] = [];

  beforeAll(async () => {
    transport = tr;
    if (tr.name === "kafka") await resetTestTopics([TOPICS.accounts, TOPICS.transactions, TOPICS.dlq]);
    t = await startTestLedger({ relayEnabled: false });
    projectorPort = await findFreePort();
    relayPort = await findFreePort();
    await startRelayProcess();
    await startProjectorProcess();
    const c = t.connect;
    accounts = [];
    for (let i = 0; i < 6; i++) {
      accounts.push((await c.createAccount({ code: `kp:${i}`, currency: "USD", normalBalance: i === 0 ? NormalBalance.DEBIT : NormalBalance.CREDIT, allowOverdraft: i === 0 })).account!.id);
    }
  }, 120_000);
  afterAll(async () => {
    await kill9(projector);
    await kill9(relay);
    if (tr.name === "kafka") await restartTestKafka();
    await t.stop();
  }, 60_000);

  const transfer = (key: string, amount: number, to = 1, pending = false) =>
    t.connect.postTransaction({
      idempotencyKey: key,
      pending,
      entries: [
        { accountId: accounts[0]!, direction: Direction.DEBIT, amount: String(amount) },
        { accountId: accounts[to]!, direction: Direction.CREDIT, amount: String(amount) },
      ],
    });

  test("kill -9 of projector and relay (and a broker restart) mid-stream: exactly once, drift zero", async () => {
    let writing = true;
    let sent = 0;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        if (i % 25 === 7) {
          const hold = await transfer(`kp-hold-${i}`, 3, 1 + (i % 5), true);
          if (i % 2 === 0) await t.connect.commitTransaction({ transactionId: hold.transaction!.id });
          else await t.connect.voidTransaction({ transactionId: hold.transaction!.id });
        } else {
          await transfer(`kp-${i}`, 1 + (i % 7), 1 + (i % 5));
        }
        sent = i + 1;
        await Bun.sleep(3);
      }
    })();
    await Bun.sleep(1_500);
    await kill9(projector);
    await Bun.sleep(300);
    await startProjectorProcess();
    await Bun.sleep(1_000);
    await kill9(relay);
    await Bun.sleep(300);
    await startRelayProcess();
    await Bun.sleep(1_000);
    await transport.outage();
    await Bun.sleep(1_000);
    writing = false;
    await writer;
    expect(sent).toBeGreaterThan(100);

    await quiescent();
    expect(await count("SELECT count(*)::int AS n FROM read.transactions")).toBe(await count("SELECT count(*)::int AS n FROM ledger.transactions"));
    expect(await count("SELECT count(*)::int AS n FROM read.transaction_legs")).toBe(await count("SELECT count(*)::int AS n FROM ledger.entries"));
    expect(await count("SELECT count(*)::int AS n FROM read.processed_events")).toBe(await count("SELECT count(*)::int AS n FROM ledger.outbox"));
    const [volumes] = await t.db.sql`
      SELECT (SELECT sum(debits) FROM read.daily_volumes WHERE account_id = '00000000-0000-0000-0000-000000000000')::text AS read,
             (SELECT sum(amount) FROM ledger.entries WHERE effect = 'post' AND direction = 'debit')::text AS books`;
    expect(volumes!.read).toBe(volumes!.books);
    const statuses = await t.db.sql`SELECT status, count(*)::int AS n FROM read.transactions WHERE type = 'pending' GROUP BY 1 ORDER BY 1`;
    expect(statuses.map((r) => r.status).sort()).toEqual(["posted", "voided"]);
    console.log(`pipeline (${tr.name}) under faults: ${sent} requests, ${await count("SELECT count(*)::int AS n FROM ledger.outbox")} events, drift ${(await drift()).drift}`);
  }, 180_000);

  test("commit-to-read-model latency", async () => {
    const latencies: number[] = [];
    for (let i = 0; i < 40; i++) {
      const started = performance.now();
      const posted = await transfer(`kp-lat-${i}`, 1);
      await waitUntil(async () => (await t.db.sql`SELECT 1 FROM read.transactions WHERE transaction_id = ${posted.transaction!.id}`).length === 1, 10_000);
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
    console.log(`commit-to-read-model (${tr.name}, sequential, incl. the API call): p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`);
    expect(Number(p(0.5))).toBeLessThan(1_000);
  }, 60_000);

  test("duplicates change nothing; a poison event goes to the dead letters and the stream flows on", async () => {
    await quiescent();
    const snapshot = async () => t.db.sql`SELECT account_id, posted_debits, posted_credits, pending_debits, pending_credits, version FROM read.accounts ORDER BY account_id`;
    const before = await snapshot();
    const legsBefore = await count("SELECT count(*)::int AS n FROM read.transaction_legs");
    // Every event once more, as a relay that crashed before marking would publish them.
    const rows = await t.db.sql<OutboxRow[]>`SELECT id, event_id::text AS event_id, topic, partition_key, event_type, payload, created_at FROM ledger.outbox ORDER BY id`;
    const publisher = transport.publisher();
    await publisher.publish(rows.map((r) => encodeOutboxRow(r)));
    // And a poison event: bytes that are no TransactionPosted.
    await publisher.publish([
      {
        topic: TOPICS.transactions,
        key: "main",
        value: new Uint8Array([0xde, 0xad, 0xbe, 0xef]),
        headers: { ce_id: "00000000-0000-4000-8000-00000000dead", ce_type: "ledgerflow.events.v1.TransactionPosted", "content-type": "application/x-protobuf" },
      },
    ]);
    await publisher.close();
    const after = await transfer("kp-after-poison", 5);
    await waitUntil(async () => (await t.db.sql`SELECT 1 FROM read.transactions WHERE transaction_id = ${after.transaction!.id}`).length === 1, 30_000, "the stream to flow past the poison");
    await quiescent();
    const [letter] = await t.db.sql`SELECT topic, error, status, value FROM projector.dead_letters WHERE event_id = '00000000-0000-4000-8000-00000000dead'`;
    expect(letter!.status).toBe("pending");
    expect(letter!.topic).toBe(TOPICS.transactions);
    expect(Buffer.from(letter!.value).toString("hex")).toBe("deadbeef");
    const changed = await snapshot();
    const moved = new Set(after.transaction!.entries.map((e) => e.accountId));
    expect(changed.filter((r) => !moved.has(r.account_id))).toEqual(before.filter((r) => !moved.has(r.account_id)));
    expect(await count("SELECT count(*)::int AS n FROM read.transaction_legs")).toBe(legsBefore + 2);
    // The gauges are sampled every second.
    const metrics = await waitUntil(
      async () => {
        const text = await (await fetch(`http://127.0.0.1:${projectorPort}/metrics`)).text();
        return /^ledgerflow_projector_dlq_size 1$/m.test(text) ? text : undefined;
      },
      10_000,
      "the dead-letter gauge",
    );
    expect(Number(/^ledgerflow_projector_events_duplicate_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(rows.length);
    expect(metrics).toMatch(/^ledgerflow_projector_consumer_lag_messages\{topic="ledgerflow.ledger.transactions.v1",partition="\d"\} 0$/m);
    // The dead-letter topic has it too, with the reason.
    const [headers] = await transport.deadLetterHeaders();
    expect(headers!["x-original-topic"]).toBe(TOPICS.transactions);
    expect(headers!["x-error"]!.length).toBeGreaterThan(0);
  }, 120_000);
});
