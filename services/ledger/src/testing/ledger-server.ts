// Starts a real ledger (both listeners) on a fresh test database, with clients for every protocol.
import { createClient, type Client } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import { LedgerService } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { createTestDatabase, type TestDatabase } from "@ledgerflow/platform/testing";
import { createLogger } from "@ledgerflow/platform/log";
import { startLedger, type LedgerHandle } from "../app.ts";
import type { LedgerConfig } from "../config.ts";

export interface TestLedger {
  db: TestDatabase;
  handle: LedgerHandle;
  grpc: Client<typeof LedgerService>;
  connect: Client<typeof LedgerService>;
  grpcWeb: Client<typeof LedgerService>;
  stop(): Promise<void>;
}

/**
 * Tests that give tokens without scopes get each token's widest reach, written out here: every
 * ledger, acting for people (`*+actor`). Tests of the scopes give their own.
 */
export async function startTestLedger(config: Partial<LedgerConfig> = {}): Promise<TestLedger> {
  const tokenScopes = config.tokenScopes ?? new Map([...(config.authTokens ?? new Map()).keys()].map((name) => [name, { ledgers: ["*"], actsForPeople: true }]));
  config = { ...config, tokenScopes };
  const db = await createTestDatabase();
  // As in production: the ledger and its hosted relay connect as their own roles.
  const handle = await startLedger({ databaseUrl: db.urlFor("ledger"), relayDatabaseUrl: db.urlFor("relay"), migrate: false, expiryIntervalMs: 100, ...config }, createLogger("ledger", "warn"));
  const grpc = createClient(LedgerService, createGrpcTransport({ baseUrl: handle.grpcUrl }));
  const connect = createClient(LedgerService, createConnectTransport({ baseUrl: handle.httpUrl, httpVersion: "1.1", useBinaryFormat: false }));
  const grpcWeb = createClient(LedgerService, createGrpcWebTransport({ baseUrl: handle.httpUrl, httpVersion: "1.1" }));
  return {
    db,
    handle,
    grpc,
    connect,
    grpcWeb,
    async stop() {
      await handle.stop();
      await db.close();
    },
  };
}

/** Posts JSON to a Connect endpoint the way a browser or curl does. */
export async function connectJson(baseUrl: string, method: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${baseUrl}/ledgerflow.ledger.v1.LedgerService/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json", "connect-protocol-version": "1", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}
