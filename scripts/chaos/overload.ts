// The overload check: offered load far above capacity (OVERLOAD_IN_FLIGHT requests in flight, each
// with a short deadline) must be refused quickly, UNAVAILABLE or DEADLINE_EXCEEDED, never answered
// after its deadline; the ledger's memory stays bounded; and once the load drops, throughput is
// back to its level before within seconds.
import fs from "node:fs";
import { Code, ConnectError } from "@connectrpc/connect";
import { Direction } from "../../proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
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
  /** Answers that came later than the deadline plus LATE_SLACK_MS. */
  pastDeadline: number;
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
  const refusalMs: number[] = [];
  let acked = 0;
  let requests = 0;
  let late = 0;
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
          const code = Code[ConnectError.from(error).code];
          refused[code] = (refused[code] ?? 0) + 1;
          refusalMs.push(performance.now() - started);
        }
        if (performance.now() - started > DEADLINE_MS + LATE_SLACK_MS) late += 1;
      }
    }),
  );
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
    rssBeforeMb: rssBefore,
    rssPeakMb: rssPeak,
    rssAfterMb: rssMb(c.ledger.pid),
    recoveredInSeconds: Number(recoveredInSeconds.toFixed(1)),
  };
  figures.ok = late === 0 && rssPeak < RSS_MAX_MB && recoveredInSeconds <= RECOVERY_MAX_S;
  log(`overload: ${JSON.stringify(figures)}`);
  return figures;
}
