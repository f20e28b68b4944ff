// The posting workloads, each driven by the project's TypeScript gRPC client and, where a C load
// generator can drive it honestly, by wrk (Connect JSON, a new idempotency key per transfer) and
// h2load (gRPC with one fixed body: every call after the first is a replay, so h2load measures
// the replay path and point reads, never postings).
import { create, toBinary, toJsonString } from "@bufbuild/protobuf";
import type { Sql } from "postgres";
import { BatchMode, Direction, GetBalanceRequestSchema, PostTransactionRequestSchema } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { grpcFrame, h2loadGrpc, wrkConnect } from "./c-load.ts";
import type { LedgerProcess } from "./ledger-process.ts";
import { formatRow, type Result } from "./measure.ts";
import { closedLoop, openLoop, type Target } from "./ts-load.ts";

const SERVICE = "ledgerflow.ledger.v1.LedgerService";
/** Requests abandoned by wrk when its time is up may still commit: wait for them before counting. */
const SETTLE_MS = 1_000;

export interface Bench {
  sql: Sql;
  ledger: LedgerProcess;
  target: Target;
  wallets: string[];
  fees: string;
  seconds: number;
  workDir: string;
  /** Distinguishes idempotency keys across runs on one database (scale mode reuses it). */
  runId: string;
  results: Result[];
}

export interface PostingFigures {
  single64: Result;
  single64Wrk: Result;
  batch100: Result;
  batch100Wrk: Result;
  open1000: Result;
  single1: Result;
  single1Wrk: Result;
  hot64: Result;
  hot64Wrk: Result;
  single16: Result;
}

const committedSince = async (sql: Sql, since: Date): Promise<number> => (await sql`SELECT count(*)::int AS n FROM ledger.transactions WHERE ledger = 'main' AND created_at >= ${since}`)[0]!.n as number;

/** Runs one workload, checks the journal holds at least the transfers it reported, prints its row. */
async function measured(b: Bench, run: () => Promise<Result>): Promise<Result> {
  const since = new Date(Date.now() - 1);
  const r = await run();
  await Bun.sleep(SETTLE_MS);
  const committed = await committedSince(b.sql, since);
  if (committed < r.transfers) r.note = `${r.note ?? ""} ONLY ${committed} COMMITTED`.trim();
  b.results.push(r);
  console.log(formatRow(r));
  return r;
}

export async function postingWorkloads(b: Bench, label = ""): Promise<PostingFigures> {
  let key = 0;
  const random = () => b.wallets[Math.floor(Math.random() * b.wallets.length)]!;
  /** Two different wallets: the ledger refuses a transaction that debits and credits one account. */
  const pair = (): [string, string] => {
    const from = random();
    let to = random();
    while (to === from) to = random();
    return [from, to];
  };
  const transfer = (from: string, to: string, amount: string) => ({
    idempotencyKey: `${b.runId}-${++key}`,
    entries: [
      { accountId: from, direction: Direction.DEBIT, amount },
      { accountId: to, direction: Direction.CREDIT, amount },
    ],
  });
  const single = async () => {
    await b.ledger.client.postTransaction(transfer(...pair(), "1"));
    return 1;
  };
  const hot = async () => {
    const [from, to] = pair();
    await b.ledger.client.postTransaction({
      idempotencyKey: `${b.runId}-${++key}`,
      entries: [
        { accountId: from, direction: Direction.DEBIT, amount: "11" },
        { accountId: to, direction: Direction.CREDIT, amount: "10" },
        { accountId: b.fees, direction: Direction.CREDIT, amount: "1" },
      ],
    });
    return 1;
  };
  const batch = async () => {
    await b.ledger.client.postTransactions({ mode: BatchMode.INDEPENDENT, transactions: Array.from({ length: 100 }, () => transfer(...pair(), "1")) });
    return 100;
  };
  const connect = (method: string) => `${b.ledger.httpUrl}/${SERVICE}/${method}`;
  const wrk = (name: string, kind: "single" | "hot" | "batch", connections: number) =>
    measured(b, () =>
      wrkConnect(b.target, {
        name: `${label}${name}`,
        url: connect(kind === "batch" ? "PostTransactions" : "PostTransaction"),
        kind,
        accounts: b.wallets,
        fees: b.fees,
        keyPrefix: `${b.runId}-wrk-${kind}-${connections}`,
        connections,
        seconds: b.seconds,
        workDir: b.workDir,
      }),
    );
  const ts = (name: string, clients: number, call: () => Promise<number>) => measured(b, () => closedLoop(b.target, `${label}${name}`, clients, b.seconds, call));

  await closedLoop(b.target, "warm-up", 16, Math.max(2, b.seconds / 2), single);
  const single64 = await ts("PostTransaction, uniform, 64 clients", 64, single);
  const single64Wrk = await wrk("PostTransaction, uniform, 64 connections", "single", 64);
  const single16 = await ts("PostTransaction, uniform, 16 clients", 16, single);
  const hot64 = await ts("PostTransaction, hot fee account, 64 clients", 64, hot);
  const hot64Wrk = await wrk("PostTransaction, hot fee account, 64 connections", "hot", 64);
  const batch100 = await ts("PostTransactions, batches of 100, 8 clients", 8, batch);
  const batch100Wrk = await wrk("PostTransactions, batches of 100, 8 connections", "batch", 8);
  const single1 = await ts("PostTransaction, 1 client", 1, single);
  const single1Wrk = await wrk("PostTransaction, 1 connection", "single", 1);
  const open1000 = await measured(b, () => openLoop(b.target, `${label}PostTransaction, 1,000/s offered (open loop)`, 1000, b.seconds, single));
  return { single64, single64Wrk, single16, hot64, hot64Wrk, batch100, batch100Wrk, single1, single1Wrk, open1000 };
}

