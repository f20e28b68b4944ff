// The write path for a batch of transaction drafts inside one database transaction:
// resolve accounts, settle idempotency, lock every touched account in id order (so concurrent
// batches never deadlock), check balance and floors in memory, then insert all transactions
// and all entries with one statement each. Each entry carries the account's balances and version
// after it, computed here under the row locks; the journal's statement trigger verifies them and
// applies the whole statement to ledger.balances in one UPDATE (sql/migrations/0040). Postgres
// re-checks every invariant in its triggers.
import type { TransactionSql } from "postgres";
import { pgtyped } from "@ledgerflow/platform/db";
import { applyEntry, isInsufficient, type AccountState, type Effect, type Side } from "../domain/balances.ts";
import { LedgerError } from "../domain/errors.ts";
import { checkBalanced, LEDGER_AUTHOR, type TransactionDraft } from "../domain/posting.ts";
import { lockAccounts, resolveAccountCodes } from "../db/accounts.queries.ts";
import { AccountDirectory } from "./account-directory.ts";
import { findByIdempotencyKeys, insertEntries, insertTransactions } from "../db/transactions.queries.ts";

export interface ResolvedEntry {
  leg: number;
  accountId: string;
  accountCode: string;
  currency: string;
  direction: Side;
  effect: Effect;
  amount: bigint;
}

export interface CreatedTransaction {
  id: string;
  seq: bigint;
  createdAt: Date;
  draft: TransactionDraft;
  entries: ResolvedEntry[];
}

export type Outcome = { status: "created"; transaction: CreatedTransaction } | { status: "replayed"; transactionId: string } | { status: "failed"; error: LedgerError };

/** A concurrent writer inserted one of our idempotency keys first: run the batch again. */
export class IdempotencyRaceError extends Error {
  constructor() {
    super("an idempotency key was taken by a concurrent writer");
  }
}

/** One group is one request: atomic groups succeed or fail as a whole. */
export interface DraftGroup {
  drafts: TransactionDraft[];
  atomic: boolean;
}

type Working = { draft: TransactionDraft; outcome?: Outcome; entries?: ResolvedEntry[] /** The account's state right after each entry (balances and version, as the journal records them). */; after?: AccountState[]; id?: string };

const ledgerKey = (ledger: string, x: string) => `${ledger}\u0000${x}`;

export async function writeDrafts(tx: TransactionSql, groups: DraftGroup[], directory: AccountDirectory = new AccountDirectory()): Promise<Outcome[][]> {
  const db = pgtyped(tx);
  const work: Working[][] = groups.map((g) => g.drafts.map((draft) => ({ draft })));
  const all = work.flat();
  const codeToId = await resolveCodes(db, all, directory);
  const { existing, locked } = await readKeysAndLockAccounts(db, all, codeToId);
  const repeats = settleIdempotency(all, existing);
  const accounts = accountStates(locked, directory);
  // Apply group by group on copies; a failing atomic group leaves no trace.
  for (const [gi, group] of groups.entries()) applyGroup(work[gi]!, group.atomic, accounts, codeToId, repeats);
  await insertAccepted(
    db,
    all.filter((w) => !w.outcome && !repeats.has(w)),
  );
  for (const [w, first] of repeats) {
    const o = first.outcome!;
    w.outcome = o.status === "created" ? { status: "replayed", transactionId: o.transaction.id } : o;
  }
  return work.map((g) => g.map((w) => w.outcome!));
}

type Db = ReturnType<typeof pgtyped>;
type LockedRow = Awaited<ReturnType<typeof lockAccounts.run>>[number];

/** Account codes to ids, per ledger: from the directory, and in one query per ledger for the codes it does not know yet. */
async function resolveCodes(db: Db, all: Working[], directory: AccountDirectory): Promise<Map<string, string>> {
  const codeToId = new Map<string, string>();
  const unknown: (readonly [string, string])[] = [];
  for (const w of all) {
    for (const e of w.draft.entries) {
      if (!e.account.accountCode) continue;
      const id = directory.get(w.draft.ledger, e.account.accountCode);
      if (id) codeToId.set(ledgerKey(w.draft.ledger, e.account.accountCode), id);
      else unknown.push([w.draft.ledger, e.account.accountCode]);
    }
  }
  for (const [ledger, codes] of groupBy(unknown)) {
    for (const row of await resolveAccountCodes.run({ ledger, codes: [...new Set(codes)] }, db)) {
      codeToId.set(ledgerKey(ledger, row.code), row.id);
      directory.remember(ledger, row.code, row.id);
    }
  }
  return codeToId;
}

/**
 * Pipelined on one connection: the idempotency keys already in the journal, and the touched
 * accounts' balances, locked in id order (so concurrent batches never deadlock). Accounts of items
 * that turn out to be replays get locked too; that costs nothing and saves a round trip.
 */
