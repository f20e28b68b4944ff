import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useDispatch, useSelector } from "react-redux";
import { Link } from "react-router";
import { DateTime } from "../../../components/date-time.tsx";
import { TextField } from "../../../components/fields.tsx";
import { Money } from "../../../components/money.tsx";
import { Pagination } from "../../../components/pagination.tsx";
import { QueryView } from "../../../components/query-view.tsx";
import { TableScroll } from "../../../components/table.tsx";
import { useCursorPages } from "../../../hooks/use-cursor-pages.ts";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { useLedger } from "../../../stores/preferences.ts";
import { AccountCodeInput, useAccountByCode, useCurrencies } from "../../accounts/index.ts";
import { accrualsQueryOptions } from "../api/billing.ts";
import { accrualsFilterApplied, selectBillingUi } from "../stores/billing-ui.ts";

function AccrualFilters({ invoiceId, accountLabel }: { invoiceId: string; accountLabel: string }) {
  const dispatch = useDispatch();
  const [code, setCode] = useState(accountLabel);
  const [invoice, setInvoice] = useState(invoiceId);
  const [problem, setProblem] = useState<string | undefined>();
  const lookup = useAccountByCode(code);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim() !== "" && lookup.account === undefined) {
      setProblem(`No account “${code.trim()}”.`);
      return;
    }
    setProblem(undefined);
    dispatch(accrualsFilterApplied({ accountId: lookup.account?.id ?? "", accountLabel: lookup.account?.code ?? "", invoiceId: invoice }));
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Accrual filters">
      <AccountCodeInput label="Account" value={code} onChange={setCode} lookup={lookup} />
      <TextField label="Invoice ID" value={invoice} onChange={(e) => setInvoice(e.target.value)} className="input mono" />
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

export function AccrualsTab() {
  const client = useAdminClient();
  const ledger = useLedger();
  const ui = useSelector(selectBillingUi);
  const currencies = useCurrencies();
  const pages = useCursorPages(`${ledger}/${ui.accrualsAccountId}/${ui.accrualsInvoiceId}`);
  const accruals = useQuery(accrualsQueryOptions(client, ledger, ui.accrualsAccountId, ui.accrualsInvoiceId, pages.pageToken));
  return (
    <>
      <AccrualFilters key={`${ui.accrualsAccountLabel}/${ui.accrualsInvoiceId}`} invoiceId={ui.accrualsInvoiceId} accountLabel={ui.accrualsAccountLabel} />
      <QueryView query={accruals} what="accrued fees" isEmpty={(r) => r.accruals.length === 0} empty="No fees accrued.">
        {(r) => (
          <>
            <TableScroll label="Accrued fees" testId="accruals-table">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Account</th>
                    <th scope="col">Source transaction</th>
                    <th scope="col">Kind</th>
                    <th scope="col" className="num">
                      Billable amount
                    </th>
                    <th scope="col" className="num">
                      Fee
                    </th>
                    <th scope="col">Invoice</th>
                  </tr>
                </thead>
                <tbody>
                  {r.accruals.map((a) => {
                    const scale = currencies.scaleOf(a.currency);
                    return (
                      <tr key={a.id}>
                        <td>
                          <DateTime value={a.occurredAt} />
                        </td>
                        <td>
                          <Link to={`/accounts/${a.accountId}`} className="mono">
                            {a.accountCode}
                          </Link>
                        </td>
                        <td>
                          <Link to={`/transactions/${a.sourceTransactionId}`} className="mono" title={a.sourceTransactionId}>
                            {a.sourceTransactionId.slice(0, 8)}…
                          </Link>
                        </td>
                        <td>{a.sourceType}</td>
                        <td className="num">
                          <Money amount={a.baseAmount} scale={scale} currency={a.currency} />
                        </td>
                        <td className="num">
                          <Money amount={a.fee} scale={scale} currency={a.currency} />
                        </td>
                        <td className="mono">{a.invoiceId || "—"}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
            <Pagination pages={pages} nextPageToken={r.nextPageToken} label="Accrued fees" busy={accruals.isPlaceholderData} />
          </>
        )}
      </QueryView>
    </>
  );
}
