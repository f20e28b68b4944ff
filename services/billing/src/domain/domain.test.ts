// The fee math and periods, with examples and properties: rounding half up, clamps, basis by
// normal side, bigint throughout (amounts beyond 2^53 stay exact), UTC day and month edges.
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { ServiceError } from "@ledgerflow/platform/errors";
import { applyRate, billableBase, computeFee, isBillable, type BillableEntry, type Pricing } from "./fees.ts";
import { parseAmount } from "./money.ts";
import { nextPeriod, periodOf } from "./periods.ts";
import { applyPlanChanges, validateNewPlan } from "./plans.ts";

const amount = fc.bigInt({ min: 0n, max: 10n ** 30n });
const bps = fc.integer({ min: 0, max: 10_000 });

describe("rate in basis points, rounded half up", () => {
  test("examples at the rounding edge", () => {
    expect(applyRate(5_000n, 1)).toBe(1n); // 0.5 → 1
    expect(applyRate(4_999n, 1)).toBe(0n); // 0.4999 → 0
    expect(applyRate(15_000n, 1)).toBe(2n); // 1.5 → 2
    expect(applyRate(10_000n, 250)).toBe(250n);
    expect(applyRate(1_050n, 290)).toBe(30n); // 30.45 → 30
    expect(applyRate(1_000n, 10_000)).toBe(1_000n);
    expect(applyRate(0n, 10_000)).toBe(0n);
  });

  test("exact beyond 2^53", () => {
    const big = 2n ** 80n + 12_345n;
    expect(applyRate(big, 3)).toBe((big * 3n * 2n + 10_000n) / 20_000n);
  });

  test("property: the result is the nearest integer, ties up", () => {
    fc.assert(
      fc.property(amount, bps, (a, r) => {
        const fee = applyRate(a, r);
        // fee·10000 − a·r lies in (−5000, 5000]: the nearest integer, and a tie rounds up.
        const diff = fee * 10_000n - a * BigInt(r);
        expect(diff > -5_000n && diff <= 5_000n).toBe(true);
      }),
    );
    // Exact ties: a·r = k·10000 + 5000 always rounds up to k + 1.
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), (k) => {
        expect(applyRate(k * 2n + 1n, 5_000)).toBe(k + 1n);
      }),
    );
  });

  test("property: monotonic in the amount and the rate", () => {
    fc.assert(
      fc.property(amount, amount, bps, (a, b, r) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(applyRate(lo, r) <= applyRate(hi, r)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(amount, bps, bps, (a, r1, r2) => {
        const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
        expect(applyRate(a, lo) <= applyRate(a, hi)).toBe(true);
      }),
    );
  });

  test("refuses negative amounts and rates out of range", () => {
    expect(() => applyRate(-1n, 1)).toThrow(RangeError);
    expect(() => applyRate(1n, 10_001)).toThrow(RangeError);
    expect(() => applyRate(1n, 1.5)).toThrow(RangeError);
  });
});

describe("fee per transaction", () => {
  const plan: Pricing = { fixedFee: 30n, rateBps: 290, minimumFee: 50n, maximumFee: 1_000n };

  test("fixed + rate, then the bounds", () => {
    expect(computeFee(plan, 10_000n)).toBe(320n); // 30 + 290
    expect(computeFee(plan, 100n)).toBe(50n); // 30 + 3 = 33 → minimum 50
    expect(computeFee(plan, 1_000_000n)).toBe(1_000n); // 30 + 29000 → maximum 1000
    expect(computeFee({ fixedFee: 0n, rateBps: 0 }, 123n)).toBe(0n);
    expect(computeFee({ fixedFee: 7n, rateBps: 0 }, 0n)).toBe(7n);
  });

  test("property: within the bounds, and the unclamped fee when it is inside them", () => {
    const pricing = fc
      .record({
        fixedFee: fc.bigInt({ min: 0n, max: 10n ** 12n }),
        rateBps: bps,
        bounds: fc.tuple(fc.option(fc.bigInt({ min: 0n, max: 10n ** 15n }), { nil: undefined }), fc.option(fc.bigInt({ min: 0n, max: 10n ** 15n }), { nil: undefined })),
      })
      .map(({ fixedFee, rateBps, bounds: [x, y] }): Pricing => {
        const [minimumFee, maximumFee] = x !== undefined && y !== undefined && x > y ? [y, x] : [x, y];
        return { fixedFee, rateBps, minimumFee, maximumFee };
      });
    fc.assert(
      fc.property(pricing, amount, (p, base) => {
        const fee = computeFee(p, base);
        const raw = p.fixedFee + applyRate(base, p.rateBps);
        if (p.minimumFee !== undefined) expect(fee >= p.minimumFee).toBe(true);
        if (p.maximumFee !== undefined) expect(fee <= p.maximumFee).toBe(true);
        const inside = (p.minimumFee === undefined || raw >= p.minimumFee) && (p.maximumFee === undefined || raw <= p.maximumFee);
        if (inside) expect(fee).toBe(raw);
        expect(typeof fee).toBe("bigint");
      }),
    );
  });

  test("a minimum above the maximum is refused", () => {
    expect(() => computeFee({ fixedFee: 0n, rateBps: 0, minimumFee: 2n, maximumFee: 1n }, 1n)).toThrow(RangeError);
    expect(() => computeFee(plan, -1n)).toThrow(RangeError);
  });
});