async function readKeysAndLockAccounts(db: Db, all: Working[], codeToId: Map<string, string>): Promise<{ existing: Map<string, { id: string; hash: Buffer | null }>; locked: LockedRow[] }> {
  const keysByLedger = groupBy(all.map((w) => [w.draft.ledger, w.draft.idempotencyKey] as const));
  const ids = new Set<string>();
  for (const w of all) {
    for (const e of w.draft.entries) {
      const id = e.account.accountId ?? codeToId.get(ledgerKey(w.draft.ledger, e.account.accountCode!));
      if (id) ids.add(id);
    }
  }
  const [keyRows, locked] = await Promise.all([
    Promise.all([...keysByLedger].map(([ledger, keys]) => findByIdempotencyKeys.run({ ledger, keys: [...new Set(keys)] }, db))),
    ids.size > 0 ? lockAccounts.run({ ids: [...ids].sort() }, db) : Promise.resolve([]),
  ]);
  const existing = new Map<string, { id: string; hash: Buffer | null }>();
  for (const rows of keyRows) {
    for (const row of rows) existing.set(ledgerKey(row.ledger, row.idempotency_key), { id: row.id, hash: row.request_hash });
  }
  return { existing, locked };
}

/**
 * A key already in the journal replays its transaction (same request) or is refused (another
 * request). Within the batch, the first use of a key is written; a later identical request is a
 * repeat of it (returned as its replay), a later different one is refused.
 */
function settleIdempotency(all: Working[], existing: Map<string, { id: string; hash: Buffer | null }>): Map<Working, Working> {
  const firstInBatch = new Map<string, Working>();
  const repeats = new Map<Working, Working>();
  for (const w of all) {
    const key = ledgerKey(w.draft.ledger, w.draft.idempotencyKey);
    const prior = existing.get(key);
    if (prior) {
      w.outcome = prior.hash?.equals(w.draft.requestHash) ? { status: "replayed", transactionId: prior.id } : { status: "failed", error: keyReused(w.draft.idempotencyKey) };
      continue;
    }
    const first = firstInBatch.get(key);
    if (!first) firstInBatch.set(key, w);
    else if (first.draft.requestHash.equals(w.draft.requestHash)) repeats.set(w, first);
    else w.outcome = { status: "failed", error: keyReused(w.draft.idempotencyKey) };
  }
  return repeats;
}

/** The locked accounts as the in-memory rules see them (and their codes, for the directory). */
function accountStates(locked: LockedRow[], directory: AccountDirectory): Map<string, AccountState> {
  const accounts = new Map<string, AccountState>();
  for (const r of locked) {
    directory.remember(r.ledger, r.code, r.id);
    accounts.set(r.id, {
      id: r.id,
      ledger: r.ledger,
      code: r.code,
      currency: r.currency,
      normalBalance: r.normal_balance as Side,
      allowOverdraft: r.allow_overdraft,
      overdraftLimit: r.overdraft_limit === null ? null : BigInt(r.overdraft_limit),
      postedDebits: BigInt(r.posted_debits),
      postedCredits: BigInt(r.posted_credits),
      pendingDebits: BigInt(r.pending_debits),
      pendingCredits: BigInt(r.pending_credits),
      version: r.version,
    });
  }
  return accounts;
}

/**
 * Inserts the accepted transactions and all their entries, one statement each, pipelined. If a
 * concurrent writer took one of our keys, its row is skipped (ON CONFLICT DO NOTHING), its entries
 * then miss their transaction, and the batch runs again (IdempotencyRaceError).
 */
async function insertAccepted(db: Db, accepted: Working[]): Promise<void> {
  if (accepted.length === 0) return;
  for (const w of accepted) w.id = Bun.randomUUIDv7();
  const entries = accepted.flatMap((w) => w.entries!.map((e, i) => ({ e, w, after: w.after![i]! })));
  const [insertedResult, entriesResult] = await Promise.allSettled([
    insertTransactions.run(
      {
        ids: accepted.map((w) => w.id!),
        ledgers: accepted.map((w) => w.draft.ledger),
        kinds: accepted.map((w) => w.draft.kind),
        parentIds: accepted.map((w) => w.draft.parentId) as string[],
        keys: accepted.map((w) => w.draft.idempotencyKey),
        hashes: accepted.map((w) => w.draft.requestHash.toString("hex")),
        descriptions: accepted.map((w) => w.draft.description),
        metadata: accepted.map((w) => JSON.stringify(w.draft.metadata)),
        voidReasons: accepted.map((w) => w.draft.voidReason) as string[],
        effectiveAts: accepted.map((w) => w.draft.effectiveAt?.toISOString() ?? null) as string[],
        expiresAts: accepted.map((w) => w.draft.expiresAt?.toISOString() ?? null) as string[],
        callers: accepted.map((w) => (w.draft.author ?? LEDGER_AUTHOR).caller),
        actors: accepted.map((w) => (w.draft.author ?? LEDGER_AUTHOR).actor) as string[],
      },
      db,
    ),
    insertEntries.run(
      {
        transactionIds: entries.map((x) => x.w.id!),
        legs: entries.map((x) => x.e.leg),
        ledgers: entries.map((x) => x.w.draft.ledger),
        accountIds: entries.map((x) => x.e.accountId),
        currencies: entries.map((x) => x.e.currency),
        directions: entries.map((x) => x.e.direction),
        effects: entries.map((x) => x.e.effect),
        amounts: entries.map((x) => x.e.amount.toString()),
        postedDebits: entries.map((x) => x.after.postedDebits.toString()),
        postedCredits: entries.map((x) => x.after.postedCredits.toString()),
        pendingDebits: entries.map((x) => x.after.pendingDebits.toString()),
        pendingCredits: entries.map((x) => x.after.pendingCredits.toString()),
        accountVersions: entries.map((x) => x.after.version.toString()),
      },
      db,
    ),
  ]);
  if (insertedResult.status === "rejected") throw insertedResult.reason;
  const inserted = insertedResult.value;
  if (inserted.length !== accepted.length) throw new IdempotencyRaceError();
  if (entriesResult.status === "rejected") throw entriesResult.reason;
  const byId = new Map(inserted.map((r) => [r.id, r]));
  for (const w of accepted) {
    const row = byId.get(w.id!)!;
    w.outcome = { status: "created", transaction: { id: w.id!, seq: row.seq, createdAt: row.created_at, draft: w.draft, entries: w.entries! } };
  }
}

