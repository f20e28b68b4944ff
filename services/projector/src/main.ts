// The projector process: `bun services/projector/src/main.ts`. Configuration from the
// environment, validated at start (fail fast); JSON logs; graceful shutdown on SIGTERM/SIGINT.
import { ConfigError, int, optional, str } from "@ledgerflow/platform/config";
import { createLogger } from "@ledgerflow/platform/log";
import { stopOnSignals } from "@ledgerflow/platform/shutdown";
import { PROJECTOR_DEFAULTS, startProjector, type ProjectorConfig, type ProjectorHandle } from "./app.ts";

function configFromEnv(env: Record<string, string | undefined>): ProjectorConfig {
  const d = PROJECTOR_DEFAULTS;
  const config: ProjectorConfig = {
    databaseUrl: str(env, "DATABASE_URL"),
    readDatabaseUrl: optional(env, "READ_DATABASE_URL"),
    kafkaBrokers: optional(env, "KAFKA_BROKERS"),
    groupId: str(env, "PROJECTOR_GROUP", d.groupId),
    host: str(env, "PROJECTOR_HOST", d.host),
    port: int(env, "PROJECTOR_PORT", d.port, 0, 65_535),
    schema: str(env, "PROJECTOR_SCHEMA", d.schema),
    readyLagMax: int(env, "PROJECTOR_READY_LAG_MAX", d.readyLagMax, 0, 10_000_000),
    readyLagSecondsMax: int(env, "PROJECTOR_READY_LAG_SECONDS_MAX", d.readyLagSecondsMax, 1, 86_400),
    driftIntervalMs: int(env, "PROJECTOR_DRIFT_INTERVAL_MS", d.driftIntervalMs, 1_000, 3_600_000),
    attemptsMax: int(env, "PROJECTOR_ATTEMPTS_MAX", d.attemptsMax, 1, 20),
    retryBaseMs: int(env, "PROJECTOR_RETRY_BASE_MS", d.retryBaseMs, 1, 60_000),
    version: str(env, "LEDGERFLOW_VERSION", d.version),
  };
  for (const [name, url] of [
    ["DATABASE_URL", config.databaseUrl],
    ["READ_DATABASE_URL", config.readDatabaseUrl],
  ] as const) {
    if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) throw new ConfigError(`${name} must be a postgres:// URL`);
  }
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(config.schema)) throw new ConfigError("PROJECTOR_SCHEMA must be a lower-case SQL identifier");
  return config;
}

const log = createLogger("projector");
let handle: ProjectorHandle;
try {
  handle = await startProjector(configFromEnv(process.env), log);
  log.info("projector running", { url: handle.url });
} catch (error) {
  log.error("projector failed to start", { error: (error as Error).message });
  process.exit(2);
}
stopOnSignals(log, () => handle.stop());
