// Billing end to end on the embedded event log, with a real ledger (its in-process relay
// publishes to the log) and a real billing service on the same test database: validation,
// accruals per plan and basis, holds and voids, commits, refunds on reversal, duplicates, poison
// events, closing and posting an invoice, a repeated post after a crash, insufficient funds and
// a retry, authentication, and the operational endpoints.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-node";
import { BillingPeriod, BillingService, FeeBasis, InvoiceStatus, PlanStatus, type Invoice, type Plan } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import { Direction, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { FieldViolationSchema } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { BadRequestSchema, ErrorInfoSchema } from "@ledgerflow/proto/gen/google/rpc/error_details_pb.ts";
import { findFreePort } from "@ledgerflow/platform/local-postgres";
import { TOPICS } from "@ledgerflow/platform/events";
import { startTestLedger, type TestLedger } from "@ledgerflow/ledger/testing";
import { feeTransactionRequest, invoiceKey } from "./invoicing.ts";
import { startTestBilling, until, type TestBilling } from "./testing/billing-server.ts";

let t: TestLedger;
let b: TestBilling;
let plan: Plan;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestLedger();
  b = await startTestBilling(t);
  const c = t.connect;
  const open = async (code: string, normalBalance: NormalBalance, currency = "USD", allowOverdraft = false) => {
    ids[code] = (await c.createAccount({ code, currency, normalBalance, allowOverdraft })).account!.id;
  };
  await open("bank:usd", NormalBalance.DEBIT, "USD", true);
  await open("revenue:fees", NormalBalance.CREDIT);
  await open("revenue:eur", NormalBalance.CREDIT, "EUR");
  for (const m of ["m1", "m2", "m3", "m4"]) await open(`merchant:${m}`, NormalBalance.CREDIT);
  await open("merchant:eur", NormalBalance.CREDIT, "EUR");
  plan = (
    await b.client.createPlan({
      name: "Card acquiring",
      currency: "USD",
      fixedFee: "30",
      rateBps: 290,
      minimumFee: "50",
      maximumFee: "5000",
      basis: FeeBasis.INCOMING,
      period: BillingPeriod.MONTH,
      revenueAccountCode: "revenue:fees",
    })
  ).plan!;
});

afterAll(async () => {
  await b.stop();
  await t.stop();
}, 30_000);

/** Pays `amount` from the bank into an account (incoming for a credit-normal account). */
const pay = (key: string, to: string, amount: string, pending = false) =>
  t.connect.postTransaction({
    idempotencyKey: key,
    pending,
    entries: [
      { accountId: ids["bank:usd"]!, direction: Direction.DEBIT, amount },
      { accountId: ids[to]!, direction: Direction.CREDIT, amount },
    ],
  });
/** Pays `amount` out of an account to the bank (outgoing). */
const payOut = (key: string, from: string, amount: string) =>
  t.connect.postTransaction({
    idempotencyKey: key,
    entries: [
      { accountId: ids[from]!, direction: Direction.DEBIT, amount },
      { accountId: ids["bank:usd"]!, direction: Direction.CREDIT, amount },
    ],
  });
const accrualsOf = async (account: string) => (await b.client.listAccruals({ accountId: ids[account]!, pageSize: 500 })).accruals;
const waitAccruals = (account: string, n: number) =>
  until(async () => {
    const list = await accrualsOf(account);
    return list.length >= n ? list : undefined;
  }, `${n} accruals of ${account}`);
const openInvoice = async (account: string): Promise<Invoice> => (await b.client.listInvoices({ accountId: ids[account]!, status: InvoiceStatus.OPEN })).invoices[0]!;
const posted = async (account: string) => {
  const balance = (await t.connect.getBalance({ accountId: ids[account]! })).balance!;
  return BigInt(balance.postedCredits) - BigInt(balance.postedDebits);
};
/** Waits until billing has consumed everything the relay published. */
const caughtUp = () =>
  until(async () => {
    // In this order: everything written is published, then what the log holds is consumed.
    const [outbox] = await t.db.sql`SELECT count(*)::int AS n FROM ledger.outbox WHERE published_at IS NULL`;
    const [log] = await t.db.sql`SELECT coalesce(max("offset"), 0)::text AS last FROM events.log WHERE topic = ${TOPICS.transactions}`;
    const [done] = await t.db.sql`SELECT coalesce(max("offset"), 0)::text AS at FROM events.consumer_offsets WHERE group_id = 'ledgerflow-billing' AND topic = ${TOPICS.transactions}`;
    return outbox!.n === 0 && BigInt(done?.at ?? "0") >= BigInt(log!.last);
  }, "billing to catch up");

