// Read-model rows and ledger messages to the admin API's messages.
import { create } from "@bufbuild/protobuf";
import { timestampFromDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import * as admin from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import type * as ledger from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { figures } from "@ledgerflow/ledger/balances";
import { DIRECTIONS, EFFECTS, KINDS, NORMAL_BALANCES, STATUSES } from "@ledgerflow/platform/wire";
import type { IListReadAccountsResult, IListReadLegsResult, ISearchReadTransactionsResult } from "../db/read.queries.ts";

export const ts = (d: Date | null | undefined): Timestamp | undefined => (d ? timestampFromDate(d) : undefined);

export function accountFromRead(r: IListReadAccountsResult, scale: number): admin.AccountSummary {
  const side = r.normal_balance === "debit" ? "debit" : "credit";
  const f = figures({ normalBalance: side, postedDebits: BigInt(r.posted_debits), postedCredits: BigInt(r.posted_credits), pendingDebits: BigInt(r.pending_debits), pendingCredits: BigInt(r.pending_credits) });
  return create(admin.AccountSummarySchema, {
    id: r.account_id,
    ledger: r.ledger,
    code: r.code,
    currency: r.currency,
    scale,
    normalBalance: NORMAL_BALANCES.apiOf(r.normal_balance),
    allowOverdraft: r.allow_overdraft,
    overdraftLimit: r.overdraft_limit ?? undefined,
    metadata: r.metadata as Record<string, string>,
    posted: f.posted.toString(),
    pending: f.pending.toString(),
    available: f.available.toString(),
    postedDebits: r.posted_debits,
    postedCredits: r.posted_credits,
    pendingDebits: r.pending_debits,
    pendingCredits: r.pending_credits,
    version: r.version,
    createdAt: ts(r.created_at),
    updatedAt: ts(r.updated_at),
  });
}

export function accountFromLedger(a: ledger.Account, scale: number): admin.AccountSummary {
  const b = a.balance;
  return create(admin.AccountSummarySchema, {
    id: a.id,
    ledger: a.ledger,
    code: a.code,
    currency: a.currency,
    scale,
    normalBalance: a.normalBalance,
    allowOverdraft: a.allowOverdraft,
    overdraftLimit: a.overdraftLimit,
    metadata: a.metadata,
    posted: b?.posted ?? "0",
    pending: b?.pending ?? "0",
    available: b?.available ?? "0",
    postedDebits: b?.postedDebits ?? "0",
    postedCredits: b?.postedCredits ?? "0",
    pendingDebits: b?.pendingDebits ?? "0",
    pendingCredits: b?.pendingCredits ?? "0",
    version: b?.version ?? 0n,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  });
}

export function legFromRead(l: IListReadLegsResult): admin.Leg {
  return create(admin.LegSchema, {
    leg: l.leg,
    accountId: l.account_id,
    accountCode: l.account_code,
    currency: l.currency,
    direction: DIRECTIONS.apiOf(l.direction),
    effect: EFFECTS.apiOf(l.effect),
    amount: l.amount,
  });
}

export function transactionFromRead(t: ISearchReadTransactionsResult, legs: IListReadLegsResult[]): admin.TransactionSummary {
  return create(admin.TransactionSummarySchema, {
    id: t.transaction_id,
    ledger: t.ledger,
    sequence: t.sequence,
    type: KINDS.apiOf(t.type),
    status: STATUSES.apiOf(t.status),
    parentTransactionId: t.parent_id ?? "",
    idempotencyKey: t.idempotency_key,
    description: t.description,
    metadata: t.metadata as Record<string, string>,
    total: t.total,
    currencies: t.currencies,
    legs: legs.map(legFromRead),
    effectiveAt: ts(t.effective_at),
    createdAt: ts(t.created_at),
    actor: [t.actor, t.caller && t.actor ? `via ${t.caller}` : t.caller].filter(Boolean).join(" "),
    expiresAt: ts(t.expires_at),
  });
}
