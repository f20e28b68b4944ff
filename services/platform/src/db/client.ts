// The one way services open Postgres: the `postgres` client with explicit, bounded settings.
import postgres, { type Sql } from "postgres";

export interface DbOptions {
  url: string;
  /** Connections in the pool. */
  max?: number;
  /** Statement timeout in milliseconds, applied per connection. */
  statementTimeoutMs?: number;
  applicationName?: string;
}

export function connect(options: DbOptions): Sql {
  return postgres(options.url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    connect_timeout: 5,
    max_lifetime: 60 * 30,
    prepare: true,
    onnotice: () => {},
    // numeric stays a string (exact); int8 becomes bigint.
    types: { bigint: postgres.BigInt },
    connection: {
      application_name: options.applicationName ?? "ledgerflow",
      statement_timeout: options.statementTimeoutMs ?? 10_000,
      idle_in_transaction_session_timeout: 30_000,
    },
  });
}
