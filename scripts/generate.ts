// `npm run generate`: regenerates protobuf code, typed queries and sql/schema.sql against a
// throwaway Postgres with every migration applied.
import fs from "node:fs";
import path from "node:path";
import { findFreePort, startLocalPostgres } from "../services/platform/src/db/local-postgres.ts";
import { connect } from "../services/platform/src/db/client.ts";
import { migrate } from "../services/platform/src/db/migrate.ts";
import { ROOT, dumpSchema, generateProto, generateQueries } from "./lib/generate.ts";

const dir = path.join(ROOT, ".cache", "generate-pg");
const pg = startLocalPostgres({ dataDir: path.join(dir, "data"), port: await findFreePort(), fresh: true, settings: { fsync: "off" } });
try {
  const sql = connect({ url: pg.url, max: 1 });
  await migrate(sql);
  await sql.end();
  generateProto();
  generateQueries(pg.url);
  dumpSchema(pg.url);
  console.log("generated: proto/gen, services/*/src/db/*.queries.ts, sql/schema.sql");
} finally {
  pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
