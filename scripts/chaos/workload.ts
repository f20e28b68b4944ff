// The clients: concurrent workers posting transfers (uniform, and a share to a few hot merchant
// accounts), in two currencies, pending holds that they then commit or void, and reversals of
// their own earlier transfers. Some transfers are hedged, as a client that double-submits or
// hedges a slow call does: the same request with the same idempotency key is sent twice at once
// (to the second ledger when it is up), and both copies go into the history. A timeout, UNAVAILABLE or a broken connection is retried with the
// SAME idempotency key until a deadline; every operation ends in the history as
//   acked          the ledger answered with the transaction,
//   refused        the ledger answered with a definite error on a first, unambiguous attempt,
//   indeterminate  no answer in time, or a refusal after an ambiguous attempt (it may have
//                  committed: the checker looks it up).
import { Code, ConnectError, createClient, type Client } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { BillingPeriod, BillingService, FeeBasis } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import { Direction, LedgerService, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import type { Random } from "./random.ts";

export type OpKind = "transfer" | "hold" | "commit" | "void" | "reverse";
export type OpStatus = "acked" | "refused" | "indeterminate";

export interface Op {
  kind: OpKind;
  key: string;
  /** commit / void / reverse: the transaction they act on. */
  parentId?: string;
  currency: string;
  amount: string;
  status: OpStatus;
  attempts: number;
  /** The transaction id the ledger acknowledged (the commit / void / reversal for those kinds). */
  transactionId?: string;
  /** The last error code seen. */
  lastError?: string;
  /** An attempt ended without a definite answer. */
  ambiguous: boolean;
  /** The second, concurrent copy of a hedged request (same key as the op before it). */
  hedge?: boolean;
  latencyMs: number;
}

export interface Books {
  currencies: string[];
  /** Per currency: the funding source (may overdraw), customers, hot merchants (billed), revenue. */
  byCurrency: Record<string, { bank: string; customers: string[]; merchants: string[]; revenue: string }>;
  planIds: string[];
}

export interface WorkloadOptions {
  grpcUrls: [string, string];
  /** Whether the second ledger is up (the workers then send it half of their requests). */
  secondLedgerUp: () => boolean;
  clients: number;
  random: Random;
  /** An operation still without an answer after this long is indeterminate. */
  opDeadlineMs: number;
  requestTimeoutMs: number;
}

const DEFINITE = new Set([Code.InvalidArgument, Code.FailedPrecondition, Code.NotFound, Code.AlreadyExists, Code.PermissionDenied, Code.Unauthenticated, Code.OutOfRange, Code.Unimplemented]);
const CUSTOMERS_PER_CURRENCY = 12;
const MERCHANTS_PER_CURRENCY = 2;
const FUNDING = 1_000_000n;
/** Share of plain transfers sent twice at once with the same key. */
const HEDGED_SHARE = 0.05;
/** The hedge follows the first copy after up to this long (a different group-commit batch, often). */
const HEDGE_DELAY_MS_MAX = 20;

export const ledgerClient = (baseUrl: string): Client<typeof LedgerService> => createClient(LedgerService, createGrpcTransport({ baseUrl }));
export const billingClient = (baseUrl: string): Client<typeof BillingService> => createClient(BillingService, createConnectTransport({ baseUrl, httpVersion: "1.1" }));

/** Accounts, funding and billing plans, before any fault. */
export async function openBooks(grpcUrl: string, billingUrl: string): Promise<Books> {
  const c = ledgerClient(grpcUrl);
  const billing = billingClient(billingUrl);
  const books: Books = { currencies: ["USD", "EUR"], byCurrency: {}, planIds: [] };
  for (const currency of books.currencies) {
    const cur = currency.toLowerCase();
    const open = async (code: string, normalBalance: NormalBalance, allowOverdraft = false) => (await c.createAccount({ code, currency, normalBalance, allowOverdraft })).account!.id;
    const bank = await open(`bank:${cur}`, NormalBalance.DEBIT, true);
    const revenue = await open(`revenue:${cur}`, NormalBalance.CREDIT);
    const customers: string[] = [];
    for (let i = 0; i < CUSTOMERS_PER_CURRENCY; i++) customers.push(await open(`customer:${cur}:${i}`, NormalBalance.CREDIT));
    const merchants: string[] = [];
    for (let i = 0; i < MERCHANTS_PER_CURRENCY; i++) merchants.push(await open(`merchant:${cur}:${i}`, NormalBalance.CREDIT));
    for (const id of [...customers, ...merchants]) {
      await c.postTransaction({
        idempotencyKey: `fund:${id}`,
        entries: [
          { accountId: bank, direction: Direction.DEBIT, amount: FUNDING.toString() },
          { accountId: id, direction: Direction.CREDIT, amount: FUNDING.toString() },
        ],
      });
    }
    const plan = (await billing.createPlan({ name: `Merchants ${currency}`, currency, fixedFee: "1", rateBps: 10, basis: FeeBasis.INCOMING, period: BillingPeriod.MONTH, revenueAccountCode: `revenue:${cur}` })).plan!;
    for (const id of merchants) await billing.assignPlan({ accountId: id, planId: plan.id });
    books.planIds.push(plan.id);
    books.byCurrency[currency] = { bank, customers, merchants, revenue };
  }
  return books;
}

export class Workload {
  readonly ops: Op[] = [];
  private running = false;
  private workers: Promise<void>[] = [];
  private readonly clients: [Client<typeof LedgerService>, Client<typeof LedgerService>];
  /** Acknowledged standard transfers a worker may reverse later. */
  private readonly reversible: { id: string; currency: string; amount: string }[] = [];
  private seq = 0;

  constructor(
    private readonly books: Books,
    private readonly o: WorkloadOptions,
  ) {
    this.clients = [ledgerClient(o.grpcUrls[0]), ledgerClient(o.grpcUrls[1])];
  }

  start(): void {
    this.running = true;
    for (let w = 0; w < this.o.clients; w++) this.workers.push(this.worker(w, this.o.random.fork(w)));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  private async worker(w: number, r: Random): Promise<void> {
    while (this.running) {
      const currency = r.pick(this.books.currencies);
      const b = this.books.byCurrency[currency]!;
      const dice = r.next();
      const from = r.pick(b.customers);
      // A third of the transfers go to the hot merchant accounts (billed, contended).
      const to = r.next() < 0.33 ? r.pick(b.merchants) : r.pick(b.customers.filter((x) => x !== from));
      const amount = String(1 + r.int(500));
      const entries = [
        { accountId: from, direction: Direction.DEBIT, amount },
        { accountId: to, direction: Direction.CREDIT, amount },
      ];
      if (dice < 0.1) {
        // Funding from the bank keeps the customers solvent.
        const amt = String(1_000 + r.int(5_000));
        await this.run(
          { kind: "transfer", key: this.key(w), currency, amount: amt },
          (c, key) =>
            c.postTransaction(
              {
                idempotencyKey: key,
                entries: [
                  { accountId: b.bank, direction: Direction.DEBIT, amount: amt },
                  { accountId: from, direction: Direction.CREDIT, amount: amt },
                ],
              },
              this.callOptions(),
            ),
          (res) => res.transaction?.id,
        );
      } else if (dice < 0.25) {
        const hold = await this.run(
          { kind: "hold", key: this.key(w), currency, amount },
          (c, key) => c.postTransaction({ idempotencyKey: key, pending: true, entries }, this.callOptions()),
          (res) => res.transaction?.id,
        );
        if (hold.status !== "acked" || !this.running) continue;
        const commit = r.next() < 0.6;
        await this.run(
          { kind: commit ? "commit" : "void", key: this.key(w), parentId: hold.transactionId, currency, amount },
          (c, key) =>
            commit
              ? c.commitTransaction({ transactionId: hold.transactionId!, idempotencyKey: key }, this.callOptions()).then((res) => res.commit?.id)
              : c.voidTransaction({ transactionId: hold.transactionId!, idempotencyKey: key }, this.callOptions()).then((res) => res.void?.id),
          (id) => id,
        );
      } else if (dice < 0.28) {
        // More than any customer holds: a definite refusal (insufficient funds), never in the journal.
        const huge = "1000000000000";
        await this.run(
          { kind: "transfer", key: this.key(w), currency, amount: huge },
          (c, key) =>
            c.postTransaction(
              {
                idempotencyKey: key,
                entries: [
                  { accountId: from, direction: Direction.DEBIT, amount: huge },
                  { accountId: to, direction: Direction.CREDIT, amount: huge },
                ],
              },
              this.callOptions(),
            ),
          (res) => res.transaction?.id,
        );
      } else if (dice < 0.35 && this.reversible.length > 0) {
        const target = this.reversible.splice(r.int(this.reversible.length), 1)[0]!;
        await this.run(
          { kind: "reverse", key: this.key(w), parentId: target.id, currency: target.currency, amount: target.amount },
          (c, key) => c.reverseTransaction({ transactionId: target.id, idempotencyKey: key }, this.callOptions()),
          (res) => res.reversal?.id,
        );
      } else if (r.next() < HEDGED_SHARE) {
        const base = { kind: "transfer" as const, key: this.key(w), currency, amount };
        const call = (c: Client<typeof LedgerService>, key: string) => c.postTransaction({ idempotencyKey: key, entries }, this.callOptions());
        const delayMs = r.int(HEDGE_DELAY_MS_MAX + 1);
        await Promise.all([this.run(base, call, (res) => res.transaction?.id), Bun.sleep(delayMs).then(() => this.run(base, call, (res) => res.transaction?.id, true))]);
      } else {
        const op = await this.run(
          { kind: "transfer", key: this.key(w), currency, amount },
          (c, key) => c.postTransaction({ idempotencyKey: key, entries }, this.callOptions()),
          (res) => res.transaction?.id,
        );
        if (op.status === "acked" && this.reversible.length < 10_000 && r.next() < 0.2) this.reversible.push({ id: op.transactionId!, currency, amount });
      }
    }
  }

  private key(w: number): string {
    this.seq += 1;
    return `chaos-${w}-${this.seq}`;
  }

  private callOptions() {
    return { timeoutMs: this.o.requestTimeoutMs };
  }

  /** One operation with its retries; it goes into the history whatever the outcome. */
  private async run<R>(base: Pick<Op, "kind" | "key" | "currency" | "amount" | "parentId">, call: (c: Client<typeof LedgerService>, key: string) => Promise<R>, idOf: (r: R) => string | undefined, hedge = false): Promise<Op> {
    const op: Op = { ...base, status: "indeterminate", attempts: 0, ambiguous: false, latencyMs: 0, ...(hedge ? { hedge } : {}) };
    const started = performance.now();
    const until = started + this.o.opDeadlineMs;
    for (;;) {
      op.attempts += 1;
      // Retries (and a hedge's first attempt) go to the second ledger while it is up.
      const client = this.o.secondLedgerUp() && (op.attempts + (hedge ? 1 : 0)) % 2 === 0 ? this.clients[1] : this.clients[0];
      try {
        const result = await call(client, op.key);
        op.status = "acked";
        op.transactionId = idOf(result);
        break;
      } catch (error) {
        const e = ConnectError.from(error);
        op.lastError = Code[e.code];
        if (DEFINITE.has(e.code)) {
          op.status = op.ambiguous ? "indeterminate" : "refused";
          break;
        }
        op.ambiguous = true;
        // Past its deadline the operation ends indeterminate (the checker resolves it).
        if (performance.now() > until) break;
        await Bun.sleep(50 + Math.random() * 150);
      }
    }
    op.latencyMs = performance.now() - started;
    this.ops.push(op);
    return op;
  }
}
