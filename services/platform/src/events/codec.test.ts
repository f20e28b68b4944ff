// The event protos describe exactly what the database triggers write: every kind of outbox row
// the ledger produces (through its API) encodes with unknown fields refused, and decoding the
// bytes gives back the same canonical JSON. Bad payloads and unknown types are refused.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { equals, fromJson, toJson, type JsonValue } from "@bufbuild/protobuf";
import { Direction, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { startTestLedger, type TestLedger } from "@ledgerflow/ledger/testing";
import { CONTENT_TYPE, decodeEvent, encodeOutboxRow, schemaOf, UnknownEventTypeError, type OutboxRow } from "./codec.ts";

let t: TestLedger;
beforeAll(async () => {
  t = await startTestLedger({ relayEnabled: false });
});
afterAll(async () => {
  await t.stop();
});

/** Canonical JSON compared structurally, with map and object key order ignored. */
// Timestamps compare as instants: "…:51.981000Z" (Postgres) and "…:51.981Z" (protobuf JSON) are equal.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/;
const normalize = (v: JsonValue): JsonValue =>
  Array.isArray(v)
    ? v.map(normalize)
    : v !== null && typeof v === "object"
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, normalize((v as Record<string, JsonValue>)[k]!)]),
        )
      : typeof v === "string" && TIMESTAMP.test(v)
        ? v.replace(TIMESTAMP, (_, s: string, f?: string) => `${s}.${(f ?? "").padEnd(9, "0")}Z`)
        : v;

test("every event the ledger writes round-trips through binary protobuf unchanged", async () => {
  const c = t.connect;
  const a = (await c.createAccount({ code: "codec:a", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true, overdraftLimit: "1000000", metadata: { team: "ops" } })).account!.id;
  const b = (await c.createAccount({ code: "codec:b", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
  await c.updateAccountPolicy({ accountId: b, allowOverdraft: true });
  const legs = (n: string) => [
    { accountId: a, direction: Direction.DEBIT, amount: n },
    { accountId: b, direction: Direction.CREDIT, amount: n },
  ];
  const posted = await c.postTransaction({ idempotencyKey: "codec-1", entries: legs("125"), description: "first", metadata: { order: "42" } });
  const held = await c.postTransaction({ idempotencyKey: "codec-2", entries: legs("50"), pending: true });
  await c.commitTransaction({ transactionId: held.transaction!.id });
  const held2 = await c.postTransaction({ idempotencyKey: "codec-3", entries: legs("7"), pending: true });
  await c.voidTransaction({ transactionId: held2.transaction!.id });
  await c.reverseTransaction({ transactionId: posted.transaction!.id });

  const rows = await t.db.sql<OutboxRow[]>`SELECT id, event_id::text AS event_id, topic, partition_key, event_type, payload, created_at FROM ledger.outbox ORDER BY id`;
  expect(new Set(rows.map((r) => r.event_type))).toEqual(
    new Set([
      "ledgerflow.events.v1.AccountCreated",
      "ledgerflow.events.v1.AccountUpdated",
      "ledgerflow.events.v1.TransactionPosted",
      "ledgerflow.events.v1.TransactionPending",
      "ledgerflow.events.v1.PendingTransactionCommitted",
      "ledgerflow.events.v1.PendingTransactionVoided",
      "ledgerflow.events.v1.TransactionReversed",
    ]),
  );
  for (const row of rows) {
    const record = encodeOutboxRow(row);
    expect(record.headers).toMatchObject({ ce_specversion: "1.0", ce_id: row.event_id, ce_source: "ledgerflow.ledger", ce_type: row.event_type, "content-type": CONTENT_TYPE, ce_sequence: String(row.id) });
    const { message } = decodeEvent(record);
    const desc = schemaOf(row.event_type);
    // The bytes hold the same message as the payload, and every field set in it came from the payload.
    expect(equals(desc, message, fromJson(desc, row.payload))).toBe(true);
    expect(normalize(row.payload)).toMatchObject(normalize(toJson(desc, message)) as object);
    expect(message.meta.sequence).toBe(BigInt(row.id));
    expect(message.meta.eventId).toBe(row.event_id);
    // Keys: the outbox's by default; per account, transaction events take their first entry's account.
    expect(record.key).toBe(row.partition_key);
    const perAccount = encodeOutboxRow(row, "account").key;
    if (row.topic === "ledgerflow.ledger.transactions.v1") {
      expect(row.partition_key).toBe("main");
      expect([a, b]).toContain(perAccount);
      expect(perAccount).toBe(message.transaction.entries[0].accountId);
    } else {
      expect(perAccount).toBe(row.partition_key);
    }
  }
  // A pending transaction and its commit land on the same key, hence partition, in order.
  const keyOf = (type: string) => encodeOutboxRow(rows.find((r) => r.event_type === type)!, "account").key;
  expect(keyOf("ledgerflow.events.v1.PendingTransactionCommitted")).toBe(keyOf("ledgerflow.events.v1.TransactionPending"));
});

test("payloads that do not match the schema, and unknown types, are refused", () => {
  const base = { id: "1", event_id: "00000000-0000-4000-8000-000000000001", topic: "x", partition_key: "main", created_at: new Date() };
  expect(() => encodeOutboxRow({ ...base, event_type: "ledgerflow.events.v1.TransactionPosted", payload: { meta: { eventId: "x" }, surprise: 1 } })).toThrow();
  expect(() => encodeOutboxRow({ ...base, event_type: "ledgerflow.events.v1.Nope", payload: {} })).toThrow(UnknownEventTypeError);
  expect(() => decodeEvent({ value: new Uint8Array([1]), headers: { ce_type: "ledgerflow.events.v1.TransactionPosted", "content-type": "application/json" } })).toThrow(UnknownEventTypeError);
  expect(() => decodeEvent({ value: new Uint8Array([0xff, 0xff]), headers: { ce_type: "ledgerflow.events.v1.TransactionPosted" } })).toThrow();
});
