import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useDispatch, useSelector } from "react-redux";
import { PageHeader } from "../../../components/page.tsx";
import { Tabs, type TabItem } from "../../../components/tabs.tsx";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { Code, errorCode } from "../../../lib/errors.ts";
import { useLedger } from "../../../stores/preferences.ts";
import { DateTime } from "../../../components/date-time.tsx";
import { formatCount } from "../../../lib/numbers.ts";
import { useRefreshInterval } from "../../../stores/preferences.ts";
import { billingStatusQueryOptions, planChoicesQueryOptions } from "../api/billing.ts";
import { billingTabChosen, selectBillingUi, type BillingTab } from "../stores/billing-ui.ts";
import { AccrualsTab } from "./accruals-tab.tsx";
import { AssignmentsTab } from "./assignments-tab.tsx";
import { InvoicesTab } from "./invoices-tab.tsx";
import { PlansTab } from "./plans-tab.tsx";

const tabs: ReadonlyArray<TabItem<BillingTab>> = [
  { key: "plans", label: "Plans" },
  { key: "assignments", label: "Assignments" },
  { key: "accruals", label: "Accrued fees" },
  { key: "invoices", label: "Invoices" },
];

/** Billing is its own service: when it is down this page says so and nothing else is affected. */
function BillingDownNotice() {
  const client = useAdminClient();
  const ledger = useLedger();
  const plans = useQuery(planChoicesQueryOptions(client, ledger));
  if (errorCode(plans.error) !== Code.Unavailable) return null;
  return (
    <div className="notice notice-bad" role="alert" data-testid="billing-down">
      <strong>Billing is unavailable right now.</strong> Plans, fees and invoices cannot be read or changed until it is back; the rest of the dashboard keeps working.{" "}
      <button type="button" className="button button-small" onClick={() => void plans.refetch()}>
        Retry
      </button>
    </div>
  );
}

/** The billing consumer at a glance: how far behind the events it is, and what waits for people. */
function BillingStatusTiles() {
  const client = useAdminClient();
  const status = useQuery(billingStatusQueryOptions(client, useRefreshInterval()));
  const s = status.data?.status;
  if (!s) return null;
  const tiles: Array<[string, ReactNode, boolean]> = [
    ["Events behind", formatCount(s.lagMessages), s.lagMessages > 0n],
    ["Last event", <DateTime key="at" value={s.lastEventAt} fallback="None yet" />, false],
    ["Events processed", formatCount(s.eventsProcessed), false],
    ["Accrued fees", formatCount(s.accruals), false],
    ["Open invoices", formatCount(s.invoicesOpen), false],
    ["Failed invoices", formatCount(s.invoicesFailed), s.invoicesFailed > 0n],
    ["Dead letters", formatCount(s.deadLetters), s.deadLetters > 0n],
  ];
  return (
    <section className="tiles" aria-label="Billing status" data-testid="billing-status">
      {tiles.map(([label, value, attention]) => (
        <div key={label} className={attention ? "tile tile-attention" : "tile"}>
          <div className="tile-label">{label}</div>
          <div className="tile-value">{value}</div>
        </div>
      ))}
    </section>
  );
}

export function BillingPage() {
  const ui = useSelector(selectBillingUi);
  const dispatch = useDispatch();
  return (
    <>
      <PageHeader title="Billing" description="Pricing plans, the accounts on them, the fees they accrue and the invoices that collect them." />
      <BillingDownNotice />
      <BillingStatusTiles />
      <Tabs label="Billing" items={tabs} selected={ui.tab} onSelect={(tab) => dispatch(billingTabChosen(tab))}>
        {ui.tab === "plans" ? <PlansTab /> : ui.tab === "assignments" ? <AssignmentsTab /> : ui.tab === "accruals" ? <AccrualsTab /> : <InvoicesTab />}
      </Tabs>
    </>
  );
}
