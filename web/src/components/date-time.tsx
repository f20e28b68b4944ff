import { exactUtc, formatDateTime, toDate, type Timestamp } from "../lib/dates.ts";

/** An instant in the reader's locale; the exact UTC instant on hover and in the markup. */
export function DateTime({ value, fallback = "—" }: { value: Timestamp | undefined; fallback?: string }) {
  const date = toDate(value);
  if (value === undefined || date === undefined) return <span className="muted">{fallback}</span>;
  const utc = exactUtc(value);
  return (
    <time dateTime={date.toISOString()} title={utc}>
      {formatDateTime(date)}
    </time>
  );
}
