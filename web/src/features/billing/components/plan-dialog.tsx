import { BillingPeriod, FeeBasis, type Plan } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import { useState, type FormEvent } from "react";
import { useDispatch } from "react-redux";
import { Dialog } from "../../../components/dialog.tsx";
import { SelectField, TextField } from "../../../components/fields.tsx";
import { ErrorMessage } from "../../../components/states.tsx";
import { minorToDecimal, parseDecimalToMinor } from "../../../lib/money.ts";
import { useLedger } from "../../../stores/preferences.ts";
import { toastShown } from "../../../stores/toasts.ts";
import { AccountCodeInput, useAccountByCode, useCurrencies } from "../../accounts/index.ts";
import { feeBasisLabel, periodLabel } from "../api/billing.ts";
import { useCreatePlan, useUpdatePlan } from "../hooks/use-billing-mutations.ts";

/** 100 % in basis points. */
export const rateBpsMax = 10_000;
export const planNameLengthMax = 200;

interface Draft {
  name: string;
  currency: string;
  fixedFee: string;
  rateBps: string;
  minimumFee: string;
  maximumFee: string;
  basis: FeeBasis;
  period: BillingPeriod;
  revenueAccountCode: string;
}

function draftOf(plan: Plan | undefined, currency: string, scale: number | undefined): Draft {
  if (plan === undefined) {
    return { name: "", currency, fixedFee: "", rateBps: "0", minimumFee: "", maximumFee: "", basis: FeeBasis.INCOMING, period: BillingPeriod.MONTH, revenueAccountCode: "" };
  }
  const decimal = (v: string | undefined) => (v === undefined ? "" : minorToDecimal(v, scale ?? 0));
  return {
    name: plan.name,
    currency: plan.currency,
    fixedFee: decimal(plan.fixedFee),
    rateBps: String(plan.rateBps),
    minimumFee: decimal(plan.minimumFee),
    maximumFee: decimal(plan.maximumFee),
    basis: plan.basis,
    period: plan.period,
    revenueAccountCode: plan.revenueAccountCode,
  };
}

type Checked = { ok: true; value: bigint | undefined } | { ok: false; error: string };

function optionalFee(text: string, scale: number | undefined): Checked {
  if (text.trim() === "") return { ok: true, value: undefined };
  if (scale === undefined) return { ok: false, error: "Choose a currency first." };
  const parsed = parseDecimalToMinor(text, scale, { allowZero: true });
  return parsed.ok ? { ok: true, value: parsed.minor } : parsed;
}