async function refused(call: Promise<unknown>): Promise<ConnectError> {
  try {
    await call;
  } catch (error) {
    return ConnectError.from(error);
  }
  throw new Error("expected the call to be refused");
}
/** The field a refusal names: in the standard BadRequest, and the same in the deprecated FieldViolation. */
const fieldOf = (e: ConnectError) => {
  const standard = e.findDetails(BadRequestSchema)[0]?.fieldViolations[0]?.field ?? e.findDetails(ErrorInfoSchema)[0]?.metadata.field;
  expect(e.findDetails(ErrorInfoSchema)[0]?.domain).toBe("billing.ledgerflow");
  expect(e.findDetails(FieldViolationSchema)[0]?.field).toBe(standard);
  return standard;
};

describe("plans and assignments", () => {
  const good = { name: "x", currency: "USD", fixedFee: "1", rateBps: 1, basis: FeeBasis.ALL, period: BillingPeriod.DAY, revenueAccountCode: "revenue:fees" };

  test("bad plans are refused with INVALID_ARGUMENT naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "" }, "name"],
      [{ currency: "XYZ" }, "currency"],
      [{ fixedFee: "-5" }, "fixed_fee"],
      [{ fixedFee: "12.5" }, "fixed_fee"],
      [{ rateBps: 10_001 }, "rate_bps"],
      [{ minimumFee: "10", maximumFee: "9" }, "minimum_fee"],
      [{ period: BillingPeriod.UNSPECIFIED }, "period"],
      [{ basis: FeeBasis.UNSPECIFIED }, "basis"],
      [{ revenueAccountCode: "" }, "revenue_account_code"],
      [{ ledger: "Not A Ledger" }, "ledger"],
    ];
    for (const [change, field] of cases) {
      const e = await refused(b.client.createPlan({ ...good, ...change }));
      expect([field, e.code]).toEqual([field, Code.InvalidArgument]);
      expect(fieldOf(e)).toBe(field);
      expect(e.rawMessage.startsWith(`${field}:`)).toBe(true);
    }
  });

  test("the revenue account must exist in the ledger, in the plan's currency; names are unique per ledger", async () => {
    const missing = await refused(b.client.createPlan({ ...good, revenueAccountCode: "revenue:nowhere" }));
    expect([missing.code, fieldOf(missing)]).toEqual([Code.FailedPrecondition, "revenue_account_code"]);
    const wrongCurrency = await refused(b.client.createPlan({ ...good, revenueAccountCode: "revenue:eur" }));
    expect([wrongCurrency.code, fieldOf(wrongCurrency)]).toEqual([Code.FailedPrecondition, "revenue_account_code"]);
    const dup = await refused(b.client.createPlan({ ...good, name: "Card acquiring" }));
    expect([dup.code, fieldOf(dup)]).toEqual([Code.AlreadyExists, "name"]);
    expect((await refused(b.client.getPlan({ planId: "00000000-0000-4000-8000-000000000000" }))).code).toBe(Code.NotFound);
    expect((await refused(b.client.getPlan({ planId: "nope" }))).code).toBe(Code.InvalidArgument);
  });

  test("updates change prices, keep the bounds consistent, and archive", async () => {
    const p = (await b.client.createPlan({ ...good, name: "To update", minimumFee: "5" })).plan!;
    expect(p).toMatchObject({ fixedFee: "1", rateBps: 1, minimumFee: "5", status: PlanStatus.ACTIVE, basis: FeeBasis.ALL, period: BillingPeriod.DAY });
    const u = (await b.client.updatePlan({ planId: p.id, fixedFee: "2", maximumFee: "100", clearMinimumFee: true, name: "Updated" })).plan!;
    expect(u).toMatchObject({ name: "Updated", fixedFee: "2", maximumFee: "100" });
    expect(u.minimumFee).toBeUndefined();
    expect(fieldOf(await refused(b.client.updatePlan({ planId: p.id, minimumFee: "101" })))).toBe("minimum_fee");
    expect((await refused(b.client.updatePlan({ planId: p.id, name: "Card acquiring" }))).code).toBe(Code.AlreadyExists);
    const archived = (await b.client.updatePlan({ planId: p.id, status: PlanStatus.ARCHIVED })).plan!;
    expect(archived.status).toBe(PlanStatus.ARCHIVED);
    const e = await refused(b.client.assignPlan({ accountCode: "merchant:m4", planId: p.id }));
    expect(e.code).toBe(Code.FailedPrecondition);
    expect(e.rawMessage).toContain("archived");
    const listed = await b.client.listPlans({ status: PlanStatus.ARCHIVED });
    expect(listed.plans.map((x) => x.id)).toEqual([p.id]);
  });

  test("assignments: by id or code, same currency only, one plan at a time, unassign", async () => {
    expect((await refused(b.client.assignPlan({ accountCode: "merchant:eur", planId: plan.id }))).code).toBe(Code.FailedPrecondition);
    expect((await refused(b.client.assignPlan({ accountCode: "merchant:none", planId: plan.id }))).code).toBe(Code.NotFound);
    expect((await refused(b.client.assignPlan({ accountCode: "revenue:fees", planId: plan.id }))).code).toBe(Code.FailedPrecondition);
    expect((await refused(b.client.assignPlan({ planId: plan.id }))).code).toBe(Code.InvalidArgument);
    const other = (await b.client.createPlan({ ...good, name: "Other" })).plan!;
    await b.client.assignPlan({ accountId: ids["merchant:m4"]!, planId: other.id });
    const moved = (await b.client.assignPlan({ accountCode: "merchant:m4", planId: plan.id })).assignment!;
    expect(moved).toMatchObject({ accountId: ids["merchant:m4"], accountCode: "merchant:m4", planId: plan.id, planName: "Card acquiring" });
    expect((await b.client.listAssignments({ planId: other.id })).assignments).toEqual([]);
    await b.client.unassignPlan({ accountId: ids["merchant:m4"]! });
    expect((await refused(b.client.unassignPlan({ accountId: ids["merchant:m4"]! }))).code).toBe(Code.NotFound);
    for (const m of ["m1", "m2", "m3"]) await b.client.assignPlan({ accountCode: `merchant:${m}`, planId: plan.id });
    const page1 = await b.client.listAssignments({ planId: plan.id, pageSize: 2 });
    const page2 = await b.client.listAssignments({ planId: plan.id, pageSize: 2, pageToken: page1.nextPageToken });
    expect([...page1.assignments, ...page2.assignments].map((a) => a.accountCode).sort()).toEqual(["merchant:m1", "merchant:m2", "merchant:m3"]);
    expect(page2.nextPageToken).toBe("");
    expect((await refused(b.client.listAssignments({ pageToken: page1.nextPageToken.slice(1) }))).code).toBe(Code.InvalidArgument);
    expect((await refused(b.client.listPlans({ pageSize: 501 }))).code).toBe(Code.InvalidArgument);
  });
});

