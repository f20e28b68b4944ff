import type { GetAccountResponse } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { DateTime } from "../../../components/date-time.tsx";
import { Money } from "../../../components/money.tsx";
import { Facts, PageHeader, Section } from "../../../components/page.tsx";
import { QueryView } from "../../../components/query-view.tsx";
import { MapTable } from "../../../components/table.tsx";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { formatCount } from "../../../lib/numbers.ts";
import { useLedger } from "../../../stores/preferences.ts";
import { Can } from "../../session/index.ts";
import { accountQueryOptions, normalBalanceLabel } from "../api/accounts.ts";
import { AccountEntries, AccountHolds } from "./account-activity.tsx";
import { BalanceHistory } from "./balance-history.tsx";
import { overdraftPolicyText } from "./overdraft.ts";
import { PolicyEditor } from "./policy-editor.tsx";

function AccountDetail({ response }: { response: GetAccountResponse }) {
  const account = response.account;
  if (account === undefined) return <p>The server sent no account.</p>;
  const billing = response.billing;
  return (
    <>
      <div className="page-links">
        <Link to={`/transactions?account=${encodeURIComponent(account.id)}`}>Transactions on this account</Link>
        <Can method="postTransaction">
          <Link to={`/transactions/new?account=${encodeURIComponent(account.code)}`}>Post a transaction</Link>
        </Can>
      </div>
      <section className="tiles" aria-label="Balances" data-testid="account-balances">
        <div className="tile">
          <div className="tile-label">Posted</div>
          <div className="tile-value">
            <Money amount={account.posted} scale={account.scale} currency={account.currency} testId="balance-posted" />
          </div>
          <div className="tile-extra">
            Debits <Money amount={account.postedDebits} scale={account.scale} /> · Credits <Money amount={account.postedCredits} scale={account.scale} />
          </div>
        </div>
        <div className="tile">
          <div className="tile-label">Pending</div>
          <div className="tile-value">
            <Money amount={account.pending} scale={account.scale} currency={account.currency} testId="balance-pending" />
          </div>
          <div className="tile-extra">
            Held debits <Money amount={account.pendingDebits} scale={account.scale} /> · credits <Money amount={account.pendingCredits} scale={account.scale} />
          </div>
        </div>
        <div className="tile">
          <div className="tile-label">Available</div>
          <div className="tile-value">
            <Money amount={account.available} scale={account.scale} currency={account.currency} testId="balance-available" />
          </div>
          <div className="tile-extra">Posted less outgoing holds</div>
        </div>
      </section>
      <Section title="Balance history">
        <BalanceHistory ledger={account.ledger} accountId={account.id} />
      </Section>
      <Section title="Details">
        <Facts
          testId="account-details"
          items={[
            ["ID", <span className="mono wrap">{account.id}</span>],
            ["Ledger", account.ledger],
            ["Currency", `${account.currency} (${account.scale} decimals)`],
            ["Normal balance", normalBalanceLabel(account.normalBalance)],
            ["Policy", overdraftPolicyText(account)],
            ["Entries", formatCount(account.version)],
            ["Created", <DateTime value={account.createdAt} />],
            ["Updated", <DateTime value={account.updatedAt} />],
            [
              "Billing plan",
              billing === undefined || billing.planId === "" ? (
                "None"
              ) : (
                <>
                  <Link to="/billing">{billing.planName || billing.planId}</Link> since <DateTime value={billing.assignedAt} />
                </>
              ),
            ],
          ]}
        />
        <h3 className="subheading">Metadata</h3>
        <MapTable label="Account metadata" entries={account.metadata} />
      </Section>
      <Can method="updateAccountPolicy">
        <Section title="Edit policy">
          <PolicyEditor key={`${account.id}/${account.updatedAt?.seconds ?? 0n}`} account={account} />
        </Section>
      </Can>
      <Section title="Open holds">
        <AccountHolds account={account} />
      </Section>
      <Section title="Entries">
        <AccountEntries account={account} />
      </Section>
    </>
  );
}

export function AccountPage() {
  const { id = "" } = useParams();
  const ledger = useLedger();
  const client = useAdminClient();
  const account = useQuery(accountQueryOptions(client, ledger, id));
  return (
    <>
      <p className="breadcrumb">
        <Link to="/accounts">← Accounts</Link>
      </p>
      <PageHeader title={account.data?.account?.code ?? "Account"} description={account.data?.account !== undefined ? "Balances from the ledger (authoritative)." : undefined} />
      <QueryView query={account} what="the account">
        {(response) => <AccountDetail response={response} />}
      </QueryView>
    </>
  );
}
