// The gateway's configuration, from the environment, validated once at start.
import path from "node:path";
import { bool, ConfigError, int, optional, str } from "@ledgerflow/platform/config";
import { corsOrigins } from "@ledgerflow/platform/http";
import { EVERY_LEDGER, type Grant, grantLedgersProblem, isRole } from "./authz/policy.ts";

export interface AdminConfig {
  databaseUrl: string;
  readDatabaseUrl: string;
  host: string;
  port: number;
  /** Where browsers reach the gateway: redirect URI, cookie security (https ⇒ Secure). */
  publicUrl: string;
  ledgerUrl: string;
  ledgerToken?: string;
  projectorUrl: string;
  billingUrl: string;
  billingToken?: string;
  /** Unset: the relay runs inside the ledger process. */
  relayUrl?: string;
  kafkaBrokers?: string;
  /** Unset (and not production): the development OpenID provider is started and used. */
  oidcIssuer?: string;
  oidcClientId: string;
  oidcClientSecret?: string;
  oidcScopes: string[];
  oidcRolesClaim: string;
  /** Audience of bearer access tokens for this API. */
  oidcAudience: string;
  /** Claim value → role on ledgers, added at start when missing (bootstrap; admins change them later). */
  roleMappings: Map<string, Grant>;
  sessionIdleSeconds: number;
  sessionAbsoluteSeconds: number;
  sessionRotateSeconds: number;
  rateLimitPerSecond: number;
  rateLimitBurst: number;
  requestBytesMax: number;
  backendTimeoutMs: number;
  healthIntervalMs: number;
  trustProxy: boolean;
  /** Other browser origins allowed to call AdminService with a bearer token (CORS); empty: none. */
  corsOrigins: ReadonlySet<string>;
  webDistDir: string;
  production: boolean;
  /** Where the development provider listens: loopback unless a container must publish it. */
  devIdpHost: string;
  devIdpPort: number;
  devIdpDataDir?: string;
  version: string;
}

export const ROOT = path.resolve(import.meta.dir, "../../..");
/** The development provider's groups: one per role on every ledger, and two limited to one ledger each. */
export const DEV_ROLE_MAPPINGS = "ledgerflow-viewers=viewer,ledgerflow-operators=operator,ledgerflow-admins=admin,acme-operators=operator@acme,globex-viewers=viewer@globex";

/**
 * `claim-value=role` (the role on every ledger) or `claim-value=role@ledger|ledger…` (on those
 * ledgers only), separated by commas.
 */
