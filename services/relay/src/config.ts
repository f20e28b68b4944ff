// The relay's configuration, from the environment, validated once at start.
import { ConfigError, int, optional, str } from "@ledgerflow/platform/config";
import { TRANSACTION_KEYINGS, type TransactionKeying } from "@ledgerflow/platform/events";

function keying(value: string): TransactionKeying {
  if (!(TRANSACTION_KEYINGS as readonly string[]).includes(value)) throw new ConfigError(`RELAY_TRANSACTION_KEY must be one of ${TRANSACTION_KEYINGS.join(", ")}, got ${JSON.stringify(value)}`);
  return value as TransactionKeying;
}

export interface RelayConfig {
  databaseUrl: string;
  /** Kafka bootstrap servers; unset: the embedded Postgres event log. */
  kafkaBrokers?: string;
  host: string;
  /** Health and metrics (8084 by default; 0 picks a free port). */
  port: number;
  batchMax: number;
  pollMs: number;
  blockedRetryMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  breakerFailureThreshold: number;
  breakerOpenMs: number;
  retentionMs: number;
  logRetentionMs: number;
  pruneIntervalMs: number;
  pruneBatchMax: number;
  pruneBatchesPerRound: number;
  observeIntervalMs: number;
  /** /readyz fails while the oldest unpublished row is older than this. */
  readyOldestAgeMaxSeconds: number;
  /** RELAY_TRANSACTION_KEY: "ledger" (default) or "account" (docs/events.md, Topics and keys). */
  transactionKeying: TransactionKeying;
  version: string;
}

const HOUR_MS = 3_600_000;

export const RELAY_DEFAULTS: Omit<RelayConfig, "databaseUrl"> = {
  host: "0.0.0.0",
  port: 8084,
  batchMax: 500,
  pollMs: 2_000,
  blockedRetryMs: 3,
  backoffBaseMs: 100,
  backoffMaxMs: 10_000,
  breakerFailureThreshold: 3,
  breakerOpenMs: 5_000,
  retentionMs: 24 * HOUR_MS,
  logRetentionMs: 7 * 24 * HOUR_MS,
  pruneIntervalMs: 60_000,
  pruneBatchMax: 1_000,
  pruneBatchesPerRound: 20,
  observeIntervalMs: 2_000,
  readyOldestAgeMaxSeconds: 60,
  transactionKeying: "ledger",
  version: "0.1.0",
};

export function relayConfigFromEnv(env: Record<string, string | undefined>): RelayConfig {
  const d = RELAY_DEFAULTS;
  const config: RelayConfig = {
    databaseUrl: str(env, "DATABASE_URL"),
    kafkaBrokers: optional(env, "KAFKA_BROKERS"),
    host: str(env, "RELAY_HOST", d.host),
    port: int(env, "RELAY_PORT", d.port, 0, 65_535),
    batchMax: int(env, "RELAY_BATCH_MAX", d.batchMax, 1, 10_000),
    pollMs: int(env, "RELAY_POLL_MS", d.pollMs, 10, 60_000),
    blockedRetryMs: int(env, "RELAY_BLOCKED_RETRY_MS", d.blockedRetryMs, 1, 1_000),
    backoffBaseMs: int(env, "RELAY_BACKOFF_BASE_MS", d.backoffBaseMs, 1, 60_000),
    backoffMaxMs: int(env, "RELAY_BACKOFF_MAX_MS", d.backoffMaxMs, 1, 600_000),
    breakerFailureThreshold: int(env, "RELAY_BREAKER_FAILURES", d.breakerFailureThreshold, 1, 1_000),
    breakerOpenMs: int(env, "RELAY_BREAKER_OPEN_MS", d.breakerOpenMs, 100, 600_000),
    retentionMs: int(env, "RELAY_RETENTION_MS", d.retentionMs, 0, 365 * 24 * HOUR_MS),
    logRetentionMs: int(env, "RELAY_LOG_RETENTION_MS", d.logRetentionMs, 60_000, 3650 * 24 * HOUR_MS),
    pruneIntervalMs: int(env, "RELAY_PRUNE_INTERVAL_MS", d.pruneIntervalMs, 100, 24 * HOUR_MS),
    pruneBatchMax: int(env, "RELAY_PRUNE_BATCH_MAX", d.pruneBatchMax, 1, 100_000),
    pruneBatchesPerRound: int(env, "RELAY_PRUNE_BATCHES_PER_ROUND", d.pruneBatchesPerRound, 1, 1_000),
    observeIntervalMs: int(env, "RELAY_OBSERVE_INTERVAL_MS", d.observeIntervalMs, 100, 600_000),
    readyOldestAgeMaxSeconds: int(env, "RELAY_READY_OLDEST_AGE_MAX_SECONDS", d.readyOldestAgeMaxSeconds, 1, 86_400),
    transactionKeying: keying(str(env, "RELAY_TRANSACTION_KEY", d.transactionKeying)),
    version: str(env, "LEDGERFLOW_VERSION", d.version),
  };
  if (config.backoffMaxMs < config.backoffBaseMs) throw new ConfigError("RELAY_BACKOFF_MAX_MS must be at least RELAY_BACKOFF_BASE_MS");
  if (!/^postgres(ql)?:\/\//.test(config.databaseUrl)) throw new ConfigError("DATABASE_URL must be a postgres:// URL");
  return config;
}
