// The set-based journal checks (sql/migrations/0040) against raw SQL that tries the orderings a
// per-row or per-transaction check would miss.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Sql } from "postgres";
import { createTestDatabase, type TestDatabase } from "@ledgerflow/platform/testing";

let db: TestDatabase;
let sql: Sql;
const CASH = "00000000-0000-4000-8000-0000000000a1";
const WALLET = "00000000-0000-4000-8000-0000000000a2";
const SAVINGS = "00000000-0000-4000-8000-0000000000a3";
let n = 0;
const nextId = () => `20000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;

async function refused(work: (tx: Sql) => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await sql.begin((tx) => work(tx as unknown as Sql));
  } catch (error) {
    const e = error as { code: string; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error("expected Postgres to refuse");
}

async function booksIntact(): Promise<void> {
  const [row] = await sql`SELECT
      (SELECT count(*)::int FROM ledger.balances b LEFT JOIN (
          SELECT account_id,
                 coalesce(sum(amount) FILTER (WHERE effect = 'post' AND direction = 'debit'), 0) AS pd,
                 coalesce(sum(amount) FILTER (WHERE effect = 'post' AND direction = 'credit'), 0) AS pc
            FROM ledger.entries GROUP BY account_id) s ON s.account_id = b.account_id
        WHERE b.posted_debits <> coalesce(s.pd, 0) OR b.posted_credits <> coalesce(s.pc, 0)) AS drifted,
      (SELECT count(*)::int FROM (SELECT transaction_id, currency, effect FROM ledger.entries GROUP BY 1, 2, 3
                                 HAVING sum(CASE direction WHEN 'debit' THEN amount ELSE -amount END) <> 0) u) AS unbalanced`;
  expect(row).toEqual({ drifted: 0, unbalanced: 0 });
}

beforeAll(async () => {
  db = await createTestDatabase();
  sql = db.sql;
  await sql`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft) VALUES
    (${CASH}, 'main', 'sb-cash', 'USD', 'debit', true), (${WALLET}, 'main', 'sb-wallet', 'USD', 'credit', false),
    (${SAVINGS}, 'main', 'sb-savings', 'USD', 'credit', false)`;
});
afterAll(async () => {
  await db.close();
});

describe("the commit-time check covers every entry that exists at commit", () => {
  test("forcing the check early and then adding an entry is refused", async () => {
    const e = await refused(async (tx) => {
      const id = nextId();
      await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${id}, 'main', 'standard', ${id})`;
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES
        (${id}, 0, 'main', ${CASH}, 'USD', 'debit', 'post', 100), (${id}, 1, 'main', ${WALLET}, 'USD', 'credit', 'post', 100)`;
      await tx`SET CONSTRAINTS ALL IMMEDIATE`;
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES
        (${id}, 2, 'main', ${WALLET}, 'USD', 'credit', 'post', 5000)`;
    });
    expect(e.code).toBe("LF002");
    expect(e.message).toContain("has been checked already");
    await booksIntact();
  });

  test("a check forced early inside a savepoint that is rolled back runs again at commit", async () => {
    const e = await refused(async (tx) => {
      const id = nextId();
      await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${id}, 'main', 'standard', ${id})`;
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES
        (${id}, 0, 'main', ${CASH}, 'USD', 'debit', 'post', 100), (${id}, 1, 'main', ${WALLET}, 'USD', 'credit', 'post', 100)`;
      await tx`SAVEPOINT early`;
      await tx`SET CONSTRAINTS ALL IMMEDIATE`;
      await tx`ROLLBACK TO SAVEPOINT early`;
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES
        (${id}, 2, 'main', ${WALLET}, 'USD', 'credit', 'post', 5000)`;
    });
    expect(e.code).toBe("LF002");
    expect(e.message).toContain("does not balance");
    await booksIntact();
  });

  test("with immediate checking, a transaction and its entries in one statement are accepted", async () => {
    const id = nextId();
    await sql.begin(async (tx) => {
      await tx`SET CONSTRAINTS ALL IMMEDIATE`;
      await tx`WITH t AS (INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${id}, 'main', 'standard', ${id}) RETURNING id)
        INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount)
        SELECT t.id, x.leg, 'main', x.account, 'USD', x.direction, 'post', 7 FROM t,
          (VALUES (0, ${CASH}::uuid, 'debit'), (1, ${WALLET}::uuid, 'credit')) AS x(leg, account, direction)`;
    });
    const [evt] = await sql`SELECT count(*)::int AS n FROM ledger.outbox WHERE event_id = ${id}`;
    expect(evt!.n).toBe(1);
    await booksIntact();
  });
});

describe("balances after each entry", () => {
  test("one raw statement touching an account several times records each running balance", async () => {
    const id = nextId();
    const [before] = await sql`SELECT posted_credits, version FROM ledger.balances WHERE account_id = ${WALLET}`;
    await sql.begin(async (tx) => {
      await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${id}, 'main', 'standard', ${id})`;
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES
        (${id}, 0, 'main', ${CASH}, 'USD', 'debit', 'post', 60), (${id}, 1, 'main', ${WALLET}, 'USD', 'credit', 'post', 10),
        (${id}, 2, 'main', ${WALLET}, 'USD', 'credit', 'post', 20), (${id}, 3, 'main', ${WALLET}, 'USD', 'credit', 'post', 30)`;
    });
    const legs = await sql`SELECT posted_credits::bigint AS pc, account_version AS v FROM ledger.entries
      WHERE transaction_id = ${id} AND account_id = ${WALLET} ORDER BY leg`;
    const base = BigInt(before!.posted_credits);
    expect(legs.map((l) => [l.pc, l.v])).toEqual([
      [base + 10n, before!.version + 1n],
      [base + 30n, before!.version + 2n],
      [base + 60n, before!.version + 3n],
    ]);
    await booksIntact();
  });

  test("balances-after that do not match the account are refused", async () => {
    const e = await refused(async (tx) => {
      const id = nextId();
      await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${id}, 'main', 'standard', ${id})`;
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount, posted_credits, account_version)
        SELECT ${id}, 0, 'main', ${WALLET}, 'USD', 'credit', 'post', 5, b.posted_credits + 500, b.version + 1 FROM ledger.balances b WHERE b.account_id = ${WALLET}`;
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES (${id}, 1, 'main', ${CASH}, 'USD', 'debit', 'post', 5)`;
    });
    expect(e.code).toBe("LF007");
    const skipped = await refused(async (tx) => {
      const id = nextId();
      await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${id}, 'main', 'standard', ${id})`;
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount, posted_credits, account_version)
        SELECT ${id}, 0, 'main', ${WALLET}, 'USD', 'credit', 'post', 5, b.posted_credits + 5, b.version + 2 FROM ledger.balances b WHERE b.account_id = ${WALLET}`;
    });
    expect(skipped.code).toBe("LF007");
    await booksIntact();
  });

  test("an overdraft hidden between two entries of one statement is refused", async () => {
    const e = await refused(async (tx) => {
      const id = nextId();
      const [w] = await tx`SELECT posted_credits - posted_debits AS balance FROM ledger.balances WHERE account_id = ${WALLET}`;
      const over = BigInt(w!.balance) + 1n;
      await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${id}, 'main', 'standard', ${id})`;
      // Out first, back in second: the account dips below zero in between.
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES
        (${id}, 0, 'main', ${WALLET}, 'USD', 'debit', 'post', ${String(over)}), (${id}, 1, 'main', ${SAVINGS}, 'USD', 'credit', 'post', ${String(over)}),
        (${id}, 2, 'main', ${CASH}, 'USD', 'debit', 'post', ${String(over)}), (${id}, 3, 'main', ${WALLET}, 'USD', 'credit', 'post', ${String(over)})`;
    });
    expect(e.code).toBe("LF001");
    await booksIntact();
  });
});

