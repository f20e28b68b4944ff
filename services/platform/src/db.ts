// @ledgerflow/platform/db: what a service needs of PostgreSQL at run time. The connection (pool,
// transactions, lost-connection detection), typed queries (pgtyped over the `postgres` client)
// and the forward-only migrator of sql/migrations.
export { connect, isConnectionLost, TransactionConnectionLostError, type DbOptions } from "./db/client.ts";
export { baseline, loadMigrations, migrate, MIGRATIONS_DIR, type MigrateResult, type Migration } from "./db/migrate.ts";
export { pgtyped, type PgtypedConnection } from "./db/pgtyped.ts";
export { enableServiceLogins, localServiceLogins, OWNER_ROLE, serviceLoginsFromEnv, SERVICE_ROLES, SERVICES, urlAs, type Service, type ServiceLogin } from "./db/roles.ts";
