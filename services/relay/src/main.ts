// The outbox relay process: `bun services/relay/src/main.ts`. Configuration from the environment
// (see config.ts), JSON logs, graceful shutdown on SIGTERM/SIGINT (the batch in hand finishes).
import { createLogger } from "@ledgerflow/platform/log";
import { stopOnSignals } from "@ledgerflow/platform/shutdown";
import { relayConfigFromEnv } from "./config.ts";
import { startRelay, type RelayHandle } from "./app.ts";

const log = createLogger("relay");
let handle: RelayHandle;
try {
  const config = relayConfigFromEnv(process.env);
  handle = await startRelay(config, log);
  log.info("relay running", { url: handle.url, transport: config.kafkaBrokers ? "kafka" : "postgres" });
} catch (error) {
  log.error("relay failed to start", { error: (error as Error).message });
  process.exit(2);
}
stopOnSignals(log, () => handle.stop());
