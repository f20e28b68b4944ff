import type { AccountSummary } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useDispatch, useSelector } from "react-redux";
import { Link } from "react-router";
import { DateTime } from "../../../components/date-time.tsx";
import { SelectField, TextField } from "../../../components/fields.tsx";
import { Money } from "../../../components/money.tsx";
import { PageHeader, Section } from "../../../components/page.tsx";
import { Pagination } from "../../../components/pagination.tsx";
import { QueryView } from "../../../components/query-view.tsx";
import { TableScroll } from "../../../components/table.tsx";
import { useCursorPages } from "../../../hooks/use-cursor-pages.ts";
import { useDebouncedValue } from "../../../hooks/use-debounced-value.ts";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { useLedger } from "../../../stores/preferences.ts";
import { Can } from "../../session/index.ts";
import { accountsQueryOptions, normalBalanceLabel } from "../api/accounts.ts";
import { useCurrencies } from "../hooks/use-currencies.ts";
import { accountsCurrencyChanged, accountsQueryChanged, selectAccountsFilters } from "../stores/accounts-filters.ts";
import { CreateAccountButton } from "./create-account-dialog.tsx";
import { overdraftPolicyText } from "./overdraft.ts";
import { TransactionVolumes } from "./volume-chart.tsx";

const searchDelayMs = 300;

function SearchBar() {
  const filters = useSelector(selectAccountsFilters);
  const dispatch = useDispatch();
  const currencies = useCurrencies();
  const [text, setText] = useState(filters.query);
  const settled = useDebouncedValue(text, searchDelayMs);
  useEffect(() => {
    dispatch(accountsQueryChanged(settled));
  }, [dispatch, settled]);
  return (
    <form
      className="filters"
      role="search"
      aria-label="Accounts"
      onSubmit={(e) => {
        e.preventDefault();
        dispatch(accountsQueryChanged(text));
      }}
    >
      <TextField label="Search accounts" type="search" placeholder="Part of a code, e.g. wallet:" value={text} onChange={(e) => setText(e.target.value)} data-testid="account-search" autoComplete="off" spellCheck={false} />
      <SelectField
        label="Currency"
        value={filters.currency}
        onChange={(e) => dispatch(accountsCurrencyChanged(e.target.value))}
        options={[{ value: "", label: "All currencies" }, ...currencies.list.map((c) => ({ value: c.code, label: c.code }))]}
      />
    </form>
  );
}

function AccountRow({ account }: { account: AccountSummary }) {
  return (
    <tr data-testid={`account-row-${account.code}`}>
      <th scope="row">
        <Link to={`/accounts/${account.id}`} className="mono">
          {account.code}
        </Link>
      </th>
      <td>{account.currency}</td>
      <td className="num">
        <Money amount={account.posted} scale={account.scale} />
      </td>
      <td className="num">
        <Money amount={account.pending} scale={account.scale} />
      </td>
      <td className="num">
        <Money amount={account.available} scale={account.scale} />
      </td>
      <td className="nowrap">
        {normalBalanceLabel(account.normalBalance)} · {overdraftPolicyText(account)}
      </td>
      <td>
        <DateTime value={account.updatedAt} />
      </td>
    </tr>
  );
}

export function AccountsPage() {
  const client = useAdminClient();
  const ledger = useLedger();
  const filters = useSelector(selectAccountsFilters);
  const pages = useCursorPages(JSON.stringify({ ledger, filters }));
  const list = useQuery(accountsQueryOptions(client, ledger, filters, pages.pageToken));
  return (
    <>
      <PageHeader title="Accounts" description={`Balances from the read model of ledger “${ledger}”.`}>
        <Can method="createAccount">
          <CreateAccountButton />
        </Can>
      </PageHeader>
      <SearchBar />
      <QueryView query={list} what="accounts" isEmpty={(r) => r.accounts.length === 0} empty={filters.query !== "" || filters.currency !== "" ? "No account matches this search." : "No accounts in this ledger yet."}>
        {(r) => (
          <>
            <TableScroll label="Accounts" testId="accounts-table">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Currency</th>
                    <th scope="col" className="num">
                      Posted
                    </th>
                    <th scope="col" className="num">
                      Pending
                    </th>
                    <th scope="col" className="num">
                      Available
                    </th>
                    <th scope="col">Normal · policy</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {r.accounts.map((a) => (
                    <AccountRow key={a.id} account={a} />
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <Pagination pages={pages} nextPageToken={r.nextPageToken} label="Accounts" busy={list.isPlaceholderData} />
          </>
        )}
      </QueryView>
      <Section title="Transaction volume">
        <TransactionVolumes ledger={ledger} />
      </Section>
    </>
  );
}
