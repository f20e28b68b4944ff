// `npm run generate`: regenerates protobuf code, typed queries and sql/schema.sql against a
// throwaway Postgres with every migration applied.
import fs from "node:fs";
import path from "node:path";
import { findFreePort, startLocalPostgres } from "@ledgerflow/platform/local-postgres";
import { connect, migrate } from "@ledgerflow/platform/db";
import { ROOT, dumpSchema, generateProto, generateQueries } from "./lib/generate.ts";
import { ensureReadModel } from "@ledgerflow/projector/read-model";

const dir = path.join(ROOT, ".cache", "generate-pg");
const pg = startLocalPostgres({ dataDir: path.join(dir, "data"), port: await findFreePort(), fresh: true, settings: { fsync: "off" } });
try {
  const sql = connect({ url: pg.url, max: 1 });
  await migrate(sql);
  // The schema dump is what the migrations produce; the typed queries also see the read model.
  dumpSchema(pg.url);
  await ensureReadModel(sql, "read");
  await sql.end();
  generateProto();
  generateQueries(pg.url);
  console.log("generated: proto/gen, services/*/src/db/*.queries.ts, sql/schema.sql");
} finally {
  pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