describe("accruals", () => {
  test("each billable posting accrues the plan's fee: rate half up, minimum, maximum; outgoing, holds and voids accrue nothing; a commit accrues", async () => {
    const p1 = await pay("m1-a", "merchant:m1", "10000"); // 30 + 290 = 320
    await pay("m1-b", "merchant:m1", "100"); // 30 + 3 = 33 → minimum 50
    await pay("m1-c", "merchant:m1", "1000000"); // 30 + 29000 → maximum 5000
    await pay("m1-d", "merchant:m1", "1050"); // 30 + 30.45 → 60
    await payOut("m1-out", "merchant:m1", "500"); // outgoing: not billed on an incoming plan
    const hold = await pay("m1-hold", "merchant:m1", "2000", true);
    const hold2 = await pay("m1-hold2", "merchant:m1", "3000", true);
    await t.connect.voidTransaction({ transactionId: hold2.transaction!.id });
    const committed = await t.connect.commitTransaction({ transactionId: hold.transaction!.id }); // 30 + 58 = 88
    const list = await waitAccruals("merchant:m1", 5);
    await caughtUp();
    const all = await accrualsOf("merchant:m1");
    expect(all.length).toBe(5);
    const bySource = Object.fromEntries(all.map((a) => [a.sourceTransactionId, a]));
    expect(bySource[p1.transaction!.id]).toMatchObject({ baseAmount: "10000", fee: "320", sourceType: "standard", currency: "USD", planId: plan.id, accountCode: "merchant:m1" });
    expect(all.map((a) => a.fee).sort()).toEqual(["320", "50", "5000", "60", "88"].sort());
    expect(bySource[committed.commit!.id]).toMatchObject({ sourceType: "commit", baseAmount: "2000", fee: "88" });
    expect(list[0]!.invoiceId).toBeTruthy();
    const invoice = await openInvoice("merchant:m1");
    expect(invoice).toMatchObject({ total: String(320 + 50 + 5000 + 60 + 88), accrualCount: 5, status: InvoiceStatus.OPEN, planId: plan.id, currency: "USD" });
    const start = invoice.periodStart!;
    const d = new Date(Number(start.seconds) * 1000);
    expect([d.getUTCDate(), d.getUTCHours()]).toEqual([1, 0]);
    const page1 = await b.client.listAccruals({ accountId: ids["merchant:m1"]!, pageSize: 3 });
    const page2 = await b.client.listAccruals({ accountId: ids["merchant:m1"]!, pageSize: 3, pageToken: page1.nextPageToken });
    expect(new Set([...page1.accruals, ...page2.accruals].map((a) => a.id)).size).toBe(5);
    expect((await b.client.listAccruals({ invoiceId: invoice.id })).accruals.length).toBe(5);
  });

  test("a reversal refunds the fee accrued for what it reverses (and a reversal of an unbilled transaction refunds nothing)", async () => {
    const p = await pay("m1-rev", "merchant:m1", "20000"); // 30 + 580 = 610
    await waitAccruals("merchant:m1", 6);
    const r = await t.connect.reverseTransaction({ transactionId: p.transaction!.id });
    const unbilled = await payOut("m1-out-2", "merchant:m1", "10");
    await t.connect.reverseTransaction({ transactionId: unbilled.transaction!.id });
    await waitAccruals("merchant:m1", 7);
    await caughtUp();
    const all = await accrualsOf("merchant:m1");
    expect(all.length).toBe(7);
    const refund = all.find((a) => a.sourceTransactionId === r.reversal!.id)!;
    expect(refund).toMatchObject({ sourceType: "reversal", fee: "-610", baseAmount: "20000" });
    expect((await openInvoice("merchant:m1")).total).toBe(String(320 + 50 + 5000 + 60 + 88));
  });

  test("a duplicate delivery accrues once", async () => {
    const p = await pay("m2-a", "merchant:m2", "10000");
    await waitAccruals("merchant:m2", 1);
    await caughtUp();
    // The same event again, as a relay restart would publish it.
    await t.db.sql`
      INSERT INTO events.log (topic, partition_key, event_id, event_type, value, headers)
      SELECT topic, partition_key, event_id, event_type, value, headers FROM events.log WHERE event_id = ${p.transaction!.id}`;
    await caughtUp();
    expect((await accrualsOf("merchant:m2")).length).toBe(1);
    const metrics = await (await fetch(`${b.handle.url}/metrics`)).text();
    expect(Number(/^ledgerflow_billing_events_duplicate_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
  });

  test("a poison event goes to the dead letters with its bytes, and the stream keeps flowing", async () => {
    const poison = new Uint8Array([0xff, 0xfe, 0x01, 0x02]);
    await t.db.sql`
      INSERT INTO events.log (topic, partition_key, event_id, event_type, value, headers)
      VALUES (${TOPICS.transactions}, 'main', '00000000-0000-4000-8000-00000000dead', 'ledgerflow.events.v1.TransactionPosted', ${Buffer.from(poison)},
              ${t.db.sql.json({ ce_id: "00000000-0000-4000-8000-00000000dead", ce_type: "ledgerflow.events.v1.TransactionPosted", "content-type": "application/x-protobuf" })})`;
    await pay("m2-b", "merchant:m2", "100");
    await waitAccruals("merchant:m2", 2);
    const [letter] = await t.db.sql`SELECT event_id, value, error, attempts, status, headers->>'ce_type' AS type FROM billing.dead_letters`;
    expect(letter!.type).toBe("ledgerflow.events.v1.TransactionPosted");
    expect(letter).toMatchObject({ event_id: "00000000-0000-4000-8000-00000000dead", status: "pending", attempts: 1 });
    expect(new Uint8Array(letter!.value)).toEqual(poison);
    expect(letter!.error.length).toBeGreaterThan(0);
    const status = await b.client.getBillingStatus({});
    expect(status.deadLetters).toBe(1n);
    expect(status.eventsProcessed).toBeGreaterThan(10n);
    expect(status.accruals).toBeGreaterThanOrEqual(9n);
    expect(status.invoicesOpen).toBeGreaterThanOrEqual(2n);
    expect(status.lastEventAt).toBeDefined();
  });

  test("operators list, replay and discard dead letters", async () => {
    const url = `${b.handle.url}/dead-letters`;
    const listed = await (await fetch(`${url}?status=pending`)).json();
    expect(listed.dead_letters.length).toBe(1);
    const id = listed.dead_letters[0].id;
    const replay = await fetch(`${url}/${id}/replay`, { method: "POST" });
    expect(replay.status).toBe(422); // still undecodable: stays pending
    expect((await fetch(`${url}/${id}/discard`, { method: "POST", headers: { "x-ledgerflow-actor": "ops@example.com" } })).status).toBe(200);
    expect((await fetch(`${url}/${id}/discard`, { method: "POST" })).status).toBe(409);
    expect((await fetch(`${url}/999999/replay`, { method: "POST" })).status).toBe(404);
    expect((await fetch(`${url}?status=bogus`)).status).toBe(400);
    const [row] = await t.db.sql`SELECT status, resolved_by FROM billing.dead_letters WHERE id = ${id}`;
    expect(row).toEqual({ status: "discarded", resolved_by: "ops@example.com" });
    // A letter holding a good event replays; an event already processed changes nothing.
    const before = (await accrualsOf("merchant:m2")).length;
    const [good] = await t.db.sql`SELECT "offset", value, headers FROM events.log WHERE topic = ${TOPICS.transactions} AND event_type = 'ledgerflow.events.v1.TransactionPosted' ORDER BY "offset" DESC LIMIT 1`;
    const [letter] = await t.db.sql`
      INSERT INTO billing.dead_letters (event_id, event_type, topic, "partition", "offset", key, value, headers, error, attempts)
      VALUES (${good!.headers.ce_id}, ${good!.headers.ce_type}, ${TOPICS.transactions}, 0, ${good!.offset}, 'main', ${good!.value}, ${good!.headers}, 'test', 1) RETURNING id`;
    const replayed = await fetch(`${url}/${letter!.id}/replay`, { method: "POST" });
    expect(await replayed.json()).toEqual({ result: "replayed" });
    expect((await accrualsOf("merchant:m2")).length).toBe(before);
  });
});

describe("invoices", () => {
  test("closing an invoice posts ONE fee transaction (billing:invoice:<id>) that moves the balances by its total and is never billed itself", async () => {
    const invoice = await openInvoice("merchant:m1");
    const total = BigInt(invoice.total);
    const [merchantBefore, revenueBefore] = [await posted("merchant:m1"), await posted("revenue:fees")];
    const closed = (await b.client.closeInvoice({ invoiceId: invoice.id })).invoice!;
    expect(closed).toMatchObject({ status: InvoiceStatus.POSTED, total: invoice.total, error: "" });
    expect(closed.feeTransactionId).toBeTruthy();
    expect(closed.closedAt).toBeDefined();
    expect(closed.postedAt).toBeDefined();
    const fee = (await t.connect.getTransaction({ transactionId: closed.feeTransactionId })).transaction!;
    expect(fee.idempotencyKey).toBe(invoiceKey(invoice.id));
    expect(fee.metadata["billing.invoice_id"]).toBe(invoice.id);
    expect(fee.entries.map((e) => [e.accountCode, e.direction, e.amount])).toEqual([
      ["merchant:m1", Direction.DEBIT, String(total)],
      ["revenue:fees", Direction.CREDIT, String(total)],
    ]);
    expect(await posted("merchant:m1")).toBe(merchantBefore - total);
    expect(await posted("revenue:fees")).toBe(revenueBefore + total);
    const feeTransactions = await t.connect.listTransactions({ metadata: { "billing.invoice_id": invoice.id } });
    expect(feeTransactions.transactions.length).toBe(1);
    // The fee transaction's own event comes back to billing and accrues nothing.
    await caughtUp();
    const [seen] = await t.db.sql`SELECT count(*)::int AS n FROM billing.processed_events WHERE event_id = ${fee.id}`;
    expect(seen!.n).toBe(1);
    const [billed] = await t.db.sql`SELECT count(*)::int AS n FROM billing.accruals WHERE source_transaction_id = ${fee.id}`;
    expect(billed!.n).toBe(0);
    const again = await refused(b.client.closeInvoice({ invoiceId: invoice.id }));
    expect(again.code).toBe(Code.FailedPrecondition);
    expect((await refused(b.client.closeInvoice({ invoiceId: "00000000-0000-4000-8000-000000000000" }))).code).toBe(Code.NotFound);
    // A fee accruing after the close goes to the account's next open invoice, not the closed one.
    await pay("m1-after-close", "merchant:m1", "10000");
    await until(async () => (await openInvoice("merchant:m1"))?.accrualCount === 1, "the next invoice");
    expect((await b.client.getInvoice({ invoiceId: invoice.id })).invoice!.accrualCount).toBe(invoice.accrualCount);
  });

  test("an invoice whose refunds exceed its charges posts the refund the other way", async () => {
    const [big] = await t.db.sql`SELECT source_transaction_id::text AS id FROM billing.accruals WHERE account_code = 'merchant:m1' AND fee = 5000`;
    const r = await t.connect.reverseTransaction({ transactionId: big!.id });
    const invoice = await until(async () => {
      const open = await openInvoice("merchant:m1");
      return open?.accrualCount === 2 ? open : undefined;
    }, "the refund on the open invoice");
    expect(invoice.total).toBe(String(320 - 5000));
    const [merchantBefore, revenueBefore] = [await posted("merchant:m1"), await posted("revenue:fees")];
    const closed = (await b.client.closeInvoice({ invoiceId: invoice.id })).invoice!;
    expect(closed.status).toBe(InvoiceStatus.POSTED);
    const fee = (await t.connect.getTransaction({ transactionId: closed.feeTransactionId })).transaction!;
    expect(fee.entries.map((e) => [e.accountCode, e.direction, e.amount])).toEqual([
      ["revenue:fees", Direction.DEBIT, "4680"],
      ["merchant:m1", Direction.CREDIT, "4680"],
    ]);
    expect(await posted("merchant:m1")).toBe(merchantBefore + 4680n);
    expect(await posted("revenue:fees")).toBe(revenueBefore - 4680n);
    expect((await accrualsOf("merchant:m1")).find((a) => a.sourceTransactionId === r.reversal!.id)?.fee).toBe("-5000");
  });

  test("a post repeated after a crash is a replay, not a second charge", async () => {
    await pay("m2-c", "merchant:m2", "500");
    await waitAccruals("merchant:m2", 3);
    const invoice = await openInvoice("merchant:m2");
    // Billing closed the invoice and the ledger accepted its fee transaction, then billing died
    // before recording it: the invoice is still POSTING, the fee is in the ledger.
    await t.db.sql`UPDATE billing.invoices SET status = 'posting', closed_at = now(), next_attempt_at = now() WHERE id = ${invoice.id}`;
    const [row] = await t.db.sql`SELECT * FROM billing.invoices WHERE id = ${invoice.id}`;
    const before = await posted("merchant:m2");
    const first = await t.connect.postTransaction(feeTransactionRequest(row as never)!, { headers: { "x-ledgerflow-actor": "billing" } });
    expect(first.replayed).toBe(false);
    expect(await posted("merchant:m2")).toBe(before - BigInt(invoice.total));
    // The next sweep posts it again with the same key and request: the ledger replays it.
    const sweep = await b.handle.invoicer.sweep();
    expect(sweep.attempted).toBeGreaterThanOrEqual(1);
    const after = (await b.client.getInvoice({ invoiceId: invoice.id })).invoice!;
    expect(after).toMatchObject({ status: InvoiceStatus.POSTED, feeTransactionId: first.transaction!.id });
    expect(await posted("merchant:m2")).toBe(before - BigInt(invoice.total));
    expect((await t.connect.listTransactions({ metadata: { "billing.invoice_id": invoice.id } })).transactions.length).toBe(1);
  });

  test("insufficient funds: FAILED with the ledger's error, then POSTED once the account is funded and the invoice retried", async () => {
    await pay("m3-a", "merchant:m3", "1000"); // 30 + 29 = 59
    await waitAccruals("merchant:m3", 1);
    await payOut("m3-out", "merchant:m3", "1000"); // the merchant is empty now
    const invoice = await openInvoice("merchant:m3");
    expect(invoice.total).toBe("59");
    const failed = (await b.client.closeInvoice({ invoiceId: invoice.id })).invoice!;
    expect(failed.status).toBe(InvoiceStatus.FAILED);
    expect(failed.error).toContain("insufficient funds");
    expect(failed.feeTransactionId).toBe("");
    expect((await b.client.listInvoices({ status: InvoiceStatus.FAILED })).invoices.map((i) => i.id)).toContain(invoice.id);
    expect((await b.client.getBillingStatus({})).invoicesFailed).toBeGreaterThanOrEqual(1n);
    await pay("m3-fund", "merchant:m3", "100"); // accrues 50 into the next invoice
    const retried = (await b.client.closeInvoice({ invoiceId: invoice.id })).invoice!;
    expect(retried).toMatchObject({ status: InvoiceStatus.POSTED, error: "" });
    expect(await posted("merchant:m3")).toBe(100n - 59n);
    const metrics = await (await fetch(`${b.handle.url}/metrics`)).text();
    expect(metrics).toMatch(/^ledgerflow_billing_fees_posted_total\{result="failed"\} [1-9]/m);
    expect(metrics).toMatch(/^ledgerflow_billing_fees_posted_total\{result="posted"\} [1-9]/m);
  });
});

describe("operations", () => {
  test("/healthz, /readyz and /metrics", async () => {
    const health = await (await fetch(`${b.handle.url}/healthz`)).json();
    expect(health).toMatchObject({ status: "ok", service: "billing", version: "test" });
    expect(typeof health.uptime_seconds).toBe("number");
    await caughtUp();
    const ready = await until(async () => {
      await b.handle.consumer.refreshLag();
      const res = await fetch(`${b.handle.url}/readyz`);
      return res.status === 200 ? res : undefined;
    }, "readiness");
    expect((await ready.json()).checks).toMatchObject({ database: "ok", lag_messages: 0, lag_known: true });
    const metrics = await (await fetch(`${b.handle.url}/metrics`)).text();
    for (const name of [
      "ledgerflow_billing_consumer_lag_messages",
      "ledgerflow_billing_events_processed_total",
      "ledgerflow_billing_fees_posted_total",
      "ledgerflow_billing_process_resident_memory_bytes",
      "ledgerflow_billing_process_cpu_seconds_total",
    ]) {
      expect(metrics).toContain(`\n${name}`);
    }
    expect(metrics).toMatch(/^ledgerflow_billing_events_processed_total\{type="TransactionPosted"\} [1-9]/m);
    expect(metrics).toMatch(/^ledgerflow_billing_events_processed_total\{type="PendingTransactionVoided"\} 1$/m);
    expect(metrics).toMatch(/^ledgerflow_billing_consumer_lag_messages\{topic="ledgerflow.ledger.transactions.v1",partition="0"\} 0$/m);
  });

  test("gRPC-Web clients are served on the same port", async () => {
    const web = createClient(BillingService, createGrpcWebTransport({ baseUrl: b.handle.url, httpVersion: "1.1" }));
    const plans = (await web.listPlans({})).plans;
    expect(plans.map((p) => p.name)).toContain("Card acquiring");
    expect((await refused(web.getInvoice({ invoiceId: "00000000-0000-4000-8000-000000000000" }))).code).toBe(Code.NotFound);
  });

  test("readiness fails while the lag is above its bound", async () => {
    const lagging = await startTestBilling(t, { groupId: "billing-lagging", readyLagMax: 0 });
    try {
      await lagging.handle.consumer.stop(); // from now on its group falls behind
      await pay("lag-1", "merchant:m4", "1");
      await caughtUp();
      await lagging.handle.consumer.refreshLag();
      const ready = await fetch(`${lagging.handle.url}/readyz`);
      expect(ready.status).toBe(503);
      expect((await ready.json()).checks.lag_messages).toBeGreaterThan(0);
    } finally {
      await lagging.stop();
    }
  });

  test("with tokens configured, a call without a valid one is refused", async () => {
    const token = "billing-test-token-0123456789";
    const secured = await startTestBilling(t, { groupId: "billing-secured", authTokens: new Map([["admin-api", token]]) });
    const authorized = await startTestBilling(t, { groupId: "billing-secured-2", authTokens: new Map([["admin-api", token]]) }, { authorization: `Bearer ${token}` });
    try {
      expect((await refused(secured.client.listPlans({}))).code).toBe(Code.Unauthenticated);
      const res = await fetch(`${secured.handle.url}/ledgerflow.billing.v1.BillingService/ListPlans`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer wrong-token-0123456789" }, body: "{}" });
      expect(res.status).toBe(401);
      expect((await authorized.client.listPlans({})).plans.length).toBeGreaterThan(0);
      // The operational endpoints stay open for probes and scrapes, and so does grpc.health.v1.Health
      // (here over Connect JSON: this port is HTTP/1.1), reporting the same readiness as /readyz.
      expect((await fetch(`${secured.handle.url}/healthz`)).status).toBe(200);
      const check = async (service: string) => {
        const r = await fetch(`${secured.handle.url}/grpc.health.v1.Health/Check`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ service }) });
        return { status: r.status, body: await r.json() };
      };
      const readyz = (await fetch(`${secured.handle.url}/readyz`)).status;
      expect(await check("")).toEqual({ status: 200, body: { status: readyz === 200 ? "SERVING" : "NOT_SERVING" } });
      expect((await check("ledgerflow.billing.v1.BillingService")).status).toBe(200);
      expect(await check("no.such.Service")).toMatchObject({ status: 404, body: { code: "not_found" } });
    } finally {
      await secured.stop();
      await authorized.stop();
    }
  });

  test("an unreachable ledger is UNAVAILABLE, and JSON callers get errors with codes", async () => {
    const port = await findFreePort();
    const cut = await startTestBilling(t, { groupId: "billing-cut", ledgerUrl: `http://127.0.0.1:${port}`, ledgerTimeoutMs: 500 });
    try {
      const e = await refused(cut.client.createPlan({ name: "n", currency: "USD", fixedFee: "1", basis: FeeBasis.ALL, period: BillingPeriod.DAY, revenueAccountCode: "revenue:fees" }));
      expect(e.code).toBe(Code.Unavailable);
      const res = await fetch(`${b.handle.url}/ledgerflow.billing.v1.BillingService/GetPlan`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ planId: "x" }) });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: "invalid_argument", message: "plan_id: must be a valid UUID" });
      expect(res.headers.get("x-request-id")).toBeTruthy();
    } finally {
      await cut.stop();
    }
  });
});
