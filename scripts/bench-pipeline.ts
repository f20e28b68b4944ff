// Pipeline figures (part of `npm run bench`): commit-to-read-model lag at a fixed offered rate,
// through the embedded Postgres log and through a real Kafka broker (ledger → outbox → relay →
// transport → projector), and the relay's maximum sustained publish rate draining a backlog.
// Loopback only, bounded in count and time.
//
//   BENCH_SECONDS   seconds of offered load per transport (default 8)
//   BENCH_RATE      transfers per second offered (default 1000)
//   BENCH_BACKLOG   outbox rows to drain for the relay rate (default 20000)
import fs from "node:fs";
import path from "node:path";
import { findFreePort, startLocalPostgres } from "@ledgerflow/platform/local-postgres";
import { connect, migrate } from "@ledgerflow/platform/db";
import { databaseUrl } from "@ledgerflow/platform/testing";
import { createLogger } from "@ledgerflow/platform/log";
import { startLedger } from "@ledgerflow/ledger/app";
import { startRelay } from "@ledgerflow/relay/app";
import { startBroker, stopBroker } from "./lib/kafka-broker.ts";
import { KafkaEventConsumer, KafkaPublisher, kafkaClient } from "@ledgerflow/platform/events";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 20_000);
const WARMUP_RECORDS = 20_000;
const root = path.resolve(import.meta.dir, "..");
const dir = path.join(root, ".cache", "bench-pipeline");
fs.rmSync(dir, { recursive: true, force: true });
const quiet = createLogger("bench", "error");

const pg = startLocalPostgres({ dataDir: path.join(dir, "pg"), port: await findFreePort(), fresh: true, settings: { max_connections: 200 } });
const kafka = await startBroker({ dataDir: path.join(dir, "kafka") });
const results: string[] = [];

async function database(name: string): Promise<string> {
  const admin = connect({ url: pg.url, max: 1 });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = databaseUrl(pg.url, name);
  const sql = connect({ url, max: 1 });
  await migrate(sql);
  await sql`INSERT INTO ledger.accounts (id, ledger, code, currency, normal_balance, allow_overdraft)
    SELECT gen_random_uuid(), 'main', 'w:' || i, 'USD', 'credit', true FROM generate_series(1, 1000) i`;
  await sql.end();
  return url;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Brings the fresh broker's JVM to its steady state (JIT) before anything is measured. */
async function warmUpBroker(brokers: string): Promise<void> {
  const topic = "ledgerflow.bench.warmup.v1";
  const publisher = new KafkaPublisher(kafkaClient(brokers, "bench-warmup"));
  const consumer = new KafkaEventConsumer(kafkaClient(brokers, "bench-warmup"), { groupId: "bench-warmup", topics: [topic] });
  let consumed = 0;
  await consumer.start(async (batch) => {
    consumed += batch.length;
  });
  const value = new Uint8Array(300);
  for (let i = 0; i < WARMUP_RECORDS; i += 100) {
    await publisher.publish(Array.from({ length: 100 }, (_, j) => ({ topic, key: `k${j % 7}`, value, headers: { ce_type: "warmup" } })));
  }
  for (let i = 0; i < 300 && consumed < WARMUP_RECORDS; i++) await Bun.sleep(100);
  await consumer.close();
  await publisher.close();
}

async function service(main: string, env: Record<string, string | undefined>, port: number) {
  const proc = Bun.spawn([process.execPath, path.join(root, main)], { env, stdout: "ignore", stderr: "inherit" });
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return proc;
    await Bun.sleep(100);
  }
  proc.kill("SIGKILL");
  throw new Error(`${main} did not start`);
}

