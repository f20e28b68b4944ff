// A Postgres crash under load costs UNAVAILABLE for its duration and nothing else: with 48 clients
// posting, the cluster is stopped with `pg_ctl stop -m immediate` and started again, twice. The
// ledger process (with its in-process relay) stays up, refuses with UNAVAILABLE (or a deadline)
// meanwhile, and serves again after; every acknowledged transfer is in the journal exactly once.
// The cluster is this test's own, so that restarting it disturbs no other test.
import { afterAll, beforeAll, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { Code, ConnectError, createClient, type Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Direction, LedgerService, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { findFreePort, type LocalPostgres, startLocalPostgres } from "@ledgerflow/platform/local-postgres";
import { connect, migrate } from "@ledgerflow/platform/db";
import { databaseUrl } from "@ledgerflow/platform/testing";
import { ServiceProcess, type UnexpectedExit } from "../../../scripts/chaos/processes.ts";

const CLIENTS = 48;
const RESTARTS = 2;
const runDir = path.join(process.env.LEDGERFLOW_TEST_RUN_DIR ?? path.resolve(import.meta.dir, "../../../.cache"), `pg-restart-${process.pid}`);
let pg: LocalPostgres;
let url: string;
let ledger: ServiceProcess;
let client: Client<typeof LedgerService>;
const exits: UnexpectedExit[] = [];

beforeAll(async () => {
  fs.mkdirSync(runDir, { recursive: true });
  // fsync off is safe against a server crash (the kernel keeps the writes); synchronous_commit
  // off is not: an immediate stop loses the last commits, which this test would report as lost.
  pg = startLocalPostgres({ dataDir: path.join(runDir, "pg"), port: await findFreePort(), fresh: true, settings: { fsync: "off", synchronous_commit: "on" } });
  const admin = connect({ url: pg.url, max: 1 });
  await admin.unsafe("CREATE DATABASE ledgerflow");
  await admin.end();
  url = databaseUrl(pg.url, "ledgerflow");
  const sql = connect({ url, max: 1 });
  await migrate(sql);
  await sql.end();
  const [grpcPort, httpPort] = [await findFreePort(), await findFreePort()];
  ledger = new ServiceProcess(
    {
      name: "ledger",
      entry: "services/ledger/src/main.ts",
      healthUrl: `http://127.0.0.1:${httpPort}/readyz`,
      env: { DATABASE_URL: url, LEDGER_HOST: "127.0.0.1", LEDGER_GRPC_PORT: String(grpcPort), LEDGER_HTTP_PORT: String(httpPort), LEDGER_MIGRATE: "false", RELAY_ENABLED: "true", KAFKA_BROKERS: "", LOG_LEVEL: "warn" },
    },
    path.join(runDir, "logs"),
    (exit) => exits.push(exit),
  );
  await ledger.start();
  client = createClient(LedgerService, createGrpcTransport({ baseUrl: `http://127.0.0.1:${grpcPort}` }));
}, 120_000);

afterAll(async () => {
  await ledger?.stop();
  pg?.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
}, 30_000);

test("pg_ctl stop -m immediate under load: the ledger stays up, answers UNAVAILABLE, then serves again", async () => {
  const from = (await client.createAccount({ code: "pr:source", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
  const to = (await client.createAccount({ code: "pr:sink", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
  const codes = new Map<string, number>();
  const acked = new Set<string>();
  let running = true;
  let outage = false;
  let refusedDuringOutage = 0;
  const post = (key: string) =>
    client.postTransaction(
      {
        idempotencyKey: key,
        entries: [
          { accountId: from, direction: Direction.DEBIT, amount: "1" },
          { accountId: to, direction: Direction.CREDIT, amount: "1" },
        ],
      },
      { timeoutMs: 3_000 },
    );
  const worker = async (w: number) => {
    for (let i = 0; running; i++) {
      const key = `pr-${w}-${i}`;
      // A refused or timed-out transfer is retried with the same key until it is acknowledged.
      for (let attempt = 0; running || attempt === 0; attempt++) {
        try {
          await post(key);
          acked.add(key);
          break;
        } catch (error) {
          const code = Code[ConnectError.from(error).code];
          codes.set(code, (codes.get(code) ?? 0) + 1);
          if (outage) refusedDuringOutage += 1;
          await Bun.sleep(50);
        }
      }
    }
  };
  const workers = Array.from({ length: CLIENTS }, (_, w) => worker(w));
  for (let round = 0; round < RESTARTS; round++) {
    await Bun.sleep(1_500);
    outage = true;
    pg.stopImmediate();
    await Bun.sleep(1_500);
    pg.start();
    outage = false;
    // Serving again: a fresh transfer is acknowledged within seconds of the database's return.
    const back = performance.now();
    let served = false;
    for (let i = 0; i < 100 && !served; i++)
      served = await post(`pr-probe-${round}-${i}`).then(
        () => {
          acked.add(`pr-probe-${round}-${i}`);
          return true;
        },
        () => Bun.sleep(200).then(() => false),
      );
    expect(served).toBe(true);
    expect(performance.now() - back).toBeLessThan(20_000);
  }
  await Bun.sleep(1_000);
  running = false;
  await Promise.all(workers);

  expect(exits).toEqual([]);
  expect(ledger.running).toBe(true);
  expect(refusedDuringOutage).toBeGreaterThan(0);
  // Only "come back later" answers; nothing internal, nothing else.
  expect([...codes.keys()].filter((c) => c !== "Unavailable" && c !== "DeadlineExceeded")).toEqual([]);
  const sql = connect({ url, max: 1 });
  try {
    const rows = await sql<{ key: string; n: number }[]>`SELECT idempotency_key AS key, count(*)::int AS n FROM ledger.transactions WHERE idempotency_key LIKE 'pr-%' GROUP BY 1`;
    const stored = new Map(rows.map((r) => [r.key, r.n]));
    expect([...acked].filter((k) => stored.get(k) !== 1)).toEqual([]);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
  } finally {
    await sql.end();
  }
}, 150_000);
