// Pure domain rules: amounts, validation, balance and floors. No I/O.
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { applyEntry, figures, floor, isInsufficient, type AccountState } from "./balances.ts";
import { LedgerError } from "./errors.ts";
import { parseAmount, parseNonNegative } from "./money.ts";
import { checkBalanced, draftPosting, metadata, requestHash } from "./posting.ts";

const now = new Date("2026-01-01T00:00:00Z");
const A = "00000000-0000-4000-8000-00000000000a";

function fails(fn: () => unknown): LedgerError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error("expected a LedgerError");
}

describe("amounts", () => {
  test("accepts integers of up to 38 digits and keeps them exact", () => {
    expect(parseAmount("1", "a")).toBe(1n);
    expect(parseAmount("9".repeat(38), "a")).toBe(10n ** 38n - 1n);
    expect(parseNonNegative("0", "a")).toBe(0n);
  });
  test.each(["", "0", "-1", "1.5", "1e3", "01", " 1", "1 ", "0x10", "١٢", "9".repeat(39), "+1"])("refuses %p", (value) => {
    const e = fails(() => parseAmount(value, "entries[0].amount"));
    expect(e.code).toBe("invalid_argument");
    expect(e.field).toBe("entries[0].amount");
  });
  test("round-trips any bigint in range", () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 10n ** 38n - 1n }), (n) => parseAmount(n.toString(), "a") === n));
  });
});

describe("posting validation", () => {
  const base = {
    idempotencyKey: "k",
    entries: [
      { accountId: A, direction: "debit" as const, amount: "5" },
      { accountCode: "b", direction: "credit" as const, amount: "5" },
    ],
  };
  test("a valid request becomes a draft in the default ledger", () => {
    const d = draftPosting(base, now);
    expect(d.ledger).toBe("main");
    expect(d.kind).toBe("standard");
    expect(d.entries.map((e) => e.effect)).toEqual(["post", "post"]);
    expect(draftPosting({ ...base, pending: true }, now).entries[0]!.effect).toBe("hold");
  });
  test("names the field at fault", () => {
    expect(fails(() => draftPosting({ ...base, idempotencyKey: "" }, now)).field).toBe("idempotency_key");
    expect(fails(() => draftPosting({ ...base, entries: [base.entries[0]!] }, now)).field).toBe("entries");
    expect(fails(() => draftPosting({ ...base, entries: [{ ...base.entries[0]!, accountCode: "x" }, base.entries[1]!] }, now)).field).toBe("entries[0]");
    expect(fails(() => draftPosting({ ...base, pending: true, expiresAt: new Date(now.getTime() - 1) }, now)).field).toBe("expires_at");
    expect(fails(() => draftPosting({ ...base, idempotencyKey: "" }, now, "transactions[3]")).field).toBe("transactions[3].idempotency_key");
  });
  test("metadata is bounded and sorted; the hash ignores key order", () => {
    expect(Object.keys(metadata({ b: "1", a: "2" }))).toEqual(["a", "b"]);
    expect(fails(() => metadata(Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, "v"])))).code).toBe("invalid_argument");
    const one = draftPosting({ ...base, metadata: { x: "1", y: "2" } }, now);
    const two = draftPosting({ ...base, metadata: { y: "2", x: "1" } }, now);
    expect(one.requestHash.equals(two.requestHash)).toBe(true);
    expect(one.requestHash.equals(requestHash({ ...one, description: "other" }))).toBe(false);
  });
  test("balance is per currency and per effect", () => {
    checkBalanced([
      { currency: "USD", effect: "post", direction: "debit", amount: 5n },
      { currency: "USD", effect: "post", direction: "credit", amount: 5n },
    ]);
    const e = fails(() =>
      checkBalanced([
        { currency: "USD", effect: "post", direction: "debit", amount: 5n },
        { currency: "EUR", effect: "post", direction: "credit", amount: 5n },
      ]),
    );
    expect(e.message).toContain("USD debits exceed credits by 5");
    expect(e.message).toContain("EUR debits fall short of credits by 5");
    expect(() =>
      checkBalanced([
        { currency: "USD", effect: "hold", direction: "debit", amount: 5n },
        { currency: "USD", effect: "post", direction: "credit", amount: 5n },
      ]),
    ).toThrow();
  });
});