function PlanForm({ plan, onDone }: { plan: Plan | undefined; onDone: () => void }) {
  const ledger = useLedger();
  const currencies = useCurrencies();
  const create = useCreatePlan();
  const update = useUpdatePlan();
  const dispatch = useDispatch();
  const mutation = plan === undefined ? create : update;
  const [draft, setDraft] = useState(() => draftOf(plan, currencies.list[0]?.code ?? "", plan === undefined ? undefined : currencies.scaleOf(plan.currency)));
  const [submitted, setSubmitted] = useState(false);
  const revenue = useAccountByCode(plan === undefined ? draft.revenueAccountCode : "");
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const currency = draft.currency !== "" ? draft.currency : (currencies.list[0]?.code ?? "");
  const scale = currencies.scaleOf(currency);

  const name = draft.name.trim();
  const nameError = name === "" ? "Enter a name." : name.length > planNameLengthMax ? `At most ${planNameLengthMax} characters.` : undefined;
  const fixed = draft.fixedFee.trim() === "" ? ({ ok: true, value: 0n } as Checked) : optionalFee(draft.fixedFee, scale);
  const rate = /^\d{1,5}$/.test(draft.rateBps.trim()) && Number(draft.rateBps) <= rateBpsMax ? Number(draft.rateBps) : undefined;
  const min = optionalFee(draft.minimumFee, scale);
  const max = optionalFee(draft.maximumFee, scale);
  const boundsError = min.ok && max.ok && min.value !== undefined && max.value !== undefined && min.value > max.value ? "The minimum is above the maximum." : undefined;
  const revenueError =
    plan !== undefined
      ? undefined
      : draft.revenueAccountCode.trim() === ""
        ? "Enter the account fees are credited to."
        : revenue.account !== undefined && revenue.account.currency !== currency
          ? `That account is in ${revenue.account.currency}, not ${currency}.`
          : undefined;
  const valid = nameError === undefined && fixed.ok && rate !== undefined && min.ok && max.ok && boundsError === undefined && revenueError === undefined && scale !== undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!valid || !fixed.ok || !min.ok || !max.ok || rate === undefined) return;
    const done = () => {
      dispatch(toastShown("success", plan === undefined ? `Plan “${name}” created.` : `Plan “${name}” saved.`));
      onDone();
    };
    if (plan === undefined) {
      create.mutate(
        {
          ledger,
          name,
          currency,
          fixedFee: (fixed.value ?? 0n).toString(),
          rateBps: rate,
          minimumFee: min.value?.toString(),
          maximumFee: max.value?.toString(),
          basis: draft.basis,
          period: draft.period,
          revenueAccountCode: draft.revenueAccountCode.trim(),
        },
        { onSuccess: done },
      );
    } else {
      update.mutate(
        {
          planId: plan.id,
          name,
          fixedFee: (fixed.value ?? 0n).toString(),
          rateBps: rate,
          minimumFee: min.value?.toString(),
          maximumFee: max.value?.toString(),
          clearMinimumFee: min.value === undefined && plan.minimumFee !== undefined,
          clearMaximumFee: max.value === undefined && plan.maximumFee !== undefined,
        },
        { onSuccess: done },
      );
    }
  };

  const show = (error: string | undefined) => (submitted ? error : undefined);
  return (
    <form onSubmit={submit} aria-label={plan === undefined ? "New plan" : `Edit plan ${plan.name}`} noValidate>
      <div className="form-grid">
        <TextField label="Name" value={draft.name} onChange={(e) => set({ name: e.target.value })} error={show(nameError)} />
        <SelectField
          label="Currency"
          value={currency}
          disabled={plan !== undefined}
          hint={plan !== undefined ? "A plan's currency cannot change." : undefined}
          onChange={(e) => set({ currency: e.target.value })}
          options={currencies.list.map((c) => ({ value: c.code, label: c.code }))}
        />
        <TextField label={`Fixed fee per transaction (${currency})`} inputMode="decimal" value={draft.fixedFee} onChange={(e) => set({ fixedFee: e.target.value })} error={fixed.ok ? undefined : fixed.error} hint="Empty: none." />
        <TextField
          label="Rate (basis points)"
          inputMode="numeric"
          value={draft.rateBps}
          onChange={(e) => set({ rateBps: e.target.value })}
          error={rate === undefined ? `A whole number from 0 to ${rateBpsMax} (1 bp = 0.01 %).` : undefined}
          hint="On the billable amount, rounded half up."
        />
        <TextField label={`Minimum fee (${currency})`} inputMode="decimal" value={draft.minimumFee} onChange={(e) => set({ minimumFee: e.target.value })} error={min.ok ? boundsError : min.error} hint="Empty: no minimum." />
        <TextField label={`Maximum fee (${currency})`} inputMode="decimal" value={draft.maximumFee} onChange={(e) => set({ maximumFee: e.target.value })} error={max.ok ? undefined : max.error} hint="Empty: no maximum." />
        <SelectField
          label="Charged on"
          value={String(draft.basis)}
          disabled={plan !== undefined}
          onChange={(e) => set({ basis: Number(e.target.value) as FeeBasis })}
          options={[FeeBasis.INCOMING, FeeBasis.OUTGOING, FeeBasis.ALL].map((b) => ({ value: String(b), label: feeBasisLabel(b) }))}
        />
        <SelectField
          label="Invoice period"
          value={String(draft.period)}
          disabled={plan !== undefined}
          onChange={(e) => set({ period: Number(e.target.value) as BillingPeriod })}
          options={[BillingPeriod.MONTH, BillingPeriod.DAY].map((p) => ({ value: String(p), label: periodLabel(p) }))}
        />
        {plan === undefined ? (
          <div>
            <AccountCodeInput label="Revenue account" value={draft.revenueAccountCode} onChange={(v) => set({ revenueAccountCode: v })} lookup={revenue} />
            {show(revenueError) !== undefined ? <div className="field-error">{revenueError}</div> : null}
          </div>
        ) : (
          <TextField label="Revenue account" value={draft.revenueAccountCode} disabled readOnly />
        )}
      </div>
      {mutation.isError ? <ErrorMessage error={mutation.error} /> : null}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onDone} disabled={mutation.isPending}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={mutation.isPending || (submitted && !valid)}>
          {mutation.isPending ? "Saving…" : plan === undefined ? "Create plan" : "Save plan"}
        </button>
      </div>
    </form>
  );
}

export function PlanDialog({ open, plan, onClose }: { open: boolean; plan: Plan | undefined; onClose: () => void }) {
  return (
    <Dialog open={open} title={plan === undefined ? "Create plan" : `Edit plan “${plan.name}”`} onClose={onClose} wide>
      <PlanForm plan={plan} onDone={onClose} />
    </Dialog>
  );
}
