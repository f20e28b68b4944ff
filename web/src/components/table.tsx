import type { ReactNode } from "react";

/**
 * A table that scrolls sideways on narrow screens instead of breaking the page; focusable so a
 * keyboard can scroll it too.
 */
export function TableScroll({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0} data-testid={testId}>
      {children}
    </div>
  );
}

/** A small two-column table of a string map (headers, checks, metadata). */
export function MapTable({ label, entries, empty = "None." }: { label: string; entries: Record<string, string>; empty?: string }) {
  const rows = Object.entries(entries).sort(([a], [b]) => a.localeCompare(b));
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <TableScroll label={label}>
      <table className="table table-compact">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, value]) => (
            <tr key={key}>
              <th scope="row" className="mono">
                {key}
              </th>
              <td className="mono wrap">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