function applyGroup(items: Working[], atomic: boolean, accounts: Map<string, AccountState>, codeToId: Map<string, string>, repeats: Map<Working, Working>): void {
  const scratch = new Map<string, AccountState>();
  const read = (id: string) => scratch.get(id) ?? accounts.get(id);
  let failure: LedgerError | undefined;
  for (const [index, w] of items.entries()) {
    if (repeats.has(w)) continue;
    if (w.outcome) {
      if (atomic && w.outcome.status === "failed") failure ??= w.outcome.error;
      continue;
    }
    const result = resolveAndApply(w.draft, read, codeToId);
    if (result instanceof LedgerError) {
      w.outcome = { status: "failed", error: atomic && items.length > 1 ? prefixed(result, index) : result };
      failure ??= w.outcome.error;
      if (atomic) break;
      continue;
    }
    w.entries = result.entries;
    w.after = result.after;
    for (const [id, state] of result.states) scratch.set(id, state);
  }
  if (atomic && failure) {
    for (const w of items) w.outcome = { status: "failed", error: failure };
    return;
  }
  for (const [id, state] of scratch) accounts.set(id, state);
}

function resolveAndApply(draft: TransactionDraft, read: (id: string) => AccountState | undefined, codeToId: Map<string, string>): { entries: ResolvedEntry[]; after: AccountState[]; states: Map<string, AccountState> } | LedgerError {
  const entries: ResolvedEntry[] = [];
  for (const e of draft.entries) {
    const field = `entries[${e.leg}].${e.account.accountId ? "account_id" : "account_code"}`;
    const id = e.account.accountId ?? codeToId.get(ledgerKey(draft.ledger, e.account.accountCode!));
    const account = id ? read(id) : undefined;
    if (!account || account.ledger !== draft.ledger) {
      return new LedgerError("not_found", `${field}: account ${e.account.accountId ?? e.account.accountCode} not found in ledger ${draft.ledger}`, { field });
    }
    entries.push({ leg: e.leg, accountId: account.id, accountCode: account.code, currency: account.currency, direction: e.direction, effect: e.effect, amount: e.amount });
  }
  try {
    checkBalanced(entries);
  } catch (error) {
    return error as LedgerError;
  }
  const states = new Map<string, AccountState>();
  const after: AccountState[] = [];
  for (const e of entries) {
    const next = applyEntry(states.get(e.accountId) ?? read(e.accountId)!, e.effect, e.direction, e.amount);
    if (isInsufficient(next)) {
      return new LedgerError("failed_precondition", `insufficient funds in account ${next.accountCode}: available ${next.available}, requested ${next.requested}`, {
        field: `entries[${e.leg}]`,
        insufficientFunds: next,
      });
    }
    states.set(e.accountId, next);
    after.push(next);
  }
  return { entries, after, states };
}

function prefixed(error: LedgerError, index: number): LedgerError {
  const field = `transactions[${index}]${error.field ? `.${error.field}` : ""}`;
  return new LedgerError(error.code, `transactions[${index}]: ${error.message}`, { field, insufficientFunds: error.insufficientFunds, cause: error });
}

function keyReused(key: string): LedgerError {
  return new LedgerError("already_exists", `idempotency key ${JSON.stringify(key)} was already used for a different request`, { field: "idempotency_key" });
}

function groupBy<V>(pairs: (readonly [string, V])[]): Map<string, V[]> {
  const map = new Map<string, V[]>();
  for (const [k, v] of pairs) {
    const list = map.get(k);
    if (list) list.push(v);
    else map.set(k, [v]);
  }
  return map;
}
