import { PlanStatus, type Assignment } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useDispatch, useSelector } from "react-redux";
import { Link } from "react-router";
import { DateTime } from "../../../components/date-time.tsx";
import { ConfirmDialog } from "../../../components/dialog.tsx";
import { SelectField } from "../../../components/fields.tsx";
import { Pagination } from "../../../components/pagination.tsx";
import { QueryView } from "../../../components/query-view.tsx";
import { ErrorMessage } from "../../../components/states.tsx";
import { TableScroll } from "../../../components/table.tsx";
import { useCursorPages } from "../../../hooks/use-cursor-pages.ts";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { useLedger } from "../../../stores/preferences.ts";
import { toastShown } from "../../../stores/toasts.ts";
import { AccountCodeInput, useAccountByCode } from "../../accounts/index.ts";
import { useCan } from "../../session/index.ts";
import { assignmentsQueryOptions, planChoicesQueryOptions } from "../api/billing.ts";
import { useAssignPlan, useUnassignPlan } from "../hooks/use-billing-mutations.ts";
import { assignmentsPlanChosen, selectBillingUi } from "../stores/billing-ui.ts";

function AssignForm() {
  const client = useAdminClient();
  const ledger = useLedger();
  const dispatch = useDispatch();
  const plans = useQuery(planChoicesQueryOptions(client, ledger));
  const active = (plans.data?.plans ?? []).filter((p) => p.status === PlanStatus.ACTIVE);
  const assign = useAssignPlan();
  const [code, setCode] = useState("");
  const [planId, setPlanId] = useState("");
  const lookup = useAccountByCode(code);
  const chosenPlan = planId !== "" ? planId : (active[0]?.id ?? "");
  const plan = active.find((p) => p.id === chosenPlan);
  const currencyMismatch = lookup.account !== undefined && plan !== undefined && lookup.account.currency !== plan.currency;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (lookup.account === undefined || plan === undefined) return;
    assign.mutate(
      { ledger, accountCode: lookup.account.code, planId: plan.id },
      {
        onSuccess: () => {
          dispatch(toastShown("success", `${lookup.account?.code ?? code} is now on plan “${plan.name}”.`));
          setCode("");
        },
      },
    );
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Assign a plan">
      <AccountCodeInput label="Account" value={code} onChange={setCode} lookup={lookup} />
      <SelectField
        label="Plan"
        value={chosenPlan}
        onChange={(e) => setPlanId(e.target.value)}
        options={active.length === 0 ? [{ value: "", label: plans.isPending ? "Loading plans…" : "No active plans" }] : active.map((p) => ({ value: p.id, label: `${p.name} (${p.currency})` }))}
        error={currencyMismatch ? `The account is in ${lookup.account?.currency}, the plan in ${plan?.currency}.` : undefined}
      />
      <div className="filters-actions">
        <button type="submit" className="button button-primary" disabled={lookup.account === undefined || plan === undefined || assign.isPending}>
          {assign.isPending ? "Assigning…" : "Assign plan"}
        </button>
      </div>
      {assign.isError ? <ErrorMessage error={assign.error} /> : null}
    </form>
  );
}

function UnassignButton({ assignment }: { assignment: Assignment }) {
  const unassign = useUnassignPlan();
  const dispatch = useDispatch();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-small button-danger-outline" onClick={() => setOpen(true)} aria-label={`Take ${assignment.accountCode} off its plan`}>
        Unassign
      </button>
      <ConfirmDialog
        open={open}
        title={`Take ${assignment.accountCode} off “${assignment.planName}”?`}
        confirmLabel="Unassign"
        tone="danger"
        busy={unassign.isPending}
        error={unassign.error ?? undefined}
        onCancel={() => {
          setOpen(false);
          unassign.reset();
        }}
        onConfirm={() =>
          unassign.mutate(
            { ledger: assignment.ledger, accountId: assignment.accountId },
            {
              onSuccess: () => {
                setOpen(false);
                dispatch(toastShown("success", `${assignment.accountCode} is off its plan.`));
              },
            },
          )
        }
      >
        <p>Nothing accrues for this account afterwards. Fees already accrued stay on its open invoice.</p>
      </ConfirmDialog>
    </>
  );
}

export function AssignmentsTab() {
  const client = useAdminClient();
  const ledger = useLedger();
  const ui = useSelector(selectBillingUi);
  const dispatch = useDispatch();
  const canAssign = useCan("assignPlan");
  const canUnassign = useCan("unassignPlan");
  const plans = useQuery(planChoicesQueryOptions(client, ledger));
  const pages = useCursorPages(`${ledger}/${ui.assignmentsPlanId}`);
  const assignments = useQuery(assignmentsQueryOptions(client, ledger, ui.assignmentsPlanId, pages.pageToken));
  return (
    <>
      {canAssign ? <AssignForm /> : null}
      <div className="toolbar">
        <SelectField
          label="Plan"
          value={ui.assignmentsPlanId}
          onChange={(e) => dispatch(assignmentsPlanChosen(e.target.value))}
          options={[{ value: "", label: "Every plan" }, ...(plans.data?.plans ?? []).map((p) => ({ value: p.id, label: p.name }))]}
        />
      </div>
      <QueryView query={assignments} what="assignments" isEmpty={(r) => r.assignments.length === 0} empty="No accounts are on a plan.">
        {(r) => (
          <>
            <TableScroll label="Assignments" testId="assignments-table">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Account</th>
                    <th scope="col">Plan</th>
                    <th scope="col">Since</th>
                    {canUnassign ? <th scope="col">Actions</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {r.assignments.map((a) => (
                    <tr key={a.accountId}>
                      <th scope="row">
                        <Link to={`/accounts/${a.accountId}`} className="mono">
                          {a.accountCode}
                        </Link>
                      </th>
                      <td>{a.planName || a.planId}</td>
                      <td>
                        <DateTime value={a.assignedAt} />
                      </td>
                      {canUnassign ? (
                        <td>
                          <UnassignButton assignment={a} />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <Pagination pages={pages} nextPageToken={r.nextPageToken} label="Assignments" busy={assignments.isPlaceholderData} />
          </>
        )}
      </QueryView>
    </>
  );
}
