import { InvoiceStatus, type Invoice } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useDispatch, useSelector } from "react-redux";
import { Link } from "react-router";
import { Badge, type Tone } from "../../../components/badge.tsx";
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
import { AccountCodeInput, useAccountByCode, useCurrencies } from "../../accounts/index.ts";
import { useCan } from "../../session/index.ts";
import { invoicesQueryOptions, invoiceStatusLabel } from "../api/billing.ts";
import { useCloseInvoice } from "../hooks/use-billing-mutations.ts";
import { invoiceAccrualsShown, invoicesFilterApplied, selectBillingUi } from "../stores/billing-ui.ts";

function invoiceTone(status: InvoiceStatus): Tone {
  switch (status) {
    case InvoiceStatus.OPEN:
      return "info";
    case InvoiceStatus.POSTING:
      return "warn";
    case InvoiceStatus.POSTED:
      return "ok";
    case InvoiceStatus.FAILED:
      return "bad";
    default:
      return "neutral";
  }
}

function CloseButton({ invoice }: { invoice: Invoice }) {
  const close = useCloseInvoice();
  const dispatch = useDispatch();
  const [open, setOpen] = useState(false);
  const retry = invoice.status === InvoiceStatus.FAILED;
  const verb = retry ? "Retry" : "Close now";
  return (
    <>
      <button type="button" className="button button-small" onClick={() => setOpen(true)} aria-label={`${verb}: invoice ${invoice.id}`}>
        {verb}
      </button>
      <ConfirmDialog
        open={open}
        title={retry ? "Retry posting this invoice?" : "Close this invoice now?"}
        confirmLabel={verb}
        busy={close.isPending}
        error={close.error ?? undefined}
        onCancel={() => {
          setOpen(false);
          close.reset();
        }}
        onConfirm={() =>
          close.mutate(invoice.id, {
            onSuccess: (result) => {
              setOpen(false);
              const status = result?.status ?? InvoiceStatus.UNSPECIFIED;
              dispatch(
                toastShown(status === InvoiceStatus.FAILED ? "error" : "success", status === InvoiceStatus.FAILED ? `Invoice still failed: ${result?.error ?? "unknown reason"}` : `Invoice ${invoiceStatusLabel(status).toLowerCase()}.`),
              );
            },
          })
        }
      >
        <p>
          {retry ? "Posts the invoice's fee to the ledger again" : "Ends the invoice's period now and posts its fee to the ledger"} (account <span className="mono">{invoice.accountCode}</span>). The fee is posted with a key derived from the
          invoice, so it is never charged twice.
        </p>
      </ConfirmDialog>
    </>
  );
}

function InvoiceFilters({ status, accountLabel }: { status: InvoiceStatus; accountLabel: string }) {
  const dispatch = useDispatch();
  const [code, setCode] = useState(accountLabel);
  const lookup = useAccountByCode(code);
  const [problem, setProblem] = useState<string | undefined>();
  const apply = (next: InvoiceStatus, event?: FormEvent) => {
    event?.preventDefault();
    if (code.trim() !== "" && lookup.account === undefined) {
      setProblem(`No account “${code.trim()}”.`);
      return;
    }
    setProblem(undefined);
    dispatch(invoicesFilterApplied({ status: next, accountId: lookup.account?.id ?? "", accountLabel: lookup.account?.code ?? "" }));
  };
  return (
    <form className="filters" onSubmit={(e) => apply(status, e)} aria-label="Invoice filters">
      <SelectField
        label="Status"
        value={String(status)}
        onChange={(e) => apply(Number(e.target.value) as InvoiceStatus)}
        options={[InvoiceStatus.UNSPECIFIED, InvoiceStatus.OPEN, InvoiceStatus.POSTING, InvoiceStatus.POSTED, InvoiceStatus.FAILED].map((s) => ({
          value: String(s),
          label: s === InvoiceStatus.UNSPECIFIED ? "Any status" : invoiceStatusLabel(s),
        }))}
      />
      <AccountCodeInput label="Account" value={code} onChange={setCode} lookup={lookup} />
      <div className="filters-actions">
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
      </div>
      {problem !== undefined ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

export function InvoicesTab() {
  const client = useAdminClient();
  const ledger = useLedger();
  const ui = useSelector(selectBillingUi);
  const dispatch = useDispatch();
  const currencies = useCurrencies();
  const canClose = useCan("closeInvoice");
  const pages = useCursorPages(`${ledger}/${ui.invoicesAccountId}/${ui.invoiceStatus}`);
  const invoices = useQuery(invoicesQueryOptions(client, ledger, ui.invoicesAccountId, ui.invoiceStatus, pages.pageToken));
  return (
    <>
      <InvoiceFilters key={`${ui.invoicesAccountLabel}/${ui.invoiceStatus}`} status={ui.invoiceStatus} accountLabel={ui.invoicesAccountLabel} />
      <QueryView query={invoices} what="invoices" isEmpty={(r) => r.invoices.length === 0} empty="No invoices.">
        {(r) => (
          <>
            <TableScroll label="Invoices" testId="invoices-table">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Period</th>
                    <th scope="col">Account</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">
                      Total
                    </th>
                    <th scope="col" className="num">
                      Fees
                    </th>
                    <th scope="col">Fee transaction</th>
                    <th scope="col">Error</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {r.invoices.map((inv) => (
                    <tr key={inv.id} data-testid={`invoice-row-${inv.id}`}>
                      <td>
                        <DateTime value={inv.periodStart} /> – <DateTime value={inv.periodEnd} />
                      </td>
                      <td>
                        <Link to={`/accounts/${inv.accountId}`} className="mono">
                          {inv.accountCode}
                        </Link>
                      </td>
                      <td>
                        <Badge tone={invoiceTone(inv.status)}>{invoiceStatusLabel(inv.status)}</Badge>
                      </td>
                      <td className="num">
                        <Money amount={inv.total} scale={currencies.scaleOf(inv.currency)} currency={inv.currency} />
                      </td>
                      <td className="num">{inv.accrualCount}</td>
                      <td>
                        {inv.feeTransactionId !== "" ? (
                          <Link to={`/transactions/${inv.feeTransactionId}`} className="mono" title={inv.feeTransactionId}>
                            {inv.feeTransactionId.slice(0, 8)}…
                          </Link>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td className="error-cell" title={inv.error}>
                        {inv.error}
                      </td>
                      <td>
                        <div className="button-row">
                          <button type="button" className="button button-small button-ghost" onClick={() => dispatch(invoiceAccrualsShown(inv.id))}>
                            Fees
                          </button>
                          {canClose && (inv.status === InvoiceStatus.OPEN || inv.status === InvoiceStatus.FAILED) ? <CloseButton invoice={inv} /> : null}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <Pagination pages={pages} nextPageToken={r.nextPageToken} label="Invoices" busy={invoices.isPlaceholderData} />
          </>
        )}
      </QueryView>
    </>
  );
}
