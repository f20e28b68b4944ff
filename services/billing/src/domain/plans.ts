// Plan validation, pure: the request's values in, a normalized plan (or a field error) out.
import { invalid } from "@ledgerflow/platform/errors";
import { LEDGER_NAME, LEDGER_NAME_RULE } from "@ledgerflow/platform/wire";
import { RATE_BPS_MAX, type Basis, type Pricing } from "./fees.ts";
import { parseAmount, parseOptionalAmount } from "./money.ts";
import type { Period } from "./periods.ts";

export const PLAN_NAME_LENGTH_MAX = 128;
const ACCOUNT_CODE = /^[A-Za-z0-9][A-Za-z0-9:._/@-]*$/;
const CURRENCY = /^[A-Z][A-Z0-9]{2,9}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PlanDraft extends Pricing {
  ledger: string;
  name: string;
  currency: string;
  basis: Basis;
  period: Period;
  revenueAccountCode: string;
}

export interface NewPlanInput {
  ledger?: string;
  name?: string;
  currency?: string;
  fixedFee?: string;
  rateBps?: number;
  minimumFee?: string;
  maximumFee?: string;
  basis?: Basis;
  period?: Period;
  revenueAccountCode?: string;
}

export function ledgerName(value: string | undefined, field = "ledger"): string {
  const name = value || "main";
  if (!LEDGER_NAME.test(name)) throw invalid(field, LEDGER_NAME_RULE);
  return name;
}

export function uuid(value: string | undefined, field: string): string {
  if (!value) throw invalid(field, "is required");
  if (!UUID.test(value)) throw invalid(field, "must be a valid UUID");
  return value.toLowerCase();
}

export function accountCode(value: string | undefined, field: string): string {
  if (!value) throw invalid(field, "is required");
  if (value.length > 128 || !ACCOUNT_CODE.test(value)) throw invalid(field, "must be an account code of 1-128 characters (letters, digits and :._/@-)");
  return value;
}

export function planName(value: string | undefined, field = "name"): string {
  const name = (value ?? "").trim();
  if (name.length === 0) throw invalid(field, "is required");
  if (name.length > PLAN_NAME_LENGTH_MAX) throw invalid(field, `must be at most ${PLAN_NAME_LENGTH_MAX} characters`);
  if (/[\u0000-\u001f\u007f]/.test(name)) throw invalid(field, "must not contain control characters");
  return name;
}

export function rateBps(value: number | undefined, field = "rate_bps"): number {
  const rate = value ?? 0;
  if (!Number.isInteger(rate) || rate < 0 || rate > RATE_BPS_MAX) throw invalid(field, `must be between 0 and ${RATE_BPS_MAX} basis points, got ${rate}`);
  return rate;
}

/** Minimum and maximum must not cross. */
export function checkBounds(p: Pricing): void {
  if (p.minimumFee !== undefined && p.maximumFee !== undefined && p.minimumFee > p.maximumFee) {
    throw invalid("minimum_fee", `must not exceed maximum_fee (${p.minimumFee} > ${p.maximumFee})`);
  }
}

/** Validates a new plan; `currencies` are the codes the ledger accepts. */
export function validateNewPlan(input: NewPlanInput, currencies: ReadonlySet<string>): PlanDraft {
  const name = planName(input.name);
  const currency = input.currency ?? "";
  if (!currency) throw invalid("currency", "is required");
  if (!CURRENCY.test(currency) || !currencies.has(currency)) throw invalid("currency", `unknown currency ${JSON.stringify(currency.slice(0, 16))}`);
  if (!input.basis) throw invalid("basis", "must be FEE_BASIS_INCOMING, FEE_BASIS_OUTGOING or FEE_BASIS_ALL");
  if (!input.period) throw invalid("period", "must be BILLING_PERIOD_DAY or BILLING_PERIOD_MONTH");
  const draft: PlanDraft = {
    ledger: ledgerName(input.ledger),
    name,
    currency,
    fixedFee: input.fixedFee === undefined || input.fixedFee === "" ? 0n : parseAmount(input.fixedFee, "fixed_fee"),
    rateBps: rateBps(input.rateBps),
    minimumFee: parseOptionalAmount(input.minimumFee, "minimum_fee"),
    maximumFee: parseOptionalAmount(input.maximumFee, "maximum_fee"),
    basis: input.basis,
    period: input.period,
    revenueAccountCode: accountCode(input.revenueAccountCode, "revenue_account_code"),
  };
  checkBounds(draft);
  return draft;
}

export interface PlanChanges {
  name?: string;
  fixedFee?: string;
  rateBps?: number;
  minimumFee?: string;
  maximumFee?: string;
  clearMinimumFee?: boolean;
  clearMaximumFee?: boolean;
}

/** The plan's pricing and name after an update, validated as a whole. */
export function applyPlanChanges(current: Pricing & { name: string }, c: PlanChanges): Pricing & { name: string } {
  if (c.clearMinimumFee && c.minimumFee !== undefined) throw invalid("clear_minimum_fee", "cannot be set together with minimum_fee");
  if (c.clearMaximumFee && c.maximumFee !== undefined) throw invalid("clear_maximum_fee", "cannot be set together with maximum_fee");
  const next = {
    name: c.name === undefined ? current.name : planName(c.name),
    fixedFee: c.fixedFee === undefined ? current.fixedFee : parseAmount(c.fixedFee, "fixed_fee"),
    rateBps: c.rateBps === undefined ? current.rateBps : rateBps(c.rateBps),
    minimumFee: c.clearMinimumFee ? undefined : c.minimumFee === undefined ? current.minimumFee : parseAmount(c.minimumFee, "minimum_fee"),
    maximumFee: c.clearMaximumFee ? undefined : c.maximumFee === undefined ? current.maximumFee : parseAmount(c.maximumFee, "maximum_fee"),
  };
  checkBounds(next);
  return next;
}
