// kafkajs as every part of the project imports it (the event transport, the gateway's health
// monitor, the test broker's readiness probe): the library, with one defect of its pinned
// version fixed before any client is made.
import { createRequire } from "node:module";

/**
 * kafkajs 2.2.4 (unmaintained since 2023; tulios/kafkajs#1704, #1751) reschedules its pending-
 * request check after every response even when nothing is pending, with a delay of
 * `throttledUntil - Date.now()`: -1 - now, a negative number. Every broker connection then
 * spins a 1 ms timer for as long as it lives (CPU on a small machine), and Bun and Node ≥ 24
 * print a `TimeoutNegativeWarning` for it at start. No client option avoids that path, so the
 * check is replaced here, for the pinned version only: with nothing pending there is nothing to
 * schedule (a new request schedules its own check); with requests waiting, the check runs when
 * the broker's throttle ends, or after the library's 10 ms interval when it is not throttling.
 */
const KAFKAJS_PATCHED_VERSION = "2.2.4";
const PENDING_CHECK_INTERVAL_MS = 10;
function fixPendingRequestCheck(): void {
  const require = createRequire(import.meta.url);
  const version = (require("kafkajs/package.json") as { version: string }).version;
  if (version !== KAFKAJS_PATCHED_VERSION) return;
  type Queue = { pending: unknown[]; throttledUntil: number; throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null; checkPendingRequests(): void };
  const RequestQueue = require("kafkajs/src/network/requestQueue/index.js") as { prototype: Queue & { scheduleCheckPendingRequests(this: Queue): void } };
  RequestQueue.prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: Queue) {
    if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
    const throttledForMs = this.throttledUntil - Date.now();
    this.throttleCheckTimeoutId = setTimeout(
      () => {
        this.throttleCheckTimeoutId = null;
        this.checkPendingRequests();
      },
      throttledForMs > 0 ? throttledForMs : PENDING_CHECK_INTERVAL_MS,
    );
  };
}
fixPendingRequestCheck();

export { Kafka, logLevel, Partitioners } from "kafkajs";
export type { Admin, Consumer, Producer } from "kafkajs";
