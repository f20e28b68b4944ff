// Between the wire (generated billing types) and the database rows and domain names.
import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import * as pb from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import type { AccrualRow, AssignmentRow, InvoiceStatusName, PlanRow, PlanStatusName } from "../billing.ts";
import type { Basis } from "../domain/fees.ts";
import type { Period } from "../domain/periods.ts";
import type { InvoiceRow } from "../invoicing.ts";
import { invalid } from "@ledgerflow/platform/errors";

const ts = (d: Date | null | undefined) => (d ? timestampFromDate(d) : undefined);

const BASIS: Record<string, pb.FeeBasis> = { incoming: pb.FeeBasis.INCOMING, outgoing: pb.FeeBasis.OUTGOING, all: pb.FeeBasis.ALL };
const PERIOD: Record<string, pb.BillingPeriod> = { day: pb.BillingPeriod.DAY, month: pb.BillingPeriod.MONTH };
const PLAN_STATUS: Record<string, pb.PlanStatus> = { active: pb.PlanStatus.ACTIVE, archived: pb.PlanStatus.ARCHIVED };
const INVOICE_STATUS: Record<string, pb.InvoiceStatus> = { open: pb.InvoiceStatus.OPEN, posting: pb.InvoiceStatus.POSTING, posted: pb.InvoiceStatus.POSTED, failed: pb.InvoiceStatus.FAILED };

const reverse = <T extends string>(m: Record<string, number>) => new Map<number, T>(Object.entries(m).map(([k, v]) => [v, k as T]));
const BASIS_NAME = reverse<Basis>(BASIS);
const PERIOD_NAME = reverse<Period>(PERIOD);
const PLAN_STATUS_NAME = reverse<PlanStatusName>(PLAN_STATUS);
const INVOICE_STATUS_NAME = reverse<InvoiceStatusName>(INVOICE_STATUS);

/** An enum from the wire; UNSPECIFIED is undefined, an unknown number is refused. */
function named<T>(names: Map<number, T>, value: number, field: string): T | undefined {
  if (value === 0) return undefined;
  const name = names.get(value);
  if (name === undefined) throw invalid(field, `unknown value ${value}`);
  return name;
}

export const toBasis = (v: pb.FeeBasis) => named(BASIS_NAME, v, "basis");
export const toPeriod = (v: pb.BillingPeriod) => named(PERIOD_NAME, v, "period");
export const toPlanStatus = (v: pb.PlanStatus) => named(PLAN_STATUS_NAME, v, "status");
export const toInvoiceStatus = (v: pb.InvoiceStatus) => named(INVOICE_STATUS_NAME, v, "status");

export function planMessage(p: PlanRow): pb.Plan {
  return create(pb.PlanSchema, {
    id: p.id,
    ledger: p.ledger,
    name: p.name,
    currency: p.currency,
    fixedFee: p.fixed_fee,
    rateBps: p.rate_bps,
    minimumFee: p.minimum_fee ?? undefined,
    maximumFee: p.maximum_fee ?? undefined,
    basis: BASIS[p.basis],
    period: PERIOD[p.period],
    revenueAccountCode: p.revenue_account_code,
    status: PLAN_STATUS[p.status],
    createdAt: ts(p.created_at),
    updatedAt: ts(p.updated_at),
  });
}

export function assignmentMessage(a: AssignmentRow): pb.Assignment {
  return create(pb.AssignmentSchema, { ledger: a.ledger, accountId: a.account_id, accountCode: a.account_code, planId: a.plan_id, planName: a.plan_name, assignedAt: ts(a.assigned_at) });
}

export function accrualMessage(a: AccrualRow): pb.Accrual {
  return create(pb.AccrualSchema, {
    id: a.id,
    ledger: a.ledger,
    accountId: a.account_id,
    accountCode: a.account_code,
    planId: a.plan_id,
    sourceTransactionId: a.source_transaction_id,
    sourceType: a.source_type,
    baseAmount: a.base_amount,
    fee: a.fee,
    currency: a.currency,
    invoiceId: a.invoice_id,
    occurredAt: ts(a.occurred_at),
  });
}

export function invoiceMessage(i: InvoiceRow): pb.Invoice {
  return create(pb.InvoiceSchema, {
    id: i.id,
    ledger: i.ledger,
    accountId: i.account_id,
    accountCode: i.account_code,
    planId: i.plan_id,
    currency: i.currency,
    periodStart: ts(i.period_start),
    periodEnd: ts(i.period_end),
    status: INVOICE_STATUS[i.status],
    total: i.total,
    accrualCount: i.accrual_count,
    feeTransactionId: i.fee_transaction_id ?? "",
    error: i.error ?? "",
    closedAt: ts(i.closed_at),
    postedAt: ts(i.posted_at),
  });
}
