// The billing invariants hold in Postgres for anyone with SQL access: accruals and processed
// events are append-only, an accrual lands only on an open invoice of its own account and plan,
// invoice totals move only with accruals, status transitions are the allowed ones, periods are
// aligned and unique, archived plans take no assignments, refunds mirror their charge.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@ledgerflow/platform/testing";

let db: TestDatabase;
let planId: string;
const account = randomUUID();

beforeAll(async () => {
  db = await createTestDatabase();
  const [plan] = await db.sql`
    INSERT INTO billing.plans (ledger, name, currency, fixed_fee, rate_bps, basis, period, revenue_account_id, revenue_account_code)
    VALUES ('main', 'p', 'USD', 1, 100, 'all', 'month', ${randomUUID()}, 'revenue') RETURNING id`;
  planId = plan!.id;
});
afterAll(async () => {
  await db.close();
});

async function sqlstate(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return (error as { code: string }).code;
  }
  throw new Error("expected the statement to be refused");
}

const invoice = async (start: string, end: string) => {
  const [row] = await db.sql`
    INSERT INTO billing.invoices (ledger, account_id, account_code, plan_id, currency, period, period_start, period_end, revenue_account_id)
    SELECT 'main', ${account}, 'c', id, currency, period, ${start}, ${end}, revenue_account_id FROM billing.plans WHERE id = ${planId} RETURNING id`;
  return row!.id as string;
};
const accrue = (invoiceId: string, fee: string, extra: { type?: string; refunds?: string; base?: string; source?: string } = {}) => db.sql`
  INSERT INTO billing.accruals (ledger, account_id, account_code, plan_id, currency, source_transaction_id, source_type, event_id, base_amount, fee, invoice_id, refunds_accrual_id, occurred_at)
  VALUES ('main', ${account}, 'c', ${planId}, 'USD', ${extra.source ?? randomUUID()}, ${extra.type ?? "standard"}, ${randomUUID()}, ${extra.base ?? "100"}, ${fee}, ${invoiceId}, ${extra.refunds ?? null}, now())
  RETURNING id`;

test("plans: bounds, rate and immutable terms", async () => {
  const insert = (fields: string) =>
    db.sql.unsafe(`
    INSERT INTO billing.plans (ledger, name, currency, fixed_fee, rate_bps, minimum_fee, maximum_fee, basis, period, revenue_account_id, revenue_account_code)
    VALUES ${fields}`);
  expect(await sqlstate(() => insert(`('main', 'x', 'USD', 0, 10001, NULL, NULL, 'all', 'day', gen_random_uuid(), 'r')`))).toBe("23514");
  expect(await sqlstate(() => insert(`('main', 'x', 'USD', 0, 1, 5, 4, 'all', 'day', gen_random_uuid(), 'r')`))).toBe("23514");
  expect(await sqlstate(() => insert(`('main', 'x', 'USD', -1, 1, NULL, NULL, 'all', 'day', gen_random_uuid(), 'r')`))).toBe("23514");
  expect(await sqlstate(() => insert(`('main', 'p', 'USD', 0, 1, NULL, NULL, 'all', 'day', gen_random_uuid(), 'r')`))).toBe("23505");
  expect(await sqlstate(() => db.sql`UPDATE billing.plans SET currency = 'EUR' WHERE id = ${planId}`)).toBe("LFB05");
  expect(await sqlstate(() => db.sql`DELETE FROM billing.plans WHERE id = ${planId}`)).toBe("LFB05");
});

