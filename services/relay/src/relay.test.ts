// The relay against a real Postgres (embedded event log): a writer that commits late is never
// skipped, every change reaches the log exactly once in outbox order as decodable protobuf,
// published rows are pruned after the retention, one relay leads at a time, and the metrics
// carry their documented names.
import { afterAll, afterEach, beforeAll, expect, test } from "bun:test";
import { type Books, createTestDatabase, openBooks, type TestDatabase, waitUntil } from "@ledgerflow/platform/testing";
import { connect } from "@ledgerflow/platform/db";
import { createLogger } from "@ledgerflow/platform/log";
import { decodeEvent, TOPICS } from "@ledgerflow/platform/events";
import { startRelay, type RelayHandle } from "./app.ts";

let db: TestDatabase;
let books: Books;
const relays: RelayHandle[] = [];
const quiet = createLogger("relay", "error");

beforeAll(async () => {
  db = await createTestDatabase();
  books = await openBooks(db.sql, 6);
});
afterEach(async () => {
  while (relays.length > 0) await relays.pop()!.stop();
});
afterAll(async () => {
  await db.close();
});

async function relay(overrides: Parameters<typeof startRelay>[0] extends infer C ? Partial<C> : never = {}): Promise<RelayHandle> {
  const handle = await startRelay({ databaseUrl: db.url, host: "127.0.0.1", port: 0, pollMs: 200, observeIntervalMs: 100, ...overrides }, quiet);
  relays.push(handle);
  return handle;
}

const unpublished = async () => Number((await db.sql`SELECT count(*)::int AS n FROM ledger.outbox WHERE published_at IS NULL`)[0]!.n);
const logIds = async () => (await db.sql`SELECT event_id::text AS id FROM events.log ORDER BY "offset"`).map((r) => r.id as string);
const outboxIds = async () => (await db.sql`SELECT event_id::text AS event FROM ledger.outbox ORDER BY id`).map((r) => r.event as string);

test("a writer that commits late is never skipped, and the log keeps outbox order", async () => {
  await relay();
  await waitUntil(async () => (await unpublished()) === 0, 10_000, "the account events");
  // T1 writes first (an account: its outbox row is written at once, so it gets the lower id)
  // and stays open while later transfers commit.
  const early = "00000000-0000-4000-8000-00000000a1a1";
  let releaseT1!: () => void;
  const t1Holds = new Promise<void>((r) => (releaseT1 = r));
  let t1Wrote!: () => void;
  const t1Written = new Promise<void>((r) => (t1Wrote = r));
  const t1 = db.sql.begin(async (tx) => {
    await tx`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance) VALUES (${early}, 'main', 'late:held', 'USD', 'credit')`;
    t1Wrote();
    await t1Holds;
  });
  await t1Written;
  const later: string[] = [];
  for (let i = 0; i < 5; i++) later.push(await books.transfer(i % 3, 3 + (i % 3), 1n));
  await Bun.sleep(600);
  // Reading "id > last published" would have published the later rows and then skipped T1's.
  const whileOpen = await db.sql`SELECT count(*)::int AS n FROM ledger.outbox WHERE aggregate_id = ANY(${later}::uuid[]) AND published_at IS NOT NULL`;
  expect(whileOpen[0]!.n).toBe(0);
  releaseT1();
  await t1;
  await waitUntil(async () => (await unpublished()) === 0, 10_000, "the backlog to drain");
  const ids = await logIds();
  expect(ids).toEqual(await outboxIds());
  const [earlyEvent] = await db.sql`SELECT event_id::text AS event FROM ledger.outbox WHERE aggregate_id = ${early}`;
  expect(ids.indexOf(earlyEvent!.event)).toBeGreaterThanOrEqual(0);
  expect(ids.indexOf(earlyEvent!.event)).toBeLessThan(ids.indexOf(later[0]!));
  expect(new Set(ids).size).toBe(ids.length);
});

test("events in the log are the protobuf the triggers described, with key and headers", async () => {
  await relay();
  const id = await books.transfer(0, 3, 42n);
  await waitUntil(async () => (await unpublished()) === 0);
  const [row] = await db.sql`SELECT topic, partition_key, value, headers FROM events.log WHERE event_id = ${id}`;
  expect(row!.topic).toBe(TOPICS.transactions);
  expect(row!.partition_key).toBe("main");
  expect(row!.headers["content-type"]).toBe("application/x-protobuf");
  expect(row!.headers.schema).toBe("ledgerflow/events/v1/events.proto");
  const { type, message } = decodeEvent({ value: new Uint8Array(row!.value), headers: row!.headers });
  expect(type).toBe("ledgerflow.events.v1.TransactionPosted");
  expect(message.meta.eventId).toBe(id);
  expect(message.transaction.entries.map((e: { amount: string }) => e.amount)).toEqual(["42", "42"]);
  const [state] = await db.sql`SELECT last_outbox_id, published_total FROM events.relay_state WHERE relay = 'outbox'`;
  expect(state!.published_total).toBe(BigInt((await outboxIds()).length));
});

