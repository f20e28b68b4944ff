import { Direction, EntryEffect } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import type { PostTransactionResponse } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Badge } from "../../../components/badge.tsx";
import { CheckboxField, TextField } from "../../../components/fields.tsx";
import { MetadataEditor } from "../../../components/metadata-editor.tsx";
import { Money } from "../../../components/money.tsx";
import { ErrorMessage } from "../../../components/states.tsx";
import { fromLocalInputValue, toTimestamp } from "../../../lib/dates.ts";
import { insufficientFunds } from "../../../lib/errors.ts";
import { newIdempotencyKey } from "../../../lib/idempotency.ts";
import { metadataFromRows, type MetadataRow } from "../../../lib/metadata.ts";
import { formatMinor } from "../../../lib/money.ts";
import { useLedger } from "../../../stores/preferences.ts";
import { AccountCodeInput, useAccountLookups, type AccountLookup } from "../../accounts/index.ts";
import { usePostTransaction } from "../hooks/use-transaction-mutations.ts";
import type { CurrencyBalance } from "../utils/balance.ts";
import { checkPostForm, legsMax, legsMin, type AccountResolution, type LegCheck, type LegDraft } from "../utils/post-form.ts";

const descriptionLengthMax = 1024;

function resolution(lookup: AccountLookup): AccountResolution {
  if (lookup.state === "found" && lookup.account !== undefined) return { state: "found", currency: lookup.account.currency, scale: lookup.account.scale };
  return { state: lookup.state === "found" ? "searching" : lookup.state };
}

function initialLegs(accountCode: string): LegDraft[] {
  return [
    { id: 1, accountCode, direction: Direction.DEBIT, amount: "" },
    { id: 2, accountCode: "", direction: Direction.CREDIT, amount: "" },
  ];
}

function LegRow({
  leg,
  index,
  check,
  lookup,
  canRemove,
  onChange,
  onRemove,
}: {
  leg: LegDraft;
  index: number;
  check: LegCheck | undefined;
  lookup: AccountLookup;
  canRemove: boolean;
  onChange: (patch: Partial<LegDraft>) => void;
  onRemove: () => void;
}) {
  // Legs are numbered from 0, as the API and the transaction page number them.
  const n = index;
  const amountError = check?.amount !== undefined && !check.amount.ok ? check.amount.error : undefined;
  return (
    <div className="leg-row" role="group" aria-label={`Leg ${n}`} data-testid={`leg-${index}`}>
      <span className="leg-number" aria-hidden="true">
        {n}
      </span>
      <AccountCodeInput label={`Leg ${n} account`} value={leg.accountCode} onChange={(accountCode) => onChange({ accountCode })} lookup={lookup} testId={`leg-${index}-account`} />
      <div className="field">
        <label htmlFor={`leg-${leg.id}-direction`}>Leg {n} direction</label>
        <select
          id={`leg-${leg.id}-direction`}
          className="input"
          value={String(leg.direction)}
          onChange={(e) => onChange({ direction: Number(e.target.value) === Direction.CREDIT ? Direction.CREDIT : Direction.DEBIT })}
          data-testid={`leg-${index}-direction`}
        >
          <option value={String(Direction.DEBIT)}>Debit</option>
          <option value={String(Direction.CREDIT)}>Credit</option>
        </select>
      </div>
      <div className={`field${amountError !== undefined ? " field-invalid" : ""}`}>
        <label htmlFor={`leg-${leg.id}-amount`}>
          Leg {n} amount{check?.currency !== undefined ? ` (${check.currency})` : ""}
        </label>
        <input
          id={`leg-${leg.id}-amount`}
          className="input num"
          inputMode="decimal"
          autoComplete="off"
          value={leg.amount}
          onChange={(e) => onChange({ amount: e.target.value })}
          aria-invalid={amountError !== undefined}
          aria-describedby={amountError !== undefined ? `leg-${leg.id}-amount-error` : undefined}
          data-testid={`leg-${index}-amount`}
          placeholder={check?.scale !== undefined && check.scale > 0 ? `0.${"0".repeat(check.scale)}` : "0"}
        />
        {amountError !== undefined ? (
          <div id={`leg-${leg.id}-amount-error`} className="field-error">
            {amountError}
          </div>
        ) : null}
      </div>
      <button type="button" className="button button-small button-ghost leg-remove" onClick={onRemove} disabled={!canRemove} aria-label={`Remove leg ${n}`} data-testid={`remove-leg-${index}`}>
        Remove
      </button>
    </div>
  );
}

