// Rebuilds the read model: replays the event stream from its start into a fresh schema, with a
// consumer group of its own, until caught up; compares the result with the journal (per ledger,
// transactions and entries; every account's balances) and swaps it in only when they match.
// Otherwise it refuses, drops the rebuilt schema and leaves the live model untouched.
//
// The swap is one transaction under the read model's lock, taken exclusively: the live projector's
// batches (which take it shared) wait, so the live model holds still while the replay, which goes
// on reading, catches up with its position; then the replay pauses, the transaction checks that
// the rebuilt model holds every event the live one applied, and renames. The live projector keeps
// writing into whichever schema is named `read`: its waiting batch lands in the new one, where an
// event it brings twice is skipped by its id. The replay's projector never writes again once the
// swap is decided, and a refused schema is dropped only after its consumer has stopped.
//
//   npm run rebuild     (bun services/projector/src/rebuild.ts; same environment as the projector)
import client from "prom-client";
import type { Sql } from "postgres";
import { connect } from "@ledgerflow/platform/db";
import { readRunningPlatform } from "@ledgerflow/platform/local";
import { createLogger, type Logger } from "@ledgerflow/platform/log";
import { createConsumer, type TransportKind } from "@ledgerflow/platform/events";
import { Projector, SUBSCRIBED } from "./projector.ts";
import { compareWithJournal, describeComparison, journalWatermark, type JournalComparison, type JournalWatermark } from "./verify.ts";

const READ_MODEL_LOCK = "ledgerflow-read-model";
const POLL_MS = 250;
/** Comparisons with the journal before refusing: writes in flight can make one miss. */
const VERIFY_ATTEMPTS_MAX = 5;
const VERIFY_RETRY_MS = 1_000;
/** Polls between two looks at whether the replay has passed the watermark (each counts the model). */
const WATERMARK_POLLS = 4;
/**
 * How long the swap, holding the live projector's batches back, waits for the replay to reach the
 * live model's position. The replay was caught up a moment before, so this is a few of its polls;
 * past it the swap checks anyway and refuses if events are missing.
 */
const SWAP_CATCH_UP_MS = 5_000;

export interface RebuildOptions {
  writeSql: Sql;
  readSql: Sql;
  kafkaBrokers?: string;
  /** The live schema to replace. */
  schema?: string;
  /** Replace the live schema when caught up and matching (false: leave the rebuilt schema beside it). */
  swap?: boolean;
  timeoutMs?: number;
  verifyAttemptsMax?: number;
  log?: Logger;
}

export interface RebuildResult {
  schema: string;
  events: number;
  transport: TransportKind;
  /** The last comparison with the journal (the one the swap relied on). */
  comparison: JournalComparison;
}

/** The rebuilt model did not match the journal, or lacked events the live one had: nothing swapped. */
export class RebuildRefusedError extends Error {
  constructor(
    message: string,
    readonly comparison: JournalComparison,
    readonly missingLiveEvents = 0,
  ) {
    super(message);
  }
}