/**
 * gRPC through h2load, one body for every call. A replay of a known key: the first call is made
 * by the TypeScript client (so its outcome is checked), then every h2load call must replay it —
 * the journal must not grow. GetBalance: a point read, checked once through the client.
 */
export async function h2loadWorkloads(b: Bench, label = ""): Promise<void> {
  const grpc = (method: string) => `${b.ledger.grpcUrl}/${SERVICE}/${method}`;
  const replay = create(PostTransactionRequestSchema, {
    idempotencyKey: `${b.runId}-h2load-replay`,
    entries: [
      { accountId: b.wallets[0]!, direction: Direction.DEBIT, amount: "1" },
      { accountId: b.wallets[1]!, direction: Direction.CREDIT, amount: "1" },
    ],
  });
  await b.ledger.client.postTransaction(replay);
  const balance = create(GetBalanceRequestSchema, { accountId: b.wallets[2]! });
  await b.ledger.client.getBalance(balance);
  for (const [name, streams] of [
    ["64 streams", 64],
    ["1 stream", 1],
  ] as const) {
    const since = new Date();
    const r = await h2loadGrpc(b.target, {
      name: `${label}PostTransaction replay (same key), ${name}`,
      url: grpc("PostTransaction"),
      body: grpcFrame(toBinary(PostTransactionRequestSchema, replay)),
      connections: 1,
      streamsPerConnection: streams,
      seconds: b.seconds,
      workDir: b.workDir,
      note: "replays, not postings",
    });
    const grew = await committedSince(b.sql, since);
    if (grew > 0) r.note = `${r.note} JOURNAL GREW BY ${grew}`;
    b.results.push(r);
    console.log(formatRow(r));
  }
  // The same replay over Connect JSON on HTTP/1.1 (wrk, 64 connections): one call, two protocols.
  const since = new Date();
  const replayWrk = await wrkConnect(b.target, {
    name: `${label}PostTransaction replay (same key), Connect JSON, 64 connections`,
    url: `${b.ledger.httpUrl}/${SERVICE}/PostTransaction`,
    kind: "fixed",
    body: toJsonString(PostTransactionRequestSchema, replay),
    accounts: [],
    keyPrefix: `${b.runId}-wrk-replay`,
    connections: 64,
    seconds: b.seconds,
    workDir: b.workDir,
    note: "replays, not postings",
  });
  const grew = await committedSince(b.sql, since);
  if (grew > 0) replayWrk.note = `${replayWrk.note} JOURNAL GREW BY ${grew}`;
  b.results.push(replayWrk);
  console.log(formatRow(replayWrk));
  const reads = await h2loadGrpc(b.target, {
    name: `${label}GetBalance, 64 streams`,
    url: grpc("GetBalance"),
    body: grpcFrame(toBinary(GetBalanceRequestSchema, balance)),
    connections: 1,
    streamsPerConnection: 64,
    seconds: b.seconds,
    workDir: b.workDir,
  });
  reads.unit = "reads/s";
  b.results.push(reads);
  console.log(formatRow(reads));
  const readsWrk = await wrkConnect(b.target, {
    name: `${label}GetBalance, Connect JSON, 64 connections`,
    url: `${b.ledger.httpUrl}/${SERVICE}/GetBalance`,
    kind: "fixed",
    body: toJsonString(GetBalanceRequestSchema, balance),
    accounts: [],
    keyPrefix: `${b.runId}-wrk-read`,
    connections: 64,
    seconds: b.seconds,
    workDir: b.workDir,
  });
  readsWrk.unit = "reads/s";
  b.results.push(readsWrk);
  console.log(formatRow(readsWrk));
  const tsReads = await closedLoop(b.target, `${label}GetBalance, 64 clients`, 64, b.seconds, async () => {
    await b.ledger.client.getBalance(balance);
    return 1;
  });
  tsReads.unit = "reads/s";
  b.results.push(tsReads);
  console.log(formatRow(tsReads));
}
