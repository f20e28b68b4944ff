// The nemesis: faults on a schedule drawn from the run's seed, one at a time, each healed before
// the next (a process killed with SIGKILL is started again, a stopped broker or database comes
// back). The schedule is printed with the seed, so a failing run can be replayed exactly.
import fs from "node:fs";
import path from "node:path";
import { urlAs } from "@ledgerflow/platform/db";
import type { Cluster } from "./cluster.ts";
import type { Random } from "./random.ts";

export const FAULT_KINDS = ["kill-ledger", "kill-relay", "kill-projector", "kill-billing", "kafka-restart", "kafka-outage", "postgres-restart", "second-ledger", "projector-rebuild"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface PlannedFault {
  kind: FaultKind;
  /** Pause before the fault, in ms (traffic flows undisturbed meanwhile). */
  gapMs: number;
  /** How long the fault lasts before it is healed, in ms. */
  downMs: number;
}

export interface FaultRecord extends PlannedFault {
  startedAt: string;
  healedAt: string;
  /** Wall time from the fault to the healed state, in ms (restarts included). */
  tookMs: number;
  /** kafka-outage: whether the relay's circuit breaker was seen open during the outage. */
  breakerOpened?: boolean;
  /** kafka-outage: when the breaker was first seen open, in ms from the stop. */
  breakerOpenedAfterMs?: number;
  /** projector-rebuild: the events in the stream when it started, and the time it was given. */
  rebuild?: { streamEvents: number; timeoutMs: number };
  error?: string;
}

/** Per fault kind: how many ran, how many failed to heal, and their heal times in seconds. */
export interface FaultKindFigures {
  kind: FaultKind;
  planned: number;
  done: number;
  failed: number;
  healMinS: number;
  healMeanS: number;
  healMaxS: number;
}

const DOWN_MS: Record<FaultKind, [number, number]> = {
  "kill-ledger": [300, 1_500],
  "kill-relay": [300, 1_500],
  "kill-projector": [300, 1_500],
  "kill-billing": [300, 1_500],
  "kafka-restart": [500, 2_000],
  // Longer than the relay's breaker needs to open (3 failures, then 1 s open).
  "kafka-outage": [6_000, 9_000],
  "postgres-restart": [800, 2_500],
  "second-ledger": [3_000, 6_000],
  "projector-rebuild": [0, 0],
};

/**
 * `counts` faults of each kind in a seeded order, with seeded gaps and durations; the gaps are
 * stretched when needed so that the schedule lasts `totalMs` at least.
 */
export function planFaults(random: Random, counts: Partial<Record<FaultKind, number>>, gapMs: [number, number], totalMs = 0): PlannedFault[] {
  const kinds: FaultKind[] = [];
  for (const kind of FAULT_KINDS) for (let i = 0; i < (counts[kind] ?? 0); i++) kinds.push(kind);
  random.shuffle(kinds);
  const plan = kinds.map((kind) => ({ kind, gapMs: random.between(gapMs[0], gapMs[1]), downMs: random.between(DOWN_MS[kind][0], DOWN_MS[kind][1]) }));
  const gaps = plan.reduce((n, f) => n + f.gapMs, 0);
  const downs = plan.reduce((n, f) => n + f.downMs, 0);
  if (gaps > 0 && gaps + downs < totalMs) {
    const stretch = (totalMs - downs) / gaps;
    for (const f of plan) f.gapMs = Math.round(f.gapMs * stretch);
  }
  return plan;
}

export interface NemesisHooks {
  setSecondLedgerUp(up: boolean): void;
  log(line: string): void;
  /** Stop early (a failing invariant, an interrupted run). */
  stopped(): boolean;
}

const ROOT = path.resolve(import.meta.dir, "../..");
/**
 * A rebuild replays the whole stream while traffic goes on adding to it, so the time it may take
 * grows with the stream: a fixed part (group join, comparisons, swap) plus the stream at its start
 * at a replay rate, net of the traffic it chases, that a healthy rebuild keeps even on a busy
 * 2-core machine (measured there at 870-2,960 events/s net with 48 clients posting). A rebuild that
 * cannot finish within this is stuck, not slow.
 */
const REBUILD_FIXED_MS = 60_000;
const REBUILD_NET_EVENTS_PER_S_MIN = 500;

export async function runNemesis(cluster: Cluster, plan: PlannedFault[], hooks: NemesisHooks): Promise<FaultRecord[]> {
  const done: FaultRecord[] = [];
  for (const [i, fault] of plan.entries()) {
    await Bun.sleep(fault.gapMs);
    if (hooks.stopped()) break;
    const started = performance.now();
    const record: FaultRecord = { ...fault, startedAt: new Date().toISOString(), healedAt: "", tookMs: 0 };
    try {
      await inject(cluster, fault, hooks, record);
    } catch (error) {
      record.error = (error as Error).message.slice(0, 2_000);
      hooks.log(`fault ${fault.kind} failed to heal: ${record.error}`);
    }
    record.tookMs = Math.round(performance.now() - started);
    record.healedAt = new Date().toISOString();
    done.push(record);
    const replayed = record.rebuild ? `, ${record.rebuild.streamEvents} events replayed (${Math.round((record.rebuild.streamEvents * 1000) / record.tookMs)}/s net)` : "";
    hooks.log(`fault ${i + 1}/${plan.length}: ${fault.kind} (down ${fault.downMs} ms) healed in ${(record.tookMs / 1000).toFixed(1)} s${replayed}`);
    // A refused rebuild leaves the live read model untouched and every process up: the schedule
    // goes on (the run still fails). Any other fault that did not heal leaves the cluster broken.
    if (record.error && fault.kind !== "projector-rebuild") break;
  }
  return done;
}

export function faultFigures(plan: PlannedFault[], done: FaultRecord[]): FaultKindFigures[] {
  return FAULT_KINDS.filter((kind) => plan.some((f) => f.kind === kind)).map((kind) => {
    const records = done.filter((f) => f.kind === kind);
    const healS = records.map((f) => f.tookMs / 1000);
    const round = (x: number) => Number(x.toFixed(1));
    return {
      kind,
      planned: plan.filter((f) => f.kind === kind).length,
      done: records.length,
      failed: records.filter((f) => f.error !== undefined).length,
      healMinS: round(healS.length ? Math.min(...healS) : 0),
      healMeanS: round(healS.length ? healS.reduce((a, b) => a + b, 0) / healS.length : 0),
      healMaxS: round(healS.length ? Math.max(...healS) : 0),
    };
  });
}

const BREAKER_SAMPLE_MS = 200;
/**
 * A Kafka outage lasts its planned time and, beyond it, until the relay's breaker was seen open
 * (the fault is a stop long enough for it to open), at most this long: a relay starved of CPU on a
 * busy machine notices later, one that never opens its breaker fails the run.
 */
const KAFKA_OUTAGE_MAX_MS = 30_000;

/** Waits `minMs`, and then until the relay's circuit breaker was seen open (at most `maxMs`); ms from the start to the first sighting. */
async function watchBreaker(c: Cluster, minMs: number, maxMs: number): Promise<number | undefined> {
  let openedAfterMs: number | undefined;
  const started = performance.now();
  for (;;) {
    const elapsed = performance.now() - started;
    if (elapsed >= maxMs || (elapsed >= minMs && openedAfterMs !== undefined)) return openedAfterMs;
    const health = await fetch(`${c.relayUrl}/healthz`, { signal: AbortSignal.timeout(1_000) }).then(
      (r) => r.json() as Promise<{ circuit_breaker?: string }>,
      () => undefined,
    );
    if (health?.circuit_breaker === "open") openedAfterMs ??= Math.round(performance.now() - started);
    await Bun.sleep(BREAKER_SAMPLE_MS);
  }
}

async function inject(c: Cluster, f: PlannedFault, hooks: NemesisHooks, record: FaultRecord): Promise<void> {
  const killAndRestart = async (s: Cluster["ledger"]) => {
    await s.kill9();
    await Bun.sleep(f.downMs);
    await s.start();
  };
  switch (f.kind) {
    case "kill-ledger":
      return killAndRestart(c.ledger);
    case "kill-relay":
      return killAndRestart(c.relay);
    case "kill-projector":
      return killAndRestart(c.projector);
    case "kill-billing":
      return killAndRestart(c.billing);
    case "kafka-restart":
      await c.stopKafka();
      await Bun.sleep(f.downMs);
      return c.startKafka();
    case "kafka-outage": {
      await c.stopKafka();
      const openedAfterMs = await watchBreaker(c, f.downMs, KAFKA_OUTAGE_MAX_MS);
      record.breakerOpened = openedAfterMs !== undefined;
      record.breakerOpenedAfterMs = openedAfterMs;
      return c.startKafka();
    }
    case "postgres-restart":
      c.pg.stopImmediate();
      await Bun.sleep(f.downMs);
      c.pg.start();
      return;
    case "second-ledger": {
      await c.ledger2.start();
      hooks.setSecondLedgerUp(true);
      await Bun.sleep(f.downMs);
      // Half of the time it is killed, half of the time it shuts down gracefully.
      if (f.downMs % 2 === 0) await c.ledger2.kill9();
      else await c.ledger2.stop();
      hooks.setSecondLedgerUp(false);
      return;
    }
    case "projector-rebuild":
      return rebuild(c, record);
  }
}

/** Runs the projector's rebuild (replay into a fresh schema, swap) as its own process, to its end. */
async function rebuild(c: Cluster, record: FaultRecord): Promise<void> {
  const [stream] = await c.sql`SELECT ((SELECT count(*) FROM ledger.transactions) + (SELECT count(*) FROM ledger.accounts))::int AS events`;
  const streamEvents = stream!.events as number;
  const timeoutMs = REBUILD_FIXED_MS + Math.ceil((streamEvents * 1000) / REBUILD_NET_EVENTS_PER_S_MIN);
  record.rebuild = { streamEvents, timeoutMs };
  const logFile = path.join(c.logDir, "projector-rebuild.log");
  const fd = fs.openSync(logFile, "a");
  fs.writeSync(fd, `--- rebuild ${new Date().toISOString()}: ${streamEvents} events in the stream, ${timeoutMs} ms given\n`);
  // At info level: its attempts and comparisons are the record of what it did.
  const proc = Bun.spawn([process.execPath, path.join(ROOT, "services/projector/src/rebuild.ts")], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: urlAs(c.databaseUrl, "projector"), KAFKA_BROKERS: c.brokers, LOG_LEVEL: "info" },
    stdout: fd,
    stderr: fd,
    stdin: "ignore",
  });
  fs.closeSync(fd);
  const timer = setTimeout(() => proc.kill("SIGKILL"), timeoutMs);
  const code = await proc.exited;
  clearTimeout(timer);
  if (code !== 0) throw new Error(`the projector rebuild exited with ${code}${proc.signalCode ? ` (${proc.signalCode}, after ${timeoutMs} ms)` : ""}: ${fs.readFileSync(logFile, "utf8").slice(-1_500)}`);
}
