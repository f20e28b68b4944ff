// Figures that are not money (rates, ratios, latencies, counts) may be JS numbers.

export function formatRate(perSecond: number | undefined, locale?: string): string {
  if (perSecond === undefined || !Number.isFinite(perSecond)) return "—";
  const digits = perSecond < 10 ? 2 : perSecond < 100 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(perSecond)}/s`;
}

export function formatRatio(ratio: number | undefined, locale?: string): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return "—";
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: ratio < 0.01 ? 2 : 1 }).format(ratio);
}

export function formatLatency(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return "—";
  if (seconds < 1) return `${(seconds * 1000).toFixed(seconds < 0.01 ? 2 : 0)} ms`;
  return `${seconds.toFixed(2)} s`;
}

export function formatCount(value: number | bigint | undefined, locale?: string): string {
  if (value === undefined) return "—";
  if (typeof value === "number" && !Number.isFinite(value)) return "—";
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}
