// Between the wire (generated protobuf types) and the domain views.
import { create } from "@bufbuild/protobuf";
import { timestampDate, timestampFromDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import * as pb from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { DIRECTIONS, EFFECTS, KINDS, NORMAL_BALANCES, STATUSES } from "@ledgerflow/platform/wire";
import type { Side } from "../domain/balances.ts";
import type { AccountView, BalanceView, TransactionView } from "../views.ts";
import type { Author, EntryInput, PostInput } from "../domain/posting.ts";

export const toSide = (d: pb.Direction): Side | undefined => DIRECTIONS.fromApi(d);
export const toNormal = (n: pb.NormalBalance): Side | undefined => NORMAL_BALANCES.fromApi(n);

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
    normalBalance: NORMAL_BALANCES.toApi(a.normalBalance),
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
    type: KINDS.toApi(t.kind),
    status: STATUSES.toApi(t.status),
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
    entries: t.entries.map((e) => ({ leg: e.leg, accountId: e.accountId, accountCode: e.accountCode, currency: e.currency, direction: DIRECTIONS.toApi(e.direction), effect: EFFECTS.toApi(e.effect), amount: e.amount.toString() })),
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