function BalanceCheck({ balances }: { balances: CurrencyBalance[] }) {
  return (
    <section className="balance-check" aria-label="Balance check" data-testid="balance-check" aria-live="polite">
      <h3 className="subheading">Balance per currency</h3>
      {balances.length === 0 ? (
        <p className="muted">Enter accounts and amounts to see debits and credits per currency.</p>
      ) : (
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">Currency</th>
              <th scope="col" className="num">
                Debits
              </th>
              <th scope="col" className="num">
                Credits
              </th>
              <th scope="col">Check</th>
            </tr>
          </thead>
          <tbody>
            {balances.map((b) => (
              <tr key={b.currency} data-testid={`balance-${b.currency}`}>
                <th scope="row">{b.currency}</th>
                <td className="num">
                  <Money amount={b.debits} scale={b.scale} />
                </td>
                <td className="num">
                  <Money amount={b.credits} scale={b.scale} />
                </td>
                <td>
                  {b.difference === 0n ? (
                    <Badge tone="ok">Balanced</Badge>
                  ) : (
                    <Badge tone="bad" testId={`imbalance-${b.currency}`}>
                      {b.difference > 0n ? "Debits exceed credits" : "Credits exceed debits"} by {formatMinor(b.difference < 0n ? -b.difference : b.difference, b.scale, { currency: b.currency })}
                    </Badge>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PostResult({ response, onAnother }: { response: PostTransactionResponse; onAnother: () => void }) {
  const tx = response.transaction;
  return (
    <div className="result-panel" role="status" data-testid="post-result">
      <h2>{tx?.entries.some((e) => e.effect === EntryEffect.HOLD) === true ? "Hold placed" : "Transaction posted"}</h2>
      {response.replayed ? <p>This idempotency key had already been used for the same request: nothing was posted twice, the original transaction is shown.</p> : null}
      {tx !== undefined ? (
        <p>
          Transaction{" "}
          <Link to={`/transactions/${tx.id}`} className="mono" data-testid="posted-transaction-link">
            {tx.id}
          </Link>
        </p>
      ) : null}
      <button type="button" className="button button-primary" onClick={onAnother}>
        Post another transaction
      </button>
    </div>
  );
}

/**
 * A balanced multi-leg transaction. The idempotency key is made once per form and kept across
 * retries, so a double click or a retry after a timeout can never post twice.
 */
export function PostTransactionForm({ initialAccountCode = "" }: { initialAccountCode?: string }) {
  const ledger = useLedger();
  const post = usePostTransaction();
  const nextLegId = useRef(3);
  const inFlight = useRef(false);
  const [legs, setLegs] = useState<LegDraft[]>(() => initialLegs(initialAccountCode));
  const [pending, setPending] = useState(false);
  const [expiresAt, setExpiresAt] = useState("");
  const [description, setDescription] = useState("");
  const [metadataRows, setMetadataRows] = useState<MetadataRow[]>([]);
  const [idempotencyKey, setIdempotencyKey] = useState(() => newIdempotencyKey("web-post"));
  const lookup = useAccountLookups(legs.map((l) => l.accountCode));
  const check = checkPostForm(legs, (code) => resolution(lookup(code)));

  const expiry = pending ? fromLocalInputValue(expiresAt) : undefined;
  const metadata = metadataFromRows(metadataRows);
  const problems = [...check.problems];
  if (pending && expiresAt !== "" && expiry === undefined) problems.push("The hold's expiry is not a valid date.");
  if (expiry !== undefined && expiry.getTime() <= Date.now()) problems.push("The hold's expiry must be in the future.");
  if (description.length > descriptionLengthMax) problems.push(`The description has at most ${descriptionLengthMax} characters.`);
  if (!metadata.ok) problems.push(metadata.error);
  const canSubmit = problems.length === 0 && check.balanced;

  const updateLeg = (id: number, patch: Partial<LegDraft>) => setLegs((all) => all.map((l) => (l.id === id ? { ...l, ...patch } : l)));
  const addLeg = () => {
    const id = nextLegId.current;
    nextLegId.current += 1;
    setLegs((all) => (all.length >= legsMax ? all : [...all, { id, accountCode: "", direction: Direction.CREDIT, amount: "" }]));
  };
  const reset = () => {
    setLegs(initialLegs(""));
    setPending(false);
    setExpiresAt("");
    setDescription("");
    setMetadataRows([]);
    setIdempotencyKey(newIdempotencyKey("web-post"));
    post.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit || inFlight.current || !metadata.ok) return;
    inFlight.current = true;
    post.mutate(
      {
        ledger,
        idempotencyKey,
        entries: check.entries,
        pending,
        expiresAt: expiry === undefined ? undefined : toTimestamp(expiry),
        description: description.trim(),
        metadata: metadata.values,
      },
      { onSettled: () => (inFlight.current = false) },
    );
  };

  if (post.isSuccess) return <PostResult response={post.data} onAnother={reset} />;

  const funds = insufficientFunds(post.error);
  const fundsScale = funds !== undefined ? lookup(funds.accountCode).account?.scale : undefined;

  return (
    <form className="post-form" onSubmit={submit} aria-label="Post transaction" noValidate data-testid="post-form">
      <fieldset className="fieldset">
        <legend>Legs</legend>
        {legs.map((leg, index) => (
          <LegRow
            key={leg.id}
            leg={leg}
            index={index}
            check={check.legs[index]}
            lookup={lookup(leg.accountCode)}
            canRemove={legs.length > legsMin}
            onChange={(patch) => updateLeg(leg.id, patch)}
            onRemove={() => setLegs((all) => all.filter((l) => l.id !== leg.id))}
          />
        ))}
        <button type="button" className="button button-small" onClick={addLeg} disabled={legs.length >= legsMax} data-testid="add-leg">
          Add leg
        </button>
      </fieldset>
      <BalanceCheck balances={check.balances} />
      <fieldset className="fieldset">
        <legend>Options</legend>
        <CheckboxField label="Place a hold (pending transaction)" checked={pending} onChange={(e) => setPending(e.target.checked)} hint="Holds reduce the available balance until committed, voided or expired." />
        {pending ? <TextField label="Hold expires at" type="datetime-local" value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} hint="Your local time. Optional." /> : null}
        <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={descriptionLengthMax} />
        <MetadataEditor rows={metadataRows} onChange={setMetadataRows} />
      </fieldset>
      <p className="muted idempotency">
        Idempotency key <code data-testid="idempotency-key">{idempotencyKey}</code>: retrying sends the same key, so this transaction is posted at most once.
      </p>
      {post.isError ? (
        <ErrorMessage error={post.error}>
          {funds !== undefined ? (
            <p data-testid="insufficient-funds">
              Account <span className="mono">{funds.accountCode || funds.accountId}</span>: available <Money amount={funds.available} scale={fundsScale} />, requested <Money amount={funds.requested} scale={fundsScale} />
              {funds.floor !== "" && funds.floor !== "0" ? (
                <>
                  , floor <Money amount={funds.floor} scale={fundsScale} />
                </>
              ) : null}
              .
            </p>
          ) : null}
        </ErrorMessage>
      ) : null}
      <div className="form-footer">
        <button type="submit" className="button button-primary" disabled={!canSubmit || post.isPending} aria-describedby="post-problems" data-testid="post-submit">
          {post.isPending ? "Posting…" : post.isError ? (pending ? "Retry hold" : "Retry posting") : pending ? "Place hold" : "Post transaction"}
        </button>
        <div id="post-problems" className="form-problems" aria-live="polite">
          {problems.length > 0 ? (
            <>
              <span>Not ready to post:</span>
              <ul>
                {problems.slice(0, 6).map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
    </form>
  );
}
