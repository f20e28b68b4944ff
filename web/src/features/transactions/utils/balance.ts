import { Direction } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";

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
