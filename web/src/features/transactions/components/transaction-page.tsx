import type { GetTransactionResponse } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import type { Transaction } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { TransactionStatus } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { DateTime } from "../../../components/date-time.tsx";
import { directionLabel, effectLabel, TransactionStatusBadge, transactionTypeLabel } from "../../../components/ledger-badges.tsx";
import { Money } from "../../../components/money.tsx";
import { Facts, PageHeader, Section } from "../../../components/page.tsx";
import { QueryView } from "../../../components/query-view.tsx";
import { MapTable, TableScroll } from "../../../components/table.tsx";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { useLedger } from "../../../stores/preferences.ts";
import { useCurrencies } from "../../accounts/index.ts";
import { transactionQueryOptions } from "../api/transactions.ts";
import { TransactionActions } from "./transaction-actions.tsx";

function TxLink({ id }: { id: string }) {
  if (id === "") return <span className="muted">—</span>;
  return (
    <Link to={`/transactions/${id}`} className="mono wrap">
      {id}
    </Link>
  );
}

function Legs({ tx }: { tx: Transaction }) {
  const currencies = useCurrencies();
  return (
    <TableScroll label="Legs" testId="transaction-legs">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Leg</th>
            <th scope="col">Account</th>
            <th scope="col">Direction</th>
            <th scope="col">Effect</th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {tx.entries.map((e) => (
            <tr key={e.leg}>
              <td>{e.leg}</td>
              <td>
                <Link to={`/accounts/${e.accountId}`} className="mono">
                  {e.accountCode || e.accountId}
                </Link>
              </td>
              <td>{directionLabel(e.direction)}</td>
              <td>{effectLabel(e.effect)}</td>
              <td className="num">
                <Money amount={e.amount} scale={currencies.scaleOf(e.currency)} currency={e.currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function TransactionDetail({ response }: { response: GetTransactionResponse }) {
  const tx = response.transaction;
  if (tx === undefined) return <p>The server sent no transaction.</p>;
  return (
    <>
      <div className="detail-actions">
        <TransactionStatusBadge status={tx.status} testId="transaction-status" />
        <span className="muted">{transactionTypeLabel(tx.type)}</span>
        <TransactionActions tx={tx} />
      </div>
      <Section title="Details">
        <Facts
          testId="transaction-details"
          items={[
            ["ID", <span className="mono wrap">{tx.id}</span>],
            ["Ledger", tx.ledger],
            ["Sequence", tx.sequence.toString()],
            ["Type", transactionTypeLabel(tx.type)],
            ["Status", <TransactionStatusBadge status={tx.status} />],
            ["Description", tx.description || "—"],
            ["Idempotency key", <span className="mono wrap">{tx.idempotencyKey || "—"}</span>],
            ["Effective", <DateTime value={tx.effectiveAt} />],
            ["Created", <DateTime value={tx.createdAt} />],
            ...(tx.status === TransactionStatus.PENDING || tx.expiresAt !== undefined ? ([["Hold expires", <DateTime value={tx.expiresAt} fallback="No expiry" />]] as Array<[string, ReactNode]>) : []),
            ["Caller", tx.caller || "—"],
            ["Actor", tx.actor || "—"],
            ...(tx.voidReason !== "" ? ([["Void reason", tx.voidReason]] as Array<[string, ReactNode]>) : []),
            ["Parent", <TxLink id={tx.parentTransactionId} />],
            ["Resolved by", <TxLink id={tx.resolvedByTransactionId} />],
            ["Reversed by", <TxLink id={tx.reversedByTransactionId} />],
          ]}
        />
      </Section>
      <Section title="Legs">
        <Legs tx={tx} />
      </Section>
      <Section title="Metadata">
        <MapTable label="Transaction metadata" entries={tx.metadata} />
      </Section>
      <Section title="Related transactions">
        {response.related.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <TableScroll label="Related transactions">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Transaction</th>
                  <th scope="col">Relation</th>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {response.related.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <TxLink id={r.id} />
                    </td>
                    <td>{r.id === tx.parentTransactionId ? "Parent" : r.parentTransactionId === tx.id ? "Child" : "Linked"}</td>
                    <td>{transactionTypeLabel(r.type)}</td>
                    <td>
                      <TransactionStatusBadge status={r.status} />
                    </td>
                    <td>
                      <DateTime value={r.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
      <Section title="Events">
        {response.events.length === 0 ? (
          <p className="muted">The read model has not applied any event of this transaction yet.</p>
        ) : (
          <TableScroll label="Events">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Type</th>
                  <th scope="col">About</th>
                  <th scope="col">Applied</th>
                </tr>
              </thead>
              <tbody>
                {response.events.map((ev) => (
                  <tr key={ev.eventId}>
                    <td className="mono wrap">{ev.eventId}</td>
                    <td className="mono wrap">{ev.eventType}</td>
                    <td>
                      <TxLink id={ev.transactionId} />
                    </td>
                    <td>
                      <DateTime value={ev.processedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
    </>
  );
}

export function TransactionPage() {
  const { id = "" } = useParams();
  const ledger = useLedger();
  const client = useAdminClient();
  const query = useQuery(transactionQueryOptions(client, ledger, id));
  return (
    <>
      <p className="breadcrumb">
        <Link to="/transactions">← Transactions</Link>
      </p>
      <PageHeader title={query.data?.transaction?.description || "Transaction"} description={<span className="mono wrap">{id}</span>} />
      <QueryView query={query} what="the transaction">
        {(response) => <TransactionDetail response={response} />}
      </QueryView>
    </>
  );
}
