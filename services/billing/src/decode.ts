// A consumed ledger event, decoded into what billing needs; anything that cannot be decoded is an
// UndecodableError (it goes to the dead letters at once: retrying cannot help).
import { type ConsumedEvent, decodeEvent } from "@ledgerflow/platform/events";
import type { TransactionRecord } from "@ledgerflow/proto/gen/ledgerflow/events/v1/events_pb.ts";
import { Direction, EntryEffect } from "@ledgerflow/proto/gen/ledgerflow/events/v1/events_pb.ts";
import type { BillableEntry } from "./domain/fees.ts";

export class UndecodableError extends Error {}

const PREFIX = "ledgerflow.events.v1.";
export const TRANSACTION_EVENTS = new Set(["TransactionPosted", "TransactionPending", "PendingTransactionCommitted", "PendingTransactionVoided", "TransactionReversed"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AMOUNT = /^[1-9][0-9]{0,37}$/;

export interface BillingEvent {
  eventId: string;
  /** Short type name, e.g. "TransactionPosted". */
  type: string;
  ledger: string;
  occurredAt: Date;
  transactionId: string;
  parentTransactionId: string;
  idempotencyKey: string;
  metadata: Record<string, string>;
  entries: (BillableEntry & { accountCode: string; currency: string })[];
}

const toDate = (t: { seconds: bigint; nanos: number } | undefined) => (t ? new Date(Number(t.seconds) * 1000 + Math.floor(t.nanos / 1e6)) : undefined);

export function decodeBillingEvent(e: Pick<ConsumedEvent, "value" | "headers" | "timestamp">): BillingEvent {
  let decoded: ReturnType<typeof decodeEvent>;
  try {
    decoded = decodeEvent(e);
  } catch (error) {
    throw new UndecodableError((error as Error).message);
  }
  const type = decoded.type.startsWith(PREFIX) ? decoded.type.slice(PREFIX.length) : decoded.type;
  if (!TRANSACTION_EVENTS.has(type)) throw new UndecodableError(`no handler for ${decoded.type}`);
  const eventId: string = decoded.message.meta?.eventId || e.headers.ce_id || "";
  if (!UUID.test(eventId)) throw new UndecodableError(`event id ${JSON.stringify(eventId.slice(0, 60))} is not a UUID`);
  const t = decoded.message.transaction as TransactionRecord | undefined;
  if (!t?.transactionId || !UUID.test(t.transactionId)) throw new UndecodableError(`${type} without a transaction id`);
  return {
    eventId: eventId.toLowerCase(),
    type,
    ledger: t.ledger || decoded.message.meta?.ledger || "main",
    occurredAt: toDate(decoded.message.meta?.occurredAt) ?? toDate(t.createdAt) ?? e.timestamp,
    transactionId: t.transactionId.toLowerCase(),
    parentTransactionId: t.parentTransactionId.toLowerCase(),
    idempotencyKey: t.idempotencyKey,
    metadata: t.metadata,
    entries: t.entries.map((entry, i) => {
      if (!AMOUNT.test(entry.amount)) throw new UndecodableError(`entry ${i}: amount ${JSON.stringify(entry.amount.slice(0, 50))} is not a positive integer`);
      if (entry.direction === Direction.UNSPECIFIED || entry.effect === EntryEffect.UNSPECIFIED) throw new UndecodableError(`entry ${i}: direction or effect unspecified`);
      return {
        accountId: entry.accountId.toLowerCase(),
        accountCode: entry.accountCode,
        currency: entry.currency,
        direction: entry.direction === Direction.DEBIT ? "debit" : "credit",
        effect: entry.effect === EntryEffect.POST ? "post" : entry.effect === EntryEffect.HOLD ? "hold" : "release",
        amount: BigInt(entry.amount),
      };
    }),
  };
}
