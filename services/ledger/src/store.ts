// The store: reading transactions and accounts back from the journal into the ledger's views.
import type { Sql, TransactionSql } from "postgres";
import { pgtyped } from "@ledgerflow/platform/db";
import { transactionStatus } from "@ledgerflow/platform/wire";
import type * as accountsDb from "./db/accounts.queries.ts";
import * as txDb from "./db/transactions.queries.ts";
import { figures, type Side } from "./domain/balances.ts";
import type * as posting from "./domain/posting.ts";
import type { ResolvedEntry } from "./posting/engine.ts";
import type { AccountView, BalanceView, TransactionView } from "./views.ts";

type AccountRow = accountsDb.IGetAccountByIdResult;

/** The transactions of `ids` in `ledger` with their entries, in the order of `ids` (missing ones left out). */
export async function loadTransactions(sql: Sql | TransactionSql, ledger: string, ids: string[]): Promise<TransactionView[]> {
  if (ids.length === 0) return [];
  const db = pgtyped(sql);
  const rows = await txDb.getTransactions.run({ ledger, ids }, db);
  const entries = await txDb.getEntries.run({ transactionIds: rows.map((r) => r.id) }, db);
  const byTx = new Map<string, ResolvedEntry[]>();
  for (const e of entries) {
    const list = byTx.get(e.transaction_id) ?? [];
    list.push({ leg: e.leg, accountId: e.account_id, accountCode: e.account_code, currency: e.currency, direction: e.direction as Side, effect: e.effect as ResolvedEntry["effect"], amount: BigInt(e.amount) });
    byTx.set(e.transaction_id, list);
  }
  const views = new Map(rows.map((r) => [r.id, transactionView(r, byTx.get(r.id) ?? [])]));
  return ids.map((id) => views.get(id)).filter((v): v is TransactionView => v !== undefined);
}

function transactionView(r: txDb.IGetTransactionsResult, entries: ResolvedEntry[]): TransactionView {
  const kind = r.kind as posting.Kind;
  const status = transactionStatus(kind, r.resolved_kind as posting.Kind | null, Boolean(r.reversed_by));
  return {
    id: r.id,
    ledger: r.ledger,
    kind,
    status,
    idempotencyKey: r.idempotency_key,
    description: r.description,
    metadata: r.metadata as Record<string, string>,
    entries,
    parentId: r.parent_id,
    resolvedById: r.resolved_by,
    reversedById: r.reversed_by,
    voidReason: r.void_reason,
    sequence: r.seq,
    effectiveAt: r.effective_at,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    caller: r.caller,
    actor: r.actor,
  };
}

export function accountView(r: AccountRow): AccountView {
  const view: Omit<AccountView, "balance"> = {
    id: r.id,
    ledger: r.ledger,
    code: r.code,
    currency: r.currency,
    normalBalance: r.normal_balance as Side,
    allowOverdraft: r.allow_overdraft,
    overdraftLimit: r.overdraft_limit,
    metadata: r.metadata as Record<string, string>,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  return { ...view, balance: balanceView(view, { ...r, account_version: r.version }, new Date()) };
}

export function balanceView(
  a: Pick<AccountView, "id" | "currency" | "normalBalance">,
  r: { posted_debits: string; posted_credits: string; pending_debits: string; pending_credits: string; account_version: bigint },
  asOf: Date,
): BalanceView {
  const raw = { normalBalance: a.normalBalance, postedDebits: BigInt(r.posted_debits), postedCredits: BigInt(r.posted_credits), pendingDebits: BigInt(r.pending_debits), pendingCredits: BigInt(r.pending_credits) };
  const f = figures(raw);
  return {
    accountId: a.id,
    currency: a.currency,
    posted: f.posted.toString(),
    pending: f.pending.toString(),
    available: f.available.toString(),
    postedDebits: r.posted_debits,
    postedCredits: r.posted_credits,
    pendingDebits: r.pending_debits,
    pendingCredits: r.pending_credits,
    version: BigInt(r.account_version),
    asOf,
  };
}
