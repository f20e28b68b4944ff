import { useId } from "react";
import type { MetadataRow } from "../lib/metadata.ts";

/** Key/value rows with add and remove; each input labelled with its row number. */
export function MetadataEditor({ rows, onChange, label = "Metadata", error }: { rows: MetadataRow[]; onChange: (rows: MetadataRow[]) => void; label?: string; error?: string }) {
  const base = useId();
  const nextId = rows.reduce((max, r) => Math.max(max, r.id), 0) + 1;
  const update = (id: number, patch: Partial<MetadataRow>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  return (
    <fieldset className="fieldset metadata-editor">
      <legend>{label}</legend>
      {rows.length === 0 ? <p className="muted">None.</p> : null}
      {rows.map((row, index) => (
        <div className="metadata-row" key={row.id}>
          <label className="visually-hidden" htmlFor={`${base}-key-${row.id}`}>
            {label} key {index + 1}
          </label>
          <input id={`${base}-key-${row.id}`} className="input mono" placeholder="key" value={row.key} onChange={(e) => update(row.id, { key: e.target.value })} />
          <label className="visually-hidden" htmlFor={`${base}-value-${row.id}`}>
            {label} value {index + 1}
          </label>
          <input id={`${base}-value-${row.id}`} className="input" placeholder="value" value={row.value} onChange={(e) => update(row.id, { value: e.target.value })} />
          <button type="button" className="button button-small button-ghost" aria-label={`Remove ${label.toLowerCase()} entry ${index + 1}`} onClick={() => onChange(rows.filter((r) => r.id !== row.id))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="button button-small" onClick={() => onChange([...rows, { id: nextId, key: "", value: "" }])}>
        Add {label.toLowerCase()} entry
      </button>
      {error !== undefined ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
