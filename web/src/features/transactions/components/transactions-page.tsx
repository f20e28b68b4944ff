import { Direction, TransactionStatus, TransactionType } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import type { TransactionSummary } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { useDispatch, useSelector } from "react-redux";
import { Link, useSearchParams } from "react-router";
import { DateTime } from "../../../components/date-time.tsx";
import { SelectField, TextField } from "../../../components/fields.tsx";
import { TransactionStatusBadge, transactionStatusLabel, transactionTypeLabel } from "../../../components/ledger-badges.tsx";
import { Money } from "../../../components/money.tsx";
import { PageHeader } from "../../../components/page.tsx";
import { Pagination } from "../../../components/pagination.tsx";
import { QueryView } from "../../../components/query-view.tsx";
import { TableScroll } from "../../../components/table.tsx";
import { useCursorPages } from "../../../hooks/use-cursor-pages.ts";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { useLedger } from "../../../stores/preferences.ts";
import { AccountCodeInput, useAccountByCode, useCurrencies } from "../../accounts/index.ts";
import { Can } from "../../session/index.ts";
import { buildSearchRequest, searchTransactionsQueryOptions } from "../api/transactions.ts";
import { heldByCurrency } from "../utils/balance.ts";
import { initialTransactionsFilters, selectTransactionsFilters, transactionsAccountChosen, transactionsFiltersApplied, transactionsFiltersCleared, type TransactionsFilters } from "../stores/transactions-filters.ts";

const statusOptions = [
  { value: String(TransactionStatus.UNSPECIFIED), label: "Any status" },
  ...[TransactionStatus.PENDING, TransactionStatus.POSTED, TransactionStatus.VOIDED, TransactionStatus.REVERSED].map((s) => ({ value: String(s), label: transactionStatusLabel(s) })),
];
const typeOptions = [
  { value: String(TransactionType.UNSPECIFIED), label: "Any type" },
  ...[TransactionType.STANDARD, TransactionType.PENDING, TransactionType.COMMIT, TransactionType.VOID, TransactionType.REVERSAL].map((t) => ({ value: String(t), label: transactionTypeLabel(t) })),
];

function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}

function FiltersForm({ filters }: { filters: TransactionsFilters }) {
  const dispatch = useDispatch();
  const currencies = useCurrencies();
  const [draft, setDraft] = useState(filters);
  const [accountCode, setAccountCode] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const lookup = useAccountByCode(accountCode);
  const set = (patch: Partial<TransactionsFilters>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let next = { ...draft, accountId: filters.accountId, accountLabel: filters.accountLabel };
    if (accountCode.trim() !== "") {
      if (lookup.account === undefined) {
        setProblem(lookup.state === "searching" ? "Still looking up the account; try again in a moment." : `No account “${accountCode.trim()}”.`);
        return;
      }
      next = { ...next, accountId: lookup.account.id, accountLabel: lookup.account.code };
    }
    const built = buildSearchRequest("", next, currencies.scaleOf);
    if (!built.ok) {
      setProblem(built.error);
      return;
    }
    setProblem(undefined);
    setAccountCode("");
    dispatch(transactionsFiltersApplied(next));
  };

  return (
    <form className="filters filters-wide" onSubmit={submit} aria-label="Transaction search" role="search" noValidate>
      <TextField label="Search" type="search" placeholder="Transaction ID, idempotency key or description" value={draft.query} onChange={(e) => set({ query: e.target.value })} data-testid="transaction-search" />
      <AccountCodeInput label="Account code" value={accountCode} onChange={setAccountCode} lookup={lookup} />
      <TextField label="Created after" type="datetime-local" value={draft.createdAfter} onChange={(e) => set({ createdAfter: e.target.value })} />
      <TextField label="Created before" type="datetime-local" value={draft.createdBefore} onChange={(e) => set({ createdBefore: e.target.value })} />
      <SelectField label="Status" value={String(draft.status)} options={statusOptions} onChange={(e) => set({ status: Number(e.target.value) as TransactionStatus })} />
      <SelectField label="Type" value={String(draft.type)} options={typeOptions} onChange={(e) => set({ type: Number(e.target.value) as TransactionType })} />
      <SelectField
        label="Amounts in"
        value={draft.amountCurrency}
        options={[{ value: "", label: "Minor units" }, ...currencies.list.map((c) => ({ value: c.code, label: c.code }))]}
        onChange={(e) => set({ amountCurrency: e.target.value })}
      />
      <TextField label="Minimum total" inputMode="decimal" value={draft.minAmount} onChange={(e) => set({ minAmount: e.target.value })} />
      <TextField label="Maximum total" inputMode="decimal" value={draft.maxAmount} onChange={(e) => set({ maxAmount: e.target.value })} />
      <TextField label="Metadata" placeholder="key=value, key=value" value={draft.metadata} onChange={(e) => set({ metadata: e.target.value })} />
      <div className="filters-actions">
        <button type="submit" className="button button-primary">
          Search
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft(initialTransactionsFilters);
            setAccountCode("");
            setProblem(undefined);
            dispatch(transactionsFiltersCleared());
          }}
        >
          Clear
        </button>
      </div>
      {problem !== undefined ? (
        <p className="field-error filters-problem" role="alert">
          {problem}
        </p>
      ) : null}
      {filters.accountId !== "" ? (
        <p className="filter-chip">
          Account: <span className="mono">{filters.accountLabel || filters.accountId}</span>{" "}
          <button type="button" className="button button-small button-ghost" onClick={() => dispatch(transactionsAccountChosen({ accountId: "", accountLabel: "" }))}>
            Remove account filter
          </button>
        </p>
      ) : null}
    </form>
  );
}

