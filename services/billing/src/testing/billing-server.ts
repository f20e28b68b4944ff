// Starts a real billing service on a test ledger's database (the embedded log, or Kafka when
// given), with a Connect client, and a clock the test can move.
import { createClient, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { BillingService } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import { createLogger } from "@ledgerflow/platform/log";
import type { TestLedger } from "@ledgerflow/ledger/testing";
import { startBilling, type BillingHandle } from "../app.ts";
import type { BillingConfig } from "../config.ts";

export interface TestBilling {
  handle: BillingHandle;
  client: Client<typeof BillingService>;
  /** Moves the scheduler's clock by this many milliseconds (0: the real time). */
  clock: { offsetMs: number };
  stop(): Promise<void>;
}

export async function startTestBilling(t: TestLedger, config: Partial<BillingConfig> = {}, headers: Record<string, string> = {}): Promise<TestBilling> {
  const clock = { offsetMs: 0 };
  const handle = await startBilling(
    {
      databaseUrl: t.db.urlFor("billing"),
      ledgerUrl: t.handle.httpUrl,
      host: "127.0.0.1",
      port: 0,
      migrate: false,
      version: "test",
      closeIntervalMs: 3_600_000,
      lagIntervalMs: 100,
      retryBaseMs: 10,
      postRetryBaseMs: 50,
      postRetryMaxMs: 1_000,
      now: () => new Date(Date.now() + clock.offsetMs),
      ...config,
    },
    createLogger("billing", "error"),
  );
  const client = createClient(
    BillingService,
    createConnectTransport({
      baseUrl: handle.url,
      httpVersion: "1.1",
      interceptors: [
        (next) => (req) => {
          for (const [k, v] of Object.entries(headers)) req.header.set(k, v);
          return next(req);
        },
      ],
    }),
  );
  return { handle, client, clock, stop: () => handle.stop() };
}

export async function until<T>(probe: () => Promise<T | undefined | false | null>, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await Bun.sleep(20);
  }
}