test("invoices: aligned periods, one per period, totals only through accruals, allowed transitions only", async () => {
  expect(await sqlstate(() => invoice("2026-01-02T00:00:00Z", "2026-02-02T00:00:00Z"))).toBe("23514");
  const id = await invoice("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z");
  expect(await sqlstate(() => invoice("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))).toBe("23505");
  await accrue(id, "7");
  await accrue(id, "5");
  const [row] = await db.sql`SELECT total::text, accrual_count FROM billing.invoices WHERE id = ${id}`;
  expect(row).toEqual({ total: "12", accrual_count: 2 });
  expect(await sqlstate(() => db.sql`UPDATE billing.invoices SET total = 0 WHERE id = ${id}`)).toBe("LFB06");
  expect(await sqlstate(() => db.sql`UPDATE billing.invoices SET status = 'posted', posted_at = now(), closed_at = now(), fee_transaction_id = gen_random_uuid() WHERE id = ${id}`)).toBe("LFB03");
  expect(await sqlstate(() => db.sql`UPDATE billing.invoices SET status = 'posting' WHERE id = ${id}`)).toBe("23514"); // closed_at is required
  await db.sql`UPDATE billing.invoices SET status = 'posting', closed_at = now() WHERE id = ${id}`;
  expect(await sqlstate(() => accrue(id, "1"))).toBe("LFB02");
  expect(await sqlstate(() => db.sql`UPDATE billing.invoices SET status = 'open', closed_at = NULL WHERE id = ${id}`)).toBe("LFB03");
  expect(await sqlstate(() => db.sql`UPDATE billing.invoices SET status = 'failed' WHERE id = ${id}`)).toBe("23514"); // an error is required
  expect(await sqlstate(() => db.sql`UPDATE billing.invoices SET status = 'posted', posted_at = now() WHERE id = ${id}`)).toBe("23514"); // a transaction is required
  await db.sql`UPDATE billing.invoices SET status = 'posted', posted_at = now(), fee_transaction_id = gen_random_uuid() WHERE id = ${id}`;
  expect(await sqlstate(() => db.sql`UPDATE billing.invoices SET error = 'x' WHERE id = ${id}`)).toBe("LFB03");
  expect(await sqlstate(() => db.sql`DELETE FROM billing.invoices WHERE id = ${id}`)).toBe("LFB01");
});

test("accruals: append-only, signed by kind, one per source and account, refunds mirror their charge", async () => {
  const id = await invoice("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");
  const source = randomUUID();
  const [charge] = await accrue(id, "9", { source });
  expect(await sqlstate(() => accrue(id, "9", { source }))).toBe("23505");
  expect(await sqlstate(() => accrue(id, "-1"))).toBe("23514");
  expect(await sqlstate(() => accrue(id, "-9", { type: "reversal" }))).toBe("23514"); // a refund names its charge
  expect(await sqlstate(() => accrue(id, "-8", { type: "reversal", refunds: charge!.id }))).toBe("LFB07");
  await accrue(id, "-9", { type: "reversal", refunds: charge!.id });
  expect(await sqlstate(() => accrue(id, "-9", { type: "reversal", refunds: charge!.id }))).toBe("23505"); // refunded once
  expect(await sqlstate(() => db.sql`UPDATE billing.accruals SET fee = 0 WHERE id = ${charge!.id}`)).toBe("LFB01");
  expect(await sqlstate(() => db.sql`DELETE FROM billing.accruals WHERE id = ${charge!.id}`)).toBe("LFB01");
  expect(await sqlstate(() => db.sql`TRUNCATE billing.accruals CASCADE`)).toBe("LFB01");
  const [row] = await db.sql`SELECT total::text, accrual_count FROM billing.invoices WHERE id = ${id}`;
  expect(row).toEqual({ total: "0", accrual_count: 2 });
  await db.sql`INSERT INTO billing.processed_events (event_id, event_type) VALUES (${source}, 'TransactionPosted')`;
  expect(await sqlstate(() => db.sql`UPDATE billing.processed_events SET event_type = 'x'`)).toBe("LFB01");
});

test("assignments: plan currency, one current per account, history only closes, archived plans refuse", async () => {
  const assign = (currency = "USD", plan = planId) => db.sql`
    INSERT INTO billing.assignments (ledger, account_id, account_code, normal_balance, currency, plan_id)
    VALUES ('main', ${account}, 'c', 'credit', ${currency}, ${plan}) RETURNING id`;
  expect(await sqlstate(() => assign("EUR"))).toBe("23503");
  const [a] = await assign();
  expect(await sqlstate(() => assign())).toBe("23505");
  expect(await sqlstate(() => db.sql`UPDATE billing.assignments SET plan_id = ${randomUUID()} WHERE id = ${a!.id}`)).toBe("LFB05");
  await db.sql`UPDATE billing.assignments SET unassigned_at = now() WHERE id = ${a!.id}`;
  expect(await sqlstate(() => db.sql`UPDATE billing.assignments SET unassigned_at = now() + interval '1 day' WHERE id = ${a!.id}`)).toBe("LFB05");
  expect(await sqlstate(() => db.sql`DELETE FROM billing.assignments WHERE id = ${a!.id}`)).toBe("LFB05");
  await db.sql`UPDATE billing.plans SET status = 'archived' WHERE id = ${planId}`;
  expect(await sqlstate(() => assign())).toBe("LFB04");
});

test("the database's periods are the service's: UTC days and months, month ends and leap years included", async () => {
  const { periodOf } = await import("./domain/periods.ts");
  const instants = ["2024-02-29T23:59:59.999Z", "2023-02-28T12:00:00Z", "2026-12-31T23:59:59.999Z", "2027-01-01T00:00:00Z", "2100-02-28T08:00:00Z", "2026-03-29T01:30:00Z"];
  for (let i = 0; i < 50; i++) instants.push(new Date(Date.UTC(2000, 0, 1) + Math.floor(Math.random() * 200 * 365 * 86_400_000)).toISOString());
  for (const at of instants) {
    for (const period of ["day", "month"] as const) {
      const [row] = await db.sql`SELECT billing.period_start(${period}, ${at}::timestamptz) AS s, billing.period_end(${period}, ${at}::timestamptz) AS e`;
      const expected = periodOf(period, new Date(at));
      expect([at, period, row!.s.toISOString(), row!.e.toISOString()]).toEqual([at, period, expected.start.toISOString(), expected.end.toISOString()]);
    }
  }
});
