// Outbox payloads (protobuf canonical JSON, written by the database triggers) to the binary
// protobuf events consumers read, with the headers that name them; and back.
import { createRegistry, fromBinary, fromJson, toBinary, type DescMessage, type JsonValue, type Message } from "@bufbuild/protobuf";
import { file_ledgerflow_events_v1_events } from "@ledgerflow/proto/gen/ledgerflow/events/v1/events_pb.ts";
import type { EventRecord } from "./types.ts";

const registry = createRegistry(file_ledgerflow_events_v1_events);

export const CONTENT_TYPE = "application/x-protobuf";
export const SCHEMA = "ledgerflow/events/v1/events.proto";
export const SOURCE = "ledgerflow.ledger";
/** The CloudEvents version the headers follow (binary content mode of the Kafka protocol binding). */
export const CLOUDEVENTS_SPEC_VERSION = "1.0";

/** Header names (the CloudEvents Kafka binding's, so generic tooling understands them). */
export const HEADERS = {
  specversion: "ce_specversion",
  id: "ce_id",
  type: "ce_type",
  source: "ce_source",
  time: "ce_time",
  sequence: "ce_sequence",
  contentType: "content-type",
  schema: "schema",
} as const;

export interface OutboxRow {
  id: bigint | string;
  event_id: string;
  topic: string;
  partition_key: string;
  event_type: string;
  payload: JsonValue;
  created_at: Date;
}

export class UnknownEventTypeError extends Error {}

export function schemaOf(eventType: string): DescMessage {
  const desc = registry.getMessage(eventType);
  if (!desc) throw new UnknownEventTypeError(`unknown event type ${JSON.stringify(eventType)}`);
  return desc;
}

/**
 * How transaction events are keyed (hence partitioned). "ledger": the outbox's key, the ledger
 * name, so one ledger's transactions are on one partition in publication order. "account": the
 * account of the transaction's first entry, so one busy ledger spreads over every partition; a
 * pending transaction and its commit or void share their entries' accounts, hence a key. Consumers
 * then see a ledger's transactions in no global order, which is safe when they apply balances per
 * account by the account version every entry carries (as the projector does).
 */
export type TransactionKeying = "ledger" | "account";

/** A decoded event of any type, whose fields the caller reads by name after checking its type. */
// biome-ignore lint/suspicious/noExplicitAny: the message of any event type; each consumer narrows it by the type it checked
export type AnyEventMessage = Message & Record<string, any>;

export const TRANSACTION_KEYINGS: readonly TransactionKeying[] = ["ledger", "account"];

function keyOf(row: OutboxRow, message: AnyEventMessage, keying: TransactionKeying): string {
  if (keying === "ledger") return row.partition_key;
  const accountId: unknown = message.transaction?.entries?.[0]?.accountId;
  return typeof accountId === "string" && accountId !== "" ? accountId : row.partition_key;
}

/** Encodes an outbox row; throws when the payload does not match its schema exactly. */
export function encodeOutboxRow(row: OutboxRow, keying: TransactionKeying = "ledger"): EventRecord {
  const desc = schemaOf(row.event_type);
  const message = fromJson(desc, row.payload, { ignoreUnknownFields: false });
  return {
    topic: row.topic,
    key: keyOf(row, message as AnyEventMessage, keying),
    value: toBinary(desc, message),
    headers: {
      [HEADERS.specversion]: CLOUDEVENTS_SPEC_VERSION,
      [HEADERS.id]: row.event_id,
      [HEADERS.type]: row.event_type,
      [HEADERS.source]: SOURCE,
      [HEADERS.time]: row.created_at.toISOString(),
      [HEADERS.sequence]: String(row.id),
      [HEADERS.contentType]: CONTENT_TYPE,
      [HEADERS.schema]: SCHEMA,
    },
  };
}

/** Decodes an event by its type header; throws on an unknown type or bytes that don't parse. */
export function decodeEvent(record: Pick<EventRecord, "value" | "headers">): { type: string; message: AnyEventMessage } {
  const type = record.headers[HEADERS.type];
  if (!type) throw new UnknownEventTypeError(`event has no ${HEADERS.type} header`);
  const contentType = record.headers[HEADERS.contentType];
  if (contentType !== undefined && contentType !== CONTENT_TYPE) throw new UnknownEventTypeError(`unsupported content type ${JSON.stringify(contentType)}`);
  return { type, message: fromBinary(schemaOf(type), record.value) as AnyEventMessage };
}
