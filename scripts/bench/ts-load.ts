// The project's own load generator: the connect-es gRPC client in this process. Closed loop
// (each caller waits for its answer) and open loop (calls start on a fixed schedule whatever the
// latency, and each latency is counted from the call's scheduled start, so a slow ledger cannot
// hide queueing: no coordinated omission).
import { clusterCpuSeconds, procCpuSeconds, type CpuSplit, type Result } from "./measure.ts";

/** The processes a workload bills: the ledger and its Postgres cluster. */
export interface Target {
  ledgerPid?: number;
  pgDataDir: string;
}

const selfCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

export function cpuMark(t: Target, generatorSeconds: () => number = selfCpuSeconds): () => CpuSplit {
  const ledger = () => (t.ledgerPid ? procCpuSeconds(t.ledgerPid) : 0);
  const start = { ledger: ledger(), postgres: clusterCpuSeconds(t.pgDataDir), generator: generatorSeconds() };
  return () => ({
    ledger: ledger() - start.ledger,
    postgres: clusterCpuSeconds(t.pgDataDir) - start.postgres,
    generator: generatorSeconds() - start.generator,
  });
}

/** `clients` callers for `seconds`, each calling again as soon as its previous call returns. */
export async function closedLoop(t: Target, name: string, clients: number, seconds: number, call: () => Promise<number>): Promise<Result> {
  const until = performance.now() + seconds * 1000;
  const latenciesMs: number[] = [];
  let transfers = 0;
  let errors = 0;
  const started = performance.now();
  const cpu = cpuMark(t);
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        try {
          // Read the count after the await: `transfers += await call()` would add to a stale value.
          const n = await call();
          transfers += n;
          latenciesMs.push(performance.now() - t0);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  return { name, generator: "ts", transfers, seconds: (performance.now() - started) / 1000, latenciesMs, errors, cpu: cpu() };
}

/** Calls due every 1/rate s for `seconds`; at most `inflightMax` outstanding (then counted as errors). */
export async function openLoop(t: Target, name: string, ratePerSecond: number, seconds: number, call: () => Promise<number>, inflightMax = 10_000): Promise<Result> {
  const total = Math.round(ratePerSecond * seconds);
  const latenciesMs: number[] = [];
  let transfers = 0;
  let errors = 0;
  let inflight = 0;
  const pending: Promise<void>[] = [];
  const cpu = cpuMark(t);
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 1) await Bun.sleep(wait);
    if (inflight >= inflightMax) {
      errors += 1;
      continue;
    }
    inflight += 1;
    pending.push(
      call()
        .then(
          (n) => {
            transfers += n;
            latenciesMs.push(performance.now() - due);
          },
          () => {
            errors += 1;
          },
        )
        .finally(() => {
          inflight -= 1;
        }),
    );
  }
  await Promise.all(pending);
  return { name, generator: "ts", transfers, seconds: (performance.now() - started) / 1000, latenciesMs, errors, cpu: cpu() };
}
