// The overload check: offered load far above capacity (OVERLOAD_IN_FLIGHT requests in flight, each
// with a short deadline) must be refused quickly, UNAVAILABLE or DEADLINE_EXCEEDED, never answered
// after its deadline; the ledger's memory stays bounded; and once the load drops, throughput is
// back to its level before within seconds.
//
// The clients share the machine with the cluster: when this process is not scheduled, an answer
// that came in time is seen late. A ticker measures those stalls of the client's own event loop,
// and an answer counts as past its deadline only if it is late beyond the stall the client had
// while waiting for it (the raw figure is reported beside it).
import fs from "node:fs";
import { Code, ConnectError } from "@connectrpc/connect";
import { Direction } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import type { Cluster } from "./cluster.ts";
import { ledgerClient, type Books } from "./workload.ts";

export interface OverloadFigures {
  ok: boolean;
  baselinePerSecond: number;
  offeredInFlight: number;
  deadlineMs: number;
  requests: number;
  acked: number;
  refused: Record<string, number>;
  refusalP50Ms: number;
  refusalP99Ms: number;
  /** Answers that came later than the deadline plus LATE_SLACK_MS, beyond the client's own stall. */
  pastDeadline: number;
  /** Answers seen later than the deadline plus LATE_SLACK_MS, stalls of the client included. */
  seenLate: number;
  /** The client's event-loop stalls during the overload (a 10 ms ticker's lateness). */
  clientStallP99Ms: number;
  clientStallMaxMs: number;
  /** The first message of each refusal code. */
  refusalMessages: Record<string, string>;
  rssBeforeMb: number;
  rssPeakMb: number;
  rssAfterMb: number;
  recoveredInSeconds: number;
}

const OVERLOAD_IN_FLIGHT = 1_000;
const OVERLOAD_MS = 6_000;
const DEADLINE_MS = 1_000;
const LATE_SLACK_MS = 500;
const NORMAL_CLIENTS = 32;
const RSS_MAX_MB = 1_024;
const RECOVERY_MAX_S = 10;
const TICK_MS = 10;

/** Records how late a TICK_MS ticker fires: the stalls of this process's event loop. */
class StallMeter {
  private readonly ticks: { at: number; lateMs: number }[] = [];
  private last = performance.now();
  private readonly timer = setInterval(() => {
    const now = performance.now();
    this.ticks.push({ at: now, lateMs: Math.max(0, now - this.last - TICK_MS) });
    this.last = now;
  }, TICK_MS);

  stop(): void {
    clearInterval(this.timer);
  }

  /** The longest stall that ended within [from, to] (a stall ending after `to` did not delay an answer seen at `to`). */
  maxWithin(from: number, to: number): number {
    let max = 0;
    // Ticks are in time order: search back from the end.
    for (let i = this.ticks.length - 1; i >= 0; i--) {
      const t = this.ticks[i]!;
      if (t.at > to) continue;
      if (t.at < from) break;
      if (t.lateMs > max) max = t.lateMs;
    }
    return max;
  }

  lateness(): number[] {
    return this.ticks.map((t) => t.lateMs);
  }
}

const rssMb = (pid: number | undefined): number => {
  if (pid === undefined) return 0;
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
};
const percentile = (xs: number[], p: number) => (xs.length === 0 ? 0 : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!);

export async function runOverload(c: Cluster, books: Books, log: (l: string) => void): Promise<OverloadFigures> {
  const client = ledgerClient(c.ledgerGrpcUrls[0]);
  const b = books.byCurrency.USD!;
  let n = 0;
  const transfer = (timeoutMs: number) =>
    client.postTransaction(
      {
        idempotencyKey: `overload-${++n}`,
        entries: [
          { accountId: b.bank, direction: Direction.DEBIT, amount: "1" },
          { accountId: b.customers[n % b.customers.length]!, direction: Direction.CREDIT, amount: "1" },
        ],
      },
      { timeoutMs },
    );
  /** Acknowledged transfers per second with NORMAL_CLIENTS clients over `ms`. */
  const rate = async (ms: number) => {
    let acked = 0;
    const end = performance.now() + ms;
    await Promise.all(
      Array.from({ length: NORMAL_CLIENTS }, async () => {
        while (performance.now() < end)
          await transfer(2_000).then(
            () => acked++,
            () => Bun.sleep(20),
          );
      }),
    );
    return (acked * 1000) / ms;
  };
  const baseline = await rate(3_000);
  const rssBefore = rssMb(c.ledger.pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(c.ledger.pid))), 200);
  const refused: Record<string, number> = {};
  const refusalMessages: Record<string, string> = {};
  const refusalMs: number[] = [];
  let acked = 0;
  let requests = 0;
  let late = 0;
  let seenLate = 0;
  const stalls = new StallMeter();
  const end = performance.now() + OVERLOAD_MS;
  await Promise.all(
    Array.from({ length: OVERLOAD_IN_FLIGHT }, async () => {
      while (performance.now() < end) {
        const started = performance.now();
        requests += 1;
        try {
          await transfer(DEADLINE_MS);
          acked += 1;
        } catch (error) {
          const e = ConnectError.from(error);
          const code = Code[e.code];
          refused[code] = (refused[code] ?? 0) + 1;
          refusalMessages[code] ??= e.rawMessage.slice(0, 300);
          refusalMs.push(performance.now() - started);
        }
        const answered = performance.now();
        const tookMs = answered - started;
        if (tookMs > DEADLINE_MS + LATE_SLACK_MS) {
          seenLate += 1;
          if (tookMs - stalls.maxWithin(started, answered) > DEADLINE_MS + LATE_SLACK_MS) late += 1;
        }
      }
    }),
  );
  stalls.stop();
  clearInterval(sampler);
  const dropped = performance.now();
  let recoveredInSeconds = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RECOVERY_MAX_S * 2; i++) {
    if ((await rate(1_000)) >= baseline * 0.7) {
      recoveredInSeconds = (performance.now() - dropped) / 1000;
      break;
    }
  }
  const figures: OverloadFigures = {
    ok: false,
    baselinePerSecond: Math.round(baseline),
    offeredInFlight: OVERLOAD_IN_FLIGHT,
    deadlineMs: DEADLINE_MS,
    requests,
    acked,
    refused,
    refusalP50Ms: Math.round(percentile(refusalMs, 0.5)),
    refusalP99Ms: Math.round(percentile(refusalMs, 0.99)),
    pastDeadline: late,
    seenLate,
    clientStallP99Ms: Math.round(percentile(stalls.lateness(), 0.99)),
    clientStallMaxMs: Math.round(Math.max(0, ...stalls.lateness())),
    refusalMessages,
    rssBeforeMb: rssBefore,
    rssPeakMb: rssPeak,
    rssAfterMb: rssMb(c.ledger.pid),
    recoveredInSeconds: Number(recoveredInSeconds.toFixed(1)),
  };
  figures.ok = late === 0 && rssPeak < RSS_MAX_MB && recoveredInSeconds <= RECOVERY_MAX_S;
  log(`overload: ${JSON.stringify(figures)}`);
  return figures;
}
