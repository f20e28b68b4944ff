// The development OpenID provider as a process of its own: `bun services/admin-api/src/dev-idp/main.ts`.
// For running the gateway against an external issuer on one machine (the tests of the
// production sign-in path do), or for trying another client against it. Refuses to run with
// NODE_ENV=production. The seeded users and the scripts client are those of seed.ts; their
// password is DEV_OIDC_PASSWORD (default "ledgerflow").
import { ConfigError, int, optional, str } from "@ledgerflow/platform/config";
import { createLogger } from "@ledgerflow/platform/log";
import { startDevIdentityProvider } from "./provider.ts";
import { DEV_PASSWORD, devClients, devUsers, secret, signingKey } from "./seed.ts";

const log = createLogger("dev-idp");
const env = process.env;
try {
  if (env.NODE_ENV === "production") throw new ConfigError("the development OpenID provider never runs with NODE_ENV=production");
  const dataDir = optional(env, "DEV_OIDC_DATA_DIR");
  const publicUrl = str(env, "DEV_OIDC_CLIENT_ORIGIN", "http://localhost:8080");
  const idp = await startDevIdentityProvider({
    host: str(env, "DEV_OIDC_HOST", "127.0.0.1"),
    port: int(env, "DEV_OIDC_PORT", 8090, 0, 65_535),
    issuer: optional(env, "DEV_OIDC_ISSUER"),
    users: devUsers(str(env, "DEV_OIDC_PASSWORD", DEV_PASSWORD)),
    clients: devClients({
      clientId: str(env, "DEV_OIDC_CLIENT_ID", "ledgerflow-admin"),
      clientSecret: str(env, "DEV_OIDC_CLIENT_SECRET"),
      publicUrl,
      scriptSecret: optional(env, "DEV_OIDC_SCRIPT_SECRET") ?? secret(dataDir, "scripts-client"),
    }),
    signingKey: await signingKey(dataDir),
    audience: str(env, "DEV_OIDC_AUDIENCE", "urn:ledgerflow:admin-api"),
    cookieKeys: [secret(dataDir, "cookie-key")],
  });
  log.info("development OpenID provider listening", { issuer: idp.issuer, client_origin: publicUrl });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, async () => {
      await idp.stop();
      process.exit(0);
    });
  }
} catch (error) {
  log.error("development OpenID provider failed to start", { error: (error as Error).message });
  process.exit(2);
}