export async function rebuildReadModel(o: RebuildOptions): Promise<RebuildResult> {
  const live = o.schema ?? "read";
  const stamp = Date.now().toString(36);
  const fresh = `${live}_rebuild_${stamp}`;
  const log = o.log ?? createLogger("projector-rebuild");
  const groupId = `ledgerflow-projector-rebuild-${stamp}`;
  const consumer = createConsumer({ kafkaBrokers: o.kafkaBrokers, logSql: o.writeSql, clientId: "ledgerflow-rebuild" }, { groupId, topics: SUBSCRIBED, pollMs: POLL_MS });
  const projector = new Projector({ readSql: o.readSql, consumer, log, registry: new client.Registry(), schema: fresh, lagIntervalMs: POLL_MS, recordsStatus: false, holdsReadModelLock: false });
  const until = Date.now() + (o.timeoutMs ?? 10 * 60_000);
  let swapped = false;
  let stopping: Promise<void> | undefined;
  // Retired first: a batch waiting at the pause is let go without writing, and the consumer closes
  // only once the batch it is applying has finished.
  const stopReading = () => {
    projector.retire();
    stopping ??= projector.stop();
    return stopping;
  };
  log.info("rebuilding the read model", { transport: consumer.kind, schema: fresh });
  await projector.start();
  try {
    let comparison: JournalComparison | undefined;
    // The journal as it stands before catching up: postings that go on meanwhile (a rebuild under
    // live traffic) land between it and the journal at comparison time. The model only moves
    // forward, so every attempt compares against this same lower bound.
    const watermark = await journalWatermark(o.writeSql);
    for (let attempt = 1; attempt <= (o.verifyAttemptsMax ?? VERIFY_ATTEMPTS_MAX); attempt++) {
      if (attempt > 1) await Bun.sleep(VERIFY_RETRY_MS);
      await catchUp(projector, o.readSql, fresh, watermark, until);
      comparison = await compareWithJournal(o.writeSql, o.readSql, fresh, watermark);
      log.info("rebuilt model compared with the journal", { attempt, matches: comparison.matches, compared: describeComparison(comparison) });
      if (comparison.matches) break;
    }
    if (!comparison!.matches) {
      throw new RebuildRefusedError(
        `the rebuilt read model does not match the journal (${describeComparison(comparison!)}); replayed from the ${consumer.kind === "kafka" ? "Kafka" : "embedded Postgres log"} transport: is it the one the platform runs on, and does it still hold the whole stream (retention, a move between transports)? The live model is untouched`,
        comparison!,
      );
    }
    if (o.swap === false) {
      await stopReading();
      return { schema: fresh, events: await countEvents(o.readSql, fresh), transport: consumer.kind, comparison: comparison! };
    }
    const events = await swapIn(o.readSql, { live, fresh, stamp, comparison: comparison!, projector, catchUpUntil: Math.min(until, Date.now() + SWAP_CATCH_UP_MS) });
    swapped = true;
    await stopReading();
    log.info("read model rebuilt, matched the journal and swapped in", { events, compared: describeComparison(comparison!) });
    return { schema: live, events, transport: consumer.kind, comparison: comparison! };
  } catch (error) {
    // Nothing writes into the rebuilt schema any more when it is dropped.
    await stopReading().catch(() => undefined);
    if (!swapped) await o.readSql.unsafe(`DROP SCHEMA IF EXISTS "${fresh}" CASCADE`).catch(() => undefined);
    throw error;
  } finally {
    await stopReading().catch(() => undefined);
    if (!o.kafkaBrokers) await o.writeSql`DELETE FROM events.consumer_offsets WHERE group_id = ${groupId}`;
  }
}

/**
 * Caught up: the replay has passed the watermark (every ledger's transactions counted, every
 * account at its version) while the stream goes on, or it has read the stream to its end twice in
 * a row (one reading could fall between a fetch and its commit). Under live traffic the end moves
 * on and is seldom seen; a stream that lacks part of the journal never passes the watermark but
 * ends, and the comparison then refuses it.
 */
async function catchUp(projector: Projector, sql: Sql, schema: string, watermark: JournalWatermark, until: number): Promise<void> {
  for (let atEnd = 0, poll = 0; atEnd < 2; poll++) {
    if (Date.now() > until) throw new Error("the rebuild did not catch up in time");
    await Bun.sleep(POLL_MS);
    await projector.refreshLag();
    atEnd = projector.lag.messages === 0 && projector.lag.partitions.length > 0 ? atEnd + 1 : 0;
    if (atEnd === 0 && poll % WATERMARK_POLLS === WATERMARK_POLLS - 1 && (await passedWatermark(sql, schema, watermark))) return;
  }
}

async function passedWatermark(sql: Sql, schema: string, watermark: JournalWatermark): Promise<boolean> {
  const model = await sql`SELECT ledger, count(*)::int AS n FROM ${sql(schema)}.transactions GROUP BY ledger`;
  const counted = new Map(model.map((r) => [r.ledger as string, r.n as number]));
  for (const [ledger, c] of watermark.counts) if ((counted.get(ledger) ?? 0) < c.transactions) return false;
  if (watermark.versions.size === 0) return true;
  const [behind] = await sql`
    SELECT count(*)::int AS n FROM unnest(${[...watermark.versions.keys()]}::uuid[], ${[...watermark.versions.values()].map(String)}::int8[]) AS w(id, version)
      LEFT JOIN ${sql(schema)}.accounts a ON a.account_id = w.id
     WHERE a.version IS NULL OR a.version < w.version`;
  return behind!.n === 0;
}

