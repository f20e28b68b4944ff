// The invoice scheduler on its own clock: it closes a period that ended and posts it by itself;
// a fee that accrues for a closed period lands on the open invoice of the current one; a refused
// post is retried with backoff until it goes through; a zero total posts nothing.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { BillingPeriod, FeeBasis, InvoiceStatus, type Invoice, type Plan } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import { Direction, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { startTestLedger, type TestLedger } from "@ledgerflow/ledger/testing";
import { periodOf } from "./domain/periods.ts";
import { startTestBilling, until, type TestBilling } from "./testing/billing-server.ts";

const DAY_MS = 86_400_000;
let t: TestLedger;
let b: TestBilling;
let plan: Plan;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestLedger();
  b = await startTestBilling(t, { closeIntervalMs: 100, postRetryBaseMs: 200, postRetryMaxMs: 400 });
  for (const [code, normal, overdraft] of [
    ["bank", NormalBalance.DEBIT, true],
    ["revenue", NormalBalance.CREDIT, false],
    ["c1", NormalBalance.CREDIT, false],
    ["c2", NormalBalance.CREDIT, false],
    ["c3", NormalBalance.CREDIT, false],
  ] as const) {
    ids[code] = (await t.connect.createAccount({ code, currency: "USD", normalBalance: normal, allowOverdraft: overdraft })).account!.id;
  }
  plan = (await b.client.createPlan({ name: "Daily", currency: "USD", fixedFee: "10", rateBps: 100, basis: FeeBasis.ALL, period: BillingPeriod.DAY, revenueAccountCode: "revenue" })).plan!;
  for (const c of ["c1", "c2", "c3"]) await b.client.assignPlan({ accountCode: c, planId: plan.id });
});

afterAll(async () => {
  await b.stop();
  await t.stop();
}, 30_000);

const move = (key: string, from: string, to: string, amount: string) =>
  t.connect.postTransaction({
    idempotencyKey: key,
    entries: [
      { accountId: ids[from]!, direction: Direction.DEBIT, amount },
      { accountId: ids[to]!, direction: Direction.CREDIT, amount },
    ],
  });
const invoicesOf = async (account: string): Promise<Invoice[]> => (await b.client.listInvoices({ accountId: ids[account]! })).invoices;
const balanceOf = async (account: string) => {
  const balance = (await t.connect.getBalance({ accountId: ids[account]! })).balance!;
  return BigInt(balance.postedCredits) - BigInt(balance.postedDebits);
};

test("a day that ended is closed and posted by the scheduler; later fees go to the current day's open invoice", async () => {
  await move("c1-a", "bank", "c1", "1000"); // 10 + 10 = 20
  await move("c2-a", "bank", "c2", "1000"); // 20, then refunded below: zero
  const c2a = await until(async () => (await b.client.listAccruals({ accountId: ids.c2! })).accruals[0], "c2's accrual");
  const charged = await until(async () => (await invoicesOf("c1")).find((i) => i.total === "20"), "c1's invoice");
  expect(charged.status).toBe(InvoiceStatus.OPEN);
  const today = periodOf("day", new Date());
  expect(timestampDate(charged.periodStart!)).toEqual(today.start);
  expect(timestampDate(charged.periodEnd!)).toEqual(today.end);
  await t.connect.reverseTransaction({ transactionId: c2a.sourceTransactionId });
  await until(async () => (await invoicesOf("c2"))[0]?.accrualCount === 2, "c2's refund");
  await Bun.sleep(300);
  expect((await b.client.getInvoice({ invoiceId: charged.id })).invoice!.status).toBe(InvoiceStatus.OPEN);

  b.clock.offsetMs = DAY_MS; // tomorrow: today's invoices are due
  const done = await until(async () => {
    const i = (await b.client.getInvoice({ invoiceId: charged.id })).invoice!;
    return i.status === InvoiceStatus.POSTED ? i : undefined;
  }, "the scheduler to post c1's invoice");
  expect(done.feeTransactionId).toBeTruthy();
  expect(await balanceOf("c1")).toBe(1000n - 20n);
  const zero = await until(async () => (await invoicesOf("c2")).find((i) => i.status === InvoiceStatus.POSTED), "c2's zero invoice");
  expect(zero).toMatchObject({ total: "0", feeTransactionId: "" });
  expect(await balanceOf("c2")).toBe(0n);

  // Occurs today (the ledger's real time), whose invoice is closed: it goes to tomorrow's.
  await move("c1-b", "bank", "c1", "500"); // 10 + 5 = 15
  const next = await until(async () => (await invoicesOf("c1")).find((i) => i.id !== charged.id), "c1's next invoice");
  expect(next).toMatchObject({ status: InvoiceStatus.OPEN, total: "15", accrualCount: 1 });
  expect(timestampDate(next.periodStart!)).toEqual(today.end);
  const metrics = await (await fetch(`${b.handle.url}/metrics`)).text();
  expect(metrics).toMatch(/^ledgerflow_billing_fees_posted_total\{result="zero"\} [1-9]/m);
  expect(metrics).toMatch(/^ledgerflow_billing_invoices_closed_total\{trigger="schedule"\} [1-9]/m);
}, 30_000);

test("a refused post is retried on later sweeps, with backoff, until it goes through", async () => {
  b.clock.offsetMs = 0;
  await move("c3-a", "bank", "c3", "2000"); // 10 + 20 = 30
  const invoice = await until(async () => (await invoicesOf("c3"))[0], "c3's invoice");
  await move("c3-out", "c3", "bank", "2000"); // 30 more (the basis is all); c3 is empty: its fee will be refused
  await until(async () => BigInt((await t.connect.getBalance({ accountId: ids.c3! })).balance!.postedDebits) === 2000n, "the payout");
  b.clock.offsetMs = DAY_MS;
  const failed = await until(async () => {
    const i = (await b.client.getInvoice({ invoiceId: invoice.id })).invoice!;
    return i.status === InvoiceStatus.FAILED ? i : undefined;
  }, "c3's invoice to fail");
  expect(failed.error).toContain("insufficient funds");
  const [first] = await t.db.sql`SELECT attempts, next_attempt_at FROM billing.invoices WHERE id = ${invoice.id}`;
  await until(async () => {
    const [row] = await t.db.sql`SELECT attempts FROM billing.invoices WHERE id = ${invoice.id}`;
    return row!.attempts > first!.attempts;
  }, "a retry");
  const [second] = await t.db.sql`SELECT attempts, status, next_attempt_at FROM billing.invoices WHERE id = ${invoice.id}`;
  expect(second!.status).toBe("failed");
  await t.connect.postTransaction({
    idempotencyKey: "c3-fund",
    entries: [
      { accountId: ids.bank!, direction: Direction.DEBIT, amount: "100" },
      { accountId: ids.c3!, direction: Direction.CREDIT, amount: "100" },
    ],
  });
  const done = await until(
    async () => {
      const i = (await b.client.getInvoice({ invoiceId: invoice.id })).invoice!;
      return i.status === InvoiceStatus.POSTED ? i : undefined;
    },
    "c3's invoice to post after the funding",
    20_000,
  );
  expect(done).toMatchObject({ error: "", total: "60" });
  expect(await balanceOf("c3")).toBe(100n - 60n);
}, 40_000);
