// Billing periods: UTC days and UTC calendar months, half-open [start, end).
export type Period = "day" | "month";

export interface PeriodRange {
  start: Date;
  end: Date;
}

/** The period of the given kind that holds `at`. */
export function periodOf(period: Period, at: Date): PeriodRange {
  const t = at.getTime();
  if (!Number.isFinite(t)) throw new RangeError("periodOf: invalid date");
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  if (period === "day") {
    const start = Date.UTC(y, m, at.getUTCDate());
    return { start: new Date(start), end: new Date(Date.UTC(y, m, at.getUTCDate() + 1)) };
  }
  // Date.UTC carries month 12 into January of the next year.
  return { start: new Date(Date.UTC(y, m, 1)), end: new Date(Date.UTC(y, m + 1, 1)) };
}

/** The period right after the one that holds `at`. */
export function nextPeriod(period: Period, at: Date): PeriodRange {
  return periodOf(period, periodOf(period, at).end);
}
