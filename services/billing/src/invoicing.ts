// Invoices from closing to posted. A sweep (every BILLING_CLOSE_INTERVAL_MS) closes a bounded
// batch of invoices whose period ended, then posts a bounded batch of closed ones: each total as
// ONE ledger transaction (debit the customer, credit the plan's revenue account; a negative total
// the other way; zero posts nothing) with the idempotency key billing:invoice:<id>. A post that
// the ledger accepted but billing did not record (a crash, a lost response) is repeated later
// with the same key and request, and the ledger replays it: never a second charge.
import type { Sql } from "postgres";
import { ConnectError } from "@connectrpc/connect";
import { Direction } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { pgtyped } from "@ledgerflow/platform/db";
import type { Logger } from "@ledgerflow/platform/log";
import * as invoicesDb from "./db/invoices.queries.ts";
import { FEE_METADATA_INVOICE } from "./accrue.ts";
import { notFound, precondition } from "@ledgerflow/platform/errors";
import { abs } from "./domain/money.ts";
import { isTransient, type LedgerClient, type PostRequest } from "./ledger-client.ts";
import type { BillingMetrics } from "./metrics.ts";

export type InvoiceRow = invoicesDb.IGetInvoiceResult;
export const invoiceKey = (invoiceId: string) => `billing:invoice:${invoiceId}`;
const ERROR_LENGTH_MAX = 2_000;

export interface InvoicerOptions {
  sql: Sql;
  ledger: LedgerClient;
  log: Logger;
  metrics: BillingMetrics;
  /** The scheduler's clock: which periods have ended. */
  now: () => Date;
  /** Invoices closed, and posted, per sweep at most. */
  batchMax: number;
  /** A claimed invoice is not taken by another process for this long. */
  leaseMs: number;
  /** Retry delay after a failed post: base × 2^(attempts − 1), at most max. */
  retryBaseMs: number;
  retryMaxMs: number;
}

/**
 * The one fee transaction of an invoice; null for a zero total. Everything in it is derived from
 * the closed invoice, so every attempt sends the same request (the ledger replays, never
 * refuses, a repeat).
 */
export function feeTransactionRequest(inv: Pick<InvoiceRow, "id" | "ledger" | "account_id" | "revenue_account_id" | "plan_id" | "total" | "period_start" | "period_end">): PostRequest | null {
  const total = BigInt(inv.total);
  if (total === 0n) return null;
  const amount = abs(total).toString();
  const [debit, credit] = total > 0n ? [inv.account_id, inv.revenue_account_id] : [inv.revenue_account_id, inv.account_id];
  const start = inv.period_start.toISOString();
  const end = inv.period_end.toISOString();
  return {
    ledger: inv.ledger,
    idempotencyKey: invoiceKey(inv.id),
    description: total > 0n ? `Billing fees, invoice ${inv.id} (${start} to ${end})` : `Billing refund, invoice ${inv.id} (${start} to ${end})`,
    metadata: { [FEE_METADATA_INVOICE]: inv.id, "billing.plan_id": inv.plan_id, "billing.period_start": start, "billing.period_end": end },
    entries: [
      { accountId: debit, direction: Direction.DEBIT, amount },
      { accountId: credit, direction: Direction.CREDIT, amount },
    ],
  };
}

export class Invoicer {
  private timer?: ReturnType<typeof setTimeout>;
  private sweeping?: Promise<unknown>;
  private stopped = false;

  constructor(private readonly o: InvoicerOptions) {}

  start(intervalMs: number): void {
    const tick = () => {
      if (this.stopped) return;
      this.sweeping = this.sweep()
        .catch((error) => this.o.log.warn("invoice sweep failed", { error }))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sweeping;
  }

  /** Closes what ended, posts what is due; returns the counts. */
  async sweep(): Promise<{ closed: number; attempted: number }> {
    const started = performance.now();
    const db = pgtyped(this.o.sql);
    const closed = await invoicesDb.closeDueInvoices.run({ now: this.o.now(), limit: BigInt(this.o.batchMax) }, db);
    if (closed.length > 0) this.o.metrics.invoicesClosed.inc({ trigger: "schedule" }, closed.length);
    const due = await invoicesDb.claimInvoicesToPost.run({ limit: BigInt(this.o.batchMax), leaseSeconds: this.o.leaseMs / 1000 }, db);
    for (const inv of due) await this.post(inv);
    await this.refreshGauges();
    this.o.metrics.sweepDuration.observe((performance.now() - started) / 1000);
    return { closed: closed.length, attempted: due.length };
  }

  /** CloseInvoice: closes an open invoice now (or retries a failed one) and posts it. */
  async closeNow(invoiceId: string): Promise<InvoiceRow> {
    const db = pgtyped(this.o.sql);
    const [inv] = await invoicesDb.getInvoice.run({ id: invoiceId }, db);
    if (!inv) throw notFound(`invoice ${invoiceId} not found`);
    if (inv.status === "posted") throw precondition(`invoice ${invoiceId} is already posted`);
    if (inv.status === "open" && (await invoicesDb.closeInvoiceNow.run({ id: invoiceId }, db)).length === 1) {
      this.o.metrics.invoicesClosed.inc({ trigger: "request" });
    }
    const [claimed] = await invoicesDb.claimInvoice.run({ id: invoiceId, leaseSeconds: this.o.leaseMs / 1000 }, db);
    if (claimed) await this.post(claimed);
    const [after] = await invoicesDb.getInvoice.run({ id: invoiceId }, db);
    return after!;
  }

  /** One attempt at posting a claimed invoice; the outcome is recorded, never thrown. */
  private async post(inv: InvoiceRow): Promise<void> {
    const db = pgtyped(this.o.sql);
    const request = feeTransactionRequest(inv);
    if (!request) {
      await invoicesDb.markPosted.run({ id: inv.id, feeTransactionId: null }, db);
      this.o.metrics.feesPosted.inc({ result: "zero" });
      return;
    }
    try {
      const { transaction, replayed } = await this.o.ledger.postTransaction(request);
      await invoicesDb.markPosted.run({ id: inv.id, feeTransactionId: transaction.id }, db);
      this.o.metrics.feesPosted.inc({ result: "posted" });
      this.o.log.info("invoice posted", { invoice_id: inv.id, transaction_id: transaction.id, total: inv.total, replayed });
    } catch (error) {
      const refused = !isTransient(error);
      const message = (error instanceof ConnectError ? error.rawMessage : error instanceof Error ? error.message : String(error)).slice(0, ERROR_LENGTH_MAX);
      const delayMs = Math.min(this.o.retryBaseMs * 2 ** Math.min(inv.attempts, 30), this.o.retryMaxMs);
      await invoicesDb.markAttemptFailed.run({ id: inv.id, refused, error: message, retrySeconds: delayMs / 1000 }, db);
      this.o.metrics.feesPosted.inc({ result: "failed" });
      this.o.log.warn("invoice post failed", { invoice_id: inv.id, refused, error: message, retry_in_ms: delayMs });
    }
  }

  async refreshGauges(): Promise<void> {
    const [counts] = await invoicesDb.countInvoices.run(undefined, pgtyped(this.o.sql));
    for (const status of ["open", "posting", "failed"] as const) this.o.metrics.invoices.set({ status }, Number(counts?.[status] ?? 0n));
  }
}
