// Load generators written in C, so that the ledger's figures are not the load generator's:
//   h2load (nghttp2) sends gRPC unary calls over h2c with one prebuilt binary body;
//   wrk sends Connect JSON over HTTP/1.1, with a Lua script that builds every body (distinct
//   idempotency keys, random accounts).
// Their CPU is read from the child's resource usage after it exits; they run on one thread each.
import fs from "node:fs";
import path from "node:path";
import { debianTool } from "../lib/system-deps.ts";
import type { Result } from "./measure.ts";
import { cpuMark, type Target } from "./ts-load.ts";

/** A child's CPU seconds once it has exited (user + system, from wait4's rusage). */
const childCpuSeconds = (proc: Bun.Subprocess): number => {
  const usage = proc.resourceUsage();
  return usage ? Number(usage.cpuTime.user + usage.cpuTime.system) / 1e6 : NaN;
};

export async function runTimed(t: Target, argv: string[], timeoutMs: number): Promise<{ stdout: string; cpu: NonNullable<Result["cpu"]>; seconds: number }> {
  let child = 0;
  const mark = cpuMark(t, () => child);
  const started = performance.now();
  const proc = Bun.spawn(argv, { stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => proc.kill("SIGKILL"), timeoutMs);
  const [stdout, stderr] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
  await proc.exited;
  clearTimeout(timer);
  if (proc.exitCode !== 0) throw new Error(`${path.basename(argv[0]!)} exited with ${proc.exitCode ?? proc.signalCode}: ${stderr.slice(0, 500)}`);
  child = childCpuSeconds(proc);
  return { stdout, cpu: mark(), seconds: (performance.now() - started) / 1000 };
}

/** A gRPC length-prefixed message (uncompressed): flag byte 0, 4-byte big-endian length, body. */
export function grpcFrame(message: Uint8Array): Uint8Array {
  const framed = new Uint8Array(5 + message.length);
  new DataView(framed.buffer).setUint32(1, message.length);
  framed.set(message, 5);
  return framed;
}

export interface H2loadOptions {
  name: string;
  /** e.g. http://127.0.0.1:9090/ledgerflow.ledger.v1.LedgerService/GetBalance */
  url: string;
  /** The gRPC-framed request body, sent unchanged on every stream. */
  body: Uint8Array;
  connections: number;
  streamsPerConnection: number;
  seconds: number;
  workDir: string;
  note?: string;
}

/**
 * h2load over h2c. h2load reads HTTP status only: a gRPC error travels in the trailers with
 * status 200, so the caller checks the call's outcome by other means (one call through a real
 * client before, database counts after).
 */
export async function h2loadGrpc(t: Target, o: H2loadOptions): Promise<Result> {
  const bin = debianTool("h2load", "nghttp2-client");
  fs.mkdirSync(o.workDir, { recursive: true });
  const bodyFile = path.join(o.workDir, "h2load-body.bin");
  const logFile = path.join(o.workDir, "h2load-log.tsv");
  fs.writeFileSync(bodyFile, o.body);
  fs.rmSync(logFile, { force: true });
  const run = await runTimed(
    t,
    [bin, "-t", "1", "-c", String(o.connections), "-m", String(o.streamsPerConnection), "-D", String(o.seconds), "-d", bodyFile, "-H", "content-type: application/grpc", "-H", "te: trailers", "--log-file", logFile, o.url],
    (o.seconds + 30) * 1000,
  );
  const requests = /requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored, (\d+) timeout/.exec(run.stdout);
  const finished = /finished in ([\d.]+)(ms|s),/.exec(run.stdout);
  if (!requests || !finished) throw new Error(`cannot read h2load's output:\n${run.stdout}`);
  // The log has one row per request: start (µs since epoch), HTTP status (-1 failed), duration µs.
  const latenciesMs = fs
    .readFileSync(logFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => line.split("\t"))
    .filter((f) => f[1] === "200")
    .map((f) => Number(f[2]) / 1000);
  const seconds = Number(finished[1]) / (finished[2] === "ms" ? 1000 : 1);
  return {
    name: o.name,
    generator: "h2load",
    transfers: Number(requests[4]),
    seconds,
    latenciesMs,
    errors: Number(requests[5]) + Number(requests[6]) + Number(requests[7]),
    cpu: run.cpu,
    note: o.note,
  };
}

/** "fixed": the same body on every request (`body`), e.g. a replay or a point read. */
export type WrkKind = "single" | "hot" | "batch" | "fixed";

export interface WrkOptions {
  name: string;
  /** e.g. http://127.0.0.1:8081/ledgerflow.ledger.v1.LedgerService/PostTransaction */
  url: string;
  kind: WrkKind;
  /** Account ids to pick from at random; `fees` is credited by every "hot" transfer. */
  accounts: string[];
  fees?: string;
  /** Unique per run: idempotency keys are `${keyPrefix}-${thread}-${n}`. */
  keyPrefix: string;
  connections: number;
  seconds: number;
  workDir: string;
  /** Transactions per request for kind "batch". */
  batchSize?: number;
  /** The JSON body of every request, for kind "fixed". */
  body?: string;
  note?: string;
}

/** The Lua script: builds a fresh Connect JSON body per request, reports percentiles at the end. */
function wrkScript(o: WrkOptions, accountsFile: string): string {
  return `-- Generated by scripts/bench/c-load.ts
local kind, prefix, fees, batch = ${JSON.stringify(o.kind)}, ${JSON.stringify(o.keyPrefix)}, ${JSON.stringify(o.fees ?? "")}, ${o.batchSize ?? 100}
local fixed = ${JSON.stringify(o.body ?? "")}
local accounts = {}
for line in io.lines(${JSON.stringify(accountsFile)}) do accounts[#accounts + 1] = line end
local counter = 0
local threads = 0
local headers = { ["Content-Type"] = "application/json" }

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0))
end

local function leg(account, direction, amount)
  return '{"accountId":"' .. account .. '","direction":"DIRECTION_' .. direction .. '","amount":"' .. amount .. '"}'
end

local function pick()
  return accounts[math.random(#accounts)]
end

local function transfer()
  counter = counter + 1
  local key = '"idempotencyKey":"' .. prefix .. "-" .. (tid or 0) .. "-" .. counter .. '"'
  if kind == "hot" then
    return "{" .. key .. ',"entries":[' .. leg(pick(), "DEBIT", "11") .. "," .. leg(pick(), "CREDIT", "10") .. "," .. leg(fees, "CREDIT", "1") .. "]}"
  end
  return "{" .. key .. ',"entries":[' .. leg(pick(), "DEBIT", "1") .. "," .. leg(pick(), "CREDIT", "1") .. "]}"
end

request = function()
  if kind == "fixed" then
    return wrk.format("POST", nil, headers, fixed)
  end
  if kind == "batch" then
    local items = {}
    for i = 1, batch do items[i] = transfer() end
    return wrk.format("POST", nil, headers, '{"mode":"BATCH_MODE_INDEPENDENT","transactions":[' .. table.concat(items, ",") .. "]}")
  end
  return wrk.format("POST", nil, headers, transfer())
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK_RESULT %d %d %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    e.status, e.connect + e.read + e.write, e.timeout, latency:percentile(50), latency:percentile(99), latency.min, latency.max))
end
`;
}

/** wrk over HTTP/1.1 keep-alive, Connect JSON; every request a new posting (or batch of them). */
export async function wrkConnect(t: Target, o: WrkOptions): Promise<Result> {
  const bin = debianTool("wrk");
  fs.mkdirSync(o.workDir, { recursive: true });
  const accountsFile = path.join(o.workDir, "wrk-accounts.txt");
  const scriptFile = path.join(o.workDir, `wrk-${o.kind}.lua`);
  fs.writeFileSync(accountsFile, `${o.accounts.join("\n")}\n`);
  fs.writeFileSync(scriptFile, wrkScript(o, accountsFile));
  const run = await runTimed(t, [bin, "-t", "1", "-c", String(o.connections), "-d", `${o.seconds}s`, "--timeout", "10s", "-s", scriptFile, o.url], (o.seconds + 30) * 1000);
  const m = /WRK_RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(run.stdout);
  if (!m) throw new Error(`cannot read wrk's output:\n${run.stdout}`);
  const [requests, durationUs, statusErrors, socketErrors, timeouts, p50Us, p99Us] = m.slice(1).map(Number) as number[];
  const ok = requests! - statusErrors!;
  return {
    name: o.name,
    generator: "wrk",
    transfers: ok * (o.kind === "batch" ? (o.batchSize ?? 100) : 1),
    seconds: durationUs! / 1e6,
    latenciesMs: [],
    percentilesMs: { p50: p50Us! / 1000, p99: p99Us! / 1000 },
    errors: statusErrors! + socketErrors! + timeouts!,
    cpu: run.cpu,
    note: o.note,
  };
}
