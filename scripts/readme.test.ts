// The README's walkthrough, run as written: every ```sh block between the walkthrough markers, in
// order, in one bash shell (variables carry over, as for a reader), against a platform started
// by scripts/start.ts on free ports (the README's default ports are swapped for them). A block
// fails on a non-zero exit, and on an error code in its output unless a marker before it says
// the block shows that error. Bounded: the shell is killed after a few minutes.
import { afterAll, beforeAll, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@ledgerflow/platform/testing";
import { startPlatformForTest, type TestPlatform } from "./lib/test-platform.ts";

const ROOT = path.resolve(import.meta.dir, "..");
const SHELL_TIMEOUT_MS = 240_000;
const CODES = [
  "canceled",
  "unknown",
  "invalid_argument",
  "deadline_exceeded",
  "not_found",
  "already_exists",
  "permission_denied",
  "resource_exhausted",
  "failed_precondition",
  "aborted",
  "out_of_range",
  "unimplemented",
  "internal",
  "unavailable",
  "data_loss",
  "unauthenticated",
];

export interface WalkthroughBlock {
  line: number;
  script: string;
  /** Error codes the block demonstrates. */
  expect: string[];
}

/** The ```sh blocks between `<!-- walkthrough:start -->` and `<!-- walkthrough:end -->`. */
export function walkthroughBlocks(markdown: string): WalkthroughBlock[] {
  const lines = markdown.split("\n");
  const from = lines.indexOf("<!-- walkthrough:start -->");
  const to = lines.indexOf("<!-- walkthrough:end -->");
  if (from < 0 || to < from) throw new Error("the README has no walkthrough markers");
  const blocks: WalkthroughBlock[] = [];
  let expectNext: string[] = [];
  for (let i = from + 1; i < to; i++) {
    const marker = /^<!-- walkthrough:expect ([a-z_ ]+) -->$/.exec(lines[i]!);
    if (marker) expectNext = marker[1]!.trim().split(/\s+/);
    if (lines[i] !== "```sh") continue;
    const end = lines.indexOf("```", i + 1);
    if (end < 0 || end > to) throw new Error(`README line ${i + 1}: unterminated block`);
    blocks.push({ line: i + 1, script: lines.slice(i + 1, end).join("\n"), expect: expectNext });
    expectNext = [];
    i = end;
  }
  return blocks;
}

let db: TestDatabase;
let platform: TestPlatform;

beforeAll(async () => {
  db = await createTestDatabase({ max: 2 });
  platform = await startPlatformForTest({ databaseUrl: db.url, name: "readme" });
}, 150_000);

afterAll(async () => {
  await platform?.stop();
  await db?.close();
}, 30_000);

test("every command of the README's walkthrough works as written", async () => {
  const blocks = walkthroughBlocks(fs.readFileSync(path.join(ROOT, "README.md"), "utf8"));
  expect(blocks.length).toBeGreaterThanOrEqual(8);
  const port = (url: string) => new URL(url).port;
  const u = platform.urls;
  const ports: [string, string][] = [
    ["8080", port(u.dashboard)],
    ["8081", port(u.ledger)],
    ["8082", port(u.projector)],
    ["8083", port(u.billing)],
    ["8084", port(u.relay)],
    ["9090", port(u.ledgerGrpc)],
  ];
  const local = (script: string) => ports.reduce((s, [from, to]) => s.replaceAll(`localhost:${from}`, `127.0.0.1:${to}`), script);
  const script = ["set -euo pipefail", ...blocks.flatMap((b, i) => [`echo "@@block ${i}"`, local(b.script), "echo"]), 'echo "@@done"'].join("\n");

  // A reader's shell: no DATABASE_URL (the commands find the running platform's), the platform's
  // state file where this platform wrote it.
  const env: Record<string, string> = { ...(process.env as Record<string, string>), LEDGERFLOW_PLATFORM_FILE: platform.stateFile, LOG_LEVEL: "info" };
  delete env.DATABASE_URL;
  delete env.KAFKA_BROKERS;
  const shell = Bun.spawn(["bash", "-c", script], { cwd: ROOT, env, stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => shell.kill("SIGKILL"), SHELL_TIMEOUT_MS);
  const [out, err, code] = await Promise.all([new Response(shell.stdout).text(), new Response(shell.stderr).text(), shell.exited]);
  clearTimeout(timer);

  const outputs = out.split(/^@@block \d+$/m).slice(1);
  const last = outputs.length - 1;
  const failedAt = blocks[Math.max(0, last)]!;
  if (code !== 0 || !out.includes("@@done")) {
    throw new Error(`README block at line ${failedAt.line} failed (exit ${code}):\n${failedAt.script}\n--- output\n${(outputs[last] ?? "").slice(-2000)}\n--- stderr\n${err.slice(-2000)}`);
  }
  blocks.forEach((b, i) => {
    const output = outputs[i]!;
    const codes = CODES.filter((c) => output.includes(`"code":"${c}"`));
    expect({ line: b.line, codes }).toEqual({ line: b.line, codes: b.expect });
    expect({ line: b.line, empty: output.trim() === "" }).toEqual({ line: b.line, empty: false });
  });
  // What the walkthrough left behind is what it says.
  const [alice] = await db.sql`SELECT b.posted_credits - b.posted_debits AS balance FROM ledger.accounts a JOIN ledger.balances b ON b.account_id = a.id WHERE a.code = 'wallet:alice'`;
  expect(String(alice!.balance)).toBe("740");
  expect(out).toContain("swapped in");
}, 300_000);

test("the walkthrough parser finds blocks and their expected errors", () => {
  const md = ["x", "<!-- walkthrough:start -->", "```sh", "a", "```", "<!-- walkthrough:expect not_found -->", "```sh", "b", "c", "```", "```json", "{}", "```", "<!-- walkthrough:end -->", "```sh", "outside", "```"].join("\n");
  expect(walkthroughBlocks(md)).toEqual([
    { line: 3, script: "a", expect: [] },
    { line: 7, script: "b\nc", expect: ["not_found"] },
  ]);
  expect(() => walkthroughBlocks("no markers")).toThrow(/markers/);
});
