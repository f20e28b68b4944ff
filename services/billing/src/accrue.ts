// What one ledger event does to billing, inside the consumer's database transaction: claim its
// id (a redelivery finds it claimed and changes nothing), then charge every assigned account
// with billable posted entries (TransactionPosted, PendingTransactionCommitted), or refund the
// charges of the transaction a TransactionReversed reverses. Holds and voids accrue nothing, and
// the fee transactions billing posts itself are never billed.
import type { Sql, TransactionSql } from "postgres";
import { pgtyped, type PgtypedConnection } from "@ledgerflow/platform/db";
import * as accrualsDb from "./db/accruals.queries.ts";
import * as assignmentsDb from "./db/assignments.queries.ts";
import * as eventsDb from "./db/events.queries.ts";
import * as invoicesDb from "./db/invoices.queries.ts";
import { billableBase, computeFee, type Basis, type Side } from "./domain/fees.ts";
import { periodOf, type Period } from "./domain/periods.ts";
import type { BillingEvent } from "./decode.ts";

/** Marks of billing's own fee transactions (metadata key, idempotency key prefix). */
export const FEE_METADATA_INVOICE = "billing.invoice_id";
export const FEE_KEY_PREFIX = "billing:";
/** Attempts at finding an open invoice when invoices close under our feet. */
const OPEN_INVOICE_ATTEMPTS_MAX = 4;

export type SourceType = "standard" | "commit" | "reversal";
export interface EventOutcome {
  duplicate: boolean;
  accruals: number;
  sourceType?: SourceType;
}

export function isBillingFee(e: Pick<BillingEvent, "metadata" | "idempotencyKey">): boolean {
  return FEE_METADATA_INVOICE in e.metadata || e.idempotencyKey.startsWith(FEE_KEY_PREFIX);
}

export async function processEvent(tx: TransactionSql | Sql, e: BillingEvent, now: Date): Promise<EventOutcome> {
  const db = pgtyped(tx);
  const [claimed] = await eventsDb.claimEvent.run({ eventId: e.eventId, eventType: e.type }, db);
  if (!claimed) return { duplicate: true, accruals: 0 };
  if (isBillingFee(e)) return { duplicate: false, accruals: 0 };
  if (e.type === "TransactionPosted") return { duplicate: false, accruals: await charge(db, e, "standard", now), sourceType: "standard" };
  if (e.type === "PendingTransactionCommitted") return { duplicate: false, accruals: await charge(db, e, "commit", now), sourceType: "commit" };
  if (e.type === "TransactionReversed") return { duplicate: false, accruals: await refund(db, e, now), sourceType: "reversal" };
  return { duplicate: false, accruals: 0 };
}

/** One accrual per assigned account with billable posted entries. */
async function charge(db: PgtypedConnection, e: BillingEvent, sourceType: "standard" | "commit", now: Date): Promise<number> {
  const accountIds = [...new Set(e.entries.filter((x) => x.effect === "post").map((x) => x.accountId))].sort();
  if (accountIds.length === 0) return 0;
  const assignments = await assignmentsDb.assignmentsAt.run({ accountIds, ledger: e.ledger, at: e.occurredAt }, db);
  // Invoice rows are locked in account order, so two writers never wait on each other in a cycle.
  assignments.sort((a, b) => (a.account_id < b.account_id ? -1 : 1));
  let count = 0;
  for (const a of assignments) {
    const base = billableBase(e.entries, a.account_id, a.normal_balance as Side, a.basis as Basis);
    if (base === null) continue;
    const fee = computeFee(
      {
        fixedFee: BigInt(a.fixed_fee),
        rateBps: a.rate_bps,
        minimumFee: a.minimum_fee === null ? undefined : BigInt(a.minimum_fee),
        maximumFee: a.maximum_fee === null ? undefined : BigInt(a.maximum_fee),
      },
      base,
    );
    const target = { ledger: e.ledger, accountId: a.account_id, accountCode: a.account_code, planId: a.plan_id, period: a.period as Period };
    const invoiceId = await openInvoiceFor(db, target, e.occurredAt, now);
    await accrualsDb.insertAccrual.run(
      {
        ...target,
        currency: a.currency,
        sourceTransactionId: e.transactionId,
        sourceType,
        eventId: e.eventId,
        baseAmount: base.toString(),
        fee: fee.toString(),
        invoiceId,
        refundsAccrualId: null,
        occurredAt: e.occurredAt,
      },
      db,
    );
    count += 1;
  }
  return count;
}

/** Refunds each charge of the reversed transaction, whatever plan the account is on now. */
async function refund(db: PgtypedConnection, e: BillingEvent, now: Date): Promise<number> {
  if (!e.parentTransactionId) return 0;
  const charges = await accrualsDb.unrefundedChargesOf.run({ sourceTransactionId: e.parentTransactionId }, db);
  for (const c of charges) {
    const target = { ledger: c.ledger, accountId: c.account_id, accountCode: c.account_code, planId: c.plan_id, period: c.period as Period };
    const invoiceId = await openInvoiceFor(db, target, e.occurredAt, now);
    await accrualsDb.insertAccrual.run(
      {
        ...target,
        currency: c.currency,
        sourceTransactionId: e.transactionId,
        sourceType: "reversal",
        eventId: e.eventId,
        baseAmount: c.base_amount,
        fee: (-BigInt(c.fee)).toString(),
        invoiceId,
        refundsAccrualId: c.id,
        occurredAt: e.occurredAt,
      },
      db,
    );
  }
  return charges.length;
}

interface InvoiceTarget {
  ledger: string;
  accountId: string;
  accountCode: string;
  planId: string;
  period: Period;
}

/**
 * The open invoice an accrual goes to, locked until the transaction ends: the invoice of the
 * event's period; if that one is closed already, the account's open invoice from the current
 * period on (created when missing, after the latest closed one).
 */
export async function openInvoiceFor(db: PgtypedConnection, t: InvoiceTarget, occurredAt: Date, now: Date): Promise<string> {
  const own = await ensureOpen(db, t, occurredAt);
  if (own) return own;
  const current = periodOf(t.period, now);
  for (let attempt = 0; attempt < OPEN_INVOICE_ATTEMPTS_MAX; attempt++) {
    const [open] = await invoicesDb.lockOpenInvoiceFrom.run({ accountId: t.accountId, planId: t.planId, from: current.start }, db);
    if (open) return open.id;
    const [latest] = await invoicesDb.latestInvoiceEndFrom.run({ accountId: t.accountId, planId: t.planId, from: current.start }, db);
    const id = await ensureOpen(db, t, latest?.latest_end ?? current.start);
    if (id) return id;
  }
  throw new Error(`no open invoice for account ${t.accountId} on plan ${t.planId} after ${OPEN_INVOICE_ATTEMPTS_MAX} attempts`);
}

/** Creates the invoice of the period holding `at` when missing; its id if it is open. */
async function ensureOpen(db: PgtypedConnection, t: InvoiceTarget, at: Date): Promise<string | undefined> {
  const p = periodOf(t.period, at);
  const key = { ledger: t.ledger, accountId: t.accountId, planId: t.planId, periodStart: p.start };
  await invoicesDb.insertInvoice.run({ ...key, accountCode: t.accountCode, periodEnd: p.end }, db);
  const [row] = await invoicesDb.lockInvoiceOfPeriod.run(key, db);
  return row?.status === "open" ? row.id : undefined;
}
