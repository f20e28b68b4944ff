// Comparing secrets (tokens, passwords) in constant time, so that how long a refusal takes says
// nothing about how much of a guess was right.
import { timingSafeEqual } from "node:crypto";

export function sameSecret(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
