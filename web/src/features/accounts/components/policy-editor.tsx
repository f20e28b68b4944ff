import type { AccountSummary } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useState, type FormEvent } from "react";
import { useDispatch } from "react-redux";
import { CheckboxField, TextField } from "../../../components/fields.tsx";
import { MetadataEditor } from "../../../components/metadata-editor.tsx";
import { ErrorMessage } from "../../../components/states.tsx";
import { metadataFromRows, rowsFromMetadata } from "../../../lib/metadata.ts";
import { minorToDecimal, parseDecimalToMinor } from "../../../lib/money.ts";
import { toastShown } from "../../../stores/toasts.ts";
import { useUpdateAccountPolicy } from "../hooks/use-account-mutations.ts";

/** The overdraft policy and metadata of one account, editable (admins only; the page decides). */
export function PolicyEditor({ account }: { account: AccountSummary }) {
  const update = useUpdateAccountPolicy();
  const dispatch = useDispatch();
  const [allow, setAllow] = useState(account.allowOverdraft);
  const [unlimited, setUnlimited] = useState(account.overdraftLimit === undefined);
  const [limit, setLimit] = useState(account.overdraftLimit === undefined ? "" : minorToDecimal(account.overdraftLimit, account.scale));
  const [rows, setRows] = useState(() => rowsFromMetadata(account.metadata));
  const [metadataTouched, setMetadataTouched] = useState(false);

  const parsedLimit = allow && !unlimited ? parseDecimalToMinor(limit, account.scale, { allowZero: true }) : undefined;
  const metadata = metadataFromRows(rows);
  const problem = parsedLimit !== undefined && !parsedLimit.ok ? parsedLimit.error : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problem !== undefined || !metadata.ok) return;
    update.mutate(
      {
        ledger: account.ledger,
        accountId: account.id,
        allowOverdraft: allow,
        overdraftLimit: parsedLimit?.ok === true ? parsedLimit.minor.toString() : undefined,
        clearOverdraftLimit: allow && unlimited && account.overdraftLimit !== undefined,
        // Metadata is replaced as a whole, so it is sent only when it was edited.
        metadata: metadataTouched ? { values: metadata.values } : undefined,
      },
      {
        onSuccess: () => {
          setMetadataTouched(false);
          dispatch(toastShown("success", `Policy of ${account.code} saved.`));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} aria-label="Account policy" className="policy-form" noValidate>
      <CheckboxField label="Allow overdraft" checked={allow} onChange={(e) => setAllow(e.target.checked)} />
      {allow ? (
        <>
          <CheckboxField label="Unlimited overdraft" checked={unlimited} onChange={(e) => setUnlimited(e.target.checked)} />
          {!unlimited ? (
            <TextField label={`Overdraft limit (${account.currency})`} value={limit} inputMode="decimal" onChange={(e) => setLimit(e.target.value)} error={problem} hint="The available balance may go down to minus this amount." />
          ) : null}
        </>
      ) : null}
      <MetadataEditor
        label="Metadata"
        rows={rows}
        onChange={(next) => {
          setRows(next);
          setMetadataTouched(true);
        }}
        error={metadata.ok ? undefined : metadata.error}
      />
      {update.isError ? <ErrorMessage error={update.error} /> : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={update.isPending || problem !== undefined || !metadata.ok}>
          {update.isPending ? "Saving…" : "Save policy"}
        </button>
      </div>
    </form>
  );
}
