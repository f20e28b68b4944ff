// Outbox payloads (protobuf canonical JSON written by the database triggers) to the binary
// protobuf events consumers read, and back.
import { createRegistry, fromBinary, fromJson, toBinary, type DescMessage, type JsonValue } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { file_ledgerflow_events_v1_events } from "@ledgerflow/proto/gen/ledgerflow/events/v1/events_pb.ts";
import type { EventRecord } from "./types.ts";

const registry = createRegistry(file_ledgerflow_events_v1_events);

export const CONTENT_TYPE = "application/x-protobuf";
export const SCHEMA = "ledgerflow/events/v1/events.proto";

export interface OutboxRow {
  id: bigint | string;
  event_id: string;
  topic: string;
  partition_key: string;
  event_type: string;
  payload: JsonValue;
  created_at: Date;
}

export function schemaOf(eventType: string): DescMessage {
  const desc = registry.getMessage(eventType);
  if (!desc) throw new Error(`unknown event type ${eventType}`);
  return desc;
}

/** Encodes an outbox row; throws when the payload does not match its schema. */
export function encodeOutboxRow(row: OutboxRow): EventRecord {
  const desc = schemaOf(row.event_type);
  const message = fromJson(desc, row.payload, { ignoreUnknownFields: false });
  return {
    topic: row.topic,
    key: row.partition_key,
    value: toBinary(desc, message),
    headers: {
      ce_id: row.event_id,
      ce_type: row.event_type,
      ce_source: "ledgerflow.ledger",
      ce_time: row.created_at.toISOString(),
      ce_sequence: String(row.id),
      "content-type": CONTENT_TYPE,
      schema: SCHEMA,
    },
  };
}

/** Decodes an event by its ce_type header. */
export function decodeEvent(record: Pick<EventRecord, "value" | "headers">) {
  const type = record.headers.ce_type;
  if (!type) throw new Error("event has no ce_type header");
  const desc = schemaOf(type);
  return { type, message: fromBinary(desc, record.value) as any };
}

export { timestampDate };
