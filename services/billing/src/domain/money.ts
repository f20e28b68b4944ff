// Amounts: integers in minor units, bigint in memory, decimal strings on the wire, numeric(38,0)
// in Postgres. Never a JavaScript number.
import { invalid } from "@ledgerflow/platform/errors";

export const AMOUNT_DIGITS_MAX = 38;
const AMOUNT = /^(0|[1-9][0-9]*)$/;

/** Parses a non-negative decimal integer string of at most 38 digits. */
export function parseAmount(value: string | undefined, field: string): bigint {
  if (value === undefined || value === "") throw invalid(field, "is required");
  if (!AMOUNT.test(value)) throw invalid(field, `must be a non-negative integer in minor units as a decimal string, got ${JSON.stringify(value.slice(0, 50))}`);
  if (value.length > AMOUNT_DIGITS_MAX) throw invalid(field, `must have at most ${AMOUNT_DIGITS_MAX} digits`);
  return BigInt(value);
}

/** Like parseAmount, but an absent value is undefined (an optional bound). */
export function parseOptionalAmount(value: string | undefined, field: string): bigint | undefined {
  return value === undefined ? undefined : parseAmount(value, field);
}

export const abs = (n: bigint): bigint => (n < 0n ? -n : n);
