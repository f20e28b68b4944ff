// Writes to the books with plain SQL, the way the ledger does (a transaction row and its entries in
// one database transaction; the triggers check the invariants, move balances and write the
// outbox), for pipeline tests that must not depend on the ledger service.
import { randomUUID } from "node:crypto";
import type { Sql, TransactionSql } from "postgres";

export interface Books {
  accounts: string[];
  /** Posts `amount` from accounts[from] to accounts[to]; returns the transaction id. */
  transfer(from: number, to: number, amount: bigint, tx?: TransactionSql): Promise<string>;
}

/** Creates `count` USD accounts in ledger `main`; all may overdraw, so any transfer is accepted. */
export async function openBooks(sql: Sql, count: number, prefix = randomUUID().slice(0, 8)): Promise<Books> {
  const accounts = Array.from({ length: count }, () => randomUUID());
  await sql`
    INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft)
    SELECT id, 'main', ${prefix} || ':' || (n - 1), 'USD', CASE WHEN n = 1 THEN 'debit' ELSE 'credit' END, true
      FROM unnest(${accounts}::uuid[]) WITH ORDINALITY AS x(id, n)`;
  const write = async (tx: TransactionSql, from: number, to: number, amount: bigint) => {
    const id = randomUUID();
    await tx`INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key) VALUES (${id}, 'main', 'standard', ${`sql-${id}`})`;
    await tx`
      INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount) VALUES
        (${id}, 0, 'main', ${accounts[from]!}, 'USD', 'debit', 'post', ${amount.toString()}),
        (${id}, 1, 'main', ${accounts[to]!}, 'USD', 'credit', 'post', ${amount.toString()})`;
    return id;
  };
  return {
    accounts,
    transfer: (from, to, amount, tx) => (tx ? write(tx, from, to, amount) : sql.begin((t) => write(t, from, to, amount))),
  };
}

export async function waitUntil<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 15_000, what = "condition"): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await Bun.sleep(20);
  }
}