async function countEvents(sql: Sql, schema: string): Promise<number> {
  const [row] = await sql`SELECT count(*)::int AS n FROM ${sql(schema)}.processed_events`;
  return row!.n as number;
}

interface Swap {
  live: string;
  fresh: string;
  stamp: string;
  comparison: JournalComparison;
  /** The replay's projector, still reading: paused once it has caught up with the live model. */
  projector: Projector;
  catchUpUntil: number;
}

/**
 * The renames, under the lock every live batch shares: no live batch is half in the old model, and
 * none applies an event meanwhile. The replay catches up with the live model's position, pauses,
 * and an event the live model applied that the rebuilt one lacks (it would be lost by the swap)
 * refuses it. Returns the events the rebuilt model holds.
 */
async function swapIn(sql: Sql, s: Swap): Promise<number> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(hashtext(${READ_MODEL_LOCK}))`;
    const [liveExists] = await tx`SELECT 1 AS one FROM information_schema.schemata WHERE schema_name = ${s.live}`;
    if (liveExists) await reachLivePosition(tx as unknown as Sql, s.live, s.fresh, s.catchUpUntil);
    await s.projector.pause();
    if (liveExists) {
      const [missing] = await tx`
        SELECT count(*)::int AS n FROM ${tx(s.live)}.processed_events l
         WHERE NOT EXISTS (SELECT 1 FROM ${tx(s.fresh)}.processed_events f WHERE f.event_id = l.event_id)`;
      if (missing!.n > 0) {
        throw new RebuildRefusedError(`the live read model applied ${missing!.n} events the rebuilt one lacks (the replay did not reach the live position in time); run it again`, s.comparison, missing!.n);
      }
      await tx`ALTER SCHEMA ${tx(s.live)} RENAME TO ${tx(`${s.live}_old_${s.stamp}`)}`;
    }
    const events = await countEvents(tx as unknown as Sql, s.fresh);
    await tx`ALTER SCHEMA ${tx(s.fresh)} RENAME TO ${tx(s.live)}`;
    if (liveExists) await tx.unsafe(`DROP SCHEMA "${s.live}_old_${s.stamp}" CASCADE`);
    // Decided: whatever the replay still reads is the live projector's to apply.
    s.projector.retire();
    return events;
  });
}

/**
 * Waits (polling, bounded) until the replay's position is at or past the live model's on every
 * partition the live model has read. The live model's position does not move meanwhile: its
 * batches wait for the lock the caller holds.
 */
async function reachLivePosition(tx: Sql, live: string, fresh: string, until: number): Promise<void> {
  for (;;) {
    const [row] = await tx`
      SELECT count(*)::int AS behind FROM ${tx(live)}.consumer_position l
        LEFT JOIN ${tx(fresh)}.consumer_position f USING (topic, "partition")
       WHERE f."offset" IS NULL OR f."offset"::numeric < l."offset"::numeric`;
    if (row!.behind === 0 || Date.now() > until) return;
    await Bun.sleep(POLL_MS / 5);
  }
}

export interface TransportChoice {
  kafkaBrokers?: string;
  /** Where the choice came from, for the command's output. */
  reason: string;
}

/**
 * The transport a rebuild must replay: the one the live projector reads (recorded in
 * projector.pipeline_status), or the one `npm start` runs on. KAFKA_BROKERS in the environment
 * must agree with it; `--transport=kafka|postgres` overrides a record that is out of date.
 */
export function chooseTransport(o: { envBrokers?: string; platformBrokers?: string; platformRunning: boolean; recorded?: { transport?: string; kafka_brokers?: string | null }; override?: string }): TransportChoice {
  if (o.override === "postgres") return { reason: "--transport=postgres" };
  if (o.override === "kafka") {
    const brokers = o.envBrokers || o.recorded?.kafka_brokers || o.platformBrokers;
    if (!brokers) throw new Error("--transport=kafka needs KAFKA_BROKERS");
    return { kafkaBrokers: brokers, reason: "--transport=kafka" };
  }
  if (o.override) throw new Error(`--transport must be kafka or postgres, got ${JSON.stringify(o.override)}`);
  const recorded = o.recorded?.transport as TransportKind | undefined;
  if (o.envBrokers) {
    if (recorded === "postgres") throw new Error("KAFKA_BROKERS is set but the live projector reads the embedded Postgres log; unset it, or pass --transport=kafka if the platform has moved to Kafka");
    return { kafkaBrokers: o.envBrokers, reason: "KAFKA_BROKERS" };
  }
  if (recorded === "kafka") {
    const brokers = o.recorded?.kafka_brokers || o.platformBrokers;
    if (!brokers) throw new Error("the live projector reads Kafka but did not record its brokers: set KAFKA_BROKERS");
    return { kafkaBrokers: brokers, reason: "the live projector reads Kafka (projector.pipeline_status)" };
  }
  if (o.platformRunning && o.platformBrokers) return { kafkaBrokers: o.platformBrokers, reason: "npm start runs on Kafka (.data/platform.json)" };
  if (recorded === "postgres") return { reason: "the live projector reads the embedded Postgres log (projector.pipeline_status)" };
  return { reason: "no projector status recorded and no KAFKA_BROKERS: the embedded Postgres log" };
}

async function recordedTransport(readSql: Sql): Promise<{ transport?: string; kafka_brokers?: string | null } | undefined> {
  const rows = await readSql`
    SELECT figures FROM projector.pipeline_status WHERE component = 'projector'`.catch(() => []);
  return rows[0]?.figures as { transport?: string; kafka_brokers?: string | null } | undefined;
}

async function main(): Promise<number> {
  const log = createLogger("projector-rebuild");
  const running = readRunningPlatform();
  // The rebuilt schema must belong to the projector's role, which goes on writing it after the
  // swap: on the platform `npm start` runs, connect as that role; elsewhere DATABASE_URL is the
  // projector's own.
  const url = process.env.DATABASE_URL || running?.serviceDatabaseUrls?.projector || running?.databaseUrl;
  if (!url) {
    log.error("DATABASE_URL is required (or a platform started with `npm start` on this machine)");
    return 2;
  }
  if (!process.env.DATABASE_URL) log.info("using the database of the platform `npm start` runs", { database: url });
  const writeSql = connect({ url, max: 2, applicationName: "ledgerflow-rebuild" });
  const readUrl = process.env.READ_DATABASE_URL;
  const readSql = readUrl ? connect({ url: readUrl, max: 2, applicationName: "ledgerflow-rebuild" }) : writeSql;
  try {
    const override = process.argv.find((a) => a.startsWith("--transport="))?.slice("--transport=".length);
    const choice = chooseTransport({
      envBrokers: process.env.KAFKA_BROKERS || undefined,
      platformBrokers: running?.kafkaBrokers,
      platformRunning: running !== undefined,
      recorded: await recordedTransport(readSql),
      override,
    });
    log.info("replaying", { transport: choice.kafkaBrokers ? `kafka ${choice.kafkaBrokers}` : "embedded Postgres log", because: choice.reason });
    const result = await rebuildReadModel({ writeSql, readSql, kafkaBrokers: choice.kafkaBrokers, schema: process.env.PROJECTOR_SCHEMA || undefined, log });
    log.info("rebuild done", { schema: result.schema, events: result.events, transport: result.transport, compared: describeComparison(result.comparison) });
    return 0;
  } catch (error) {
    if (error instanceof RebuildRefusedError) {
      log.error("rebuild refused", { reason: error.message, ledgers: error.comparison.ledgers, mismatched_accounts: error.comparison.mismatchedAccounts.slice(0, 10) });
      return 1;
    }
    log.error("rebuild failed", { error: (error as Error).message });
    return 2;
  } finally {
    await writeSql.end();
    if (readSql !== writeSql) await readSql.end();
  }
}

if (import.meta.main) process.exit(await main());
