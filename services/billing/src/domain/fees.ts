// Fee math, pure and in bigint: which of an account's entries a plan charges on, and the fee on
// that base: fixed fee + rate (basis points, rounded half up), clamped to the plan's bounds.

export type Side = "debit" | "credit";
export type Basis = "incoming" | "outgoing" | "all";

export const RATE_BPS_MAX = 10_000;
const BPS_PER_UNIT = 10_000n;

export interface Pricing {
  fixedFee: bigint;
  /** Basis points: 1 bps = 0.01 %; 0..10000. */
  rateBps: number;
  minimumFee?: bigint;
  maximumFee?: bigint;
}

export interface BillableEntry {
  accountId: string;
  direction: Side;
  effect: "post" | "hold" | "release";
  amount: bigint;
}

/** amount × bps / 10000, rounded half up (amounts are never negative here). */
export function applyRate(amount: bigint, rateBps: number): bigint {
  if (amount < 0n) throw new RangeError(`applyRate: negative amount ${amount}`);
  if (!Number.isInteger(rateBps) || rateBps < 0 || rateBps > RATE_BPS_MAX) throw new RangeError(`applyRate: rate ${rateBps} bps out of range`);
  return (amount * BigInt(rateBps) + BPS_PER_UNIT / 2n) / BPS_PER_UNIT;
}

/** The fee for one transaction with the given billable base. */
export function computeFee(p: Pricing, base: bigint): bigint {
  if (base < 0n) throw new RangeError(`computeFee: negative base ${base}`);
  if (p.minimumFee !== undefined && p.maximumFee !== undefined && p.minimumFee > p.maximumFee) throw new RangeError("computeFee: minimum above maximum");
  let fee = p.fixedFee + applyRate(base, p.rateBps);
  if (p.minimumFee !== undefined && fee < p.minimumFee) fee = p.minimumFee;
  if (p.maximumFee !== undefined && fee > p.maximumFee) fee = p.maximumFee;
  if (fee < 0n) throw new RangeError("computeFee: negative fee");
  return fee;
}

/**
 * Does an entry count for the basis? Incoming is money the account receives: entries on its
 * normal side (credits to a credit-normal account, debits to a debit-normal one).
 */
export function isBillable(direction: Side, normal: Side, basis: Basis): boolean {
  if (basis === "all") return true;
  return (direction === normal) === (basis === "incoming");
}

/**
 * The account's billable base in one transaction: the sum of its posted entries that the basis
 * selects; null when there are none (nothing to charge, not even a fixed fee).
 */
export function billableBase(entries: BillableEntry[], accountId: string, normal: Side, basis: Basis): bigint | null {
  let base: bigint | null = null;
  for (const e of entries) {
    if (e.accountId !== accountId || e.effect !== "post" || !isBillable(e.direction, normal, basis)) continue;
    base = (base ?? 0n) + e.amount;
  }
  return base;
}
