// Applying events to the read model (apply.ts), against real Postgres: each event type, the
// statuses a resolution gives its original, balances from the entries' balances-after, daily
// volumes, and the guarantees the projector relies on: an event changes the model once however
// often it arrives (in one batch or in many), and balances never move backwards when events
// arrive out of order.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { AccountRecordSchema, Direction, EntryEffect, type EntryRecordSchema, NormalBalance, TransactionRecordSchema, TransactionType } from "@ledgerflow/proto/gen/ledgerflow/events/v1/events_pb.ts";
import { createTestDatabase, type TestDatabase } from "@ledgerflow/platform/testing";
import { applyEvents, type ReadEvent } from "./apply.ts";
import { ensureReadModel } from "./projector.ts";

let db: TestDatabase;
let schemas = 0;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

/** A fresh read model per test, so that each test sees only its own events. */
async function model(): Promise<{ schema: string; apply: (events: ReadEvent[]) => Promise<ReadEvent[]>; rows: (table: string, order: string) => Promise<Record<string, unknown>[]> }> {
  const schema = `apply_${++schemas}`;
  await ensureReadModel(db.sql, schema);
  return {
    schema,
    apply: (events) => db.sql.begin((tx) => applyEvents(tx, schema, events)),
    rows: async (table, order) => [...(await db.sql.unsafe(`SELECT * FROM "${schema}".${table} ORDER BY ${order}`))],
  };
}

const CASH = "0b0e0c2a-6d5f-4f7e-9a0e-5d2b8c1e3f4a";
const SHOP = "5b1f4c0e-2a7d-4e3b-8c9a-1d2e3f4a5b6c";
const DAY = new Date("2026-03-14T10:00:00Z");
const at = (minutes: number) => timestampFromDate(new Date(DAY.getTime() + minutes * 60_000));
let ids = 0;
const eventId = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, "0")}`;

function accountEvent(accountId: string, code: string, init: Record<string, unknown> = {}): ReadEvent {
  return {
    eventId: eventId(),
    type: "ledgerflow.ledger.v1.AccountCreated",
    account: create(AccountRecordSchema, { accountId, ledger: "main", code, currency: "USD", normalBalance: NormalBalance.DEBIT, createdAt: at(0), updatedAt: at(0), ...init } as MessageInitShape<typeof AccountRecordSchema>),
  };
}

type Leg = Record<string, unknown>;
const leg = (accountId: string, direction: Direction, effect: EntryEffect, amount: string, after: Leg & { accountVersion: bigint }): Leg => ({
  accountId,
  accountCode: accountId === CASH ? "cash" : "shop",
  currency: "USD",
  direction,
  effect,
  amount,
  postedDebits: "0",
  postedCredits: "0",
  pendingDebits: "0",
  pendingCredits: "0",
  ...after,
});

function transactionEvent(transactionId: string, sequence: bigint, type: TransactionType, entries: Leg[], init: Record<string, unknown> = {}): ReadEvent {
  return {
    eventId: eventId(),
    type: "ledgerflow.ledger.v1.TransactionPosted",
    transaction: create(TransactionRecordSchema, {
      transactionId,
      ledger: "main",
      sequence,
      type,
      idempotencyKey: `key-${transactionId}`,
      entries: entries.map((e, i) => ({ ...e, leg: i }) as MessageInitShape<typeof EntryRecordSchema>),
      createdAt: at(Number(sequence)),
      effectiveAt: at(Number(sequence)),
      ...init,
    } as MessageInitShape<typeof TransactionRecordSchema>),
  };
}

const txId = (n: number) => `7a000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** A posted transfer of `amount` from shop to cash, with the accounts' balances after it. */
const transfer = (n: number, sequence: bigint, amount: bigint, cashAfter: bigint, version: bigint) =>
  transactionEvent(txId(n), sequence, TransactionType.STANDARD, [
    leg(CASH, Direction.DEBIT, EntryEffect.POST, String(amount), { postedDebits: String(cashAfter), accountVersion: version }),
    leg(SHOP, Direction.CREDIT, EntryEffect.POST, String(amount), { postedCredits: String(cashAfter), accountVersion: version }),
  ]);