describe("basis by the account's normal side", () => {
  const me = "00000000-0000-4000-8000-000000000001";
  const other = "00000000-0000-4000-8000-000000000002";
  const entries: BillableEntry[] = [
    { accountId: me, direction: "credit", effect: "post", amount: 100n },
    { accountId: me, direction: "debit", effect: "post", amount: 7n },
    { accountId: me, direction: "credit", effect: "hold", amount: 1_000n },
    { accountId: me, direction: "credit", effect: "release", amount: 1_000n },
    { accountId: other, direction: "debit", effect: "post", amount: 93n },
  ];

  test("incoming is the normal side; holds and releases never count; other accounts never count", () => {
    expect(billableBase(entries, me, "credit", "incoming")).toBe(100n);
    expect(billableBase(entries, me, "credit", "outgoing")).toBe(7n);
    expect(billableBase(entries, me, "debit", "incoming")).toBe(7n);
    expect(billableBase(entries, me, "debit", "outgoing")).toBe(100n);
    expect(billableBase(entries, me, "credit", "all")).toBe(107n);
    expect(billableBase(entries, other, "credit", "incoming")).toBeNull();
    expect(billableBase(entries.slice(2, 4), me, "credit", "all")).toBeNull();
  });

  test("property: incoming + outgoing = all, for either normal side", () => {
    const entry = fc.record({
      accountId: fc.constantFrom(me, other),
      direction: fc.constantFrom("debit" as const, "credit" as const),
      effect: fc.constantFrom("post" as const, "hold" as const, "release" as const),
      amount: fc.bigInt({ min: 1n, max: 10n ** 20n }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), fc.constantFrom("debit" as const, "credit" as const), (es, normal) => {
        const inc = billableBase(es, me, normal, "incoming") ?? 0n;
        const out = billableBase(es, me, normal, "outgoing") ?? 0n;
        expect(inc + out).toBe(billableBase(es, me, normal, "all") ?? 0n);
        expect(isBillable(normal, normal, "incoming")).toBe(true);
      }),
    );
  });
});

describe("periods (UTC)", () => {
  const d = (s: string) => new Date(s);

  test("days start at midnight UTC whatever the instant", () => {
    expect(periodOf("day", d("2026-03-29T23:59:59.999Z"))).toEqual({ start: d("2026-03-29T00:00:00Z"), end: d("2026-03-30T00:00:00Z") });
    expect(periodOf("day", d("2026-03-30T00:00:00Z")).start).toEqual(d("2026-03-30T00:00:00Z"));
    expect(periodOf("day", d("2026-12-31T12:00:00Z")).end).toEqual(d("2027-01-01T00:00:00Z"));
  });

  test("months: ends, December into January, leap years", () => {
    expect(periodOf("month", d("2024-02-29T10:00:00Z"))).toEqual({ start: d("2024-02-01T00:00:00Z"), end: d("2024-03-01T00:00:00Z") });
    expect(periodOf("month", d("2023-02-28T23:59:59.999Z")).end).toEqual(d("2023-03-01T00:00:00Z"));
    expect(periodOf("month", d("2026-12-31T23:59:59.999Z"))).toEqual({ start: d("2026-12-01T00:00:00Z"), end: d("2027-01-01T00:00:00Z") });
    expect(periodOf("month", d("2026-01-31T00:00:00Z")).end).toEqual(d("2026-02-01T00:00:00Z"));
    expect(nextPeriod("month", d("2026-01-31T00:00:00Z"))).toEqual({ start: d("2026-02-01T00:00:00Z"), end: d("2026-03-01T00:00:00Z") });
    expect(nextPeriod("day", d("2024-02-28T05:00:00Z")).start).toEqual(d("2024-02-29T00:00:00Z"));
    expect(periodOf("day", d("2100-02-28T12:00:00Z")).end).toEqual(d("2100-03-01T00:00:00Z")); // 2100 is not a leap year
  });

  test("property: the period holds the instant, is aligned, and the next one starts where it ends", () => {
    const instant = fc.date({ min: d("1971-01-01T00:00:00Z"), max: d("2200-01-01T00:00:00Z"), noInvalidDate: true });
    fc.assert(
      fc.property(instant, fc.constantFrom("day" as const, "month" as const), (at, kind) => {
        const p = periodOf(kind, at);
        expect(p.start.getTime() <= at.getTime() && at.getTime() < p.end.getTime()).toBe(true);
        expect(p.start.getUTCHours() + p.start.getUTCMinutes() + p.start.getUTCSeconds() + p.start.getUTCMilliseconds()).toBe(0);
        if (kind === "month") expect(p.start.getUTCDate()).toBe(1);
        const hours = (p.end.getTime() - p.start.getTime()) / 3_600_000;
        expect(kind === "day" ? hours === 24 : [672, 696, 720, 744].includes(hours)).toBe(true);
        expect(nextPeriod(kind, at).start).toEqual(p.end);
        expect(periodOf(kind, p.start)).toEqual(p);
      }),
    );
  });
});

