import { useState, type FormEvent } from "react";
import { useDispatch } from "react-redux";
import { SelectField, TextField } from "../../components/fields.tsx";
import { PageHeader, Section } from "../../components/page.tsx";
import { defaultLedger, ledgerChosen, ledgerNameProblem, refreshIntervalChoicesMs, refreshIntervalChosen, themeChosen, usePreferences, type Theme } from "../../stores/preferences.ts";
import { toastShown } from "../../stores/toasts.ts";
import { useHeldLedgers } from "../../features/session/index.ts";

const themeOptions = [
  { value: "system", label: "Same as the system" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

const intervalOptions = refreshIntervalChoicesMs.map((ms) => ({ value: String(ms), label: ms === 0 ? "Off" : `Every ${ms / 1000} s` }));

/** For someone holding roles on some ledgers only: a choice among them. */
function HeldLedgerChoice({ held }: { held: string[] }) {
  const preferences = usePreferences();
  const dispatch = useDispatch();
  return (
    <>
      <SelectField
        label="Ledger (book)"
        hint="The ledgers you hold a role on. Every page reads and writes this book."
        value={held.includes(preferences.ledger) ? preferences.ledger : (held[0] ?? "")}
        options={held.map((name) => ({ value: name, label: name }))}
        onChange={(e) => {
          dispatch(ledgerChosen(e.target.value));
          dispatch(toastShown("success", `Now working on ledger "${e.target.value}".`));
        }}
      />
      <p>
        Current ledger: <strong data-testid="preferences-ledger">{preferences.ledger}</strong>
      </p>
    </>
  );
}

export function PreferencesPage() {
  const held = useHeldLedgers();
  return (
    <>
      <PageHeader title="Preferences" description="Kept in this browser." />
      <Section title="Ledger">{held === "every" ? <AnyLedgerChoice /> : <HeldLedgerChoice held={held} />}</Section>
      <DisplayPreferences />
    </>
  );
}

/** For someone holding a role on every ledger: any ledger's name. */
function AnyLedgerChoice() {
  const preferences = usePreferences();
  const dispatch = useDispatch();
  const [ledger, setLedger] = useState(preferences.ledger);
  const [touched, setTouched] = useState(false);
  const problem = ledgerNameProblem(ledger);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem !== undefined) return;
    dispatch(ledgerChosen(ledger));
    dispatch(toastShown("success", `Now working on ledger "${ledger.trim()}".`));
  };
  return (
    <>
      <form className="form-inline" onSubmit={submit} aria-label="Ledger">
        <TextField
          label="Ledger (book) name"
          value={ledger}
          onChange={(e) => setLedger(e.target.value)}
          error={touched ? problem : undefined}
          hint={`Every page reads and writes this book. The default is "${defaultLedger}".`}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="button button-primary">
          Use ledger
        </button>
        {preferences.ledger !== defaultLedger ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setLedger(defaultLedger);
              dispatch(ledgerChosen(defaultLedger));
            }}
          >
            Back to “{defaultLedger}”
          </button>
        ) : null}
      </form>
      <p>
        Current ledger: <strong data-testid="preferences-ledger">{preferences.ledger}</strong>
      </p>
    </>
  );
}

function DisplayPreferences() {
  const preferences = usePreferences();
  const dispatch = useDispatch();
  return (
    <Section title="Display">
      <div className="form-grid">
        <SelectField label="Theme" value={preferences.theme} options={themeOptions} onChange={(e) => dispatch(themeChosen(e.target.value as Theme))} />
        <SelectField
          label="Live pages refresh"
          hint="Health and outbox; paused while the tab is hidden."
          value={String(preferences.refreshIntervalMs)}
          options={intervalOptions}
          onChange={(e) => dispatch(refreshIntervalChosen(Number(e.target.value)))}
        />
      </div>
    </Section>
  );
}
