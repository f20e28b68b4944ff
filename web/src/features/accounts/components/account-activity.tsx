import type { AccountSummary } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { DateTime } from "../../../components/date-time.tsx";
import { directionLabel, effectLabel, TransactionStatusBadge, transactionTypeLabel } from "../../../components/ledger-badges.tsx";
import { Money } from "../../../components/money.tsx";
import { Pagination } from "../../../components/pagination.tsx";
import { QueryView } from "../../../components/query-view.tsx";
import { TableScroll } from "../../../components/table.tsx";
import { useCursorPages } from "../../../hooks/use-cursor-pages.ts";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { heldByCurrency } from "../../transactions/index.ts";
import { accountEntriesQueryOptions, accountHoldsQueryOptions } from "../api/accounts.ts";

function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}

export function AccountEntries({ account }: { account: AccountSummary }) {
  const client = useAdminClient();
  const pages = useCursorPages(`${account.ledger}/${account.id}`);
  const entries = useQuery(accountEntriesQueryOptions(client, account.ledger, account.id, pages.pageToken));
  return (
    <QueryView query={entries} what="entries" isEmpty={(r) => r.entries.length === 0} empty="No entries on this account yet.">
      {(r) => (
        <>
          <TableScroll label="Entries" testId="account-entries">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Transaction</th>
                  <th scope="col">Direction</th>
                  <th scope="col">Effect</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  <th scope="col">Description</th>
                </tr>
              </thead>
              <tbody>
                {r.entries.map((e) => (
                  <tr key={`${e.transactionId}/${e.leg}`}>
                    <td>
                      <DateTime value={e.createdAt} />
                    </td>
                    <td>
                      <Link to={`/transactions/${e.transactionId}`} className="mono" title={e.transactionId}>
                        {shortId(e.transactionId)}
                      </Link>{" "}
                      <span className="muted">leg {e.leg}</span>
                    </td>
                    <td>{directionLabel(e.direction)}</td>
                    <td>{effectLabel(e.effect)}</td>
                    <td className="num">
                      <Money amount={e.amount} scale={account.scale} />
                    </td>
                    <td>{transactionTypeLabel(e.transactionType)}</td>
                    <td>
                      <TransactionStatusBadge status={e.transactionStatus} />
                    </td>
                    <td className="wrap">{e.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pagination pages={pages} nextPageToken={r.nextPageToken} label="Entries" busy={entries.isPlaceholderData} />
        </>
      )}
    </QueryView>
  );
}

export function AccountHolds({ account }: { account: AccountSummary }) {
  const client = useAdminClient();
  const pages = useCursorPages(`${account.ledger}/${account.id}`);
  const holds = useQuery(accountHoldsQueryOptions(client, account.ledger, account.id, pages.pageToken));
  return (
    <QueryView query={holds} what="holds" isEmpty={(r) => r.holds.length === 0} empty="No open holds on this account.">
      {(r) => (
        <>
          <TableScroll label="Open holds" testId="account-holds">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Placed</th>
                  <th scope="col">Transaction</th>
                  <th scope="col">On this account</th>
                  <th scope="col" className="num">
                    Held
                  </th>
                  <th scope="col">Description</th>
                  <th scope="col">Expires</th>
                </tr>
              </thead>
              <tbody>
                {r.holds.map((h) => {
                  const mine = h.legs.filter((l) => l.accountId === account.id);
                  return (
                    <tr key={h.id}>
                      <td>
                        <DateTime value={h.createdAt} />
                      </td>
                      <td>
                        <Link to={`/transactions/${h.id}`} className="mono" title={h.id}>
                          {shortId(h.id)}
                        </Link>
                      </td>
                      <td>
                        {mine.length === 0
                          ? "—"
                          : mine.map((l) => (
                              <div key={l.leg}>
                                {directionLabel(l.direction)} <Money amount={l.amount} scale={account.scale} />
                              </div>
                            ))}
                      </td>
                      <td className="num" data-testid={`hold-amount-${h.id}`}>
                        {heldByCurrency(h.legs).map((held) => (
                          <div key={held.currency}>
                            <Money amount={held.amount.toString()} scale={held.currency === account.currency ? account.scale : undefined} /> {held.currency}
                          </div>
                        ))}
                      </td>
                      <td className="wrap">{h.description}</td>
                      <td>
                        <DateTime value={h.expiresAt} fallback="Never" />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
          <Pagination pages={pages} nextPageToken={r.nextPageToken} label="Holds" busy={holds.isPlaceholderData} />
        </>
      )}
    </QueryView>
  );
}
