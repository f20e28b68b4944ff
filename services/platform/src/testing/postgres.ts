// Test databases: each test file gets its own database, cloned from the migrated template that
// the test runner (scripts/test.ts) prepared on a real Postgres it started.
import type { Sql } from "postgres";
import { connect } from "../db/client.ts";
import { urlAs, type Service } from "../db/roles.ts";

export interface TestDatabase {
  /** As the cluster's superuser (setup and raw-SQL tests). */
  url: string;
  /** The same database as a service's own role (what the service connects with). */
  urlFor(service: Service): string;
  name: string;
  sql: Sql;
  close(): Promise<void>;
}

let counter = 0;

export function testServerUrl(): string {
  const url = process.env.LEDGERFLOW_TEST_PG_URL;
  if (!url) throw new Error("LEDGERFLOW_TEST_PG_URL is not set: run tests through `npm test` (bun scripts/test.ts)");
  return url;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function createTestDatabase(options: { max?: number } = {}): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const template = process.env.LEDGERFLOW_TEST_TEMPLATE ?? "ledgerflow_template";
  counter += 1;
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter}`;
  const admin = connect({ url: serverUrl, max: 1 });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const url = databaseUrl(serverUrl, name);
  const sql = connect({ url, max: options.max ?? 10 });
  // Database privileges do not come with the template (sql/migrations/0041).
  await sql`SELECT ledger.grant_database_access()`;
  return {
    url,
    urlFor: (service) => urlAs(url, service),
    name,
    sql,
    async close() {
      await sql.end({ timeout: 5 });
      const cleanup = connect({ url: serverUrl, max: 1 });
      await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