async function lagRun(name: string, brokers?: string): Promise<void> {
  const url = await database(name);
  const ledger = await startLedger({ databaseUrl: url, migrate: false, relayEnabled: false }, quiet);
  // Relay and projector as their own processes, as deployed: the ledger and the load generator
  // keep this one busy.
  const env = { ...process.env, DATABASE_URL: url, KAFKA_BROKERS: brokers ?? "", LOG_LEVEL: "error" };
  const relayPort = await findFreePort();
  const projectorPort = await findFreePort();
  const relay = await service("services/relay/src/main.ts", { ...env, RELAY_HOST: "127.0.0.1", RELAY_PORT: String(relayPort) }, relayPort);
  const projector = await service(
    "services/projector/src/main.ts",
    {
      ...env,
      PROJECTOR_HOST: "127.0.0.1",
      PROJECTOR_PORT: String(projectorPort),
      PROJECTOR_GROUP: `bench-${name}`,
      PROJECTOR_DRIFT_INTERVAL_MS: "3600000",
    },
    projectorPort,
  );
  const sql = connect({ url, max: 2 });
  const ids = (await sql`SELECT id FROM ledger.accounts ORDER BY code`).map((r) => r.id as string);
  const started = performance.now();
  const total = Math.round(RATE * SECONDS);
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await Bun.sleep(wait);
    inflight.push(
      ledger.ledger
        .post({
          idempotencyKey: `${name}-${i}`,
          entries: [
            { accountId: ids[i % ids.length], direction: "debit", amount: "1" },
            { accountId: ids[(i * 7 + 1) % ids.length], direction: "credit", amount: "1" },
          ],
        })
        .catch(() => undefined),
    );
  }
  await Promise.all(inflight);
  for (let i = 0; i < 600; i++) {
    const [row] = await sql`SELECT (SELECT count(*) FROM ledger.transactions)::int AS written, (SELECT count(*) FROM read.transactions)::int AS projected`;
    if (row!.projected >= row!.written) break;
    await Bun.sleep(100);
  }
  // Lag per transaction: from the ledger's commit (the outbox row is written by a trigger at
  // commit, with the clock at that moment) to the projector's commit of the read-model change
  // (its transaction time), both on the database's clock.
  const lags = (
    await sql`
    SELECT extract(epoch FROM p.processed_at - o.created_at) * 1000 AS ms
      FROM ledger.outbox o JOIN read.processed_events p ON p.event_id = o.event_id
     WHERE o.topic = 'ledgerflow.ledger.transactions.v1'`
  )
    .map((r) => Number(r.ms))
    .sort((a, b) => a - b);
  // Where the time goes: outbox row written → published by the relay → applied by the projector.
  const stages = await sql`
    SELECT extract(epoch FROM o.published_at - o.created_at) * 1000 AS relay_ms, extract(epoch FROM p.processed_at - o.published_at) * 1000 AS projector_ms
      FROM ledger.outbox o JOIN read.processed_events p ON p.event_id = o.event_id WHERE o.topic = 'ledgerflow.ledger.transactions.v1'`;
  const relayMs = stages.map((r) => Number(r.relay_ms)).sort((a, b) => a - b);
  const projectorMs = stages.map((r) => Number(r.projector_ms)).sort((a, b) => a - b);
  const line =
    `commit-to-read-model via ${name.padEnd(9)} at ${RATE}/s offered: p50 ${pct(lags, 50).toFixed(1)} ms  p99 ${pct(lags, 99).toFixed(1)} ms  (${lags.length} transfers)` +
    `\n    outbox → published p50 ${pct(relayMs, 50).toFixed(1)} / p99 ${pct(relayMs, 99).toFixed(1)} ms; published → applied p50 ${pct(projectorMs, 50).toFixed(1)} / p99 ${pct(projectorMs, 99).toFixed(1)} ms`;
  results.push(line);
  console.log(line);
  await sql.end();
  for (const proc of [projector, relay]) {
    proc.kill("SIGTERM");
    await proc.exited;
  }
  await ledger.stop();
}

async function relayRate(name: string, brokers?: string): Promise<void> {
  const url = await database(`${name}_drain`);
  const ledger = await startLedger({ databaseUrl: url, migrate: false, relayEnabled: false }, quiet);
  const sql = connect({ url, max: 2 });
  const ids = (await sql`SELECT id FROM ledger.accounts ORDER BY code`).map((r) => r.id as string);
  const grpc = ledger.ledger;
  for (let i = 0; i < BACKLOG; i += 1000) {
    await grpc.postBatch(
      Array.from({ length: 1000 }, (_, j) => ({
        idempotencyKey: `d-${i + j}`,
        entries: [
          { accountId: ids[j % ids.length], direction: "debit" as const, amount: "1" },
          { accountId: ids[(j + 1) % ids.length], direction: "credit" as const, amount: "1" },
        ],
      })),
      false,
    );
  }
  const [{ n }] = (await sql`SELECT count(*)::int AS n FROM ledger.outbox WHERE published_at IS NULL`) as unknown as [{ n: number }];
  const started = performance.now();
  const relay = await startRelay({ databaseUrl: url, kafkaBrokers: brokers, host: "127.0.0.1", port: 0, batchMax: 1000 }, quiet);
  for (;;) {
    const [row] = await sql`SELECT count(*)::int AS n FROM ledger.outbox WHERE published_at IS NULL`;
    if (row!.n === 0) break;
    await Bun.sleep(50);
  }
  const seconds = (performance.now() - started) / 1000;
  await relay.stop();
  const line = `relay drain to ${name.padEnd(9)}: ${n} events in ${seconds.toFixed(1)} s = ${(n / seconds).toFixed(0)} events/s`;
  results.push(line);
  console.log(line);
  await sql.end();
  await ledger.stop();
}

try {
  console.log(`\nPipeline benchmark: ${SECONDS}s at ${RATE}/s offered per transport; relay drain of ${BACKLOG} events\n`);
  await warmUpBroker(kafka.brokers);
  // Lag runs first: the drains fill the same topics with events of other databases.
  await lagRun("pglog");
  await lagRun("kafka", kafka.brokers);
  await relayRate("pglog");
  await relayRate("kafka", kafka.brokers);
  console.log("\ntargets: lag p99 <= 100 ms on the embedded log, <= 250 ms through Kafka");
} finally {
  await stopBroker(kafka.dataDir, { hard: true });
  pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
