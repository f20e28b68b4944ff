// `npm run seed`: a demo book for a fresh install, written only through the public APIs (the
// ledger's and billing's, as any client would): a bank, customers' wallets in USD and EUR,
// merchants and a fee revenue account; a few hundred transactions spread over the past six
// weeks (top-ups, purchases, transfers); holds (one committed in part, one voided, one left open);
// a reversal; a billing plan assigned to a merchant, and that merchant's invoice closed and posted.
//
// It talks to the running `npm start` (.data/platform.json), or to LEDGER_URL / BILLING_URL
// (bearer tokens in LEDGER_TOKEN / BILLING_TOKEN when the services require them). Running it
// again adds nothing: every posting has a fixed idempotency key, and what exists is reused.
import { Code, ConnectError, createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { BatchMode, Direction, LedgerService, NormalBalance, type PostTransactionRequestSchema } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { BillingPeriod, BillingService, FeeBasis, InvoiceStatus } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { readRunningPlatform } from "@ledgerflow/platform/local";

type Posting = MessageInitShape<typeof PostTransactionRequestSchema>;

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 42;
const BATCH_ITEMS_MAX = 100;
const WAIT_MS_MAX = 60_000;
const KEY_PREFIX = "seed";

export interface SeedOptions {
  ledgerUrl: string;
  billingUrl: string;
  ledger: string;
  ledgerToken?: string;
  billingToken?: string;
  /** The day the history ends (UTC); postings are spread over the HISTORY_DAYS before it. */
  now?: Date;
  say?: (line: string) => void;
}

export interface SeedSummary {
  accounts: number;
  posted: number;
  alreadyThere: number;
  refused: number;
  holdsOpen: number;
  reversals: number;
  planId: string;
  invoiceId: string;
  invoiceTotal: string;
}

/** A small deterministic generator: the same book every time. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const bearer = (token: string | undefined): Interceptor[] =>
  token
    ? [
        (next) => (req) => {
          req.header.set("authorization", `Bearer ${token}`);
          return next(req);
        },
      ]
    : [];

const ACCOUNTS: { code: string; currency: string; normal: NormalBalance; overdraft?: boolean; metadata?: Record<string, string> }[] = [
  { code: "bank:usd", currency: "USD", normal: NormalBalance.DEBIT, overdraft: true, metadata: { kind: "settlement" } },
  { code: "bank:eur", currency: "EUR", normal: NormalBalance.DEBIT, overdraft: true, metadata: { kind: "settlement" } },
  { code: "revenue:fees", currency: "USD", normal: NormalBalance.CREDIT, metadata: { kind: "revenue" } },
  { code: "merchant:acme", currency: "USD", normal: NormalBalance.CREDIT, metadata: { kind: "merchant", name: "Acme Coffee" } },
  { code: "merchant:globex", currency: "USD", normal: NormalBalance.CREDIT, metadata: { kind: "merchant", name: "Globex Books" } },
  { code: "merchant:initech:eur", currency: "EUR", normal: NormalBalance.CREDIT, metadata: { kind: "merchant", name: "Initech Rail" } },
  ...["alice", "bob", "carol", "dave", "erin", "frank"].map((name) => ({ code: `wallet:${name}`, currency: "USD", normal: NormalBalance.CREDIT, metadata: { kind: "customer" } })),
  ...["gina", "hugo"].map((name) => ({ code: `wallet:${name}:eur`, currency: "EUR", normal: NormalBalance.CREDIT, metadata: { kind: "customer" } })),
];

const move = (from: string, to: string, amount: bigint) => [
  { accountCode: from, direction: Direction.DEBIT, amount: amount.toString() },
  { accountCode: to, direction: Direction.CREDIT, amount: amount.toString() },
];

/** The book's history: the same postings, in effective-date order, on every run. */
export function history(now: Date): Posting[] {
  const next = random(20_261_202);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const usdWallets = ACCOUNTS.filter((a) => a.code.startsWith("wallet:") && a.currency === "USD").map((a) => a.code);
  const eurWallets = ACCOUNTS.filter((a) => a.code.startsWith("wallet:") && a.currency === "EUR").map((a) => a.code);
  const balances = new Map<string, bigint>();
  const out: Posting[] = [];
  const add = (kind: string, at: number, entries: ReturnType<typeof move>, description: string) => {
    for (const e of entries) {
      const sign = e.direction === Direction.CREDIT ? 1n : -1n;
      balances.set(e.accountCode, (balances.get(e.accountCode) ?? 0n) + sign * BigInt(e.amount));
    }
    out.push({ idempotencyKey: `${KEY_PREFIX}-${out.length}-${kind}`, effectiveAt: timestampFromDate(new Date(at)), entries, description, metadata: { seed: "demo", kind } });
  };
  for (let day = HISTORY_DAYS; day >= 1; day--) {
    const dayStart = end - day * DAY_MS;
    const at = () => dayStart + Math.floor(next() * (DAY_MS - 60_000));
    // A weekly top-up for each customer, then a handful of purchases and transfers a day.
    if (day % 7 === 0 || day === HISTORY_DAYS) {
      for (const w of usdWallets) add("top-up", at(), move("bank:usd", w, BigInt(20_000 + Math.floor(next() * 30_000))), "Card top-up");
      for (const w of eurWallets) add("top-up", at(), move("bank:eur", w, BigInt(15_000 + Math.floor(next() * 20_000))), "SEPA top-up");
    }
    const purchases = 4 + Math.floor(next() * 5);
    for (let i = 0; i < purchases; i++) {
      const wallet = pick(usdWallets);
      const amount = BigInt(150 + Math.floor(next() * 4_500));
      if ((balances.get(wallet) ?? 0n) < amount) continue;
      const merchant = pick(["merchant:acme", "merchant:acme", "merchant:globex"]);
      add("purchase", at(), move(wallet, merchant, amount), merchant === "merchant:acme" ? "Coffee and pastries" : "Books");
    }
    if (next() < 0.6) {
      const wallet = pick(eurWallets);
      const amount = BigInt(290 + Math.floor(next() * 6_000));
      if ((balances.get(wallet) ?? 0n) >= amount) add("purchase", at(), move(wallet, "merchant:initech:eur", amount), "Train ticket");
    }
    if (next() < 0.5) {
      const [from, to] = [pick(usdWallets), pick(usdWallets)];
      const amount = BigInt(500 + Math.floor(next() * 2_000));
      if (from !== to && (balances.get(from) ?? 0n) >= amount) add("transfer", at(), move(from, to, amount), "Split the bill");
    }
    if (day % 7 === 3) add("payout", at(), move("merchant:globex", "bank:usd", (balances.get("merchant:globex") ?? 0n) / 2n), "Weekly payout");
  }
  return out;
}

async function ensureAccounts(ledger: Client<typeof LedgerService>, book: string): Promise<number> {
  for (const a of ACCOUNTS) {
    try {
      await ledger.createAccount({ ledger: book, code: a.code, currency: a.currency, normalBalance: a.normal, allowOverdraft: a.overdraft ?? false, metadata: a.metadata ?? {} });
    } catch (error) {
      if (ConnectError.from(error).code !== Code.AlreadyExists) throw error;
    }
  }
  return ACCOUNTS.length;
}

async function post(ledger: Client<typeof LedgerService>, book: string, postings: Posting[]): Promise<{ posted: number; alreadyThere: number; refused: string[] }> {
  let posted = 0;
  let alreadyThere = 0;
  const refused: string[] = [];
  for (let i = 0; i < postings.length; i += BATCH_ITEMS_MAX) {
    const chunk = postings.slice(i, i + BATCH_ITEMS_MAX).map((p) => ({ ...p, ledger: book }));
    const { results } = await ledger.postTransactions({ mode: BatchMode.INDEPENDENT, transactions: chunk });
    results.forEach((r, j) => {
      if (r.error === undefined) {
        if (r.replayed) alreadyThere += 1;
        else posted += 1;
      }
      // The same key from an earlier run (another day's dates): the book already has it.
      else if (r.error.code === "already_exists") alreadyThere += 1;
      else refused.push(`${chunk[j]!.idempotencyKey}: ${r.error.message}`);
    });
  }
  return { posted, alreadyThere, refused };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + WAIT_MS_MAX;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${WAIT_MS_MAX / 1000} s waiting for ${what}`);
    await Bun.sleep(250);
  }
}

/** Holds (committed in part, voided, open) and a reversal, each once. */
async function holdsAndReversal(ledger: Client<typeof LedgerService>, book: string, now: Date): Promise<{ holdsOpen: number; reversals: number }> {
  const expiresAt = timestampFromDate(new Date(now.getTime() + 7 * DAY_MS));
  const hold = async (key: string, wallet: string, merchant: string, amount: bigint, description: string) => {
    const r = await ledger
      .postTransaction({ ledger: book, idempotencyKey: `${KEY_PREFIX}-${key}`, pending: true, expiresAt, entries: move(wallet, merchant, amount), description, metadata: { seed: "demo", kind: "hold" } })
      .catch(async (error) => {
        // An earlier run's hold (its expiry was another instant): look it up by its key.
        if (ConnectError.from(error).code !== Code.AlreadyExists) throw error;
        return undefined;
      });
    return r?.transaction?.id;
  };
  const hotel = await hold("hold-hotel", "wallet:alice", "merchant:globex", 12_000n, "Hotel deposit");
  const fuel = await hold("hold-fuel", "wallet:bob", "merchant:acme", 7_500n, "Fuel pre-authorisation");
  await hold("hold-rental", "wallet:carol", "merchant:globex", 9_900n, "Bike rental deposit");
  const settled = (e: unknown) => [Code.FailedPrecondition, Code.AlreadyExists].includes(ConnectError.from(e).code);
  if (hotel)
    await ledger
      .commitTransaction({
        ledger: book,
        transactionId: hotel,
        amounts: [
          { leg: 0, amount: "8450" },
          { leg: 1, amount: "8450" },
        ],
      })
      .catch((e) => {
        if (!settled(e)) throw e;
      });
  if (fuel)
    await ledger.voidTransaction({ ledger: book, transactionId: fuel }).catch((e) => {
      if (!settled(e)) throw e;
    });
  const refund = await ledger.postTransaction({
    ledger: book,
    idempotencyKey: `${KEY_PREFIX}-refund-purchase`,
    entries: move("wallet:dave", "merchant:globex", 2_399n),
    description: "Book ordered twice",
    metadata: { seed: "demo", kind: "purchase" },
  });
  if (!refund.transaction!.reversedByTransactionId) {
    await ledger.reverseTransaction({ ledger: book, transactionId: refund.transaction!.id, description: "Refund: ordered twice" }).catch((e) => {
      if (!settled(e)) throw e;
    });
  }
  return { holdsOpen: 1, reversals: 1 };
}

/** A plan for Acme, today's purchases at Acme accrue fees, and Acme's invoice closed and posted. */
async function billingDemo(ledger: Client<typeof LedgerService>, billing: Client<typeof BillingService>, book: string): Promise<{ planId: string; invoiceId: string; invoiceTotal: string }> {
  const name = "Merchant standard (1.5% + 0.10, monthly)";
  const { plans } = await billing.listPlans({ ledger: book, pageSize: 500 });
  const plan =
    plans.find((p) => p.name === name) ??
    (await billing.createPlan({ ledger: book, name, currency: "USD", fixedFee: "10", rateBps: 150, minimumFee: "10", basis: FeeBasis.INCOMING, period: BillingPeriod.MONTH, revenueAccountCode: "revenue:fees" })).plan!;
  await billing.assignPlan({ ledger: book, accountCode: "merchant:acme", planId: plan.id });
  const acme = (await ledger.getAccount({ ledger: book, accountCode: "merchant:acme" })).account!.id;
  const posted = (await billing.listInvoices({ ledger: book, accountId: acme, status: InvoiceStatus.POSTED, pageSize: 10 })).invoices[0];
  if (posted) return { planId: plan.id, invoiceId: posted.id, invoiceTotal: posted.total };
  // Purchases after the assignment are what the plan bills.
  for (let i = 0; i < 6; i++) {
    await ledger
      .postTransaction({
        ledger: book,
        idempotencyKey: `${KEY_PREFIX}-acme-today-${i}`,
        entries: move(["wallet:erin", "wallet:frank"][i % 2]!, "merchant:acme", BigInt(380 + 145 * i)),
        description: "Coffee and pastries",
        metadata: { seed: "demo", kind: "purchase" },
      })
      .catch((e) => {
        if (ConnectError.from(e).code !== Code.AlreadyExists) throw e;
      });
  }
  const open = await until("billing to accrue the merchant's fees", async () => {
    const { invoices } = await billing.listInvoices({ ledger: book, accountId: acme, status: InvoiceStatus.OPEN, pageSize: 10 });
    return invoices.find((inv) => inv.accrualCount >= 6);
  });
  await billing.closeInvoice({ invoiceId: open.id });
  const done = await until("the invoice's fee to be posted", async () => {
    const { invoice } = await billing.getInvoice({ invoiceId: open.id });
    return invoice?.status === InvoiceStatus.POSTED ? invoice : undefined;
  });
  return { planId: plan.id, invoiceId: done.id, invoiceTotal: done.total };
}

export async function seed(o: SeedOptions): Promise<SeedSummary> {
  const say = o.say ?? (() => undefined);
  const now = o.now ?? new Date();
  const ledger = createClient(LedgerService, createConnectTransport({ baseUrl: o.ledgerUrl, httpVersion: "1.1", interceptors: bearer(o.ledgerToken) }));
  const billing = createClient(BillingService, createConnectTransport({ baseUrl: o.billingUrl, httpVersion: "1.1", interceptors: bearer(o.billingToken) }));
  const accounts = await ensureAccounts(ledger, o.ledger);
  say(`${accounts} accounts in ledger ${o.ledger}`);
  const postings = history(now);
  const result = await post(ledger, o.ledger, postings);
  say(`${postings.length} transactions over the past ${HISTORY_DAYS} days: ${result.posted} posted, ${result.alreadyThere} already there, ${result.refused.length} refused`);
  for (const r of result.refused.slice(0, 5)) say(`  refused ${r}`);
  const extras = await holdsAndReversal(ledger, o.ledger, now);
  say("holds: one committed in part, one voided, one open; one purchase reversed");
  const inv = await billingDemo(ledger, billing, o.ledger);
  say(`billing: plan ${inv.planId} on merchant:acme, invoice ${inv.invoiceId} posted, fees ${inv.invoiceTotal} (minor units, USD)`);
  return { accounts, posted: result.posted, alreadyThere: result.alreadyThere, refused: result.refused.length, ...extras, ...inv };
}

if (import.meta.main) {
  const running = readRunningPlatform();
  const ledgerUrl = process.env.LEDGER_URL || running?.urls.ledger || "http://127.0.0.1:8081";
  const billingUrl = process.env.BILLING_URL || running?.urls.billing || "http://127.0.0.1:8083";
  const ledger = process.argv.find((a) => a.startsWith("--ledger="))?.slice("--ledger=".length) || process.env.SEED_LEDGER || "main";
  try {
    const summary = await seed({ ledgerUrl, billingUrl, ledger, ledgerToken: process.env.LEDGER_TOKEN, billingToken: process.env.BILLING_TOKEN, say: (l) => console.log(l) });
    if (summary.refused > 0) {
      console.error(`${summary.refused} postings were refused (see above)`);
      process.exit(1);
    }
    console.log(`demo book ready in ledger ${ledger}: open the dashboard and sign in`);
  } catch (error) {
    console.error(`seed failed against ${ledgerUrl} / ${billingUrl}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
