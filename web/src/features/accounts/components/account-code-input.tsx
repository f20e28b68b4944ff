import { useId } from "react";
import { describeError } from "../../../lib/errors.ts";
import type { AccountLookup } from "../hooks/use-account-by-code.ts";

export interface AccountCodeInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  lookup: AccountLookup;
  /** Hides the label visually (tables of legs); it stays for assistive technology. */
  hideLabel?: boolean;
  testId?: string;
  required?: boolean;
}

/** An account code with suggestions from the ledger and a line saying whether it exists. */
export function AccountCodeInput({ label, value, onChange, lookup, hideLabel = false, testId, required }: AccountCodeInputProps) {
  const id = useId();
  const statusId = `${id}-status`;
  const listId = `${id}-list`;
  const status =
    lookup.state === "found" && lookup.account !== undefined
      ? `${lookup.account.currency} account`
      : lookup.state === "missing"
        ? lookup.truncated === true
          ? "No exact match among the first accounts containing this text"
          : "No account with this code"
        : lookup.state === "searching"
          ? "Looking up…"
          : lookup.state === "error"
            ? `Look-up failed: ${describeError(lookup.error).message}`
            : "";
  return (
    <div className={`field account-code-field account-code-${lookup.state}`}>
      <label htmlFor={id} className={hideLabel ? "visually-hidden" : undefined}>
        {label}
      </label>
      <input
        id={id}
        className="input mono"
        list={listId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={statusId}
        aria-invalid={lookup.state === "missing"}
        autoComplete="off"
        spellCheck={false}
        required={required}
        data-testid={testId}
      />
      <datalist id={listId}>
        {lookup.suggestions.map((a) => (
          <option key={a.id} value={a.code}>
            {a.currency}
          </option>
        ))}
      </datalist>
      <div id={statusId} className={`field-hint${lookup.state === "missing" || lookup.state === "error" ? " field-error" : ""}`} aria-live="polite">
        {status}
      </div>
    </div>
  );
}
