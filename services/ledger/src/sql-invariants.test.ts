// A DBA with raw SQL access tries to break the books; Postgres refuses every attempt.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Sql } from "postgres";
import { createTestDatabase, type TestDatabase } from "@ledgerflow/platform/testing";

let db: TestDatabase;
let sql: Sql;
const CASH = "00000000-0000-4000-8000-000000000001";
const WALLET = "00000000-0000-4000-8000-000000000002";
const EUR = "00000000-0000-4000-8000-000000000003";
let seq = 0;
const txId = () => `10000000-0000-4000-8000-${String(++seq).padStart(12, "0")}`;

async function refused(work: (sql: Sql) => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await sql.begin(async (tx) => {
      await work(tx as unknown as Sql);
    });
  } catch (error) {
    const e = error as { code: string; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error("expected Postgres to refuse");
}

async function post(tx: Sql, id: string, legs: [string, "debit" | "credit", number, string?][], kind = "standard", effect = "post") {
  await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${id}, 'main', ${kind}, ${`key-${id}`})`;
  for (const [i, [account, direction, amount, currency]] of legs.entries()) {
    await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount)
             VALUES (${id}, ${i}, 'main', ${account}, ${currency ?? "USD"}, ${direction}, ${effect}, ${amount})`;
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  sql = db.sql;
  await sql`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft) VALUES
    (${CASH}, 'main', 'cash', 'USD', 'debit', true), (${WALLET}, 'main', 'wallet', 'USD', 'credit', false), (${EUR}, 'main', 'eur', 'EUR', 'credit', false)`;
  await sql.begin((tx) =>
    post(tx as unknown as Sql, txId(), [
      [CASH, "debit", 1000],
      [WALLET, "credit", 1000],
    ]),
  );
});
afterAll(async () => {
  await db.close();
});

