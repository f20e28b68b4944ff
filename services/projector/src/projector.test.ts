// The projector on the embedded Postgres event log, end to end with a real ledger and relay:
// the read model follows the books, redelivered events change nothing, a poison event goes to
// the dead letters while the stream keeps flowing and is applied once when replayed after a
// fix, a rebuild equals the live model, and the drift check reads zero.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { Direction, NormalBalance, TransactionStatus } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { createLogger } from "@ledgerflow/platform/log";
import { startTestLedger, type TestLedger } from "@ledgerflow/ledger/testing";
import { startProjector, type ProjectorHandle } from "./app.ts";
import { getDeadLetter, listDeadLetters, replayDeadLetter } from "./dead-letters.ts";
import { rebuildReadModel } from "./rebuild.ts";

let t: TestLedger;
let p: ProjectorHandle;
let a: string, b: string, fees: string;

beforeAll(async () => {
  t = await startTestLedger();
  p = await startProjector({ databaseUrl: t.db.url, groupId: "projector-test", host: "127.0.0.1", port: 0, driftIntervalMs: 60_000, version: "test" }, createLogger("projector", "error"));
  const c = t.connect;
  a = (await c.createAccount({ code: "p:a", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
  b = (await c.createAccount({ code: "p:b", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
  fees = (await c.createAccount({ code: "p:fees", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
});
afterAll(async () => {
  await p.stop();
  await t.stop();
}, 20_000);

async function until<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await Bun.sleep(10);
  }
}

const readBalance = async (id: string) => (await t.db.sql`SELECT posted_debits, posted_credits, pending_debits, pending_credits, version FROM read.accounts WHERE account_id = ${id}`)[0];
const transfer = (key: string, amount: string, pending = false) =>
  t.connect.postTransaction({
    idempotencyKey: key,
    pending,
    entries: [
      { accountId: a, direction: Direction.DEBIT, amount: String(BigInt(amount) + 1n) },
      { accountId: b, direction: Direction.CREDIT, amount },
      { accountId: fees, direction: Direction.CREDIT, amount: "1" },
    ],
  });

test("the read model follows postings, holds, commits, voids and reversals", async () => {
  const latencies: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    const posted = await transfer(`p-${i}`, "100");
    await until(async () => (await t.db.sql`SELECT 1 FROM read.transactions WHERE transaction_id = ${posted.transaction!.id}`).length === 1);
    latencies.push(performance.now() - started);
  }
  latencies.sort((x, y) => x - y);
  console.log(`commit-to-read-model (embedded log, sequential): p50 ${latencies[10]!.toFixed(1)} ms, max ${latencies[19]!.toFixed(1)} ms`);

  const hold = await transfer("p-hold", "50", true);
  const committed = await t.connect.commitTransaction({ transactionId: hold.transaction!.id });
  const hold2 = await transfer("p-hold-2", "30", true);
  await t.connect.voidTransaction({ transactionId: hold2.transaction!.id });
  const reversed = await t.connect.reverseTransaction({ transactionId: (await transfer("p-rev", "7")).transaction!.id });
  expect(reversed.transaction!.status).toBe(TransactionStatus.REVERSED);

  await until(async () => (await t.db.sql`SELECT 1 FROM read.transactions WHERE transaction_id = ${reversed.reversal!.id}`).length === 1);
  const statuses = await t.db.sql`SELECT transaction_id::text AS id, status FROM read.transactions WHERE transaction_id IN (${hold.transaction!.id}, ${hold2.transaction!.id}, ${reversed.transaction!.id}, ${committed.commit!.id})`;
  const byId = Object.fromEntries(statuses.map((r) => [r.id, r.status]));
  expect(byId[hold.transaction!.id]).toBe("posted");
  expect(byId[hold2.transaction!.id]).toBe("voided");
  expect(byId[reversed.transaction!.id]).toBe("reversed");
  expect(byId[committed.commit!.id]).toBe("posted");
  // Who wrote it travels with the event (the test ledger is open: its callers are "anonymous").
  const [author] = await t.db.sql`SELECT caller, actor FROM read.transactions WHERE transaction_id = ${committed.commit!.id}`;
  expect(author).toEqual({ caller: "anonymous", actor: null });

  for (const id of [a, b, fees]) {
    const ledger = (await t.connect.getBalance({ accountId: id })).balance!;
    const read = await readBalance(id);
    expect([read!.posted_debits, read!.posted_credits, read!.pending_debits, read!.pending_credits, String(read!.version)]).toEqual([
      ledger.postedDebits,
      ledger.postedCredits,
      ledger.pendingDebits,
      ledger.pendingCredits,
      String(ledger.version),
    ]);
  }
  const [code] = await t.db.sql`SELECT account_code FROM read.transaction_legs WHERE account_id = ${fees} LIMIT 1`;
  expect(code!.account_code).toBe("p:fees");
  const [volume] = await t.db.sql`SELECT credits::text AS credits, entries::int AS entries FROM read.daily_volumes WHERE account_id = ${fees}`;
  expect(volume!.credits).toBe(String(20 + 1 + 1));
  expect((await p.projector.drift())!.drift).toBe(0);
  const ready = await fetch(`${p.url}/readyz`);
  expect(ready.status).toBe(200);
  const metrics = await (await fetch(`${p.url}/metrics`)).text();
  expect(metrics).toContain('ledgerflow_projector_events_applied_total{type="TransactionPosted"}');
  expect(metrics).toContain("ledgerflow_projector_drift 0");
  await p.projector.refreshLag();
  const status = Object.fromEntries((await t.db.sql`SELECT component, figures FROM projector.pipeline_status`).map((r) => [r.component, r.figures]));
  expect(status.projector.lag_messages).toBe(0);
  // The outbox's figures are the relay's (events.outbox_status), not the projector's.
  expect(status.outbox).toBeUndefined();
  const outbox = await until(async () => {
    const [o] = await t.db.sql`SELECT backlog::int AS backlog, published_last_minute::int AS published_last_minute FROM events.outbox_status WHERE relay = 'outbox'`;
    return o && o.backlog === 0 && o.published_last_minute > 20 ? o : undefined;
  });
  expect(outbox).toMatchObject({ backlog: 0 });
}, 60_000);

test("duplicated events change nothing", async () => {
  const before = await t.db.sql`SELECT account_id, posted_debits, posted_credits, version FROM read.accounts ORDER BY account_id`;
  const [count] = await t.db.sql`SELECT count(*)::int AS n FROM read.processed_events`;
  // Publish every event a second time, as a relay restart would.
  await t.db.sql`INSERT INTO events.log (topic, partition_key, event_id, event_type, value, headers)
                 SELECT topic, partition_key, event_id, event_type, value, headers FROM events.log ORDER BY "offset"`;
  await until(async () => {
    await p.projector.refreshLag();
    return p.projector.lag.messages === 0;
  });
  expect(await t.db.sql`SELECT account_id, posted_debits, posted_credits, version FROM read.accounts ORDER BY account_id`).toEqual(before);
  const [after] = await t.db.sql`SELECT count(*)::int AS n FROM read.processed_events`;
  expect(after!.n).toBe(count!.n);
  const metrics = await (await fetch(`${p.url}/metrics`)).text();
  expect(Number(/ledgerflow_projector_events_duplicate_total (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(count!.n);
  const volumes = await t.db.sql`SELECT credits::text AS c FROM read.daily_volumes WHERE account_id = ${fees}`;
  expect(volumes[0]!.c).toBe("22");
}, 30_000);

test("poison events go to the dead letters without stopping the stream; a replay after the fix applies once", async () => {
  // Undecodable bytes on the stream.
  await t.db.sql`INSERT INTO events.log (topic, partition_key, event_id, event_type, value, headers)
                 VALUES ('ledgerflow.ledger.transactions.v1', 'main', gen_random_uuid(), 'ledgerflow.events.v1.TransactionPosted', '\\xdeadbeef', '{"ce_type":"ledgerflow.events.v1.TransactionPosted"}')`;
  // An event the read side refuses until someone fixes it (here: a guard the operator removes).
  await t.db.sql.unsafe(`CREATE FUNCTION read.refuse_bad() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    IF NEW.idempotency_key = 'p-bad' THEN RAISE EXCEPTION 'read model refuses this transaction'; END IF; RETURN NEW; END $$;
    CREATE TRIGGER refuse_bad BEFORE INSERT ON read.transactions FOR EACH ROW EXECUTE FUNCTION read.refuse_bad()`);
  const bad = await transfer("p-bad", "5");
  const after = await transfer("p-after", "6");
  await until(async () => (await t.db.sql`SELECT 1 FROM read.transactions WHERE transaction_id = ${after.transaction!.id}`).length === 1, 20_000);

  const letters = await listDeadLetters(t.db.sql, { status: "pending" });
  expect(letters.length).toBe(2);
  const badLetter = letters.find((l) => l.event_id === bad.transaction!.id)!;
  expect(badLetter.error).toContain("read model refuses this transaction");
  expect(badLetter.attempts).toBe(3);
  // Undecodable bytes are not retried: no attempt could succeed.
  expect(letters.find((l) => l.event_id !== bad.transaction!.id)!.attempts).toBe(1);
  expect((await t.db.sql`SELECT 1 FROM read.transactions WHERE transaction_id = ${bad.transaction!.id}`).length).toBe(0);

  const id = Number(badLetter.id);
  // Before the fix a replay fails, and the dead letter stays.
  await expect(replayDeadLetter(t.db.sql, id, "test")).rejects.toThrow("refuses");
  expect((await getDeadLetter(t.db.sql, id))!.status).toBe("pending");
  // The fix, then the replay: applied once.
  await t.db.sql.unsafe("DROP TRIGGER refuse_bad ON read.transactions; DROP FUNCTION read.refuse_bad()");
  expect(await replayDeadLetter(t.db.sql, id, "operator@example.com")).toBe("replayed");
  expect(await replayDeadLetter(t.db.sql, id, "operator@example.com")).toBe("already_resolved");
  expect((await t.db.sql`SELECT 1 FROM read.transactions WHERE transaction_id = ${bad.transaction!.id}`).length).toBe(1);
  const ledgerB = (await t.connect.getBalance({ accountId: b })).balance!;
  expect((await readBalance(b))!.posted_credits).toBe(ledgerB.postedCredits);
  // The undecodable one can only be discarded; through the HTTP API as the gateway does.
  const junk = letters.find((l) => l.event_id !== bad.transaction!.id)!;
  const discarded = await fetch(`${p.url}/dead-letters/${junk.id}/discard`, { method: "POST", headers: { "x-ledgerflow-actor": "operator@example.com" } });
  expect(discarded.status).toBe(200);
  expect((await fetch(`${p.url}/dead-letters/${junk.id}/replay`, { method: "POST" })).status).toBe(409);
  expect((await listDeadLetters(t.db.sql, { status: "pending" })).length).toBe(0);
  expect((await p.projector.drift())!.drift).toBe(0);
}, 60_000);

test("a rebuild from the start of the stream equals the live read model", async () => {
  const tables = ["accounts", "transactions", "transaction_legs", "daily_volumes"];
  const dump = async (schema: string) => {
    const out: Record<string, unknown[]> = {};
    for (const table of tables) {
      out[table] = await t.db.sql.unsafe(`SELECT * FROM "${schema}".${table} ORDER BY 1, 2, 3, 4`);
      out[table] = (out[table] as Record<string, unknown>[]).map(({ updated_at: _u, ...rest }) => rest);
    }
    return out;
  };
  // Quiescence first: everything published and the live projector caught up.
  await until(async () => (await t.db.sql`SELECT count(*)::int AS n FROM ledger.outbox WHERE published_at IS NULL`)[0]!.n === 0);
  await until(async () => {
    await p.projector.refreshLag();
    return p.projector.lag.messages === 0;
  });
  const rebuilt = await rebuildReadModel({ writeSql: t.db.sql, readSql: t.db.sql, swap: false, log: createLogger("rebuild", "error") });
  expect(rebuilt.events).toBeGreaterThan(25);
  expect(await dump(rebuilt.schema)).toEqual(await dump("read"));
  await t.db.sql.unsafe(`DROP SCHEMA "${rebuilt.schema}" CASCADE`);
  const swapped = await rebuildReadModel({ writeSql: t.db.sql, readSql: t.db.sql, log: createLogger("rebuild", "error") });
  expect(swapped.schema).toBe("read");
  await transfer("p-after-swap", "9");
  await until(async () => (await p.projector.drift())!.drift === 0 && (await t.db.sql`SELECT 1 FROM read.transactions WHERE idempotency_key = 'p-after-swap'`).length === 1);
}, 60_000);
