// Between the wire (generated protobuf types) and the domain views.
import { create } from "@bufbuild/protobuf";
import { timestampDate, timestampFromDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import * as pb from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import type { Side, Effect } from "../domain/balances.ts";
import type { AccountView, BalanceView, TransactionView } from "../ledger.ts";
import type { Author, EntryInput, PostInput } from "../domain/posting.ts";

export const toSide = (d: pb.Direction): Side | undefined => (d === pb.Direction.DEBIT ? "debit" : d === pb.Direction.CREDIT ? "credit" : undefined);
export const toNormal = (n: pb.NormalBalance): Side | undefined => (n === pb.NormalBalance.DEBIT ? "debit" : n === pb.NormalBalance.CREDIT ? "credit" : undefined);
const fromSide = (s: Side) => (s === "debit" ? pb.Direction.DEBIT : pb.Direction.CREDIT);
const fromEffect = (e: Effect) => (e === "post" ? pb.EntryEffect.POST : e === "hold" ? pb.EntryEffect.HOLD : pb.EntryEffect.RELEASE);
const STATUS = { pending: pb.TransactionStatus.PENDING, posted: pb.TransactionStatus.POSTED, voided: pb.TransactionStatus.VOIDED, reversed: pb.TransactionStatus.REVERSED } as const;
const TYPE = { standard: pb.TransactionType.STANDARD, pending: pb.TransactionType.PENDING, commit: pb.TransactionType.COMMIT, void: pb.TransactionType.VOID, reversal: pb.TransactionType.REVERSAL } as const;

export const date = (t: Timestamp | undefined): Date | undefined => (t ? timestampDate(t) : undefined);
const ts = (d: Date | null | undefined) => (d ? timestampFromDate(d) : undefined);

export function balanceMessage(b: BalanceView): pb.Balance {
  return create(pb.BalanceSchema, { ...b, asOf: ts(b.asOf) });
}

export function accountMessage(a: AccountView): pb.Account {
  return create(pb.AccountSchema, {
    id: a.id,
    ledger: a.ledger,
    code: a.code,
    currency: a.currency,
    normalBalance: a.normalBalance === "debit" ? pb.NormalBalance.DEBIT : pb.NormalBalance.CREDIT,
    allowOverdraft: a.allowOverdraft,
    overdraftLimit: a.overdraftLimit ?? undefined,
    metadata: a.metadata,
    balance: balanceMessage(a.balance),
    createdAt: ts(a.createdAt),
    updatedAt: ts(a.updatedAt),
  });
}

export function transactionMessage(t: TransactionView): pb.Transaction {
  return create(pb.TransactionSchema, {
    id: t.id,
    ledger: t.ledger,
    type: TYPE[t.kind],
    status: STATUS[t.status],
    idempotencyKey: t.idempotencyKey,
    description: t.description,
    metadata: t.metadata,
    parentTransactionId: t.parentId ?? "",
    resolvedByTransactionId: t.resolvedById ?? "",
    reversedByTransactionId: t.reversedById ?? "",
    voidReason: t.voidReason ?? "",
    sequence: t.sequence,
    effectiveAt: ts(t.effectiveAt),
    createdAt: ts(t.createdAt),
    expiresAt: ts(t.expiresAt),
    caller: t.caller ?? "",
    actor: t.actor ?? "",
    entries: t.entries.map((e) => ({ leg: e.leg, accountId: e.accountId, accountCode: e.accountCode, currency: e.currency, direction: fromSide(e.direction), effect: fromEffect(e.effect), amount: e.amount.toString() })),
  });
}

export function postInput(r: pb.PostTransactionRequest, author?: Author): PostInput {
  return {
    author,
    ledger: r.ledger,
    idempotencyKey: r.idempotencyKey,
    pending: r.pending,
    expiresAt: date(r.expiresAt),
    description: r.description,
    metadata: r.metadata,
    effectiveAt: date(r.effectiveAt),
    entries: r.entries.map((e): EntryInput => ({ accountId: e.accountId || undefined, accountCode: e.accountCode || undefined, direction: toSide(e.direction), amount: e.amount })),
  };
}
