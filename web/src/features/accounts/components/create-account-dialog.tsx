import { NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { useState, type FormEvent } from "react";
import { useDispatch } from "react-redux";
import { useNavigate } from "react-router";
import { Dialog } from "../../../components/dialog.tsx";
import { CheckboxField, SelectField, TextField } from "../../../components/fields.tsx";
import { MetadataEditor } from "../../../components/metadata-editor.tsx";
import { ErrorMessage } from "../../../components/states.tsx";
import { metadataFromRows, type MetadataRow } from "../../../lib/metadata.ts";
import { parseDecimalToMinor } from "../../../lib/money.ts";
import { useLedger } from "../../../stores/preferences.ts";
import { toastShown } from "../../../stores/toasts.ts";
import { useCreateAccount } from "../hooks/use-account-mutations.ts";
import { useCurrencies } from "../hooks/use-currencies.ts";

export const accountCodeLengthMax = 255;

interface Draft {
  code: string;
  currency: string;
  normal: NormalBalance;
  allowOverdraft: boolean;
  limit: string;
  metadata: MetadataRow[];
}

const emptyDraft: Draft = { code: "", currency: "", normal: NormalBalance.CREDIT, allowOverdraft: false, limit: "", metadata: [] };

function CreateAccountForm({ onDone }: { onDone: () => void }) {
  const ledger = useLedger();
  const currencies = useCurrencies();
  const create = useCreateAccount();
  const dispatch = useDispatch();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>({ ...emptyDraft, currency: currencies.list[0]?.code ?? "" });
  const [submitted, setSubmitted] = useState(false);
  const currency = draft.currency !== "" ? draft.currency : (currencies.list[0]?.code ?? "");
  const scale = currencies.scaleOf(currency);
  const code = draft.code.trim();
  const codeProblem = code === "" ? "Enter a code." : code.length > accountCodeLengthMax ? `At most ${accountCodeLengthMax} characters.` : undefined;
  const limit = draft.allowOverdraft && draft.limit.trim() !== "" && scale !== undefined ? parseDecimalToMinor(draft.limit, scale, { allowZero: true }) : undefined;
  const limitProblem = limit !== undefined && !limit.ok ? limit.error : undefined;
  const metadata = metadataFromRows(draft.metadata);
  const valid = codeProblem === undefined && currency !== "" && limitProblem === undefined && metadata.ok;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!valid || !metadata.ok) return;
    create.mutate(
      {
        ledger,
        code,
        currency,
        normalBalance: draft.normal,
        allowOverdraft: draft.allowOverdraft,
        overdraftLimit: limit?.ok === true ? limit.minor.toString() : undefined,
        metadata: metadata.values,
      },
      {
        onSuccess: (account) => {
          dispatch(toastShown("success", `Account ${code} created.`));
          onDone();
          if (account !== undefined) void navigate(`/accounts/${account.id}`);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} aria-label="New account" noValidate>
      <div className="form-grid">
        <TextField
          label="Code"
          value={draft.code}
          onChange={(e) => setDraft({ ...draft, code: e.target.value })}
          error={submitted ? codeProblem : undefined}
          hint="Unique in the ledger, e.g. wallet:alice."
          autoComplete="off"
          spellCheck={false}
          className="input mono"
        />
        <SelectField
          label="Currency"
          value={currency}
          onChange={(e) => setDraft({ ...draft, currency: e.target.value })}
          options={currencies.list.map((c) => ({ value: c.code, label: `${c.code} (${c.scale} decimals)` }))}
          error={currencies.list.length === 0 && !currencies.isPending ? "No currencies could be loaded." : undefined}
        />
        <SelectField
          label="Normal balance"
          value={String(draft.normal)}
          onChange={(e) => setDraft({ ...draft, normal: Number(e.target.value) === NormalBalance.DEBIT ? NormalBalance.DEBIT : NormalBalance.CREDIT })}
          options={[
            { value: String(NormalBalance.CREDIT), label: "Credit (liabilities, equity, revenue)" },
            { value: String(NormalBalance.DEBIT), label: "Debit (assets, expenses)" },
          ]}
        />
      </div>
      <CheckboxField label="Allow overdraft" checked={draft.allowOverdraft} onChange={(e) => setDraft({ ...draft, allowOverdraft: e.target.checked })} hint="Without it, the available balance can never go below zero." />
      {draft.allowOverdraft ? (
        <TextField label={`Overdraft limit${currency !== "" ? ` (${currency})` : ""}`} value={draft.limit} inputMode="decimal" onChange={(e) => setDraft({ ...draft, limit: e.target.value })} error={limitProblem} hint="Empty: unlimited." />
      ) : null}
      <MetadataEditor rows={draft.metadata} onChange={(rows) => setDraft({ ...draft, metadata: rows })} error={metadata.ok ? undefined : metadata.error} />
      {create.isError ? <ErrorMessage error={create.error} /> : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onDone} disabled={create.isPending}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={create.isPending || (submitted && !valid)}>
          {create.isPending ? "Creating…" : "Create account"}
        </button>
      </div>
    </form>
  );
}

export function CreateAccountButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
        Create account
      </button>
      <Dialog open={open} title="Create account" onClose={() => setOpen(false)} wide>
        <CreateAccountForm onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}
