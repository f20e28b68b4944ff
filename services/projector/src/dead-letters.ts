// Dead letters: events the projector could not apply, kept (projector.dead_letters, in the read
// database) with the error and the original bytes until an operator replays or discards them.
// These functions are what the admin API calls; they need only the read database.
import type { Sql } from "postgres";
import type { ConsumedEvent } from "@ledgerflow/platform/events";
import { PAGE_ROWS_MAX, PAGE_SIZE_DEFAULT } from "@ledgerflow/platform/paging";
import { applyEvents } from "./apply.ts";
import { decodeReadEvent } from "./decode.ts";

export type DeadLetterStatus = "pending" | "replayed" | "discarded";
const STATUSES = new Set<DeadLetterStatus>(["pending", "replayed", "discarded"]);

export interface DeadLetterFilter {
  status?: DeadLetterStatus;
  eventType?: string;
  topic?: string;
  /** Keyset pagination: letters with a smaller id. */
  beforeId?: number;
  /** At most a page and the row after it (PAGE_ROWS_MAX): the gateway reads one more to know whether another page follows. */
  limit?: number;
}

/** Records a dead letter; false when the same event already is one. */
export async function recordDeadLetter(sql: Sql, e: ConsumedEvent, error: string, attempts: number): Promise<boolean> {
  const result = await sql`
    INSERT INTO projector.dead_letters (event_id, event_type, topic, "partition", "offset", key, value, headers, error, attempts)
    SELECT ${e.headers.ce_id ?? null}, ${e.headers.ce_type ?? null}, ${e.topic}, ${e.partition}, ${e.offset}, ${e.key},
           ${Buffer.from(e.value)}, ${sql.json(e.headers)}, ${error.slice(0, 2000)}, ${attempts}
     -- A redelivery (or a rebuild) of an event that is already a letter adds no second one, and
     -- one an operator discarded stays discarded.
     WHERE NOT EXISTS (SELECT 1 FROM projector.dead_letters
                        WHERE topic = ${e.topic} AND "partition" = ${e.partition} AND "offset" = ${e.offset}
                          AND event_id IS NOT DISTINCT FROM ${e.headers.ce_id ?? null}::text)`;
  return result.count === 1;
}

export async function listDeadLetters(sql: Sql, filter: DeadLetterFilter = {}) {
  if (filter.status !== undefined && !STATUSES.has(filter.status)) throw new RangeError(`unknown status ${JSON.stringify(filter.status)}`);
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? PAGE_SIZE_DEFAULT), 1), PAGE_ROWS_MAX);
  return sql`
    SELECT id, event_id, event_type, topic, "partition", "offset", key, headers, error, attempts, status, created_at, resolved_at, resolved_by
      FROM projector.dead_letters
     WHERE (${filter.status ?? null}::text IS NULL OR status = ${filter.status ?? null})
       AND (${filter.eventType ?? null}::text IS NULL OR event_type = ${filter.eventType ?? null})
       AND (${filter.topic ?? null}::text IS NULL OR topic = ${filter.topic ?? null})
       AND (${filter.beforeId ?? null}::bigint IS NULL OR id < ${filter.beforeId ?? null})
     ORDER BY id DESC LIMIT ${limit}`;
}

export async function getDeadLetter(sql: Sql, id: number) {
  const [row] = await sql`SELECT * FROM projector.dead_letters WHERE id = ${id}`;
  return row;
}

export async function countPendingDeadLetters(sql: Sql): Promise<number> {
  const [row] = await sql`SELECT count(*)::int AS n FROM projector.dead_letters WHERE status = 'pending'`;
  return row!.n as number;
}

/**
 * Applies a dead letter to the read model (after a fix) and marks it replayed, in one
 * transaction; the event-id record makes a second application a no-op. Throws (and leaves the
 * letter pending) when the event still fails.
 */
export async function replayDeadLetter(sql: Sql, id: number, by: string, schema = "read"): Promise<"replayed" | "not_found" | "already_resolved"> {
  return sql.begin(async (tx) => {
    const [row] = await tx`SELECT * FROM projector.dead_letters WHERE id = ${id} FOR UPDATE`;
    if (!row) return "not_found" as const;
    if (row.status !== "pending") return "already_resolved" as const;
    await applyEvents(tx, schema, [decodeReadEvent({ value: new Uint8Array(row.value), headers: row.headers })]);
    await tx`UPDATE projector.dead_letters SET status = 'replayed', resolved_at = now(), resolved_by = ${by} WHERE id = ${id}`;
    return "replayed" as const;
  });
}

export async function discardDeadLetter(sql: Sql, id: number, by: string): Promise<"discarded" | "not_found" | "already_resolved"> {
  const rows = await sql`
    UPDATE projector.dead_letters SET status = 'discarded', resolved_at = now(), resolved_by = ${by}
     WHERE id = ${id} AND status = 'pending' RETURNING id`;
  if (rows.length === 1) return "discarded";
  return (await getDeadLetter(sql, id)) ? "already_resolved" : "not_found";
}
