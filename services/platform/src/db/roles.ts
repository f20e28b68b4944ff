// The database roles of sql/migrations/0041: one per service, none of them the owner. The
// migrations create them NOLOGIN; whoever migrates a deployment gives each one LOGIN (and a
// password, or RDS IAM authentication) with `enableServiceLogins`, and each service connects as
// its own role.
import type { Sql } from "postgres";

export const SERVICE_ROLES = {
  ledger: "ledgerflow_ledger",
  relay: "ledgerflow_relay",
  projector: "ledgerflow_projector",
  billing: "ledgerflow_billing",
  admin: "ledgerflow_gateway",
} as const;

export type Service = keyof typeof SERVICE_ROLES;
export const SERVICES = Object.keys(SERVICE_ROLES) as Service[];
/** Owns every object; only the migration step acts as it. */
export const OWNER_ROLE = "ledgerflow_owner";

export interface ServiceLogin {
  /** Set (or rotate) the role's password; omit to leave it as it is (e.g. local trust auth). */
  password?: string;
  /** Authenticate with RDS IAM tokens instead of a password (grants rds_iam). */
  iam?: boolean;
}

/**
 * Gives each named service role LOGIN, with its password or IAM authentication. Run by the
 * migration step, as the owner's login (which needs CREATEROLE, or to be a superuser).
 */
export async function enableServiceLogins(sql: Sql, logins: Partial<Record<Service, ServiceLogin>>): Promise<Service[]> {
  const done: Service[] = [];
  for (const service of SERVICES) {
    const login = logins[service];
    if (!login) continue;
    const role = SERVICE_ROLES[service];
    if (login.password !== undefined) {
      if (login.password.length < 16) throw new Error(`the ${service} database password must be at least 16 characters`);
      // ALTER ROLE takes no bind parameters: the password goes in as a quoted literal.
      await sql.unsafe(`ALTER ROLE ${role} LOGIN PASSWORD '${login.password.replaceAll("'", "''")}'`);
    } else {
      await sql.unsafe(`ALTER ROLE ${role} LOGIN`);
    }
    if (login.iam) await sql.unsafe(`GRANT rds_iam TO ${role}`);
    done.push(service);
  }
  return done;
}

/** Every service role with LOGIN and no password: a cluster with local trust authentication. */
export function localServiceLogins(): Record<Service, ServiceLogin> {
  return Object.fromEntries(SERVICES.map((s) => [s, {}])) as Record<Service, ServiceLogin>;
}

/**
 * Service logins from the environment of the migration step: DB_PASSWORD_LEDGER,
 * DB_PASSWORD_RELAY, DB_PASSWORD_PROJECTOR, DB_PASSWORD_BILLING, DB_PASSWORD_ADMIN; with
 * DB_IAM_AUTH=true every role logs in with RDS IAM tokens instead.
 */
export function serviceLoginsFromEnv(env: Record<string, string | undefined>): Partial<Record<Service, ServiceLogin>> {
  const iam = env.DB_IAM_AUTH === "true";
  const logins: Partial<Record<Service, ServiceLogin>> = {};
  for (const service of SERVICES) {
    const password = env[`DB_PASSWORD_${service.toUpperCase()}`];
    if (iam) logins[service] = { iam: true };
    else if (password) logins[service] = { password };
  }
  return logins;
}

/** The URL of `url`'s database, connecting as the service's role. */
export function urlAs(url: string, service: Service, password?: string): string {
  const u = new URL(url);
  u.username = SERVICE_ROLES[service];
  u.password = password ? encodeURIComponent(password) : "";
  return u.toString();
}
