// What `npm start` is running on this machine: it writes `.data/platform.json` once every
// service is up (the database URL, the event transport, the URLs) and removes it when it stops.
// Operator commands run beside it (`npm run migrate`, `npm run rebuild`) read it, so they use the
// embedded database and the transport the platform actually runs on without being told.
import fs from "node:fs";
import path from "node:path";

/** `.data/platform.json`, or LEDGERFLOW_PLATFORM_FILE (a platform started by a test writes its own). */
export const PLATFORM_FILE = process.env.LEDGERFLOW_PLATFORM_FILE || path.resolve(import.meta.dir, "../../../.data/platform.json");

export interface RunningPlatform {
  /** The supervisor's process id: the file is only trusted while it is alive. */
  pid: number;
  /** The owner's (what `npm run migrate` uses). */
  databaseUrl: string;
  /** What each service connects with (its own role), e.g. for `npm run rebuild` as the projector. */
  serviceDatabaseUrls?: Record<string, string>;
  /** Bootstrap servers when the platform runs on Kafka; absent on the embedded log. */
  kafkaBrokers?: string;
  urls: Record<string, string>;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function writeRunningPlatform(state: RunningPlatform, file = PLATFORM_FILE): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}

export function clearRunningPlatform(pid: number, file = PLATFORM_FILE): void {
  const current = readRunningPlatform(file, { includeStale: true });
  if (current?.pid === pid) fs.rmSync(file, { force: true });
}

/** The platform `npm start` runs here, or undefined when none is (a stale file is ignored). */
export function readRunningPlatform(file = PLATFORM_FILE, o: { includeStale?: boolean } = {}): RunningPlatform | undefined {
  let state: RunningPlatform;
  try {
    state = JSON.parse(fs.readFileSync(file, "utf8")) as RunningPlatform;
  } catch {
    return undefined;
  }
  if (typeof state.pid !== "number" || typeof state.databaseUrl !== "string") return undefined;
  if (!o.includeStale && !alive(state.pid)) return undefined;
  return state;
}

/**
 * DATABASE_URL for an operator command: the environment's, else the running platform's.
 * Undefined when neither is there (the caller says what to set).
 */
export function operatorDatabaseUrl(env: Record<string, string | undefined>, file = PLATFORM_FILE): { url: string; from: "environment" | "platform" } | undefined {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, from: "environment" };
  const running = readRunningPlatform(file);
  return running ? { url: running.databaseUrl, from: "platform" } : undefined;
}
