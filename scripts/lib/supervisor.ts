// Keeps the platform's processes running for `npm start`: a service that exits is started again
// after a backoff that doubles with each crash in a row (and resets once it has stayed up), and
// the supervisor says so; only stop() (Ctrl-C, SIGTERM) ends them all. A service that keeps
// crashing is given up after a bounded number of restarts in a row, the others stay up.
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";

export interface SupervisedService {
  name: string;
  /** Entry file, relative to the root. */
  entry: string;
  /** Answers 200 once the service is up. */
  healthUrl: string;
  /** Variables for this service only, over the shared environment (e.g. its own DATABASE_URL). */
  env?: Record<string, string>;
}

export interface SupervisorOptions {
  root: string;
  env: Record<string, string>;
  services: SupervisedService[];
  /** The supervisor's own lines (restarts, readiness). */
  say: (line: string) => void;
  restartDelayMs?: number;
  restartDelayMaxMs?: number;
  /** Up this long, a service's crash count starts again from zero. */
  stableAfterMs?: number;
  /** Crashes in a row before a service is given up. */
  restartsMax?: number;
  stopTimeoutMs?: number;
  /** Known lines of a service's output not worth showing, by service name (each with its reason where it is set). */
  quietLines?: Record<string, RegExp[]>;
}

interface Running {
  spec: SupervisedService;
  child?: ChildProcess;
  startedAt: number;
  crashesInRow: number;
  restarts: number;
  timer?: ReturnType<typeof setTimeout>;
  gaveUp: boolean;
}

const HEALTH_PROBE_TIMEOUT_MS = 1_000;
const HEALTH_POLL_MS = 200;

export class Supervisor {
  private readonly running = new Map<string, Running>();
  private stopping = false;

  constructor(private readonly o: SupervisorOptions) {}

  start(): void {
    for (const spec of this.o.services) {
      const r: Running = { spec, startedAt: 0, crashesInRow: 0, restarts: 0, gaveUp: false };
      this.running.set(spec.name, r);
      this.spawn(r);
    }
  }

  /** The process id of a service (tests kill it), or undefined while it is down. */
  pid(name: string): number | undefined {
    return this.running.get(name)?.child?.pid;
  }

  restarts(name: string): number {
    return this.running.get(name)?.restarts ?? 0;
  }

  /** Resolves true once every service answers its health URL, false after the timeout. */
  async waitReady(timeoutMs: number, names = this.o.services.map((s) => s.name)): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    const pending = new Set(names);
    while (pending.size > 0) {
      if (Date.now() > until || this.stopping) return false;
      await Promise.all(
        [...pending].map(async (name) => {
          if (await healthy(this.running.get(name)!.spec.healthUrl)) pending.delete(name);
        }),
      );
      if (pending.size > 0) await Bun.sleep(HEALTH_POLL_MS);
    }
    return true;
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const children: ChildProcess[] = [];
    for (const r of this.running.values()) {
      clearTimeout(r.timer);
      if (r.child && r.child.exitCode === null && r.child.signalCode === null) children.push(r.child);
    }
    const exited = children.map((c) => new Promise((resolve) => c.once("exit", resolve)));
    for (const c of children) c.kill("SIGTERM");
    const timeout = Bun.sleep(this.o.stopTimeoutMs ?? 15_000).then(() => "timeout");
    if ((await Promise.race([Promise.all(exited), timeout])) === "timeout") {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    }
  }

  private spawn(r: Running): void {
    const child = spawn(process.execPath, [path.join(this.o.root, r.spec.entry)], { cwd: this.o.root, env: { ...this.o.env, ...r.spec.env }, stdio: ["ignore", "pipe", "pipe"] });
    r.child = child;
    r.startedAt = Date.now();
    const prefix = `[${r.spec.name}] `;
    const quiet = this.o.quietLines?.[r.spec.name] ?? [];
    const forward = (stream: NodeJS.WriteStream) => {
      let rest = "";
      return (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split("\n");
        rest = lines.pop()!;
        for (const line of lines) if (line && !quiet.some((q) => q.test(line))) stream.write(`${prefix}${line}\n`);
      };
    };
    child.stdout!.on("data", forward(process.stdout));
    child.stderr!.on("data", forward(process.stderr));
    child.on("exit", (code, signal) => this.onExit(r, child, code, signal));
  }

  private onExit(r: Running, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || r.child !== child) return;
    r.child = undefined;
    const upMs = Date.now() - r.startedAt;
    r.crashesInRow = upMs >= (this.o.stableAfterMs ?? 30_000) ? 1 : r.crashesInRow + 1;
    const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
    if (r.crashesInRow > (this.o.restartsMax ?? 10)) {
      r.gaveUp = true;
      this.o.say(`${r.spec.name} ${how} after ${seconds(upMs)}; ${r.crashesInRow - 1} restarts in a row failed, giving up on it (the other services keep running; Ctrl-C stops them)`);
      return;
    }
    const delayMs = Math.min(this.o.restartDelayMaxMs ?? 10_000, (this.o.restartDelayMs ?? 500) * 2 ** (r.crashesInRow - 1));
    this.o.say(`${r.spec.name} ${how} after ${seconds(upMs)}; restarting it in ${seconds(delayMs)}`);
    r.timer = setTimeout(() => {
      if (this.stopping) return;
      r.restarts += 1;
      this.spawn(r);
      void this.waitReady(60_000, [r.spec.name]).then((ok) => {
        if (ok && r.child) this.o.say(`${r.spec.name} restarted and healthy (${r.spec.healthUrl})`);
      });
    }, delayMs);
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(HEALTH_PROBE_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
