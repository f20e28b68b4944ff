import { Direction } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { parseDecimalToMinor, type ParseResult } from "../../../lib/money.ts";
import { balanceByCurrency, isBalanced, type CurrencyBalance } from "./balance.ts";

/** One leg as typed: the amount is what the person wrote, in the currency's units. */
export interface LegDraft {
  id: number;
  accountCode: string;
  direction: Direction;
  amount: string;
}

/** What the form knows about an account code so far. */
export type AccountResolution = { state: "found"; currency: string; scale: number } | { state: "idle" | "searching" | "missing" | "error" };

export interface LegCheck {
  id: number;
  currency: string | undefined;
  scale: number | undefined;
  amount: ParseResult | undefined;
  /** Why this leg cannot be posted yet, in a sentence; undefined when it can. */
  problem: string | undefined;
}

export interface PostFormCheck {
  legs: LegCheck[];
  balances: CurrencyBalance[];
  balanced: boolean;
  /** Reasons the form cannot be submitted, for the person (empty when it can). */
  problems: string[];
  /** The entries to send, in leg order, once every leg checks out. */
  entries: Array<{ accountCode: string; direction: Direction; amount: string }>;
}

/** The most legs one transaction may have in this form. */
export const legsMax = 50;
export const legsMin = 2;

function checkLeg(leg: LegDraft, index: number, resolve: (code: string) => AccountResolution): LegCheck {
  const code = leg.accountCode.trim();
  // From 0, as the API numbers legs (a commit names them by this index).
  const n = index;
  const resolution = resolve(code);
  const found = resolution.state === "found" ? resolution : undefined;
  const amount = found !== undefined && leg.amount.trim() !== "" ? parseDecimalToMinor(leg.amount, found.scale) : undefined;
  let problem: string | undefined;
  if (code === "") problem = `Leg ${n}: enter an account code.`;
  else if (resolution.state === "missing") problem = `Leg ${n}: no account “${code}” in this ledger.`;
  else if (resolution.state === "error") problem = `Leg ${n}: the account could not be looked up.`;
  else if (found === undefined) problem = `Leg ${n}: looking up the account…`;
  else if (leg.direction !== Direction.DEBIT && leg.direction !== Direction.CREDIT) problem = `Leg ${n}: choose debit or credit.`;
  else if (leg.amount.trim() === "") problem = `Leg ${n}: enter an amount.`;
  else if (amount !== undefined && !amount.ok) problem = `Leg ${n}: ${amount.error}`;
  return { id: leg.id, currency: found?.currency, scale: found?.scale, amount, problem };
}

/**
 * Checks a multi-leg draft: every leg resolved and with a valid positive amount, and debits equal
 * to credits in every currency. Amounts are exact (bigint minor units) throughout.
 */
export function checkPostForm(legs: readonly LegDraft[], resolve: (code: string) => AccountResolution): PostFormCheck {
  const checks = legs.map((leg, i) => checkLeg(leg, i, resolve));
  const movements = checks.flatMap((c, i) => {
    const leg = legs[i];
    if (leg === undefined || c.currency === undefined || c.scale === undefined || c.amount === undefined || !c.amount.ok) return [];
    return [{ currency: c.currency, scale: c.scale, direction: leg.direction, amount: c.amount.minor }];
  });
  const balances = balanceByCurrency(movements);
  const problems = checks.flatMap((c) => (c.problem === undefined ? [] : [c.problem]));
  if (legs.length < legsMin) problems.unshift(`A transaction needs at least ${legsMin} legs.`);
  if (legs.length > legsMax) problems.unshift(`At most ${legsMax} legs.`);
  const balanced = isBalanced(balances);
  // Until every leg checks out the balance is still moving; saying it is off would be noise.
  if (problems.length === 0) {
    for (const b of balances) {
      if (b.difference !== 0n) problems.push(`${b.currency} does not balance: debits and credits differ.`);
    }
  }
  const entries =
    problems.length === 0
      ? legs.map((leg, i) => {
          const amount = checks[i]?.amount;
          return { accountCode: leg.accountCode.trim(), direction: leg.direction, amount: amount?.ok ? amount.minor.toString() : "" };
        })
      : [];
  return { legs: checks, balances, balanced: balanced && problems.length === 0, problems, entries };
}