describe("the journal refuses raw SQL that would break the books", () => {
  test("a balanced posting through raw SQL is accepted and updates balances", async () => {
    const [w] = await sql`SELECT posted_credits, version FROM ledger.balances WHERE account_id = ${WALLET}`;
    expect(w!.posted_credits).toBe("1000");
    expect(w!.version).toBe(1n);
  });

  test("unbalanced transaction (checked at commit)", async () => {
    const e = await refused((tx) =>
      post(tx, txId(), [
        [CASH, "debit", 100],
        [WALLET, "credit", 99],
      ]),
    );
    expect(e.code).toBe("LF002");
    expect(e.message).toContain("does not balance");
  });

  test("balanced in total but not per currency", async () => {
    const e = await refused((tx) =>
      post(tx, txId(), [
        [CASH, "debit", 100],
        [EUR, "credit", 100, "EUR"],
      ]),
    );
    expect(e.code).toBe("LF002");
  });

  test("a transaction with a single entry, or none", async () => {
    expect((await refused((tx) => post(tx, txId(), [[CASH, "debit", 100]]))).code).toBe("LF002");
    expect((await refused((tx) => post(tx, txId(), []))).code).toBe("LF002");
  });

  test("an entry whose currency differs from its account's", async () => {
    const e = await refused((tx) =>
      post(tx, txId(), [
        [CASH, "debit", 100, "EUR"],
        [WALLET, "credit", 100, "EUR"],
      ]),
    );
    expect(e.code).toBe("23503");
  });

  test("adding an entry to an already committed transaction", async () => {
    const [first] = await sql`SELECT id FROM ledger.transactions ORDER BY seq LIMIT 1`;
    const e = await refused(
      (tx) => tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount)
      VALUES (${first!.id}, 9, 'main', ${CASH}, 'USD', 'debit', 'post', 5)`,
    );
    expect(e.code).toBe("23503");
  });

  test("update, delete and truncate of journal rows", async () => {
    expect((await refused((tx) => tx`UPDATE ledger.entries SET amount = 1`)).code).toBe("LF003");
    expect((await refused((tx) => tx`UPDATE ledger.transactions SET description = 'x'`)).code).toBe("LF003");
    expect((await refused((tx) => tx`DELETE FROM ledger.entries`)).code).toBe("LF003");
    expect((await refused((tx) => tx`DELETE FROM ledger.transactions`)).code).toBe("LF003");
    expect((await refused((tx) => tx`TRUNCATE ledger.entries`)).code).toBe("LF003");
    expect((await refused((tx) => tx`TRUNCATE ledger.transactions CASCADE`)).code).toBe("LF003");
    expect((await refused((tx) => tx`TRUNCATE ledger.ledgers CASCADE`)).code).toBe("LF003");
    expect((await refused((tx) => tx`DELETE FROM ledger.accounts WHERE id = ${WALLET}`)).code).toBe("LF003");
  });

  test("writing balances directly, or creating an account with a balance", async () => {
    expect((await refused((tx) => tx`UPDATE ledger.balances SET posted_credits = 1000000 WHERE account_id = ${WALLET}`)).code).toBe("LF004");
    expect((await refused((tx) => tx`UPDATE ledger.balances SET version = 0 WHERE account_id = ${WALLET}`)).code).toBe("LF004");
    expect((await refused((tx) => tx`UPDATE ledger.balances SET floor = NULL WHERE account_id = ${WALLET}`)).code).toBe("LF004");
    expect((await refused((tx) => tx`DELETE FROM ledger.balances WHERE account_id = ${WALLET}`)).code).toBe("LF004");
    expect((await refused((tx) => tx`TRUNCATE ledger.balances`)).code).toBe("LF003");
    expect(
      (
        await refused(async (tx) => {
          await tx`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance) VALUES ('00000000-0000-4000-8000-0000000000ff', 'main', 'rich', 'USD', 'credit')`;
          await tx`INSERT INTO ledger.balances (account_id, normal_balance, posted_credits) VALUES ('00000000-0000-4000-8000-0000000000ff', 'credit', 1000000)`;
        })
      ).code,
    ).toBe("LF004");
    expect((await refused((tx) => tx`UPDATE ledger.accounts SET currency = 'EUR' WHERE id = ${WALLET}`)).code).toBe("LF006");
  });

  test("driving a no-overdraft account below zero, directly or by tightening its policy", async () => {
    const e = await refused((tx) =>
      post(tx, txId(), [
        [WALLET, "debit", 1001],
        [CASH, "credit", 1001],
      ]),
    );
    expect(e.code).toBe("LF001");
    await sql`UPDATE ledger.accounts SET allow_overdraft = true, overdraft_limit = 500 WHERE id = ${WALLET}`;
    await sql.begin((tx) =>
      post(tx as unknown as Sql, txId(), [
        [WALLET, "debit", 1400],
        [CASH, "credit", 1400],
      ]),
    );
    expect(
      (
        await refused((tx) =>
          post(tx, txId(), [
            [WALLET, "debit", 101],
            [CASH, "credit", 101],
          ]),
        )
      ).code,
    ).toBe("LF001");
    expect((await refused((tx) => tx`UPDATE ledger.accounts SET allow_overdraft = false, overdraft_limit = NULL WHERE id = ${WALLET}`)).code).toBe("LF001");
    await sql.begin((tx) =>
      post(tx as unknown as Sql, txId(), [
        [CASH, "debit", 400],
        [WALLET, "credit", 400],
      ]),
    );
    await sql`UPDATE ledger.accounts SET allow_overdraft = false, overdraft_limit = NULL WHERE id = ${WALLET}`;
  });

  test("the same idempotency key twice", async () => {
    const e = await refused(async (tx) => {
      await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${txId()}, 'main', 'standard', 'dup')`;
      await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${txId()}, 'main', 'standard', 'dup')`;
    });
    expect(e.code).toBe("23505");
  });

  test("resolving a pending transaction twice, or releasing other than what was held", async () => {
    const hold = txId();
    await sql.begin((tx) =>
      post(
        tx as unknown as Sql,
        hold,
        [
          [CASH, "debit", 100],
          [WALLET, "credit", 100],
        ],
        "pending",
        "hold",
      ),
    );
    const [held] = await sql`SELECT pending_debits FROM ledger.balances WHERE account_id = ${CASH}`;
    expect(held!.pending_debits).toBe("100");
    const overRelease = await refused(async (tx) => {
      const id = txId();
      await tx`INSERT INTO ledger.transactions (id, ledger, kind, parent_id, idempotency_key, void_reason) VALUES (${id}, 'main', 'void', ${hold}, ${`v-${id}`}, 'requested')`;
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES
        (${id}, 0, 'main', ${CASH}, 'USD', 'debit', 'release', 90), (${id}, 1, 'main', ${WALLET}, 'USD', 'credit', 'release', 90)`;
    });
    expect(overRelease.code).toBe("LF005");
    const voidIt = async (tx: Sql) => {
      const id = txId();
      await tx`INSERT INTO ledger.transactions (id, ledger, kind, parent_id, idempotency_key, void_reason) VALUES (${id}, 'main', 'void', ${hold}, ${`v-${id}`}, 'requested')`;
      await tx`INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES
        (${id}, 0, 'main', ${CASH}, 'USD', 'debit', 'release', 100), (${id}, 1, 'main', ${WALLET}, 'USD', 'credit', 'release', 100)`;
    };
    await sql.begin((tx) => voidIt(tx as unknown as Sql));
    expect((await refused(voidIt)).code).toBe("23505");
    const [after] = await sql`SELECT pending_debits FROM ledger.balances WHERE account_id = ${CASH}`;
    expect(after!.pending_debits).toBe("0");
    const [open] = await sql`SELECT count(*)::int AS count FROM ledger.open_holds`;
    expect(open!.count).toBe(0);
  });

  test("open holds and the outbox cannot be tampered with", async () => {
    expect((await refused((tx) => tx`INSERT INTO ledger.open_holds (transaction_id, ledger) SELECT id, ledger FROM ledger.transactions LIMIT 1`)).code).toBe("LF004");
    expect((await refused((tx) => tx`DELETE FROM ledger.outbox WHERE published_at IS NULL`)).code).toBe("LF003");
    expect((await refused((tx) => tx`UPDATE ledger.outbox SET payload = '{}'`)).code).toBe("LF003");
    expect((await refused((tx) => tx`TRUNCATE ledger.outbox`)).code).toBe("LF003");
  });

  test("every change to the books wrote its outbox row in the same transaction", async () => {
    const [counts] = await sql`SELECT
      (SELECT count(*)::int FROM ledger.transactions) AS transactions,
      (SELECT count(*)::int FROM ledger.accounts) AS accounts,
      (SELECT count(*)::int FROM ledger.outbox WHERE topic = 'ledgerflow.ledger.transactions.v1') AS tx_events,
      (SELECT count(*)::int FROM ledger.outbox WHERE event_type = 'ledgerflow.events.v1.AccountCreated') AS account_events`;
    expect(counts!.tx_events).toBe(counts!.transactions);
    expect(counts!.account_events).toBe(counts!.accounts);
    const [evt] = await sql`SELECT payload FROM ledger.outbox WHERE event_type = 'ledgerflow.events.v1.PendingTransactionVoided'`;
    expect(evt!.payload.transaction.entries).toHaveLength(2);
    expect(evt!.payload.transaction.entries[0].effect).toBe("ENTRY_EFFECT_RELEASE");
  });

  test("balances equal the sum of entries and each currency sums to zero", async () => {
    const mismatches = await sql`
      SELECT a.account_id FROM ledger.balances a
      LEFT JOIN (SELECT account_id,
                        sum(amount) FILTER (WHERE effect = 'post' AND direction = 'debit') AS pd,
                        sum(amount) FILTER (WHERE effect = 'post' AND direction = 'credit') AS pc
                   FROM ledger.entries GROUP BY account_id) s ON s.account_id = a.account_id
      WHERE a.posted_debits <> coalesce(s.pd, 0) OR a.posted_credits <> coalesce(s.pc, 0)`;
    expect(mismatches).toHaveLength(0);
    const totals = await sql`SELECT a.currency, sum(b.posted_debits - b.posted_credits) AS net FROM ledger.accounts a JOIN ledger.balances b ON b.account_id = a.id GROUP BY a.currency`;
    for (const row of totals) expect(row.net).toBe("0");
  });
});
