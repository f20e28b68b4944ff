// `npm run migrate`: applies pending migrations to DATABASE_URL (the Kubernetes migration Job),
// or, when it is unset, to the database of the platform `npm start` runs on this machine.
// `npm run migrate -- --baseline [VERSION]`: adopts a database migrated by hand with psql, by
// recording the migrations through VERSION (default: all) as applied without running them.
// After migrating, the service roles named in the environment get LOGIN: DB_PASSWORD_LEDGER,
// DB_PASSWORD_RELAY, DB_PASSWORD_PROJECTOR, DB_PASSWORD_BILLING, DB_PASSWORD_ADMIN set (or
// rotate) their passwords; DB_IAM_AUTH=true gives each RDS IAM authentication instead.
import { baseline, connect, enableServiceLogins, migrate, serviceLoginsFromEnv } from "@ledgerflow/platform/db";
import { operatorDatabaseUrl } from "@ledgerflow/platform/local";

const target = operatorDatabaseUrl(process.env);
if (!target) {
  console.error("DATABASE_URL is required (or a platform started with `npm start` on this machine, whose database is used)");
  process.exit(2);
}
const args = process.argv.slice(2);
const baselineAt = args.indexOf("--baseline");
const through = baselineAt >= 0 ? args[baselineAt + 1] : undefined;
if (args.some((a, i) => a !== "--baseline" && !(i === baselineAt + 1 && baselineAt >= 0)) || (through !== undefined && !/^[0-9]{1,4}$/.test(through))) {
  console.error("usage: migrate [--baseline [VERSION]]");
  process.exit(2);
}
if (target.from === "platform") console.error(`DATABASE_URL is not set: migrating the database of the running platform (${target.url})`);
const sql = connect({ url: target.url, max: 1, applicationName: "ledgerflow-migrate" });
try {
  if (baselineAt >= 0) {
    const adopted = await baseline(sql, through === undefined ? undefined : Number(through));
    console.log(JSON.stringify({ msg: "baseline recorded", adopted }));
  } else {
    const result = await migrate(sql);
    const logins = await enableServiceLogins(sql, serviceLoginsFromEnv(process.env));
    console.log(JSON.stringify({ msg: "migrations done", applied: result.applied, already_applied: result.alreadyApplied, service_logins: logins }));
  }
} catch (error) {
  console.error(JSON.stringify({ msg: "migrate failed", error: (error as Error).message }));
  process.exitCode = 1;
} finally {
  await sql.end();
}
