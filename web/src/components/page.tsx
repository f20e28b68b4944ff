import type { ReactNode } from "react";

export function PageHeader({ title, children, description }: { title: string; children?: ReactNode; description?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1 tabIndex={-1} data-page-title>
          {title}
        </h1>
        {description !== undefined ? <p className="page-description">{description}</p> : null}
      </div>
      {children !== undefined ? <div className="page-actions">{children}</div> : null}
    </header>
  );
}

export function Section({ title, children, actions, id }: { title: string; children: ReactNode; actions?: ReactNode; id?: string }) {
  const headingId = `${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-heading`;
  return (
    <section className="section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>{title}</h2>
        {actions !== undefined ? <div className="section-actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}

/** A labelled list of facts. */
export function Facts({ items, testId, compact = false }: { items: Array<[string, ReactNode]>; testId?: string; compact?: boolean }) {
  return (
    <dl className={`facts${compact ? " facts-compact" : ""}`} data-testid={testId}>
      {items.map(([label, value]) => (
        <div className="fact" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
