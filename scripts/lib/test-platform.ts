// Starts the platform the way a user does (`bun scripts/start.ts`, every service its own
// process) on free ports against a given database, for tests: waits for its ready line, keeps
// its output, and stops it with SIGTERM (SIGKILL to the group if it hangs).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "@ledgerflow/platform/local-postgres";

const ROOT = path.resolve(import.meta.dir, "../..");
const STOP_TIMEOUT_MS = 25_000;

export interface TestPlatform {
  pid: number;
  urls: { ledger: string; ledgerGrpc: string; projector: string; billing: string; relay: string; dashboard: string };
  env: Record<string, string>;
  stateFile: string;
  output(): string;
  /** Resolves once the output matches, or throws after the timeout. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function startPlatformForTest(o: { databaseUrl: string; name: string; env?: Record<string, string>; readyTimeoutMs?: number }): Promise<TestPlatform> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ledgerflow-${o.name}-`));
  const ports: Record<string, number> = {};
  for (const name of ["LEDGER_HTTP_PORT", "LEDGER_GRPC_PORT", "PROJECTOR_PORT", "BILLING_PORT", "RELAY_PORT", "ADMIN_PORT", "DEV_OIDC_PORT"]) ports[name] = await findFreePort();
  const stateFile = path.join(dir, "platform.json");
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    DATABASE_URL: o.databaseUrl,
    KAFKA_BROKERS: "",
    OIDC_ISSUER: "",
    LEDGERFLOW_PLATFORM_FILE: stateFile,
    DEV_OIDC_DATA_DIR: path.join(dir, "dev-idp"),
    LEDGERFLOW_BUILD_DASHBOARD: "false",
    LOG_LEVEL: "warn",
    ...o.env,
  };
  let output = "";
  const proc = Bun.spawn([process.execPath, path.join(ROOT, "scripts", "start.ts")], { cwd: ROOT, env, stdout: "pipe", stderr: "pipe" });
  for (const stream of [proc.stdout, proc.stderr]) {
    void (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of stream) output += decoder.decode(chunk);
    })();
  }
  const waitFor = async (pattern: RegExp, timeoutMs: number) => {
    const until = Date.now() + timeoutMs;
    while (!pattern.test(output)) {
      if (proc.exitCode !== null) throw new Error(`the platform exited (${proc.exitCode}) before ${pattern}:\n${output.slice(-3000)}`);
      if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${pattern}:\n${output.slice(-3000)}`);
      await Bun.sleep(100);
    }
  };
  let stopped: Promise<number | null> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (proc.exitCode === null) proc.kill("SIGTERM");
      const timer = setTimeout(() => {
        // The supervisor hung: take its children down with it.
        Bun.spawnSync(["pkill", "-KILL", "-P", String(proc.pid)]);
        proc.kill("SIGKILL");
      }, STOP_TIMEOUT_MS);
      const code = await proc.exited;
      clearTimeout(timer);
      fs.rmSync(dir, { recursive: true, force: true });
      return code;
    })());
  try {
    await waitFor(/^LedgerFlow ready in /m, o.readyTimeoutMs ?? 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const local = (port: number) => `http://127.0.0.1:${port}`;
  return {
    pid: proc.pid,
    urls: {
      ledger: local(ports.LEDGER_HTTP_PORT!),
      ledgerGrpc: local(ports.LEDGER_GRPC_PORT!),
      projector: local(ports.PROJECTOR_PORT!),
      billing: local(ports.BILLING_PORT!),
      relay: local(ports.RELAY_PORT!),
      dashboard: `http://localhost:${ports.ADMIN_PORT!}`,
    },
    env,
    stateFile,
    output: () => output,
    waitFor,
    stop,
  };
}
