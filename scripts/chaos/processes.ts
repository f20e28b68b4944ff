// Service processes under test: each runs as its own `bun <entry>` process with its environment,
// its log file, a health URL it must answer before it counts as started, and a record of every
// exit nobody asked for (a process that dies by itself is a failure of the run).
import fs from "node:fs";
import path from "node:path";
import type { Subprocess } from "bun";

export interface ServiceSpec {
  name: string;
  /** The entry file, relative to the repository root. */
  entry: string;
  env: Record<string, string>;
  /** Answers 200 once the service is up. */
  healthUrl: string;
  startTimeoutMs?: number;
}

export interface UnexpectedExit {
  service: string;
  code: number | null;
  signal: string | null;
  at: string;
  logTail: string;
}

const ROOT = path.resolve(import.meta.dir, "../..");
const STOP_TIMEOUT_MS = 15_000;
const START_TIMEOUT_MS = 30_000;

export class ServiceProcess {
  private proc?: Subprocess;
  private expectingExit = false;
  readonly logFile: string;
  starts = 0;

  constructor(
    readonly spec: ServiceSpec,
    logDir: string,
    private readonly onUnexpectedExit: (exit: UnexpectedExit) => void,
  ) {
    fs.mkdirSync(logDir, { recursive: true });
    this.logFile = path.join(logDir, `${spec.name}.log`);
  }

  get running(): boolean {
    return this.proc !== undefined && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const fd = fs.openSync(this.logFile, "a");
    fs.writeSync(fd, `--- start ${new Date().toISOString()}\n`);
    const proc = Bun.spawn([process.execPath, path.join(ROOT, this.spec.entry)], {
      cwd: ROOT,
      env: { ...process.env, ...this.spec.env },
      stdout: fd,
      stderr: fd,
      stdin: "ignore",
    });
    fs.closeSync(fd);
    this.proc = proc;
    this.expectingExit = false;
    this.starts += 1;
    void proc.exited.then((code) => {
      if (this.proc !== proc || this.expectingExit) return;
      this.onUnexpectedExit({ service: this.spec.name, code, signal: proc.signalCode === null ? null : String(proc.signalCode), at: new Date().toISOString(), logTail: this.tail() });
    });
    const until = Date.now() + (this.spec.startTimeoutMs ?? START_TIMEOUT_MS);
    while (
      !(await fetch(this.spec.healthUrl, { signal: AbortSignal.timeout(1_000) }).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (!this.running) throw new Error(`${this.spec.name} exited during start-up:\n${this.tail()}`);
      if (Date.now() > until) throw new Error(`${this.spec.name} did not answer ${this.spec.healthUrl} within the start timeout:\n${this.tail()}`);
      await Bun.sleep(100);
    }
  }

  /** SIGKILL: no shutdown hook runs, in-flight work is cut. */
  async kill9(): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.running) return;
    this.expectingExit = true;
    proc.kill("SIGKILL");
    await proc.exited;
  }

  /** SIGTERM and wait (SIGKILL after a timeout). */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.running) return;
    this.expectingExit = true;
    proc.kill("SIGTERM");
    const done = await Promise.race([proc.exited.then(() => true), Bun.sleep(STOP_TIMEOUT_MS).then(() => false)]);
    if (!done) {
      proc.kill("SIGKILL");
      await proc.exited;
    }
  }

  tail(bytes = 3_000): string {
    try {
      const text = fs.readFileSync(this.logFile, "utf8");
      return text.slice(-bytes);
    } catch {
      return "";
    }
  }
}
