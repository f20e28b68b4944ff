// Billing's configuration from the environment, validated once at start (fail fast, naming the
// variable), with defaults for the embedded mode.
import { bool, ConfigError, int, optional, str, tokens } from "@ledgerflow/platform/config";

export interface BillingConfig {
  /** Billing's tables (schema `billing`); also the embedded event log when Kafka is not used. */
  databaseUrl: string;
  dbPoolMax: number;
  ledgerUrl: string;
  ledgerToken?: string;
  ledgerTimeoutMs: number;
  /** Kafka bootstrap servers; unset: the embedded Postgres log in DATABASE_URL's database. */
  kafkaBrokers?: string;
  host: string;
  port: number;
  groupId: string;
  /** Scheduler: sweep interval, and invoices closed and posted per sweep at most. */
  closeIntervalMs: number;
  closeBatchMax: number;
  postLeaseMs: number;
  postRetryBaseMs: number;
  postRetryMaxMs: number;
  /** Consumer: attempts per event before the dead letters, and their backoff base. */
  attemptsMax: number;
  retryBaseMs: number;
  lagIntervalMs: number;
  /** /readyz fails while more messages than this wait. */
  readyLagMax: number;
  /** name → token; empty disables authentication (embedded mode on loopback). */
  authTokens: Map<string, string>;
  migrate: boolean;
  version: string;
  /** The clock that decides which periods have ended (injectable for tests). */
  now: () => Date;
}

export const BILLING_DEFAULTS: Omit<BillingConfig, "databaseUrl"> = {
  dbPoolMax: 8,
  ledgerUrl: "http://127.0.0.1:8081",
  ledgerTimeoutMs: 5_000,
  host: "0.0.0.0",
  port: 8083,
  groupId: "ledgerflow-billing",
  closeIntervalMs: 10_000,
  closeBatchMax: 100,
  postLeaseMs: 60_000,
  postRetryBaseMs: 60_000,
  postRetryMaxMs: 3_600_000,
  attemptsMax: 3,
  retryBaseMs: 100,
  lagIntervalMs: 1_000,
  readyLagMax: 1_000,
  authTokens: new Map(),
  migrate: false,
  version: "0.1.0",
  now: () => new Date(),
};

export function loadConfig(env: Record<string, string | undefined> = process.env): BillingConfig {
  const d = BILLING_DEFAULTS;
  const config: BillingConfig = {
    ...d,
    databaseUrl: str(env, "DATABASE_URL"),
    dbPoolMax: int(env, "BILLING_DB_POOL_MAX", d.dbPoolMax, 2, 100),
    ledgerUrl: str(env, "LEDGER_URL", d.ledgerUrl),
    ledgerToken: optional(env, "LEDGER_TOKEN"),
    ledgerTimeoutMs: int(env, "BILLING_LEDGER_TIMEOUT_MS", d.ledgerTimeoutMs, 100, 120_000),
    kafkaBrokers: optional(env, "KAFKA_BROKERS"),
    host: str(env, "BILLING_HOST", d.host),
    port: int(env, "BILLING_PORT", d.port, 0, 65_535),
    groupId: str(env, "BILLING_GROUP", d.groupId),
    closeIntervalMs: int(env, "BILLING_CLOSE_INTERVAL_MS", d.closeIntervalMs, 50, 86_400_000),
    closeBatchMax: int(env, "BILLING_CLOSE_BATCH_MAX", d.closeBatchMax, 1, 10_000),
    postRetryBaseMs: int(env, "BILLING_POST_RETRY_BASE_MS", d.postRetryBaseMs, 10, 86_400_000),
    postRetryMaxMs: int(env, "BILLING_POST_RETRY_MAX_MS", d.postRetryMaxMs, 10, 7 * 86_400_000),
    attemptsMax: int(env, "BILLING_ATTEMPTS_MAX", d.attemptsMax, 1, 20),
    readyLagMax: int(env, "BILLING_READY_LAG_MAX", d.readyLagMax, 0, 10_000_000),
    authTokens: tokens(env, "BILLING_AUTH_TOKENS"),
    migrate: bool(env, "BILLING_MIGRATE", d.migrate),
    version: str(env, "LEDGERFLOW_VERSION", d.version),
  };
  if (!/^postgres(ql)?:\/\//.test(config.databaseUrl)) throw new ConfigError("DATABASE_URL must be a postgres:// URL");
  if (!/^https?:\/\/[^/\s]+/.test(config.ledgerUrl)) throw new ConfigError(`LEDGER_URL must be an http(s):// URL, got ${JSON.stringify(config.ledgerUrl)}`);
  if (config.postRetryMaxMs < config.postRetryBaseMs) throw new ConfigError("BILLING_POST_RETRY_MAX_MS must not be below BILLING_POST_RETRY_BASE_MS");
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(config.groupId)) throw new ConfigError("BILLING_GROUP must be 1-200 characters of letters, digits, . _ -");
  return config;
}
