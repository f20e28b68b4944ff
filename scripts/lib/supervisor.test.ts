// The supervisor with real processes: a service that keeps crashing is restarted after doubling
// delays and given up after the bound, the others keep running; stop() ends the rest.
import { expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Supervisor } from "./supervisor.ts";

test("crashes in a row: doubling backoff up to its cap, then given up; the other service stays up until stop()", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "supervisor-"));
  fs.writeFileSync(path.join(root, "crash.ts"), "process.exit(3);\n");
  fs.writeFileSync(path.join(root, "steady.ts"), "setInterval(() => {}, 1000);\n");
  const lines: string[] = [];
  const supervisor = new Supervisor({
    root,
    env: process.env as Record<string, string>,
    say: (l) => lines.push(l),
    services: [
      { name: "crash", entry: "crash.ts", healthUrl: "http://127.0.0.1:1/" },
      { name: "steady", entry: "steady.ts", healthUrl: "http://127.0.0.1:1/" },
    ],
    restartDelayMs: 200,
    restartDelayMaxMs: 600,
    restartsMax: 3,
  });
  try {
    supervisor.start();
    const steady = supervisor.pid("steady");
    const until = Date.now() + 20_000;
    while (!lines.some((l) => l.includes("giving up")) && Date.now() < until) await Bun.sleep(50);
    const crashes = lines.filter((l) => l.startsWith("crash exited with code 3"));
    expect(crashes.map((l) => /restarting it in ([\d.]+) s/.exec(l)?.[1])).toEqual(["0.2", "0.4", "0.6", undefined]);
    expect(crashes[0]!.replace(/after [\d.]+ s/, "after _")).toBe("crash exited with code 3 after _; restarting it in 0.2 s");
    expect(crashes[3]).toContain("3 restarts in a row failed, giving up on it");
    expect(supervisor.restarts("crash")).toBe(3);
    expect(supervisor.pid("steady")).toBe(steady);
    expect(() => process.kill(steady!, 0)).not.toThrow();
    await supervisor.stop();
    await Bun.sleep(100);
    expect(() => process.kill(steady!, 0)).toThrow();
  } finally {
    await supervisor.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}, 30_000);
