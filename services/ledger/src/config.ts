import { bool, int, optional, str, tokens } from "@ledgerflow/platform/config";
import { corsOrigins } from "@ledgerflow/platform/http";
import { checkTokenScopes, parseTokenScopes, type TokenScope } from "./rpc/scopes.ts";

export interface LedgerConfig {
  databaseUrl: string;
  host: string;
  grpcPort: number;
  httpPort: number;
  dbPoolMax: number;
  writersMax: number;
  batchItemsMax: number;
  queueItemsMax: number;
  requestBytesMax: number;
  timeoutMaxMs: number;
  expiryIntervalMs: number;
  migrate: boolean;
  /** name → token; empty disables authentication (embedded mode on loopback). */
  authTokens: Map<string, string>;
  /** token name → the ledgers it may touch and whether it may act for people; one per token. */
  tokenScopes: Map<string, TokenScope>;
  version: string;
  /** Run the outbox relay in this process (one instance leads at a time). */
  relayEnabled: boolean;
  /** The hosted relay's connection, as the relay's database role (default: DATABASE_URL). */
  relayDatabaseUrl?: string;
  /** Kafka bootstrap servers; unset: the embedded Postgres event log. */
  kafkaBrokers?: string;
  /** Browser origins allowed to call the HTTP port cross-origin (CORS); empty: none. */
  corsOrigins: ReadonlySet<string>;
  /** Between two checks of the hash chains (each continues where the last one ended); 0: no periodic check. */
  chainVerifyIntervalMs: number;
  /** Between two checks of the hash chains from their first link. */
  chainFullVerifyIntervalMs: number;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): LedgerConfig {
  const authTokens = tokens(env, "LEDGER_AUTH_TOKENS");
  const tokenScopes = parseTokenScopes(optional(env, "LEDGER_TOKEN_SCOPES") ?? "");
  checkTokenScopes(authTokens, tokenScopes);
  return {
    databaseUrl: str(env, "DATABASE_URL"),
    host: str(env, "LEDGER_HOST", "0.0.0.0"),
    grpcPort: int(env, "LEDGER_GRPC_PORT", 9090, 0, 65535),
    httpPort: int(env, "LEDGER_HTTP_PORT", 8081, 0, 65535),
    dbPoolMax: int(env, "LEDGER_DB_POOL_MAX", 16, 2, 200),
    writersMax: int(env, "LEDGER_WRITERS", 2, 1, 64),
    batchItemsMax: int(env, "LEDGER_BATCH_ITEMS_MAX", 1000, 1, 10_000),
    queueItemsMax: int(env, "LEDGER_QUEUE_ITEMS_MAX", 50_000, 100, 1_000_000),
    requestBytesMax: int(env, "LEDGER_REQUEST_BYTES_MAX", 4 * 1024 * 1024, 1024, 64 * 1024 * 1024),
    timeoutMaxMs: int(env, "LEDGER_TIMEOUT_MAX_MS", 30_000, 100, 600_000),
    expiryIntervalMs: int(env, "LEDGER_EXPIRY_INTERVAL_MS", 1_000, 50, 3_600_000),
    migrate: bool(env, "LEDGER_MIGRATE", true),
    authTokens,
    tokenScopes,
    version: str(env, "LEDGERFLOW_VERSION", "0.1.0"),
    relayEnabled: bool(env, "RELAY_ENABLED", true),
    relayDatabaseUrl: optional(env, "RELAY_DATABASE_URL"),
    kafkaBrokers: optional(env, "KAFKA_BROKERS"),
    corsOrigins: corsOrigins(env, "LEDGER_CORS_ORIGINS"),
    chainVerifyIntervalMs: int(env, "LEDGER_CHAIN_VERIFY_INTERVAL_MS", 60_000, 0, 86_400_000),
    chainFullVerifyIntervalMs: int(env, "LEDGER_CHAIN_FULL_VERIFY_INTERVAL_MS", 86_400_000, 60_000, 30 * 86_400_000),
  };
}