export function parseRoleMappings(raw: string): Map<string, Grant> {
  const out = new Map<string, Grant>();
  for (const pair of raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = pair.lastIndexOf("=");
    const value = pair.slice(0, eq).trim();
    const [role = "", on] = pair
      .slice(eq + 1)
      .trim()
      .split("@");
    const ledgers = on === undefined ? [EVERY_LEDGER] : on.split("|").map((l) => l.trim());
    if (eq <= 0 || !value || !isRole(role)) throw new ConfigError(`ADMIN_ROLE_MAPPINGS: ${JSON.stringify(pair)} is not claim-value=viewer|operator|admin, optionally @ledger|ledger…`);
    const problem = grantLedgersProblem(ledgers);
    if (problem) throw new ConfigError(`ADMIN_ROLE_MAPPINGS: ${JSON.stringify(pair)}: ${problem}`);
    out.set(value, { role, ledgers });
  }
  return out;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AdminConfig {
  const production = env.NODE_ENV === "production";
  const port = int(env, "ADMIN_PORT", 8080, 0, 65_535);
  const databaseUrl = str(env, "DATABASE_URL");
  const oidcIssuer = optional(env, "OIDC_ISSUER");
  if (production && !oidcIssuer) throw new ConfigError("OIDC_ISSUER is required when NODE_ENV=production (the development provider never runs in production)");
  if (oidcIssuer && !optional(env, "OIDC_CLIENT_SECRET") && production) throw new ConfigError("OIDC_CLIENT_SECRET is required with an external OIDC_ISSUER in production");
  const publicUrl = str(env, "ADMIN_PUBLIC_URL", `http://localhost:${port || 8080}`).replace(/\/$/, "");
  if (!/^https?:\/\/[^/]+$/.test(publicUrl)) throw new ConfigError("ADMIN_PUBLIC_URL must be an origin such as https://admin.example.com");
  if (production && !publicUrl.startsWith("https://")) throw new ConfigError("ADMIN_PUBLIC_URL must be https in production (session cookies are Secure)");
  const idleMinutes = int(env, "SESSION_IDLE_MINUTES", 30, 1, 24 * 60);
  const absoluteHours = int(env, "SESSION_ABSOLUTE_HOURS", 12, 1, 7 * 24);
  if (idleMinutes > absoluteHours * 60) throw new ConfigError("SESSION_IDLE_MINUTES must not exceed SESSION_ABSOLUTE_HOURS");
  return {
    databaseUrl,
    readDatabaseUrl: str(env, "READ_DATABASE_URL", databaseUrl),
    host: str(env, "ADMIN_HOST", "0.0.0.0"),
    port,
    publicUrl,
    ledgerUrl: str(env, "LEDGER_URL", "http://127.0.0.1:8081"),
    ledgerToken: optional(env, "LEDGER_TOKEN"),
    projectorUrl: str(env, "PROJECTOR_URL", "http://127.0.0.1:8082"),
    billingUrl: str(env, "BILLING_URL", "http://127.0.0.1:8083"),
    billingToken: optional(env, "BILLING_TOKEN"),
    relayUrl: optional(env, "RELAY_URL"),
    kafkaBrokers: optional(env, "KAFKA_BROKERS"),
    oidcIssuer,
    oidcClientId: str(env, "OIDC_CLIENT_ID", "ledgerflow-admin"),
    oidcClientSecret: optional(env, "OIDC_CLIENT_SECRET"),
    oidcScopes: str(env, "OIDC_SCOPES", "openid email profile groups").split(/\s+/).filter(Boolean),
    oidcRolesClaim: str(env, "OIDC_ROLES_CLAIM", "groups"),
    oidcAudience: str(env, "OIDC_AUDIENCE", "urn:ledgerflow:admin-api"),
    roleMappings: parseRoleMappings(optional(env, "ADMIN_ROLE_MAPPINGS") ?? (oidcIssuer ? "" : DEV_ROLE_MAPPINGS)),
    sessionIdleSeconds: idleMinutes * 60,
    sessionAbsoluteSeconds: absoluteHours * 3600,
    sessionRotateSeconds: int(env, "SESSION_ROTATE_MINUTES", 15, 1, 24 * 60) * 60,
    rateLimitPerSecond: int(env, "ADMIN_RATE_LIMIT_PER_SECOND", 20, 1, 10_000),
    rateLimitBurst: int(env, "ADMIN_RATE_LIMIT_BURST", 60, 1, 100_000),
    requestBytesMax: int(env, "ADMIN_REQUEST_BYTES_MAX", 1024 * 1024, 1024, 16 * 1024 * 1024),
    backendTimeoutMs: int(env, "ADMIN_BACKEND_TIMEOUT_MS", 5_000, 100, 60_000),
    healthIntervalMs: int(env, "ADMIN_HEALTH_INTERVAL_MS", 5_000, 500, 300_000),
    trustProxy: bool(env, "ADMIN_TRUST_PROXY", false),
    corsOrigins: corsOrigins(env, "ADMIN_CORS_ORIGINS"),
    webDistDir: str(env, "WEB_DIST_DIR", path.join(ROOT, "web", "dist")),
    production,
    devIdpHost: str(env, "DEV_OIDC_HOST", "127.0.0.1"),
    devIdpPort: int(env, "DEV_OIDC_PORT", 8090, 0, 65_535),
    devIdpDataDir: optional(env, "DEV_OIDC_DATA_DIR"),
    version: str(env, "LEDGERFLOW_VERSION", "0.1.0"),
  };
}
