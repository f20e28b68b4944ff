// The billing process: `bun services/billing/src/main.ts`. Configuration from the environment,
// validated once (fail fast); JSON logs; graceful shutdown on SIGTERM/SIGINT.
import { createLogger } from "@ledgerflow/platform/log";
import { stopOnSignals } from "@ledgerflow/platform/shutdown";
import { startBilling, type BillingHandle } from "./app.ts";
import { loadConfig } from "./config.ts";

const log = createLogger("billing");
let handle: BillingHandle;
try {
  const config = loadConfig();
  handle = await startBilling(config, log);
  log.info("billing listening", { url: handle.url, ledger: config.ledgerUrl, transport: config.kafkaBrokers ? "kafka" : "postgres", auth: config.authTokens.size > 0 ? "bearer tokens" : "open" });
} catch (error) {
  log.error("billing failed to start", { error: (error as Error).message });
  process.exit(2);
}
stopOnSignals(log, () => handle.stop());
