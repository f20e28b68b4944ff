import { describe, expect, it } from "vitest";
import { formatMinor, minorToDecimal, parseDecimalToMinor, sumMinor, toMinor } from "./money.ts";

const en = { locale: "en-US" };

function parsed(input: string, scale: number, options?: Parameters<typeof parseDecimalToMinor>[2]): bigint {
  const result = parseDecimalToMinor(input, scale, options);
  if (!result.ok) throw new Error(`expected "${input}" to parse at scale ${scale}: ${result.error}`);
  return result.minor;
}

function refused(input: string, scale: number, options?: Parameters<typeof parseDecimalToMinor>[2]): string {
  const result = parseDecimalToMinor(input, scale, options);
  if (result.ok) throw new Error(`expected "${input}" to be refused at scale ${scale}, got ${result.minor}`);
  return result.error;
}

describe("formatMinor", () => {
  it("places the decimal point by the currency's scale", () => {
    expect(formatMinor("1050", 2, en)).toBe("10.50");
    expect(formatMinor("1050", 0, en)).toBe("1,050");
    expect(formatMinor("1", 8, en)).toBe("0.00000001");
    expect(formatMinor("123456789012345678", 18, en)).toBe("0.123456789012345678");
    expect(formatMinor("1000000000000000000", 18, en)).toBe("1.000000000000000000");
  });

  it("groups thousands and keeps huge values exact (beyond 2^53)", () => {
    expect(formatMinor("123456789", 2, en)).toBe("1,234,567.89");
    expect(formatMinor("99999999999999999999999999999999999999", 2, en)).toBe("999,999,999,999,999,999,999,999,999,999,999,999.99");
    expect(formatMinor(2n ** 64n + 1n, 0, en)).toBe("18,446,744,073,709,551,617");
    expect(formatMinor("12345678901234567890123456789", 18, en)).toBe("12,345,678,901.234567890123456789");
  });

  it("shows negative amounts with a minus sign", () => {
    expect(formatMinor("-1050", 2, en)).toBe("\u221210.50");
    expect(formatMinor("-5", 2, en)).toBe("\u22120.05");
    expect(formatMinor("-1", 18, en)).toBe("\u22120.000000000000000001");
    expect(formatMinor(-123456789n, 0, en)).toBe("\u2212123,456,789");
    expect(formatMinor("0", 2, en)).toBe("0.00");
  });

  it("uses the locale's separators and appends the currency", () => {
    expect(formatMinor("123456789", 2, { locale: "de-DE" })).toBe("1.234.567,89");
    expect(formatMinor("1050", 2, { ...en, currency: "USD" })).toBe("10.50\u00a0USD");
    expect(formatMinor("1050", 2, { ...en, signed: true })).toBe("+10.50");
    expect(formatMinor("0", 2, { ...en, signed: true })).toBe("0.00");
  });

  it("refuses what is not an integer amount", () => {
    expect(() => formatMinor("10.5", 2, en)).toThrow(SyntaxError);
    expect(() => formatMinor("1e3", 2, en)).toThrow(SyntaxError);
    expect(() => formatMinor("12", -1, en)).toThrow(RangeError);
    expect(() => formatMinor("12", 2.5, en)).toThrow(RangeError);
  });
});

describe("parseDecimalToMinor", () => {
  it("converts major units to minor units exactly at scales 0, 2, 8 and 18", () => {
    expect(parsed("10", 0)).toBe(10n);
    expect(parsed("10.5", 2)).toBe(1050n);
    expect(parsed("10.50", 2)).toBe(1050n);
    expect(parsed("0.01", 2)).toBe(1n);
    expect(parsed(".5", 2)).toBe(50n);
    expect(parsed("0.00000001", 8)).toBe(1n);
    expect(parsed("21000000", 8)).toBe(2_100_000_000_000_000n);
    expect(parsed("1.000000000000000001", 18)).toBe(1_000_000_000_000_000_001n);
    expect(parsed("0.1", 18)).toBe(100_000_000_000_000_000n);
  });

  it("never goes through floating point (0.1 + 0.2 style values stay exact)", () => {
    expect(parsed("0.3", 2)).toBe(30n);
    expect(parsed("1.15", 2)).toBe(115n);
    expect(parsed("9007199254740993", 0)).toBe(9_007_199_254_740_993n);
    expect(parsed("90071992547409.93", 2)).toBe(9_007_199_254_740_993n);
  });

  it("accepts grouping commas, spaces and a leading plus", () => {
    expect(parsed("1,000.25", 2)).toBe(100025n);
    expect(parsed("1 234 567.5", 2)).toBe(123456750n);
    expect(parsed(" +7 ", 0)).toBe(7n);
  });

  it("refuses more decimals than the scale, rather than rounding", () => {
    expect(refused("10.555", 2)).toMatch(/at most 2 decimal places/i);
    expect(refused("1.5", 0)).toMatch(/no decimal places/i);
    expect(refused("0.0000000000000000001", 18)).toMatch(/at most 18/i);
  });

  it("refuses garbage, signs and zero unless allowed", () => {
    for (const input of ["", "   ", "abc", "1.2.3", "1e5", "12,34", "1,2345", "--1", "0x10", "1 .5.", "NaN", "Infinity", "١٢"]) {
      expect(parseDecimalToMinor(input, 2).ok, input).toBe(false);
    }
    expect(refused("-5", 2)).toMatch(/negative/i);
    expect(parsed("-5.25", 2, { allowNegative: true })).toBe(-525n);
    expect(refused("0", 2)).toMatch(/more than zero/i);
    expect(refused("0.00", 2)).toMatch(/more than zero/i);
    expect(parsed("0", 2, { allowZero: true })).toBe(0n);
  });

  it("refuses amounts longer than the ledger accepts (38 digits of minor units)", () => {
    expect(parsed("9".repeat(38), 0)).toBe(10n ** 38n - 1n);
    expect(refused(`1${"0".repeat(38)}`, 0)).toMatch(/too large/i);
    expect(refused(`1${"0".repeat(21)}`, 18)).toMatch(/too large/i);
    expect(parsed("00000000000000000000000000000000000000000001", 0)).toBe(1n);
  });

  it("round-trips with minorToDecimal", () => {
    for (const [minor, scale] of [
      [1050n, 2],
      [-1n, 8],
      [10n ** 37n + 7n, 18],
      [0n, 0],
      [123n, 0],
    ] as const) {
      const text = minorToDecimal(minor, scale);
      expect(parsed(text, scale, { allowNegative: true, allowZero: true })).toBe(minor);
    }
    expect(minorToDecimal("-1050", 2)).toBe("-10.50");
    expect(minorToDecimal("5", 3)).toBe("0.005");
  });
});

describe("toMinor and sumMinor", () => {
  it("reads wire amounts and sums them exactly", () => {
    expect(toMinor("-42")).toBe(-42n);
    expect(toMinor("")).toBe(0n);
    expect(() => toMinor("4.2")).toThrow();
    expect(sumMinor(["99999999999999999999", "1", -5n])).toBe(99999999999999999995n);
  });
});
