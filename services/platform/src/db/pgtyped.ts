// pgtyped's runtime talks to a `pg`-style client; this adapts the `postgres` client to it.
import type { Sql, TransactionSql } from "postgres";

export interface PgtypedConnection {
  query(query: string, bindings: unknown[]): Promise<{ rows: any[]; rowCount: number }>;
}

export function pgtyped(sql: Sql | TransactionSql): PgtypedConnection {
  return {
    async query(query, bindings) {
      const rows = await sql.unsafe(query, bindings as any[], { prepare: true });
      return { rows, rowCount: rows.count ?? rows.length };
    },
  };
}
