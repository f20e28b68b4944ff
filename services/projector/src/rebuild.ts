// Rebuilds the read model from the beginning of the event stream into a fresh schema, then swaps
// it in (one transaction of renames). The live projector goes on writing into whichever schema
// is called `read`; events the rebuild already applied are skipped by their ids.
//
//   bun services/projector/src/rebuild.ts     (same environment as the projector)
import client from "prom-client";
import type { Sql } from "postgres";
import { connect } from "@ledgerflow/platform/src/db/client.ts";
import { createLogger, type Logger } from "@ledgerflow/platform/src/log.ts";
import { KafkaSource, kafkaClient } from "@ledgerflow/platform/src/eventlog/kafka.ts";
import { PostgresLogSource } from "@ledgerflow/platform/src/eventlog/postgres-log.ts";
import { Projector, SUBSCRIBED } from "./projector.ts";

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
  const source = o.kafkaBrokers
    ? new KafkaSource(kafkaClient(o.kafkaBrokers, "ledgerflow-rebuild"), groupId, SUBSCRIBED)
    : new PostgresLogSource({ sql: o.writeSql, groupId, topics: SUBSCRIBED });
  const projector = new Projector({ readSql: o.readSql, source, log, registry: new client.Registry(), schema: fresh, lagIntervalMs: 250 });
  await projector.start();
  const until = Date.now() + (o.timeoutMs ?? 10 * 60_000);
  let caughtUp = 0;
  while (caughtUp < 2) {
    if (Date.now() > until) throw new Error("the rebuild did not catch up in time");
    await Bun.sleep(250);
    await projector.refreshLag();
    caughtUp = projector.lag.messages === 0 && projector.lag.partitions.length > 0 ? caughtUp + 1 : 0;
  }
  await projector.stop();
  if (!o.kafkaBrokers) await o.writeSql`DELETE FROM events.consumer_offsets WHERE group_id = ${groupId}`;
  const [{ n }] = (await o.readSql`SELECT count(*)::int AS n FROM ${o.readSql(fresh)}.processed_events`) as unknown as [{ n: number }];
  if (o.swap !== false) {
    await o.readSql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(hashtext('ledgerflow-read-model'))`;
      await tx`ALTER SCHEMA ${tx(live)} RENAME TO ${tx(`${live}_old_${stamp}`)}`;
      await tx`ALTER SCHEMA ${tx(fresh)} RENAME TO ${tx(live)}`;
      await tx.unsafe(`DROP SCHEMA "${live}_old_${stamp}" CASCADE`);
    });
    log.info("read model rebuilt and swapped in", { events: n });
  }
  return { schema: o.swap === false ? fresh : live, events: n };
}

if (import.meta.main) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is required");
    process.exit(2);
  }
  const writeSql = connect({ url, max: 2 });
  const readSql = process.env.READ_DATABASE_URL ? connect({ url: process.env.READ_DATABASE_URL, max: 2 }) : writeSql;
  const result = await rebuildReadModel({ writeSql, readSql, kafkaBrokers: process.env.KAFKA_BROKERS, schema: process.env.PROJECTOR_SCHEMA });
  console.log(JSON.stringify({ msg: "rebuild done", ...result }));
  await writeSql.end();
  if (readSql !== writeSql) await readSql.end();
}
