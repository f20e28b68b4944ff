// Dead letters for operators: list them, replay one after a fix (processed in one transaction
// with its resolution; the event-id record makes a second processing a no-op), or discard it.
import type { Sql } from "postgres";
import { pgtyped } from "@ledgerflow/platform/db";
import * as eventsDb from "./db/events.queries.ts";
import { processEvent } from "./accrue.ts";
import { decodeBillingEvent } from "./decode.ts";
import { invalid } from "@ledgerflow/platform/errors";
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from "@ledgerflow/platform/paging";

export type DeadLetterStatus = "pending" | "replayed" | "discarded";
const STATUSES = new Set<string>(["pending", "replayed", "discarded"]);

export async function listDeadLetters(sql: Sql, filter: { status?: string; beforeId?: string; limit?: string }) {
  if (filter.status !== undefined && !STATUSES.has(filter.status)) throw invalid("status", "must be pending, replayed or discarded");
  if (filter.beforeId !== undefined && !/^[1-9][0-9]{0,17}$/.test(filter.beforeId)) throw invalid("before_id", "must be a positive integer");
  const limit = filter.limit === undefined ? PAGE_SIZE_DEFAULT : Number(filter.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_SIZE_MAX) throw invalid("limit", `must be between 1 and ${PAGE_SIZE_MAX}`);
  return eventsDb.listDeadLetters.run({ status: filter.status ?? null, beforeId: filter.beforeId ? BigInt(filter.beforeId) : null, limit: BigInt(limit) }, pgtyped(sql));
}

/** Replays (processes) or discards a pending dead letter; a replay that still fails throws and leaves it pending. */
export async function resolveDeadLetter(sql: Sql, id: bigint, action: "replay" | "discard", by: string, now: Date): Promise<"replayed" | "discarded" | "not_found" | "already_resolved"> {
  return sql.begin(async (tx) => {
    const db = pgtyped(tx);
    const [letter] = await eventsDb.lockDeadLetter.run({ id }, db);
    if (!letter) return "not_found" as const;
    if (letter.status !== "pending") return "already_resolved" as const;
    if (action === "replay") {
      const event = decodeBillingEvent({ value: new Uint8Array(letter.value), headers: letter.headers as Record<string, string>, timestamp: letter.created_at });
      await processEvent(tx, event, now);
    }
    const status = action === "replay" ? "replayed" : "discarded";
    await eventsDb.resolveDeadLetter.run({ id, status, by }, db);
    return status;
  });
}