describe("balances and floors", () => {
  const account = (over: Partial<AccountState> = {}): AccountState => ({
    id: A,
    ledger: "main",
    code: "a",
    currency: "USD",
    normalBalance: "credit",
    allowOverdraft: false,
    overdraftLimit: null,
    postedDebits: 0n,
    postedCredits: 100n,
    pendingDebits: 0n,
    pendingCredits: 0n,
    version: 1n,
    ...over,
  });
  test("available is posted less outgoing holds", () => {
    expect(figures(account({ pendingDebits: 30n, pendingCredits: 50n }))).toEqual({ posted: 100n, pending: 120n, available: 70n });
    expect(figures(account({ normalBalance: "debit", postedDebits: 100n, postedCredits: 0n, pendingCredits: 30n }))).toEqual({ posted: 100n, pending: 70n, available: 70n });
  });
  test("floors: zero, minus the limit, or none", () => {
    expect(floor(account())).toBe(0n);
    expect(floor(account({ allowOverdraft: true, overdraftLimit: 50n }))).toBe(-50n);
    expect(floor(account({ allowOverdraft: true }))).toBeNull();
  });
  test("an outgoing entry past the floor is refused with the figures; incoming never is", () => {
    const refused = applyEntry(account(), "post", "debit", 101n);
    expect(isInsufficient(refused) && refused).toMatchObject({ available: "100", requested: "101", floor: "0" });
    expect(isInsufficient(applyEntry(account(), "hold", "debit", 100n))).toBe(false);
    expect(isInsufficient(applyEntry(account({ postedCredits: 0n, postedDebits: 10n, allowOverdraft: true, overdraftLimit: 5n }), "post", "credit", 1000n))).toBe(false);
    expect(isInsufficient(applyEntry(account({ allowOverdraft: true, overdraftLimit: 50n }), "post", "debit", 150n))).toBe(false);
    expect(isInsufficient(applyEntry(account({ allowOverdraft: true, overdraftLimit: 50n }), "post", "debit", 151n))).toBe(true);
  });
  test("property: applying accepted entries never leaves an account below its floor", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ effect: fc.constantFrom("post" as const, "hold" as const), direction: fc.constantFrom("debit" as const, "credit" as const), amount: fc.bigInt({ min: 1n, max: 1000n }) }), { maxLength: 50 }),
        fc.option(fc.bigInt({ min: 0n, max: 500n }), { nil: null }),
        (ops, limit) => {
          let a = account({ postedCredits: 0n, allowOverdraft: limit !== null, overdraftLimit: limit });
          for (const op of ops) {
            const next = applyEntry(a, op.effect, op.direction, op.amount);
            if (!isInsufficient(next)) a = next;
            const f = floor(a);
            if (f !== null && figures(a).available < f) return false;
          }
          return true;
        },
      ),
    );
  });
});

describe("free text", () => {
  test("counts code points, refuses U+FFFD, lone surrogates and NUL", async () => {
    const { text, codePoints } = await import("./posting.ts");
    expect(codePoints("💸".repeat(128))).toBe(128);
    expect(codePoints("abc")).toBe(3);
    expect(text("💸".repeat(255), "f", 255)).toHaveLength(510);
    expect(() => text("💸".repeat(256), "f", 255)).toThrow("at most 255");
    expect(() => text("a\ufffdb", "f", 10)).toThrow("not valid UTF-8");
    expect(() => text("a\ud800b", "f", 10)).toThrow("lone surrogate");
    expect(() => text("a\udc00", "f", 10)).toThrow("lone surrogate");
    expect(() => text("a\u0000", "f", 10)).toThrow("NUL");
  });
});
