// The ledgers of the call in progress, for row-level security (sql/migrations/0043,
// sql/read/0007): every query the gateway runs for a caller runs inside a database transaction
// that first names the caller's ledgers in the setting `ledgerflow.ledgers` (local to that
// transaction, so a pooled connection never carries it into another caller's work).
import type { Sql, TransactionSql } from "postgres";
import { pgtyped } from "@ledgerflow/platform/db";

type PgtypedConnection = ReturnType<typeof pgtyped>;

export const LEDGERS_SETTING = "ledgerflow.ledgers";

/** Runs `fn` in a transaction whose rows are limited to `ledgers` (["*"]: every ledger; []: none). */
export async function inLedgers<T>(sql: Sql, ledgers: readonly string[], fn: (tx: TransactionSql) => Promise<T>): Promise<T> {
  return (await sql.begin(async (tx) => {
    // Postgres writes the array literal: no quoting of names here.
    await tx`SELECT set_config(${LEDGERS_SETTING}, ${tx.array([...ledgers])}::text[]::text, true)`;
    return fn(tx);
  })) as T;
}

/** The same, for typed queries. */
export async function queryInLedgers<T>(sql: Sql, ledgers: readonly string[], fn: (db: PgtypedConnection) => Promise<T>): Promise<T> {
  return inLedgers(sql, ledgers, (tx) => fn(pgtyped(tx)));
}
