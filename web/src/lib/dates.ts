import { timestampDate, timestampFromDate, type Timestamp } from "@bufbuild/protobuf/wkt";

export type { Timestamp };

/** A protobuf timestamp as a Date; undefined when unset (the zero value means "never" on the wire). */
export function toDate(ts: Timestamp | undefined): Date | undefined {
  if (ts === undefined) return undefined;
  if (ts.seconds === 0n && ts.nanos === 0) return undefined;
  return timestampDate(ts);
}

export function toTimestamp(date: Date): Timestamp {
  return timestampFromDate(date);
}

/** The exact UTC instant, with the nanoseconds the wire carries: 2026-01-02T03:04:05.123456789Z. */
export function exactUtc(ts: Timestamp): string {
  const date = timestampDate(ts);
  const base = date.toISOString().slice(0, 19);
  const fraction = ts.nanos === 0 ? "" : `.${ts.nanos.toString().padStart(9, "0").replace(/0+$/, "")}`;
  return `${base}${fraction}Z`;
}

export function formatDateTime(date: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" }).format(date);
}

export function formatTime(date: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: "medium" }).format(date);
}

/** A length of time for people: 0.4 s → "400 ms", 75 s → "1 min 15 s", 90000 s → "1 d 1 h". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "—";
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const total = Math.floor(seconds);
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  return `${minutes} min ${secs} s`;
}

/** The value for an <input type="datetime-local"> showing this instant in local time. */
export function toLocalInputValue(date: Date): string {
  const pad = (n: number) => n.toString().padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Reads an <input type="datetime-local"> value (local time); undefined when empty or invalid. */
export function fromLocalInputValue(value: string): Date | undefined {
  if (value.trim() === "") return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
