// Turns a consumed event into what the read model applies; anything that cannot be decoded is an
// UndecodableError (it goes to the dead letters at once: retrying cannot help).
import { type ConsumedEvent, decodeEvent } from "@ledgerflow/platform/events";
import type { ReadEvent } from "./apply.ts";

export class UndecodableError extends Error {}

const ACCOUNT_EVENTS = new Set(["ledgerflow.events.v1.AccountCreated", "ledgerflow.events.v1.AccountUpdated"]);
const TRANSACTION_EVENTS = new Set([
  "ledgerflow.events.v1.TransactionPosted",
  "ledgerflow.events.v1.TransactionPending",
  "ledgerflow.events.v1.PendingTransactionCommitted",
  "ledgerflow.events.v1.PendingTransactionVoided",
  "ledgerflow.events.v1.TransactionReversed",
]);

export function decodeReadEvent(e: Pick<ConsumedEvent, "value" | "headers">): ReadEvent {
  let decoded: ReturnType<typeof decodeEvent>;
  try {
    decoded = decodeEvent(e);
  } catch (error) {
    throw new UndecodableError((error as Error).message);
  }
  const { type, message } = decoded;
  const eventId: string | undefined = message.meta?.eventId || e.headers.ce_id;
  if (!eventId) throw new UndecodableError("event has no id");
  if (ACCOUNT_EVENTS.has(type)) {
    if (!message.account?.accountId) throw new UndecodableError(`${type} without an account`);
    return { eventId, type, account: message.account };
  }
  if (TRANSACTION_EVENTS.has(type)) {
    if (!message.transaction?.transactionId) throw new UndecodableError(`${type} without a transaction`);
    return { eventId, type, transaction: message.transaction };
  }
  throw new UndecodableError(`no handler for ${type}`);
}
