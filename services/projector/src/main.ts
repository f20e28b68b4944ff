// The projector process: configuration from the environment, graceful shutdown.
import { int, optional, str } from "@ledgerflow/platform/src/config.ts";
import { createLogger } from "@ledgerflow/platform/src/log.ts";
import { startProjector } from "./app.ts";

const log = createLogger("projector");
let handle;
try {
  const env = process.env;
  handle = await startProjector({
    databaseUrl: str(env, "DATABASE_URL"),
    readDatabaseUrl: optional(env, "READ_DATABASE_URL"),
    kafkaBrokers: optional(env, "KAFKA_BROKERS"),
    groupId: str(env, "PROJECTOR_GROUP", "ledgerflow-projector"),
    host: str(env, "PROJECTOR_HOST", "0.0.0.0"),
    port: int(env, "PROJECTOR_PORT", 8082, 0, 65535),
    schema: str(env, "PROJECTOR_SCHEMA", "read"),
    readyLagMax: int(env, "PROJECTOR_READY_LAG_MAX", 1000, 0, 10_000_000),
    driftIntervalMs: int(env, "PROJECTOR_DRIFT_INTERVAL_MS", 30_000, 1_000, 3_600_000),
    version: str(env, "LEDGERFLOW_VERSION", "0.1.0"),
  }, log);
} catch (error) {
  log.error("projector failed to start", { error: (error as Error).message });
  process.exit(2);
}
log.info("projector running", { url: handle.url });
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, async () => {
    log.info("shutting down", { signal });
    await handle.stop();
    process.exit(0);
  });
}
