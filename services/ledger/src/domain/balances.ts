// Account balances and the overdraft floor, mirrored from the database trigger so the service
// can refuse a posting with a precise error before Postgres refuses it too.
import type { InsufficientFundsDetail } from "./errors.ts";

import type { Effect, Side } from "@ledgerflow/platform/wire";

export type { Effect, Side };

export interface AccountState {
  id: string;
  ledger: string;
  code: string;
  currency: string;
  normalBalance: Side;
  allowOverdraft: boolean;
  overdraftLimit: bigint | null;
  postedDebits: bigint;
  postedCredits: bigint;
  pendingDebits: bigint;
  pendingCredits: bigint;
  /** Entries applied so far; each entry records the version it brings the account to. */
  version: bigint;
}

export interface BalanceFigures {
  posted: bigint;
  pending: bigint;
  available: bigint;
}

export function figures(a: Pick<AccountState, "normalBalance" | "postedDebits" | "postedCredits" | "pendingDebits" | "pendingCredits">): BalanceFigures {
  const sign = a.normalBalance === "credit" ? 1n : -1n;
  const posted = sign * (a.postedCredits - a.postedDebits);
  const pending = sign * (a.postedCredits + a.pendingCredits - a.postedDebits - a.pendingDebits);
  const available = a.normalBalance === "credit" ? posted - a.pendingDebits : posted - a.pendingCredits;
  return { posted, pending, available };
}

/** The lowest available balance allowed; null when unbounded. */
export function floor(a: Pick<AccountState, "allowOverdraft" | "overdraftLimit">): bigint | null {
  if (!a.allowOverdraft) return 0n;
  return a.overdraftLimit === null ? null : -a.overdraftLimit;
}

/**
 * Applies one entry to a copy of the account. Returns the new state, or the insufficient-funds
 * detail when the entry takes money out and leaves the available balance below the floor.
 */
export function applyEntry(a: AccountState, effect: Effect, direction: Side, amount: bigint): AccountState | InsufficientFundsDetail {
  const next = { ...a, version: a.version + 1n };
  const delta = effect === "release" ? -amount : amount;
  if (effect === "post") {
    if (direction === "debit") next.postedDebits += amount;
    else next.postedCredits += amount;
  } else if (direction === "debit") next.pendingDebits += delta;
  else next.pendingCredits += delta;
  if (effect !== "release" && direction !== a.normalBalance) {
    const limit = floor(next);
    const { available } = figures(next);
    if (limit !== null && available < limit) {
      return {
        accountId: a.id,
        accountCode: a.code,
        available: figures(a).available.toString(),
        requested: amount.toString(),
        floor: limit.toString(),
      };
    }
  }
  return next;
}

export function isInsufficient(x: AccountState | InsufficientFundsDetail): x is InsufficientFundsDetail {
  return (x as InsufficientFundsDetail).requested !== undefined;
}
