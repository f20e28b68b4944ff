// Amounts are integers of minor units carried as bigint or decimal strings. Nothing here ever
// turns an amount into a JS number: formatting and parsing work on the digits themselves.

/** The most digits an amount may have (the ledger's limit for entry amounts). */
export const amountDigitsMax = 38;
/** The largest scale a currency may declare that this code will format. */
export const scaleMax = 36;

export type ParseResult = { ok: true; minor: bigint } | { ok: false; error: string };

export interface ParseOptions {
  /** Accept a leading minus sign (e.g. a balance); amounts to post are positive. */
  allowNegative?: boolean;
  /** Accept zero; off by default because legs and fees of zero are refused by the ledger. */
  allowZero?: boolean;
}

function assertScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 0 || scale > scaleMax) {
    throw new RangeError(`currency scale must be an integer from 0 to ${scaleMax}, got ${scale}`);
  }
}

/** Parses a minor-unit decimal string from the wire ("-1050") into a bigint; throws on garbage. */
export function toMinor(value: string | bigint): bigint {
  if (typeof value === "bigint") return value;
  const trimmed = value.trim();
  if (trimmed === "") return 0n;
  if (!/^-?\d+$/.test(trimmed)) throw new SyntaxError(`not an integer amount: "${value}"`);
  return BigInt(trimmed);
}

/** Like toMinor, but undefined for anything that is not an integer string. */
export function tryMinor(value: string | bigint | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  try {
    return toMinor(value);
  } catch {
    return undefined;
  }
}

/**
 * Converts what a person typed ("10.5", "1 000.25", "1,000.25") in a currency's major units to
 * minor units, exactly. Refuses more decimals than the scale allows rather than rounding.
 */
export function parseDecimalToMinor(input: string, scale: number, options: ParseOptions = {}): ParseResult {
  assertScale(scale);
  let text = input.trim().replace(/[\s_\u00a0\u202f]/g, "");
  if (text === "") return { ok: false, error: "Enter an amount." };
  let negative = false;
  if (text.startsWith("-") || text.startsWith("\u2212")) {
    negative = true;
    text = text.slice(1);
  } else if (text.startsWith("+")) {
    text = text.slice(1);
  }
  // Thousands separators are accepted only as commas between groups of three before the point.
  const match = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/.exec(text);
  if (match === null) return { ok: false, error: "Use digits and at most one decimal point (e.g. 1250.75)." };
  const whole = (match[1] ?? "").replace(/,/g, "");
  const fraction = match[2] ?? "";
  if (whole === "" && fraction === "") return { ok: false, error: "Enter an amount." };
  if (fraction.length > scale) {
    return {
      ok: false,
      error: scale === 0 ? "This currency has no decimal places." : `At most ${scale} decimal place${scale === 1 ? "" : "s"}.`,
    };
  }
  const digits = (whole + fraction.padEnd(scale, "0")).replace(/^0+(?=\d)/, "");
  if (digits.replace(/^0+/, "").length > amountDigitsMax) {
    return { ok: false, error: `Too large: at most ${amountDigitsMax} digits in minor units.` };
  }
  const magnitude = BigInt(digits === "" ? "0" : digits);
  if (negative && magnitude !== 0n && options.allowNegative !== true) {
    return { ok: false, error: "The amount must not be negative." };
  }
  if (magnitude === 0n && options.allowZero !== true) return { ok: false, error: "The amount must be more than zero." };
  return { ok: true, minor: negative ? -magnitude : magnitude };
}

/** Minor units to a plain decimal string in major units ("-10.50"), for inputs and the wire. */
export function minorToDecimal(minor: string | bigint, scale: number): string {
  assertScale(scale);
  const value = toMinor(minor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? "-" : ""}${whole}${scale > 0 ? `.${fraction}` : ""}`;
}

interface Separators {
  group: string;
  decimal: string;
}

const separatorsByLocale = new Map<string, Separators>();

function separators(locale: string | undefined): Separators {
  const key = locale ?? "";
  const cached = separatorsByLocale.get(key);
  if (cached !== undefined) return cached;
  const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
  const found = {
    group: parts.find((p) => p.type === "group")?.value ?? ",",
    decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
  };
  separatorsByLocale.set(key, found);
  return found;
}

export interface FormatOptions {
  /** BCP 47 locale for the separators; the browser's when unset. */
  locale?: string;
  /** Appended after a no-break space, e.g. "USD". */
  currency?: string;
  /** Show "+" on positive amounts (for movements). */
  signed?: boolean;
}

/** Formats minor units in major units with the locale's separators: 123456789 at scale 2 → "1,234,567.89". */
export function formatMinor(minor: string | bigint, scale: number, options: FormatOptions = {}): string {
  const plain = minorToDecimal(minor, scale);
  const negative = plain.startsWith("-");
  const unsigned = negative ? plain.slice(1) : plain;
  const [whole = "0", fraction] = unsigned.split(".");
  const { group, decimal } = separators(options.locale);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const sign = negative ? "\u2212" : options.signed === true && unsigned.replace(/[0.]/g, "") !== "" ? "+" : "";
  const number = `${sign}${grouped}${fraction === undefined ? "" : `${decimal}${fraction}`}`;
  return options.currency === undefined || options.currency === "" ? number : `${number}\u00a0${options.currency}`;
}

export function isNegative(minor: string | bigint): boolean {
  return toMinor(minor) < 0n;
}

/** Sum of amounts, bigint-exact. */
export function sumMinor(values: Iterable<string | bigint>): bigint {
  let total = 0n;
  for (const value of values) total += toMinor(value);
  return total;
}