describe("stamps are the journal's", () => {
  test("a transaction or entry claiming another writer's txid or another time is refused", async () => {
    const stamped = await refused((tx) => tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key, created_at) VALUES (${nextId()}, 'main', 'standard', 'stamp-1', now() - interval '1 day')`);
    expect(stamped.code).toBe("LF003");
    const early = await refused(async (tx) => {
      const id = nextId();
      await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${id}, 'main', 'standard', ${id})`;
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount, applied_at) VALUES
        (${id}, 0, 'main', ${CASH}, 'USD', 'debit', 'post', 1, now() - interval '1 hour'), (${id}, 1, 'main', ${WALLET}, 'USD', 'credit', 'post', 1, now() - interval '1 hour')`;
    });
    expect(early.code).toBe("LF003");
    await booksIntact();
  });

  test("an entry whose account does not exist, or is in another currency, is refused like a foreign key", async () => {
    const missing = await refused(async (tx) => {
      const id = nextId();
      await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${id}, 'main', 'standard', ${id})`;
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount, posted_debits, account_version) VALUES
        (${id}, 0, 'main', '00000000-0000-4000-8000-00000000dead', 'USD', 'debit', 'post', 1, 1, 1)`;
    });
    expect(missing.code).toBe("23503");
    const currency = await refused(async (tx) => {
      const id = nextId();
      await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${id}, 'main', 'standard', ${id})`;
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES (${id}, 0, 'main', ${CASH}, 'EUR', 'debit', 'post', 1)`;
    });
    expect(currency.code).toBe("23503");
    await booksIntact();
  });
});
