// The admin gateway process: `bun services/admin-api/src/main.ts`. Configuration from the
// environment (fail fast), JSON logs, graceful shutdown on SIGTERM/SIGINT.
import { createLogger } from "@ledgerflow/platform/log";
import { stopOnSignals } from "@ledgerflow/platform/shutdown";
import { startAdmin, type AdminHandle } from "./app.ts";
import { loadConfig, type AdminConfig } from "./config.ts";
import { DEV_PASSWORD } from "./dev-idp/seed.ts";

const log = createLogger("admin-api");
let config: AdminConfig;
try {
  config = loadConfig();
} catch (error) {
  log.error("invalid configuration", { error: (error as Error).message });
  process.exit(2);
}
let handle: AdminHandle;
try {
  handle = await startAdmin(config, log);
} catch (error) {
  log.error("admin-api failed to start", { error: (error as Error).message });
  process.exit(2);
}
log.info("admin-api listening", { url: handle.url, public_url: config.publicUrl, issuer: handle.issuer });
if (handle.devIdp) {
  process.stdout.write(
    [
      "",
      `  Dashboard: ${config.publicUrl}  (development sign-in at ${handle.issuer})`,
      `  Seeded users, password "${DEV_PASSWORD}": viewer@ledgerflow.local, operator@ledgerflow.local, admin@ledgerflow.local`,
      `  Scripts: client credentials ${handle.devIdp.scriptClient.id} / ${handle.devIdp.scriptClient.secret} (operator) at ${handle.issuer}/token`,
      "",
      "",
    ].join("\n"),
  );
}

stopOnSignals(log, () => handle.stop());
