// Graceful shutdown for every service process: on SIGTERM (Kubernetes) or SIGINT (Ctrl-C) the
// service stops once (a second signal while stopping changes nothing), then the process exits.
import type { Logger } from "./log.ts";

export function stopOnSignals(log: Logger, stop: () => Promise<void>, message = "shutting down"): void {
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      log.info(message, { signal });
      await stop();
      process.exit(0);
    });
  }
}
