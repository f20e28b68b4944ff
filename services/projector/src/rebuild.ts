// Rebuilds the read model: replays the event stream from its start into a fresh schema, with a
// consumer group of its own, until caught up; then swaps it in (one transaction of renames) and
// drops the old one. The live projector keeps writing into whichever schema is named `read`;
// events the rebuild already applied are skipped by their ids, so rebuilt == live.
//
//   bun services/projector/src/rebuild.ts     (same environment as the projector)
import client from "prom-client";
import type { Sql } from "postgres";
import { connect } from "@ledgerflow/platform/src/db/client.ts";
import { createLogger, type Logger } from "@ledgerflow/platform/src/log.ts";
import { createConsumer } from "@ledgerflow/platform/src/events/transport.ts";
import { Projector, SUBSCRIBED } from "./projector.ts";

const READ_MODEL_LOCK = "ledgerflow-read-model";
const POLL_MS = 250;

export interface RebuildOptions {
  writeSql: Sql;
  readSql: Sql;
  kafkaBrokers?: string;
  /** The live schema to replace. */
  schema?: string;
  /** Replace the live schema when caught up (false: leave the rebuilt schema beside it). */
  swap?: boolean;
  timeoutMs?: number;
  log?: Logger;
}

export async function rebuildReadModel(o: RebuildOptions): Promise<{ schema: string; events: number }> {
  const live = o.schema ?? "read";
  const stamp = Date.now().toString(36);
  const fresh = `${live}_rebuild_${stamp}`;
  const log = o.log ?? createLogger("projector-rebuild");
  const groupId = `ledgerflow-projector-rebuild-${stamp}`;
  const consumer = createConsumer({ kafkaBrokers: o.kafkaBrokers, logSql: o.writeSql, clientId: "ledgerflow-rebuild" }, { groupId, topics: SUBSCRIBED, pollMs: POLL_MS });
  const projector = new Projector({ readSql: o.readSql, consumer, log, registry: new client.Registry(), schema: fresh, lagIntervalMs: POLL_MS });
  await projector.start();
  try {
    const until = Date.now() + (o.timeoutMs ?? 10 * 60_000);
    // Caught up twice in a row: one reading could fall between a fetch and its commit.
    for (let caughtUp = 0; caughtUp < 2;) {
      if (Date.now() > until) throw new Error("the rebuild did not catch up in time");
      await Bun.sleep(POLL_MS);
      await projector.refreshLag();
      caughtUp = projector.lag.messages === 0 && projector.lag.partitions.length > 0 ? caughtUp + 1 : 0;
    }
  } finally {
    await projector.stop();
    if (!o.kafkaBrokers) await o.writeSql`DELETE FROM events.consumer_offsets WHERE group_id = ${groupId}`;
  }
  const [row] = await o.readSql`SELECT count(*)::int AS n FROM ${o.readSql(fresh)}.processed_events`;
  const events = row!.n as number;
  if (o.swap === false) return { schema: fresh, events };
  await o.readSql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(hashtext(${READ_MODEL_LOCK}))`;
    await tx`ALTER SCHEMA ${tx(live)} RENAME TO ${tx(`${live}_old_${stamp}`)}`;
    await tx`ALTER SCHEMA ${tx(fresh)} RENAME TO ${tx(live)}`;
    await tx.unsafe(`DROP SCHEMA "${live}_old_${stamp}" CASCADE`);
  });
  log.info("read model rebuilt and swapped in", { events });
  return { schema: live, events };
}

if (import.meta.main) {
  const log = createLogger("projector-rebuild");
  const url = process.env.DATABASE_URL;
  if (!url) {
    log.error("DATABASE_URL is required");
    process.exit(2);
  }
  const writeSql = connect({ url, max: 2, applicationName: "ledgerflow-rebuild" });
  const readSql = process.env.READ_DATABASE_URL ? connect({ url: process.env.READ_DATABASE_URL, max: 2, applicationName: "ledgerflow-rebuild" }) : writeSql;
  const result = await rebuildReadModel({ writeSql, readSql, kafkaBrokers: process.env.KAFKA_BROKERS || undefined, schema: process.env.PROJECTOR_SCHEMA || undefined, log });
  log.info("rebuild done", result);
  await writeSql.end();
  if (readSql !== writeSql) await readSql.end();
}
