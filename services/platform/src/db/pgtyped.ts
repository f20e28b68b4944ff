// pgtyped's runtime talks to a `pg`-style client; this adapts the `postgres` client to it.
import type postgres from "postgres";
import type { Sql, TransactionSql } from "postgres";

export interface PgtypedConnection {
  // biome-ignore lint/suspicious/noExplicitAny: pgtyped's generated queries type their rows; this is its client interface.
  query(query: string, bindings: unknown[]): Promise<{ rows: any[]; rowCount: number }>;
}

export function pgtyped(sql: Sql | TransactionSql): PgtypedConnection {
  return {
    async query(query, bindings) {
      const rows = await sql.unsafe(query, bindings as postgres.ParameterOrJSON<never>[], { prepare: true });
      return { rows, rowCount: rows.count ?? rows.length };
    },
  };
}
