import { useQuery } from "@tanstack/react-query";
import { useDispatch, useSelector } from "react-redux";
import { PageHeader } from "../../../components/page.tsx";
import { Tabs, type TabItem } from "../../../components/tabs.tsx";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { Code, errorCode } from "../../../lib/errors.ts";
import { useLedger } from "../../../stores/preferences.ts";
import { planChoicesQueryOptions } from "../api/billing.ts";
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
      <strong>Billing is unavailable right now.</strong> Plans, fees and invoices cannot be read or changed until it is back; the rest of the
      dashboard keeps working.{" "}
      <button type="button" className="button button-small" onClick={() => void plans.refetch()}>
        Retry
      </button>
    </div>
  );
}

export function BillingPage() {
  const ui = useSelector(selectBillingUi);
  const dispatch = useDispatch();
  return (
    <>
      <PageHeader title="Billing" description="Pricing plans, the accounts on them, the fees they accrue and the invoices that collect them." />
      <BillingDownNotice />
      <Tabs label="Billing" items={tabs} selected={ui.tab} onSelect={(tab) => dispatch(billingTabChosen(tab))}>
        {ui.tab === "plans" ? <PlansTab /> : ui.tab === "assignments" ? <AssignmentsTab /> : ui.tab === "accruals" ? <AccrualsTab /> : <InvoicesTab />}
      </Tabs>
    </>
  );
}
