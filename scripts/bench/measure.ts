// What the benchmark measures and how it prints it: CPU seconds per process from /proc, peak
// RSS, latency percentiles, and the table rows (rate, p50/p99, CPU per transfer per process,
// ratio to the same run's pgbench).
import fs from "node:fs";
import path from "node:path";

/** Clock ticks per second of /proc/<pid>/stat times (Linux reports USER_HZ = 100 everywhere). */
const TICKS_PER_SECOND = 100;

function statFields(pid: number): string[] {
  // The command name (field 2) may hold spaces; everything after its closing parenthesis is fixed.
  const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  return text.slice(text.lastIndexOf(") ") + 2).split(" ");
}

/** utime + stime of one process, in seconds (fields 14 and 15 of stat; 12 and 13 after the name). */
export function procCpuSeconds(pid: number): number {
  const f = statFields(pid);
  return (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND;
}

/**
 * CPU seconds of one Postgres cluster: the postmaster, its live children, and the children it
 * has already reaped (cutime + cstime), so backends that exit during a workload (pgbench's) still
 * count. Only this cluster: other clusters on a shared machine are not ours to bill.
 */
export function clusterCpuSeconds(dataDir: string): number {
  const postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  const own = statFields(postmaster);
  let seconds = (Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])) / TICKS_PER_SECOND;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const f = statFields(Number(entry));
      if (Number(f[1]) === postmaster) seconds += (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND;
    } catch {
      // The process exited between the listing and the read: its time is now in the parent's cutime.
    }
  }
  return seconds;
}

/** Peak resident set (VmHWM) of a process, in MB. */
export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** Resets the peak-RSS mark of a process (Linux clear_refs "5"). */
export function resetPeakRss(pid: number): void {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

/** CPU seconds spent during a workload by the ledger, its Postgres cluster and the load generator. */
export interface CpuSplit {
  ledger: number;
  postgres: number;
  generator: number;
}

export interface Result {
  name: string;
  /** Which load generator drove it: ts (the project's gRPC client), h2load, wrk, pgbench. */
  generator: string;
  transfers: number;
  seconds: number;
  latenciesMs: number[];
  /** Percentiles reported by an external load generator, when it gives no per-call latencies. */
  percentilesMs?: { p50: number; p99: number };
  errors: number;
  cpu?: CpuSplit;
  /** The pgbench figure this workload is compared with (same run), and its name. */
  baseline?: { name: string; rate: number };
  /** Unit of the rate column when it is not transfers (e.g. "reads/s"). */
  unit?: string;
  note?: string;
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const rate = (r: Result): number => r.transfers / r.seconds;
export const p50Of = (r: Result): number =>
  r.percentilesMs?.p50 ??
  percentile(
    [...r.latenciesMs].sort((a, b) => a - b),
    50,
  );
export const p99Of = (r: Result): number =>
  r.percentilesMs?.p99 ??
  percentile(
    [...r.latenciesMs].sort((a, b) => a - b),
    99,
  );

const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v.toFixed(1)) : "–");
const us = (seconds: number, transfers: number) => ((seconds / Math.max(1, transfers)) * 1e6).toFixed(0);

/** One line of the table: rate, p50/p99, CPU per transfer per process, ratio to pgbench. */
export function formatRow(r: Result): string {
  const cpu = r.cpu ? `${us(r.cpu.ledger, r.transfers)} / ${us(r.cpu.postgres, r.transfers)} / ${us(r.cpu.generator, r.transfers)}` : "";
  const ratio = r.baseline ? `${(rate(r) / r.baseline.rate).toFixed(2)}x ${r.baseline.name}` : "";
  return [
    r.name.padEnd(52),
    r.generator.padEnd(7),
    `${rate(r).toFixed(0).padStart(7)} ${(r.unit ?? "/s").padEnd(8)}`,
    `p50 ${ms(p50Of(r)).padStart(6)}  p99 ${ms(p99Of(r)).padStart(6)} ms`,
    `err ${String(r.errors).padStart(3)}`,
    cpu.padStart(17),
    ratio,
    r.note ?? "",
  ]
    .join("  ")
    .trimEnd();
}

export const tableHeader = `${["workload".padEnd(52), "driver ", "   rate        ", "latency                    ", "errors ", "cpu µs/transfer", "vs pgbench"].join("  ")}\n${" ".repeat(52 + 2 + 7 + 2 + 16 + 2 + 27 + 2 + 7 + 2)}ledger/pg/driver`;
