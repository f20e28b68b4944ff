import { PlanStatus, type Plan } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useDispatch, useSelector } from "react-redux";
import { Badge } from "../../../components/badge.tsx";
import { DateTime } from "../../../components/date-time.tsx";
import { ConfirmDialog } from "../../../components/dialog.tsx";
import { SelectField } from "../../../components/fields.tsx";
import { Money } from "../../../components/money.tsx";
import { Pagination } from "../../../components/pagination.tsx";
import { QueryView } from "../../../components/query-view.tsx";
import { TableScroll } from "../../../components/table.tsx";
import { useCursorPages } from "../../../hooks/use-cursor-pages.ts";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { useLedger } from "../../../stores/preferences.ts";
import { toastShown } from "../../../stores/toasts.ts";
import { useCurrencies } from "../../accounts/index.ts";
import { useCan } from "../../session/index.ts";
import { feeBasisLabel, formatBps, periodLabel, plansQueryOptions, planStatusLabel } from "../api/billing.ts";
import { useUpdatePlan } from "../hooks/use-billing-mutations.ts";
import { planStatusFilterChosen, selectBillingUi } from "../stores/billing-ui.ts";
import { PlanDialog } from "./plan-dialog.tsx";

function ArchiveButton({ plan }: { plan: Plan }) {
  const update = useUpdatePlan();
  const dispatch = useDispatch();
  const [open, setOpen] = useState(false);
  const archiving = plan.status !== PlanStatus.ARCHIVED;
  const verb = archiving ? "Archive" : "Reactivate";
  return (
    <>
      <button type="button" className={`button button-small${archiving ? " button-danger-outline" : ""}`} onClick={() => setOpen(true)} aria-label={`${verb} plan ${plan.name}`}>
        {verb}
      </button>
      <ConfirmDialog
        open={open}
        title={`${verb} plan “${plan.name}”?`}
        confirmLabel={verb}
        tone={archiving ? "danger" : "primary"}
        busy={update.isPending}
        error={update.error ?? undefined}
        onCancel={() => {
          setOpen(false);
          update.reset();
        }}
        onConfirm={() =>
          update.mutate(
            { planId: plan.id, status: archiving ? PlanStatus.ARCHIVED : PlanStatus.ACTIVE },
            {
              onSuccess: () => {
                setOpen(false);
                dispatch(toastShown("success", `Plan “${plan.name}” ${archiving ? "archived" : "reactivated"}.`));
              },
            },
          )
        }
      >
        <p>{archiving ? "No new accounts can be put on it. Accounts already on it keep accruing fees until moved." : "Accounts can be put on it again."}</p>
      </ConfirmDialog>
    </>
  );
}

export function PlansTab() {
  const client = useAdminClient();
  const ledger = useLedger();
  const ui = useSelector(selectBillingUi);
  const dispatch = useDispatch();
  const currencies = useCurrencies();
  const canCreate = useCan("createPlan");
  const canUpdate = useCan("updatePlan");
  const [editing, setEditing] = useState<{ plan: Plan | undefined } | undefined>();
  const pages = useCursorPages(`${ledger}/${ui.planStatus}`);
  const plans = useQuery(plansQueryOptions(client, ledger, ui.planStatus, pages.pageToken));
  return (
    <>
      <div className="toolbar">
        <SelectField
          label="Status"
          value={String(ui.planStatus)}
          onChange={(e) => dispatch(planStatusFilterChosen(Number(e.target.value) as PlanStatus))}
          options={[PlanStatus.UNSPECIFIED, PlanStatus.ACTIVE, PlanStatus.ARCHIVED].map((s) => ({ value: String(s), label: s === PlanStatus.UNSPECIFIED ? "Any status" : planStatusLabel(s) }))}
        />
        {canCreate ? (
          <button type="button" className="button button-primary" onClick={() => setEditing({ plan: undefined })}>
            Create plan
          </button>
        ) : null}
      </div>
      <QueryView query={plans} what="plans" isEmpty={(r) => r.plans.length === 0} empty="No plans.">
        {(r) => (
          <>
            <TableScroll label="Plans" testId="plans-table">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Currency</th>
                    <th scope="col" className="num">
                      Fixed fee
                    </th>
                    <th scope="col" className="num">
                      Rate
                    </th>
                    <th scope="col" className="num">
                      Min / max
                    </th>
                    <th scope="col">Charged on</th>
                    <th scope="col">Period</th>
                    <th scope="col">Revenue account</th>
                    <th scope="col">Status</th>
                    <th scope="col">Updated</th>
                    {canUpdate ? <th scope="col">Actions</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {r.plans.map((p) => {
                    const scale = currencies.scaleOf(p.currency);
                    return (
                      <tr key={p.id} data-testid={`plan-row-${p.id}`}>
                        <th scope="row">{p.name}</th>
                        <td>{p.currency}</td>
                        <td className="num">
                          <Money amount={p.fixedFee || "0"} scale={scale} />
                        </td>
                        <td className="num">{formatBps(p.rateBps)}</td>
                        <td className="num">
                          {p.minimumFee !== undefined ? <Money amount={p.minimumFee} scale={scale} /> : "—"} / {p.maximumFee !== undefined ? <Money amount={p.maximumFee} scale={scale} /> : "—"}
                        </td>
                        <td>{feeBasisLabel(p.basis)}</td>
                        <td>{periodLabel(p.period)}</td>
                        <td className="mono">{p.revenueAccountCode}</td>
                        <td>
                          <Badge tone={p.status === PlanStatus.ACTIVE ? "ok" : "neutral"}>{planStatusLabel(p.status)}</Badge>
                        </td>
                        <td>
                          <DateTime value={p.updatedAt} />
                        </td>
                        {canUpdate ? (
                          <td>
                            <div className="button-row">
                              <button type="button" className="button button-small" onClick={() => setEditing({ plan: p })} aria-label={`Edit plan ${p.name}`}>
                                Edit
                              </button>
                              <ArchiveButton plan={p} />
                            </div>
                          </td>
                        ) : null}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
            <Pagination pages={pages} nextPageToken={r.nextPageToken} label="Plans" busy={plans.isPlaceholderData} />
          </>
        )}
      </QueryView>
      <PlanDialog key={editing?.plan?.id ?? "new"} open={editing !== undefined} plan={editing?.plan} onClose={() => setEditing(undefined)} />
    </>
  );
}