test("an account event creates the account; a later one in the same batch wins", async () => {
  const m = await model();
  const created = accountEvent(CASH, "cash", { metadata: { team: "retired" } });
  const updated = accountEvent(CASH, "cash", { allowOverdraft: true, overdraftLimit: "500", metadata: { team: "ops" }, updatedAt: at(5) });
  const older = accountEvent(SHOP, "shop", { normalBalance: NormalBalance.CREDIT });
  expect(await m.apply([updated, created, older])).toHaveLength(3);
  const [cash, shop] = await m.rows("accounts", "code");
  expect(cash).toMatchObject({ account_id: CASH, ledger: "main", code: "cash", normal_balance: "debit", allow_overdraft: true, overdraft_limit: "500", metadata: { team: "ops" }, version: 0n });
  expect((cash!.updated_at as Date).toISOString()).toBe("2026-03-14T10:05:00.000Z");
  expect(shop).toMatchObject({ normal_balance: "credit", allow_overdraft: false, overdraft_limit: null });
});

test("an older account event delivered in a later batch leaves the newer settings alone, even after postings moved the row on", async () => {
  const m = await model();
  await m.apply([accountEvent(CASH, "cash", { allowOverdraft: true, overdraftLimit: "500", metadata: { team: "ops" }, updatedAt: at(5) }), accountEvent(SHOP, "shop", { normalBalance: NormalBalance.CREDIT })]);
  await m.apply([transfer(1, 1n, 250n, 250n, 1n)]);
  await m.apply([accountEvent(CASH, "cash", { metadata: { team: "retired" } })]);
  const [cash] = await m.rows("accounts", "code");
  expect(cash).toMatchObject({ allow_overdraft: true, overdraft_limit: "500", metadata: { team: "ops" }, posted_debits: "250" });
  // A newer event still applies.
  await m.apply([accountEvent(CASH, "cash", { allowOverdraft: false, metadata: { team: "finance" }, updatedAt: at(9) })]);
  const [after] = await m.rows("accounts", "code");
  expect(after).toMatchObject({ allow_overdraft: false, overdraft_limit: null, metadata: { team: "finance" } });
});

test("a posted transaction: its row, its legs, the accounts' balances after it and the day's volumes", async () => {
  const m = await model();
  await m.apply([accountEvent(CASH, "cash"), accountEvent(SHOP, "shop", { normalBalance: NormalBalance.CREDIT })]);
  expect(await m.apply([transfer(1, 1n, 250n, 250n, 1n)])).toHaveLength(1);
  const [t] = await m.rows("transactions", "sequence");
  expect(t).toMatchObject({ transaction_id: txId(1), sequence: 1n, type: "standard", status: "posted", parent_id: null, total: "250", currencies: ["USD"] });
  const legs = await m.rows("transaction_legs", "leg");
  expect(legs.map((l) => [l.leg, l.account_id, l.direction, l.effect, l.amount])).toEqual([
    [0, CASH, "debit", "post", "250"],
    [1, SHOP, "credit", "post", "250"],
  ]);
  const [cash, shop] = await m.rows("accounts", "code");
  expect(cash).toMatchObject({ posted_debits: "250", posted_credits: "0", version: 1n, normal_balance: "debit" });
  expect(shop).toMatchObject({ posted_debits: "0", posted_credits: "250", version: 1n, normal_balance: "credit" });
  const volumes = await m.rows("daily_volumes", "account_id");
  expect(volumes.map((v) => [v.account_id, v.debits, v.credits, v.entries, v.transactions])).toEqual([
    ["00000000-0000-0000-0000-000000000000", "250", "250", 2n, 1n],
    [CASH, "250", "0", 1n, 0n],
    [SHOP, "0", "250", 1n, 0n],
  ]);
  expect((volumes[0]!.day as Date).toISOString().slice(0, 10)).toBe("2026-03-14");
});

