// The rules of the transactions that follow another (pure: no I/O): which originals each may
// follow, and the entries it writes. A commit releases every hold and posts the held amounts (or
// less, per leg); a void releases every hold; a reversal posts the original's posted entries back
// in the opposite direction. Postgres checks the same rules again (sql/migrations/0040).
import type { Side } from "./balances.ts";
import { invalid, LedgerError } from "./errors.ts";
import { checkBalanced, type EntryDraft, type Kind } from "./posting.ts";

/** What a follow-up needs of the transaction it follows. */
export interface Original {
  id: string;
  kind: Kind;
  entries: { leg: number; accountId: string; currency: string; direction: Side; effect: "post" | "hold" | "release"; amount: bigint }[];
}

/** Per-leg amounts to commit instead of the held ones (0 commits nothing of that leg). */
export type CommitAmounts = Map<number, bigint>;

export function commitEntries(original: Original, amounts: CommitAmounts): EntryDraft[] {
  if (original.kind !== "pending") throw new LedgerError("failed_precondition", `transaction ${original.id} is not pending; only pending transactions can be committed`);
  for (const leg of amounts.keys()) {
    const held = original.entries.find((e) => e.leg === leg);
    if (!held) throw invalid("amounts", `leg ${leg} does not exist in transaction ${original.id}`);
    if (amounts.get(leg)! > held.amount) throw invalid("amounts", `leg ${leg}: cannot commit more than the held ${held.amount}`);
  }
  const releases = original.entries.map((e, i) => ({ leg: i, account: { accountId: e.accountId }, direction: e.direction, effect: "release" as const, amount: e.amount }));
  const posts = original.entries
    .map((e) => ({ account: { accountId: e.accountId }, direction: e.direction, effect: "post" as const, amount: amounts.get(e.leg) ?? e.amount }))
    .filter((e) => e.amount > 0n)
    .map((e, i) => ({ ...e, leg: releases.length + i }));
  checkBalanced(
    posts.map((p, i) => ({ ...p, currency: original.entries.find((e) => e.accountId === p.account.accountId)?.currency ?? String(i) })),
    "amounts",
  );
  return [...releases, ...posts];
}

export function voidEntries(original: Original): EntryDraft[] {
  if (original.kind !== "pending") throw new LedgerError("failed_precondition", `transaction ${original.id} is not pending; only pending transactions can be voided`);
  return original.entries.map((e, i) => ({ leg: i, account: { accountId: e.accountId }, direction: e.direction, effect: "release" as const, amount: e.amount }));
}

export function reversalEntries(original: Original): EntryDraft[] {
  if (original.kind !== "standard" && original.kind !== "commit") {
    throw new LedgerError("failed_precondition", `transaction ${original.id} is ${original.kind}; only posted transactions can be reversed (commit a pending one first, or void it)`);
  }
  return original.entries.filter((e) => e.effect === "post").map((e, i) => ({ leg: i, account: { accountId: e.accountId }, direction: (e.direction === "debit" ? "credit" : "debit") as Side, effect: "post" as const, amount: e.amount }));
}
