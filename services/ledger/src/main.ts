// The ledger process: configuration from the environment, the listeners, graceful shutdown.
import { createLogger } from "@ledgerflow/platform/log";
import { stopOnSignals } from "@ledgerflow/platform/shutdown";
import { startLedger } from "./app.ts";
import { type LedgerConfig, loadConfig } from "./config.ts";

const log = createLogger("ledger");
let config: LedgerConfig;
try {
  config = loadConfig();
} catch (error) {
  log.error("invalid configuration", { error: (error as Error).message });
  process.exit(2);
}
const handle = await startLedger(config, log);
log.info("ledger listening", { grpc: handle.grpcUrl, http: handle.httpUrl, auth: config.authTokens.size > 0 ? "bearer tokens" : "open" });

stopOnSignals(log, () => handle.stop(), "shutting down: draining in-flight requests");
