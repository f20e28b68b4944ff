// `npm run migrate`: applies pending migrations to DATABASE_URL (the Kubernetes migration Job).
import { connect } from "@ledgerflow/platform/src/db/client.ts";
import { migrate } from "@ledgerflow/platform/src/db/migrate.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is required");
  process.exit(2);
}
const sql = connect({ url, max: 1, applicationName: "ledgerflow-migrate" });
try {
  const result = await migrate(sql);
  console.log(JSON.stringify({ msg: "migrations done", applied: result.applied, already_applied: result.alreadyApplied }));
} finally {
  await sql.end();
}
