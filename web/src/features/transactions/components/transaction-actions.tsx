import { TransactionStatus, TransactionType, type Transaction } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { useState } from "react";
import { useDispatch } from "react-redux";
import { Link } from "react-router";
import { Badge } from "../../../components/badge.tsx";
import { ConfirmDialog } from "../../../components/dialog.tsx";
import { TextField } from "../../../components/fields.tsx";
import { directionLabel } from "../../../components/ledger-badges.tsx";
import { Money } from "../../../components/money.tsx";
import { formatMinor, minorToDecimal, parseDecimalToMinor, toMinor } from "../../../lib/money.ts";
import { toastShown } from "../../../stores/toasts.ts";
import { useCurrencies } from "../../accounts/index.ts";
import { useCan } from "../../session/index.ts";
import { useCommitTransaction, useReverseTransaction, useVoidTransaction } from "../hooks/use-transaction-mutations.ts";
import { balanceByCurrency, isBalanced } from "../utils/balance.ts";

interface Outcome {
  label: string;
  transactionId: string;
}

function CommitButton({ tx, onDone }: { tx: Transaction; onDone: (o: Outcome) => void }) {
  const commit = useCommitTransaction();
  const dispatch = useDispatch();
  const currencies = useCurrencies();
  const [open, setOpen] = useState(false);
  const scaleOf = (currency: string) => currencies.scaleOf(currency);
  // Only what the person changed is kept; untouched legs show (and commit) the full held amount.
  const [edited, setEdited] = useState<Record<number, string>>({});
  const shown = (leg: number, amount: string, scale: number | undefined) => edited[leg] ?? (scale === undefined ? "" : minorToDecimal(amount, scale));

  const checks = tx.entries.map((e) => {
    const scale = scaleOf(e.currency);
    if (scale === undefined) return { entry: e, scale, error: "Currency scale unknown.", minor: undefined };
    const parsed = parseDecimalToMinor(shown(e.leg, e.amount, scale), scale, { allowZero: true });
    if (!parsed.ok) return { entry: e, scale, error: parsed.error, minor: undefined };
    if (parsed.minor > toMinor(e.amount)) return { entry: e, scale, error: "More than the hold.", minor: undefined };
    return { entry: e, scale, error: undefined, minor: parsed.minor };
  });
  const valid = checks.every((c) => c.error === undefined);
  const balances = balanceByCurrency(checks.flatMap((c) => (c.minor === undefined || c.scale === undefined ? [] : [{ currency: c.entry.currency, scale: c.scale, direction: c.entry.direction, amount: c.minor }])));
  const balanced = valid && isBalanced(balances);
  const partial = checks.filter((c) => c.minor !== undefined && c.minor !== toMinor(c.entry.amount));

  return (
    <>
      <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
        Commit
      </button>
      <ConfirmDialog
        open={open}
        title="Commit this hold?"
        confirmLabel={partial.length > 0 ? "Commit partially" : "Commit in full"}
        busy={commit.isPending}
        confirmDisabled={!balanced}
        error={commit.error ?? undefined}
        onCancel={() => {
          setOpen(false);
          commit.reset();
          setEdited({});
        }}
        onConfirm={() => {
          if (!balanced) return;
          commit.mutate(
            { ledger: tx.ledger, transactionId: tx.id, amounts: partial.map((c) => ({ leg: c.entry.leg, amount: (c.minor ?? 0n).toString() })) },
            {
              onSuccess: (r) => {
                setOpen(false);
                dispatch(toastShown("success", "Hold committed."));
                if (r.commit !== undefined) onDone({ label: "Committed by", transactionId: r.commit.id });
              },
            },
          );
        }}
      >
        <p>Posts the held amounts. Lower an amount to commit part of a leg; the committed legs must still balance, and whatever is not committed is released.</p>
        <div className="commit-legs">
          {checks.map((c) => (
            <TextField
              key={c.entry.leg}
              label={`Leg ${c.entry.leg} — ${directionLabel(c.entry.direction)} ${c.entry.accountCode} (${c.entry.currency})`}
              value={shown(c.entry.leg, c.entry.amount, c.scale)}
              inputMode="decimal"
              onChange={(e) => setEdited({ ...edited, [c.entry.leg]: e.target.value })}
              error={c.error}
              hint={
                <>
                  Held: <Money amount={c.entry.amount} scale={c.scale} />
                </>
              }
            />
          ))}
        </div>
        {valid && !balanced ? (
          <p role="alert">
            <Badge tone="bad">Not balanced</Badge>{" "}
            {balances
              .filter((b) => b.difference !== 0n)
              .map((b) => `${b.currency}: debits and credits differ by ${formatMinor(b.difference < 0n ? -b.difference : b.difference, b.scale)}`)
              .join("; ")}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}

function VoidButton({ tx, onDone }: { tx: Transaction; onDone: (o: Outcome) => void }) {
  const mutation = useVoidTransaction();
  const dispatch = useDispatch();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-danger-outline" onClick={() => setOpen(true)}>
        Void
      </button>
      <ConfirmDialog
        open={open}
        title="Void this hold?"
        confirmLabel="Void"
        tone="danger"
        busy={mutation.isPending}
        error={mutation.error ?? undefined}
        onCancel={() => {
          setOpen(false);
          mutation.reset();
        }}
        onConfirm={() =>
          mutation.mutate(
            { ledger: tx.ledger, transactionId: tx.id },
            {
              onSuccess: (r) => {
                setOpen(false);
                dispatch(toastShown("success", "Hold voided."));
                if (r.void !== undefined) onDone({ label: "Voided by", transactionId: r.void.id });
              },
            },
          )
        }
      >
        <p>Releases every hold of this transaction without posting anything.</p>
      </ConfirmDialog>
    </>
  );
}

function ReverseButton({ tx, onDone }: { tx: Transaction; onDone: (o: Outcome) => void }) {
  const mutation = useReverseTransaction();
  const dispatch = useDispatch();
  const [open, setOpen] = useState(false);
  const [description, setDescription] = useState("");
  return (
    <>
      <button type="button" className="button button-danger-outline" onClick={() => setOpen(true)}>
        Reverse
      </button>
      <ConfirmDialog
        open={open}
        title="Reverse this transaction?"
        confirmLabel="Reverse"
        tone="danger"
        busy={mutation.isPending}
        error={mutation.error ?? undefined}
        onCancel={() => {
          setOpen(false);
          mutation.reset();
        }}
        onConfirm={() =>
          mutation.mutate(
            { ledger: tx.ledger, transactionId: tx.id, description: description.trim() },
            {
              onSuccess: (r) => {
                setOpen(false);
                dispatch(toastShown("success", "Transaction reversed."));
                if (r.reversal !== undefined) onDone({ label: "Reversed by", transactionId: r.reversal.id });
              },
            },
          )
        }
      >
        <p>Posts a new transaction with every leg the other way round. The original stays in the books, marked reversed.</p>
        <TextField label="Description of the reversal" value={description} onChange={(e) => setDescription(e.target.value)} placeholder="e.g. refund requested" />
      </ConfirmDialog>
    </>
  );
}

/** Commit, void and reverse, each only where the status allows it and the role may. */
export function TransactionActions({ tx }: { tx: Transaction }) {
  const canCommit = useCan("commitTransaction");
  const canVoid = useCan("voidTransaction");
  const canReverse = useCan("reverseTransaction");
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const pending = tx.status === TransactionStatus.PENDING;
  const reversible = tx.status === TransactionStatus.POSTED && tx.reversedByTransactionId === "" && (tx.type === TransactionType.STANDARD || tx.type === TransactionType.COMMIT);
  const buttons = [
    pending && canCommit ? <CommitButton key="commit" tx={tx} onDone={setOutcome} /> : null,
    pending && canVoid ? <VoidButton key="void" tx={tx} onDone={setOutcome} /> : null,
    reversible && canReverse ? <ReverseButton key="reverse" tx={tx} onDone={setOutcome} /> : null,
  ].filter((b) => b !== null);
  return (
    <>
      {buttons.length > 0 ? (
        <div className="button-row" role="group" aria-label="Transaction actions">
          {buttons}
        </div>
      ) : null}
      {outcome !== undefined ? (
        <p className="result-panel" role="status" data-testid="transaction-action-result">
          {outcome.label}{" "}
          <Link to={`/transactions/${outcome.transactionId}`} className="mono">
            {outcome.transactionId}
          </Link>
          .
        </p>
      ) : null}
    </>
  );
}