test("a hold is pending with no posted total or volume; commit, void and reversal resolve their originals", async () => {
  const m = await model();
  const hold = (n: number, sequence: bigint, version: bigint) =>
    transactionEvent(
      txId(n),
      sequence,
      TransactionType.PENDING,
      [leg(CASH, Direction.DEBIT, EntryEffect.HOLD, "40", { pendingDebits: "40", accountVersion: version }), leg(SHOP, Direction.CREDIT, EntryEffect.HOLD, "40", { pendingCredits: "40", accountVersion: version })],
      { expiresAt: at(60) },
    );
  await m.apply([hold(10, 1n, 1n), hold(11, 2n, 2n), transfer(12, 3n, 5n, 5n, 3n)]);
  const held = (await m.rows("transactions", "sequence"))[0]!;
  expect(held).toMatchObject({ type: "pending", status: "pending", total: "0" });
  expect((held.expires_at as Date).toISOString()).toBe("2026-03-14T11:00:00.000Z");
  expect(await m.rows("daily_volumes", "account_id")).toHaveLength(3);

  const resolve = (n: number, parent: number, sequence: bigint, type: TransactionType) =>
    transactionEvent(txId(n), sequence, type, [leg(CASH, Direction.DEBIT, EntryEffect.RELEASE, "40", { accountVersion: sequence + 10n })], { parentTransactionId: txId(parent) });
  await m.apply([resolve(20, 10, 4n, TransactionType.COMMIT), resolve(21, 11, 5n, TransactionType.VOID), resolve(22, 12, 6n, TransactionType.REVERSAL)]);
  const status = Object.fromEntries((await m.rows("transactions", "sequence")).map((t) => [t.transaction_id, [t.type, t.status, t.parent_id]]));
  expect(status).toEqual({
    [txId(10)]: ["pending", "posted", null],
    [txId(11)]: ["pending", "voided", null],
    [txId(12)]: ["standard", "reversed", null],
    [txId(20)]: ["commit", "posted", txId(10)],
    [txId(21)]: ["void", "posted", txId(11)],
    [txId(22)]: ["reversal", "posted", txId(12)],
  });
});

test("replaying events changes nothing: the second delivery is no new event, and volumes are not counted twice", async () => {
  const m = await model();
  const events = [accountEvent(CASH, "cash"), transfer(1, 1n, 100n, 100n, 1n), transfer(2, 2n, 30n, 130n, 2n)];
  expect(await m.apply(events)).toHaveLength(3);
  const snapshot = async () => ({
    accounts: await m.rows("accounts", "account_id"),
    transactions: await m.rows("transactions", "sequence"),
    legs: await m.rows("transaction_legs", "transaction_id, leg"),
    volumes: await m.rows("daily_volumes", "account_id"),
  });
  const before = await snapshot();
  expect(await m.apply(events)).toEqual([]);
  expect(await m.apply([events[2]!, events[1]!])).toEqual([]);
  expect(await snapshot()).toEqual(before);
  expect(before.volumes.find((v) => v.account_id === CASH)).toMatchObject({ debits: "130", entries: 2n });
});

test("the same event twice in one batch is applied once", async () => {
  const m = await model();
  const once = transfer(1, 1n, 70n, 70n, 1n);
  expect(await m.apply([once, once, { ...once }])).toHaveLength(1);
  expect(await m.rows("transaction_legs", "leg")).toHaveLength(2);
  expect((await m.rows("daily_volumes", "account_id")).find((v) => v.account_id === CASH)).toMatchObject({ debits: "70", entries: 1n });
});

test("out of order: balances keep the highest account version, whatever arrives last; every transaction still counts", async () => {
  const m = await model();
  const first = transfer(1, 1n, 10n, 10n, 1n);
  const second = transfer(2, 2n, 20n, 30n, 2n);
  const third = transfer(3, 3n, 40n, 70n, 3n);
  await m.apply([third]);
  await m.apply([first, second]);
  const cash = (await m.rows("accounts", "code")).find((a) => a.account_id === CASH)!;
  expect(cash).toMatchObject({ posted_debits: "70", version: 3n });
  // An account's own event after its entries fills in its details and keeps the balances.
  await m.apply([accountEvent(CASH, "cash", { normalBalance: NormalBalance.DEBIT })]);
  expect((await m.rows("accounts", "code")).find((a) => a.account_id === CASH)).toMatchObject({ posted_debits: "70", version: 3n, normal_balance: "debit" });
  expect((await m.rows("transactions", "sequence")).map((t) => t.sequence)).toEqual([1n, 2n, 3n]);
  expect((await m.rows("daily_volumes", "account_id")).find((v) => v.account_id === CASH)).toMatchObject({ debits: "70", entries: 3n });
});

test("within one batch, the entry with the highest version gives an account's balances", async () => {
  const m = await model();
  await m.apply([transfer(2, 2n, 20n, 30n, 2n), transfer(1, 1n, 10n, 10n, 1n)]);
  expect((await m.rows("accounts", "code")).find((a) => a.account_id === CASH)).toMatchObject({ posted_debits: "30", version: 2n });
});
