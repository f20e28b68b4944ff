// Amounts: non-negative integers in minor units, as decimal strings of at most 38 digits on the
// wire, bigint in memory, numeric(38,0) in Postgres. Nothing else is accepted.
import { invalid } from "./errors.ts";

export const AMOUNT_DIGITS_MAX = 38;
const AMOUNT_PATTERN = /^(0|[1-9][0-9]{0,37})$/;

/** Parses a strictly positive amount. */
export function parseAmount(value: string, field: string): bigint {
  const amount = parseNonNegative(value, field);
  if (amount === 0n) throw invalid(field, "must be greater than zero");
  return amount;
}

export function parseNonNegative(value: string, field: string): bigint {
  if (typeof value !== "string" || value.length === 0) throw invalid(field, "is required (a decimal string of minor units)");
  if (!AMOUNT_PATTERN.test(value)) {
    if (/^-/.test(value)) throw invalid(field, "must not be negative");
    if (/^[0-9]+$/.test(value) && value.length > AMOUNT_DIGITS_MAX) throw invalid(field, `has more than ${AMOUNT_DIGITS_MAX} digits`);
    throw invalid(field, `must be an integer number of minor units without sign, decimals or leading zeros, got ${JSON.stringify(value.slice(0, 50))}`);
  }
  return BigInt(value);
}