describe("validation names the field", () => {
  const currencies = new Set(["USD", "JPY"]);
  const good = { name: "Standard", currency: "USD", fixedFee: "30", rateBps: 290, basis: "incoming" as const, period: "month" as const, revenueAccountCode: "revenue:fees" };
  const fieldOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as ServiceError).code).toBe("invalid_argument");
      return (error as ServiceError).field;
    }
    throw new Error("expected a validation error");
  };

  test("a good plan is normalized", () => {
    expect(validateNewPlan({ ...good, name: "  Standard " }, currencies)).toMatchObject({ ledger: "main", name: "Standard", fixedFee: 30n, rateBps: 290, minimumFee: undefined });
  });

  test("each bad field", () => {
    expect(fieldOf(() => validateNewPlan({ ...good, name: " " }, currencies))).toBe("name");
    expect(fieldOf(() => validateNewPlan({ ...good, currency: "XXX" }, currencies))).toBe("currency");
    expect(fieldOf(() => validateNewPlan({ ...good, fixedFee: "-1" }, currencies))).toBe("fixed_fee");
    expect(fieldOf(() => validateNewPlan({ ...good, fixedFee: "1.5" }, currencies))).toBe("fixed_fee");
    expect(fieldOf(() => validateNewPlan({ ...good, fixedFee: "9".repeat(39) }, currencies))).toBe("fixed_fee");
    expect(fieldOf(() => validateNewPlan({ ...good, rateBps: 10_001 }, currencies))).toBe("rate_bps");
    expect(fieldOf(() => validateNewPlan({ ...good, minimumFee: "10", maximumFee: "5" }, currencies))).toBe("minimum_fee");
    expect(fieldOf(() => validateNewPlan({ ...good, maximumFee: "01" }, currencies))).toBe("maximum_fee");
    expect(fieldOf(() => validateNewPlan({ ...good, period: undefined }, currencies))).toBe("period");
    expect(fieldOf(() => validateNewPlan({ ...good, basis: undefined }, currencies))).toBe("basis");
    expect(fieldOf(() => validateNewPlan({ ...good, revenueAccountCode: "" }, currencies))).toBe("revenue_account_code");
    expect(fieldOf(() => validateNewPlan({ ...good, ledger: "Bad Ledger" }, currencies))).toBe("ledger");
    expect(fieldOf(() => parseAmount("", "x"))).toBe("x");
  });

  test("updates are validated against the merged plan", () => {
    const current = { name: "A", fixedFee: 1n, rateBps: 1, minimumFee: 5n, maximumFee: 10n };
    expect(applyPlanChanges(current, { maximumFee: "20", clearMinimumFee: true })).toEqual({ name: "A", fixedFee: 1n, rateBps: 1, minimumFee: undefined, maximumFee: 20n });
    expect(fieldOf(() => applyPlanChanges(current, { maximumFee: "4" }))).toBe("minimum_fee");
    expect(fieldOf(() => applyPlanChanges(current, { minimumFee: "4", clearMinimumFee: true }))).toBe("clear_minimum_fee");
    expect(fieldOf(() => applyPlanChanges(current, { rateBps: 20_000 }))).toBe("rate_bps");
  });
});
