import type { ReactNode } from "react";

export type Tone = "ok" | "warn" | "bad" | "neutral" | "info";

const icons: Record<Tone, string> = { ok: "✓", warn: "!", bad: "✕", neutral: "–", info: "i" };

/** A status label: color, an icon and the text itself, so color is never the only signal. */
export function Badge({ tone, children, testId, title, icon }: { tone: Tone; children: ReactNode; testId?: string; title?: string; icon?: string | null }) {
  const shown = icon === undefined ? icons[tone] : icon;
  return (
    <span className={`badge badge-${tone}`} data-testid={testId} data-tone={tone} title={title}>
      {shown !== null ? (
        <span className="badge-icon" aria-hidden="true">
          {shown}
        </span>
      ) : null}
      {children}
    </span>
  );
}