test("the relay records the outbox's figures where the gateway reads them, as the gateway's role may", async () => {
  const r = await relay();
  const id = await books.transfer(0, 2, 7n);
  await waitUntil(async () => (await logIds()).includes(id), 5_000, "publication");
  await r.relay.observe();
  const [status] = await db.sql`SELECT backlog::int AS backlog, published_last_minute::int AS minute, published_total, last_published_at, observed_by FROM events.outbox_status WHERE relay = 'outbox'`;
  expect(status).toMatchObject({ backlog: 0 });
  expect(status!.minute).toBeGreaterThan(0);
  const [state] = await db.sql`SELECT published_total FROM events.relay_state WHERE relay = 'outbox'`;
  expect(status!.published_total).toBe(state!.published_total);
  expect(status!.last_published_at).toBeInstanceOf(Date);
  // The gateway reads it; nobody but the relay writes it.
  const gateway = connect({ url: db.urlFor("admin"), max: 1 });
  try {
    const [seen] = await gateway`SELECT backlog::int AS backlog FROM events.outbox_status WHERE relay = 'outbox'`;
    expect(seen).toEqual({ backlog: 0 });
    const refused = await gateway`UPDATE events.outbox_status SET backlog = 99`.then(
      () => undefined,
      (e: { code: string }) => e.code,
    );
    expect(refused).toBe("42501");
  } finally {
    await gateway.end();
  }
});

test("one relay leads at a time; the other takes over when it stops", async () => {
  const first = await relay();
  await waitUntil(async () => first.relay.leading, 5_000, "a leader");
  const second = await relay();
  await Bun.sleep(500);
  expect(second.relay.leading).toBe(false);
  await first.stop();
  relays.splice(relays.indexOf(first), 1);
  await waitUntil(async () => second.relay.leading, 5_000, "the takeover");
  const id = await books.transfer(0, 1, 1n);
  await waitUntil(async () => (await logIds()).includes(id), 5_000, "publication by the new leader");
  expect(new Set(await logIds()).size).toBe((await logIds()).length);
});

test("published rows are pruned after the retention, unpublished rows never", async () => {
  for (let i = 0; i < 30; i++) await books.transfer(0, 1, 1n);
  const r = await relay({ retentionMs: 0, pruneIntervalMs: 200, pruneBatchMax: 7, pruneBatchesPerRound: 2 });
  await waitUntil(async () => Number((await db.sql`SELECT count(*)::int AS n FROM ledger.outbox`)[0]!.n) === 0, 10_000, "pruning");
  const metrics = await (await fetch(`${r.url}/metrics`)).text();
  expect(Number(/^ledgerflow_relay_pruned_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(30);
  // Pruning never removes what was not published: the log still has every event.
  expect((await logIds()).length).toBeGreaterThanOrEqual(30);
});

test("metrics and health carry the documented names", async () => {
  const r = await relay();
  await waitUntil(async () => r.relay.leading);
  const metrics = await (await fetch(`${r.url}/metrics`)).text();
  for (const name of [
    "ledgerflow_relay_outbox_backlog",
    "ledgerflow_relay_outbox_oldest_age_seconds",
    "ledgerflow_relay_published_total",
    "ledgerflow_relay_publish_errors_total",
    "ledgerflow_relay_circuit_breaker_state",
    "ledgerflow_relay_pruned_total",
    "ledgerflow_relay_process_cpu_seconds_total",
    "ledgerflow_relay_process_resident_memory_bytes",
  ]) {
    expect(metrics).toContain(`\n${name} `);
  }
  expect((await fetch(`${r.url}/healthz`)).status).toBe(200);
  const ready = await fetch(`${r.url}/readyz`);
  expect(ready.status).toBe(200);
  expect((await ready.json()).transport).toBe("postgres");
});

test("bad configuration stops the process at start with a clear message", async () => {
  const proc = Bun.spawn([process.execPath, `${import.meta.dir}/main.ts`], { env: { ...process.env, DATABASE_URL: db.url, RELAY_BATCH_MAX: "0" }, stdout: "pipe", stderr: "pipe" });
  expect(await proc.exited).toBe(2);
  expect(await new Response(proc.stdout).text()).toContain("RELAY_BATCH_MAX must be an integer between 1 and 10000");
});
