// The ledger under test, as its own process (as deployed), on loopback ports, and a gRPC client.
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { createClient, type Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { LedgerService } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { findFreePort } from "@ledgerflow/platform/local-postgres";

const root = path.resolve(import.meta.dir, "../..");
const STARTUP_ATTEMPTS = 150;

export interface LedgerProcess {
  proc: ChildProcess;
  pid: number;
  grpcUrl: string;
  httpUrl: string;
  client: Client<typeof LedgerService>;
  stop(): Promise<void>;
}

export async function startLedgerProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<LedgerProcess> {
  const grpcPort = await findFreePort();
  const httpPort = await findFreePort();
  const flags = (process.env.BENCH_LEDGER_FLAGS ?? "").split(" ").filter(Boolean);
  const proc = spawn(process.execPath, [...flags, path.join(root, "services/ledger/src/main.ts")], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LEDGER_HOST: "127.0.0.1",
      LEDGER_GRPC_PORT: String(grpcPort),
      LEDGER_HTTP_PORT: String(httpPort),
      LEDGER_MIGRATE: "false",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const grpcUrl = `http://127.0.0.1:${grpcPort}`;
  const client = createClient(LedgerService, createGrpcTransport({ baseUrl: grpcUrl }));
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  for (let i = 0; ; i++) {
    try {
      await client.listCurrencies({});
      break;
    } catch (error) {
      if (i >= STARTUP_ATTEMPTS || proc.exitCode !== null) {
        proc.kill("SIGKILL");
        throw new Error(`the ledger did not start: ${(error as Error).message}`);
      }
      await Bun.sleep(100);
    }
  }
  return {
    proc,
    pid: proc.pid!,
    grpcUrl,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    client,
    async stop() {
      if (proc.exitCode === null) proc.kill("SIGTERM");
      await exited;
    },
  };
}
