import { Direction, EntryEffect } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";

export interface Movement {
  currency: string;
  scale: number;
  direction: Direction;
  amount: bigint;
}

export interface CurrencyBalance {
  currency: string;
  scale: number;
  debits: bigint;
  credits: bigint;
  /** Debits less credits; zero when the currency balances. */
  difference: bigint;
}

/** Debits and credits per currency, in the order currencies first appear. */
export function balanceByCurrency(movements: Iterable<Movement>): CurrencyBalance[] {
  const byCurrency = new Map<string, CurrencyBalance>();
  for (const m of movements) {
    let entry = byCurrency.get(m.currency);
    if (entry === undefined) {
      entry = { currency: m.currency, scale: m.scale, debits: 0n, credits: 0n, difference: 0n };
      byCurrency.set(m.currency, entry);
    }
    if (m.direction === Direction.DEBIT) entry.debits += m.amount;
    else if (m.direction === Direction.CREDIT) entry.credits += m.amount;
    entry.difference = entry.debits - entry.credits;
  }
  return [...byCurrency.values()];
}

export function isBalanced(balances: readonly CurrencyBalance[]): boolean {
  return balances.length > 0 && balances.every((b) => b.difference === 0n);
}

export interface HeldAmount {
  currency: string;
  amount: bigint;
}

/**
 * What a pending transaction holds, per currency: the sum of its debit hold legs (the credit legs
 * hold the same amount the other way). Its `total` counts posted legs only, so it reads 0 for a
 * hold.
 */
export function heldByCurrency(legs: Iterable<{ currency: string; direction: Direction; effect: EntryEffect; amount: string }>): HeldAmount[] {
  const held = new Map<string, bigint>();
  for (const l of legs) {
    if (l.effect !== EntryEffect.HOLD || l.direction !== Direction.DEBIT) continue;
    held.set(l.currency, (held.get(l.currency) ?? 0n) + BigInt(l.amount));
  }
  return [...held].map(([currency, amount]) => ({ currency, amount }));
}
