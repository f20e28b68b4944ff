// The batch engine against Postgres: account codes resolved once and remembered, the statements
// a batch sends, and groups that fail alone.
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Sql } from "postgres";
import { createTestDatabase, type TestDatabase } from "@ledgerflow/platform/testing";
import { draftPosting, type PostInput } from "../domain/posting.ts";
import { AccountDirectory } from "./account-directory.ts";
import { writeDrafts } from "./engine.ts";

let db: TestDatabase;
let sql: Sql;
const SOURCE = "00000000-0000-4000-8000-0000000000e1";
const WALLET = "00000000-0000-4000-8000-0000000000e2";

beforeAll(async () => {
  db = await createTestDatabase();
  sql = db.sql;
  await sql`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft) VALUES
    (${SOURCE}, 'main', 'source', 'USD', 'debit', true), (${WALLET}, 'main', 'wallet', 'USD', 'credit', false)`;
});

afterAll(async () => {
  await db?.close();
});

let n = 0;
const transfer = (from: { accountCode?: string; accountId?: string }, to: { accountCode?: string; accountId?: string }, amount = "5"): PostInput => ({
  idempotencyKey: `engine-${++n}`,
  entries: [
    { ...from, direction: "debit", amount },
    { ...to, direction: "credit", amount },
  ],
});

/** Runs one batch and returns its outcomes and the account-code look-ups it sent to Postgres. */
async function write(directory: AccountDirectory, inputs: PostInput[], atomic = false) {
  const statements: string[] = [];
  const outcomes = await sql.begin((tx) => {
    const traced = new Proxy(tx, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== "unsafe") return value;
        return (query: string, ...rest: unknown[]) => {
          statements.push(query);
          return (value as (...a: unknown[]) => unknown).call(target, query, ...rest);
        };
      },
    });
    return writeDrafts(traced, [{ drafts: inputs.map((i) => draftPosting(i, new Date())), atomic }], directory);
  });
  return { outcomes: outcomes[0]!, lookUps: statements.filter((s) => /FROM ledger\.accounts/.test(s) && /code = ANY|code\s*=\s*ANY/i.test(s)).length };
}

test("codes are looked up once, then come from the directory: no look-up round trip before the locks", async () => {
  const directory = new AccountDirectory();
  const first = await write(directory, [transfer({ accountCode: "source" }, { accountCode: "wallet" })]);
  expect(first.outcomes[0]!.status).toBe("created");
  expect(first.lookUps).toBe(1);
  expect(directory.get("main", "source")).toBe(SOURCE);
  expect(directory.get("main", "wallet")).toBe(WALLET);

  const second = await write(directory, [transfer({ accountCode: "source" }, { accountCode: "wallet" })]);
  expect(second.outcomes[0]!.status).toBe("created");
  expect(second.lookUps).toBe(0);
  const [balance] = await sql`SELECT posted_credits::text AS credits FROM ledger.balances WHERE account_id = ${WALLET}`;
  expect(balance!.credits).toBe("10");
});

test("accounts locked by id teach the directory their codes", async () => {
  const directory = new AccountDirectory();
  await write(directory, [transfer({ accountId: SOURCE }, { accountId: WALLET })]);
  expect(directory.get("main", "wallet")).toBe(WALLET);
  const byCode = await write(directory, [transfer({ accountCode: "source" }, { accountCode: "wallet" })]);
  expect(byCode.lookUps).toBe(0);
  expect(byCode.outcomes[0]!.status).toBe("created");
});

test("an unknown code is not remembered: an account created later under it is found", async () => {
  const directory = new AccountDirectory();
  const missing = await write(directory, [transfer({ accountCode: "source" }, { accountCode: "later" })]);
  expect(missing.outcomes[0]!.status).toBe("failed");
  expect(missing.outcomes[0]!.status === "failed" && missing.outcomes[0]!.error.code).toBe("not_found");
  expect(directory.get("main", "later")).toBeUndefined();
  await sql`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance) VALUES (gen_random_uuid(), 'main', 'later', 'USD', 'credit')`;
  const found = await write(directory, [transfer({ accountCode: "source" }, { accountCode: "later" })]);
  expect(found.outcomes[0]!.status).toBe("created");
});

test("a code is per ledger: the same code in another ledger is another account", async () => {
  const directory = new AccountDirectory();
  await sql`INSERT INTO ledger.ledgers (name) VALUES ('other') ON CONFLICT DO NOTHING`;
  const [other] = await sql`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft)
    VALUES (gen_random_uuid(), 'other', 'source', 'USD', 'debit', true) RETURNING id`;
  await write(directory, [transfer({ accountCode: "source" }, { accountCode: "wallet" })]);
  expect(directory.get("main", "source")).toBe(SOURCE);
  expect(directory.get("other", "source")).toBeUndefined();
  directory.remember("other", "source", other!.id);
  expect(directory.get("other", "source")).toBe(other!.id);
  expect(directory.get("main", "source")).toBe(SOURCE);
});

test("an atomic group that fails leaves no rows, and the batch's other groups still commit", async () => {
  const directory = new AccountDirectory();
  const before = await sql`SELECT count(*)::int AS n FROM ledger.transactions`;
  const outcomes = await sql.begin((tx) =>
    writeDrafts(
      tx,
      [
        { drafts: [draftPosting(transfer({ accountId: SOURCE }, { accountId: WALLET }), new Date()), draftPosting(transfer({ accountId: WALLET }, { accountId: SOURCE }, "1000000"), new Date())], atomic: true },
        { drafts: [draftPosting(transfer({ accountId: SOURCE }, { accountId: WALLET }), new Date())], atomic: true },
      ],
      directory,
    ),
  );
  expect(outcomes[0]!.map((o) => o.status)).toEqual(["failed", "failed"]);
  expect(outcomes[0]![0]!.status === "failed" && outcomes[0]![0]!.error.code).toBe("failed_precondition");
  expect(outcomes[1]![0]!.status).toBe("created");
  const after = await sql`SELECT count(*)::int AS n FROM ledger.transactions`;
  expect(after[0]!.n - before[0]!.n).toBe(1);
});

test("the directory keeps at most its capacity, dropping the oldest mapping first", () => {
  const directory = new AccountDirectory(2);
  directory.remember("main", "a", "1");
  directory.remember("main", "b", "2");
  directory.remember("main", "a", "1");
  directory.remember("main", "c", "3");
  expect(directory.size).toBe(2);
  expect(directory.get("main", "a")).toBeUndefined();
  expect(directory.get("main", "b")).toBe("2");
  expect(directory.get("main", "c")).toBe("3");
});