function TransactionRow({ tx, scaleOf }: { tx: TransactionSummary; scaleOf: (code: string) => number | undefined }) {
  const currency = tx.currencies.length === 1 ? tx.currencies[0] : undefined;
  const held = heldByCurrency(tx.legs);
  return (
    <tr data-testid={`tx-row-${tx.id}`}>
      <td>
        <DateTime value={tx.createdAt} />
      </td>
      <td>
        <Link to={`/transactions/${tx.id}`} className="mono" title={tx.id} aria-label={`Transaction ${tx.id}`}>
          {shortId(tx.id)}
        </Link>
      </td>
      <td>{transactionTypeLabel(tx.type)}</td>
      <td>
        <TransactionStatusBadge status={tx.status} />
      </td>
      <td className="wrap">{tx.description || <span className="muted">—</span>}</td>
      <td className="num">
        {tx.status === TransactionStatus.PENDING && held.length > 0 ? (
          // A hold posts nothing: its total is 0, what it holds is the useful figure.
          held.map((h) => (
            <div key={h.currency} data-testid={`tx-held-${tx.id}`}>
              <Money amount={h.amount} scale={scaleOf(h.currency)} currency={h.currency} /> <span className="muted">held</span>
            </div>
          ))
        ) : (
          <>
            <Money amount={tx.total} scale={currency === undefined ? undefined : scaleOf(currency)} currency={currency} />
            {tx.currencies.length > 1 ? <div className="muted">{tx.currencies.join(" + ")}</div> : null}
          </>
        )}
      </td>
      <td className="wrap">
        {tx.legs.slice(0, 3).map((l) => (
          <div key={l.leg} className="mono leg-summary">
            {l.direction === Direction.DEBIT ? "Dr" : "Cr"} {l.accountCode}
          </div>
        ))}
        {tx.legs.length > 3 ? <div className="muted">+{tx.legs.length - 3} more</div> : null}
      </td>
      <td className="wrap">{tx.actor || <span className="muted">—</span>}</td>
    </tr>
  );
}

export function TransactionsPage() {
  const client = useAdminClient();
  const ledger = useLedger();
  const dispatch = useDispatch();
  const currencies = useCurrencies();
  const filters = useSelector(selectTransactionsFilters);
  const [params, setParams] = useSearchParams();
  const accountParam = params.get("account");

  // A link from an account page filters by that account once, then the address is cleaned up.
  useEffect(() => {
    if (accountParam === null || accountParam === "") return;
    dispatch(transactionsFiltersApplied({ ...initialTransactionsFilters, accountId: accountParam, accountLabel: accountParam }));
    setParams(
      (p) => {
        p.delete("account");
        return p;
      },
      { replace: true },
    );
  }, [accountParam, dispatch, setParams]);

  const built = buildSearchRequest(ledger, filters, currencies.scaleOf);
  const pages = useCursorPages(JSON.stringify({ ledger, filters }));
  const request = built.ok ? built.request : { ledger };
  const feed = useQuery({ ...searchTransactionsQueryOptions(client, ledger, filters, request, pages.pageToken), enabled: built.ok });

  return (
    <>
      <PageHeader title="Transactions" description={`The feed of ledger “${ledger}”, newest first.`}>
        <Can method="postTransaction">
          <Link to="/transactions/new" className="button button-primary">
            Post transaction
          </Link>
        </Can>
      </PageHeader>
      <FiltersForm key={JSON.stringify(filters)} filters={filters} />
      {!built.ok ? (
        <p role="alert" className="notice notice-warn">
          {built.error}
        </p>
      ) : (
        <QueryView query={feed} what="transactions" isEmpty={(r) => r.transactions.length === 0} empty="No transactions match this search.">
          {(r) => (
            <>
              <TableScroll label="Transactions" testId="transactions-table">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Created</th>
                      <th scope="col">ID</th>
                      <th scope="col">Type</th>
                      <th scope="col">Status</th>
                      <th scope="col">Description</th>
                      <th scope="col" className="num">
                        Total
                      </th>
                      <th scope="col">Legs</th>
                      <th scope="col">Actor</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.transactions.map((tx) => (
                      <TransactionRow key={tx.id} tx={tx} scaleOf={currencies.scaleOf} />
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <Pagination pages={pages} nextPageToken={r.nextPageToken} label="Transactions" busy={feed.isPlaceholderData} />
            </>
          )}
        </QueryView>
      )}
    </>
  );
}
