// Per-account keying (RELAY_TRANSACTION_KEY=account) through the run's real Kafka broker: one
// ledger's transactions spread over 3 partitions, read by 3 projector instances of one group in
// no global order, and the read model still ends with the ledger's exact balances. The same events
// keyed by ledger on 1 partition with 1 projector are the baseline; both throughputs are printed
// (the 2 cores of a test machine are shared with the broker, Postgres and this process, so the
// figures are indications, not asserted).
import { afterAll, beforeAll, expect, test } from "bun:test";
import { BatchMode, Direction, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { createLogger } from "@ledgerflow/platform/log";
import { encodeOutboxRow, kafkaClient, KafkaPublisher, type OutboxRow, type TransactionKeying } from "@ledgerflow/platform/events";
import { resetTestTopics, testKafkaBrokers, waitUntil } from "@ledgerflow/platform/testing";
import { startTestLedger, type TestLedger } from "@ledgerflow/ledger/testing";
import { SUBSCRIBED } from "./projector.ts";
import { startProjector, type ProjectorHandle } from "./app.ts";

const ACCOUNTS = 24;
const TRANSACTIONS = 4_000;
const BATCH = 500;
let t: TestLedger;
let rows: OutboxRow[];

beforeAll(async () => {
  t = await startTestLedger({ relayEnabled: false });
  const ids: string[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    ids.push((await t.grpc.createAccount({ code: `part:${i}`, currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id);
  }
  for (let done = 0; done < TRANSACTIONS; done += BATCH) {
    const transactions = Array.from({ length: BATCH }, (_, k) => {
      const n = done + k;
      const [from, to] = [ids[n % ACCOUNTS]!, ids[(n * 7 + 1) % ACCOUNTS]!];
      return {
        idempotencyKey: `part-${n}`,
        entries: [
          { accountId: from, direction: Direction.DEBIT, amount: String(1 + (n % 9)) },
          { accountId: to === from ? ids[(n + 1) % ACCOUNTS]! : to, direction: Direction.CREDIT, amount: String(1 + (n % 9)) },
        ],
      };
    });
    await t.grpc.postTransactions({ transactions, mode: BatchMode.ATOMIC });
  }
  rows = await t.db.sql<OutboxRow[]>`SELECT id, event_id::text AS event_id, topic, partition_key, event_type, payload, created_at FROM ledger.outbox ORDER BY id`;
}, 120_000);
afterAll(async () => {
  await t.stop();
});

/** Publishes every event with `keying` onto fresh topics of `partitions`, then times `consumers` projectors of one group. */
async function run(keying: TransactionKeying, partitions: number, consumers: number, schema: string): Promise<{ wall: number; applying: number }> {
  await resetTestTopics(SUBSCRIBED, partitions);
  const publisher = new KafkaPublisher(kafkaClient(testKafkaBrokers(), "partitions-test"));
  for (let i = 0; i < rows.length; i += 1_000) {
    const records = rows.slice(i, i + 1_000).map((r) => encodeOutboxRow(r, keying));
    // Just re-created topics may be unknown to a broker's metadata for a moment: retry, bounded.
    for (let attempt = 1; ; attempt++) {
      try {
        await publisher.publish(records);
        break;
      } catch (error) {
        if (attempt >= 10) throw error;
        await Bun.sleep(500);
      }
    }
  }
  await publisher.close();
  const groupId = `partitions-${schema}-${Date.now()}`;
  const started = performance.now();
  const projectors: ProjectorHandle[] = [];
  for (let i = 0; i < consumers; i++) {
    projectors.push(await startProjector({ databaseUrl: t.db.url, kafkaBrokers: testKafkaBrokers(), groupId, schema, host: "127.0.0.1", port: 0, driftIntervalMs: 3_600_000, version: "test" }, createLogger("projector", "error")));
  }
  try {
    await waitUntil(async () => Number((await t.db.sql.unsafe(`SELECT count(*)::int AS n FROM ${schema}.processed_events`))[0]!.n) >= rows.length, 120_000, `${schema} to apply every event`);
    const seconds = (performance.now() - started) / 1000;
    // Every account's balance in the read model is the ledger's.
    const mismatched = await t.db.sql.unsafe(`
      SELECT b.account_id FROM ledger.balances b JOIN ${schema}.accounts r ON r.account_id = b.account_id
       WHERE (r.posted_debits, r.posted_credits) IS DISTINCT FROM (b.posted_debits, b.posted_credits)`);
    expect(mismatched.length).toBe(0);
    expect(Number((await t.db.sql.unsafe(`SELECT count(*)::int AS n FROM ${schema}.accounts`))[0]!.n)).toBe(ACCOUNTS);
    // Wall time includes starting the projectors and the group's rebalances; the applying span is
    // from the first to the last batch written.
    const [span] = await t.db.sql.unsafe(`SELECT extract(epoch FROM max(processed_at) - min(processed_at))::float8 AS s FROM ${schema}.processed_events`);
    return { wall: rows.length / seconds, applying: rows.length / Math.max(Number(span!.s), 0.001) };
  } finally {
    for (const p of projectors) await p.stop();
  }
}

test("per-account keying over 3 partitions and 3 projectors gives the ledger's balances; throughput against 1 partition", async () => {
  const one = await run("ledger", 1, 1, "read_p1");
  const three = await run("account", 3, 3, "read_p3");
  const f = (r: { wall: number; applying: number }) => `${r.wall.toFixed(0)} events/s wall, ${r.applying.toFixed(0)} events/s applying`;
  console.log(`projector throughput, ${rows.length} events: 1 partition × 1 projector (ledger keys) ${f(one)}; 3 partitions × 3 projectors (account keys) ${f(three)}`);
  expect(one.wall).toBeGreaterThan(0);
  expect(three.wall).toBeGreaterThan(0);
}, 300_000);
