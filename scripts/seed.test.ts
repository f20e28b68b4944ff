// `npm run seed` against a platform started by scripts/start.ts: the demo book is made through
// the public APIs only, and is what it promises (accounts in two currencies, hundreds of
// transactions spread over weeks, holds open, committed and voided, a reversal, a billing plan
// and a posted invoice), the books balance, and a second run adds nothing.
import { afterAll, beforeAll, expect, test } from "bun:test";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@ledgerflow/platform/testing";
import { startPlatformForTest, type TestPlatform } from "./lib/test-platform.ts";

const ROOT = path.resolve(import.meta.dir, "..");
let db: TestDatabase;
let platform: TestPlatform;

beforeAll(async () => {
  db = await createTestDatabase({ max: 2 });
  platform = await startPlatformForTest({ databaseUrl: db.url, name: "seed" });
}, 150_000);

afterAll(async () => {
  await platform?.stop();
  await db?.close();
}, 30_000);

async function runSeed(): Promise<string> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), LEDGERFLOW_PLATFORM_FILE: platform.stateFile };
  for (const name of ["DATABASE_URL", "LEDGER_URL", "BILLING_URL"]) delete env[name];
  const proc = Bun.spawn(["npm", "run", "--silent", "seed"], { cwd: ROOT, env, stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => proc.kill("SIGKILL"), 120_000);
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  clearTimeout(timer);
  expect({ code, err }).toEqual({ code: 0, err: "" });
  return out;
}

test("a realistic demo book through the public API, once however often it runs", async () => {
  const out = await runSeed();
  expect(out).toContain("demo book ready in ledger main");
  const sql = db.sql;
  const [books] = await sql`
    SELECT (SELECT count(*)::int FROM ledger.accounts WHERE ledger = 'main') AS accounts,
           (SELECT count(DISTINCT currency)::int FROM ledger.accounts WHERE ledger = 'main') AS currencies,
           (SELECT count(*)::int FROM ledger.transactions WHERE ledger = 'main') AS transactions,
           (SELECT (max(effective_at) - min(effective_at)) > interval '21 days' FROM ledger.transactions WHERE ledger = 'main') AS spans_weeks,
           (SELECT count(DISTINCT effective_at::date)::int FROM ledger.transactions WHERE ledger = 'main') AS days,
           (SELECT count(*)::int FROM ledger.transactions WHERE kind = 'pending') AS holds,
           (SELECT count(*)::int FROM ledger.transactions WHERE kind = 'commit') AS commits,
           (SELECT count(*)::int FROM ledger.transactions WHERE kind = 'void') AS voids,
           (SELECT count(*)::int FROM ledger.transactions WHERE kind = 'reversal') AS reversals`;
  expect(books!.accounts).toBeGreaterThanOrEqual(10);
  expect(books!.currencies).toBe(2);
  expect(books!.transactions).toBeGreaterThanOrEqual(300);
  expect(books!.spans_weeks).toBe(true);
  expect(books!.days).toBeGreaterThanOrEqual(40);
  expect(books).toMatchObject({ holds: 3, commits: 1, voids: 1, reversals: 1 });
  // Debits equal credits per currency and effect, over the whole book.
  const unbalanced = await sql`
    SELECT currency, effect FROM ledger.entries GROUP BY currency, effect
    HAVING sum(amount) FILTER (WHERE direction = 'debit') IS DISTINCT FROM sum(amount) FILTER (WHERE direction = 'credit')`;
  expect([...unbalanced]).toEqual([]);
  const [billing] = await sql`
    SELECT (SELECT count(*)::int FROM billing.plans) AS plans,
           (SELECT count(*)::int FROM billing.invoices WHERE status = 'posted' AND fee_transaction_id IS NOT NULL AND total > 0) AS posted_invoices`;
  expect(billing).toEqual({ plans: 1, posted_invoices: 1 });
  // The invoice's fee is a ledger transaction, posted by billing through the ledger's API.
  const [fee] = await sql`SELECT t.kind, t.metadata->>'billing.invoice_id' AS invoice FROM billing.invoices i JOIN ledger.transactions t ON t.id = i.fee_transaction_id WHERE i.status = 'posted'`;
  expect(fee).toMatchObject({ kind: "standard" });
  expect(fee!.invoice).toBeTruthy();

  const again = await runSeed();
  expect(again).toMatch(/: 0 posted, \d+ already there, 0 refused/);
  const [after] = await sql`SELECT count(*)::int AS n FROM ledger.transactions WHERE ledger = 'main'`;
  expect(after!.n).toBe(books!.transactions);
}, 240_000);
