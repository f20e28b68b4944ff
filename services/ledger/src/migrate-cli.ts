// `npm run migrate`: applies pending migrations to DATABASE_URL (the Kubernetes migration Job),
// or, when it is unset, to the database of the platform `npm start` runs on this machine.
import { connect } from "@ledgerflow/platform/src/db/client.ts";
import { migrate } from "@ledgerflow/platform/src/db/migrate.ts";
import { operatorDatabaseUrl } from "@ledgerflow/platform/src/local-platform.ts";

const target = operatorDatabaseUrl(process.env);
if (!target) {
  console.error("DATABASE_URL is required (or a platform started with `npm start` on this machine, whose database is used)");
  process.exit(2);
}
if (target.from === "platform") console.error(`DATABASE_URL is not set: migrating the database of the running platform (${target.url})`);
const sql = connect({ url: target.url, max: 1, applicationName: "ledgerflow-migrate" });
try {
  const result = await migrate(sql);
  console.log(JSON.stringify({ msg: "migrations done", applied: result.applied, already_applied: result.alreadyApplied }));
} finally {
  await sql.end();
}
