// The gateway's configuration: where the development OpenID provider listens (DEV_OIDC_HOST),
// from the defaults to a started gateway.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createLogger } from "@ledgerflow/platform/log";
import { createTestDatabase, type TestDatabase } from "@ledgerflow/platform/testing";
import { startAdmin } from "./app.ts";
import { loadConfig } from "./config.ts";

const DATABASE_URL = "postgres://user@127.0.0.1:5432/ledgerflow";

describe("DEV_OIDC_HOST", () => {
  test("defaults to loopback", () => {
    expect(loadConfig({ DATABASE_URL }).devIdpHost).toBe("127.0.0.1");
    expect(loadConfig({ DATABASE_URL, DEV_OIDC_HOST: "" }).devIdpHost).toBe("127.0.0.1");
  });

  test("is taken as given, e.g. all interfaces inside a container", () => {
    expect(loadConfig({ DATABASE_URL, DEV_OIDC_HOST: "0.0.0.0" }).devIdpHost).toBe("0.0.0.0");
  });
});

describe("a gateway with DEV_OIDC_HOST", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ max: 2 });
  });
  afterAll(async () => {
    await db.close();
  });

  test("starts its development provider on that address, keeping the issuer browsers use", async () => {
    // 127.0.0.2 is loopback too, but another address than 127.0.0.1: the provider answers on
    // the configured one only.
    const config = loadConfig({ DATABASE_URL: db.url, ADMIN_HOST: "127.0.0.1", ADMIN_PORT: "0", DEV_OIDC_HOST: "127.0.0.2", DEV_OIDC_PORT: "0", ADMIN_HEALTH_INTERVAL_MS: "60000" });
    const admin = await startAdmin(config, createLogger("admin-api", "error"));
    try {
      const port = new URL(admin.issuer).port;
      expect(admin.issuer).toBe(`http://localhost:${port}`);
      const discovery = await fetch(`http://127.0.0.2:${port}/.well-known/openid-configuration`);
      expect(discovery.status).toBe(200);
      expect(((await discovery.json()) as { issuer: string }).issuer).toBe(admin.issuer);
      const elsewhere = await fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration`).then(
        () => "answered",
        (error: { code?: string }) => error.code,
      );
      expect(elsewhere).toBe("ECONNREFUSED");
    } finally {
      await admin.stop();
    }
  });
});

describe("production and the development provider", () => {
  test("production refuses to start without an external provider, a client secret or an https public URL", () => {
    expect(() => loadConfig({ DATABASE_URL, NODE_ENV: "production" })).toThrow("OIDC_ISSUER is required when NODE_ENV=production");
    const base = { DATABASE_URL, NODE_ENV: "production", OIDC_ISSUER: "https://idp.example.com" };
    expect(() => loadConfig(base)).toThrow("OIDC_CLIENT_SECRET");
    expect(() => loadConfig({ ...base, OIDC_CLIENT_SECRET: "s" })).toThrow("https in production");
    const ok = loadConfig({ ...base, OIDC_CLIENT_SECRET: "s", ADMIN_PUBLIC_URL: "https://admin.example.com" });
    expect([ok.oidcIssuer, ok.production, ok.publicUrl]).toEqual(["https://idp.example.com", true, "https://admin.example.com"]);
  });

  test("with an external issuer no development groups are mapped unless configured", () => {
    expect(loadConfig({ DATABASE_URL }).roleMappings.get("ledgerflow-admins")).toEqual({ role: "admin", ledgers: ["*"] });
    expect(loadConfig({ DATABASE_URL, OIDC_ISSUER: "https://idp.example.com" }).roleMappings.size).toBe(0);
    const mapped = loadConfig({ DATABASE_URL, OIDC_ISSUER: "https://idp.example.com", ADMIN_ROLE_MAPPINGS: "ops=operator, finance-admins=admin" }).roleMappings;
    expect([...mapped]).toEqual([
      ["ops", { role: "operator", ledgers: ["*"] }],
      ["finance-admins", { role: "admin", ledgers: ["*"] }],
    ]);
    expect(() => loadConfig({ DATABASE_URL, ADMIN_ROLE_MAPPINGS: "ops=superuser" })).toThrow("ADMIN_ROLE_MAPPINGS");
  });

  test("a mapping may hold its role on some ledgers only; names and '*' are checked", () => {
    const mapped = loadConfig({ DATABASE_URL, ADMIN_ROLE_MAPPINGS: "acme-ops=operator@acme,readers=viewer@acme|globex,root=admin@*" }).roleMappings;
    expect([...mapped]).toEqual([
      ["acme-ops", { role: "operator", ledgers: ["acme"] }],
      ["readers", { role: "viewer", ledgers: ["acme", "globex"] }],
      ["root", { role: "admin", ledgers: ["*"] }],
    ]);
    for (const bad of ["ops=operator@", "ops=operator@Acme", "ops=operator@acme|*", "ops=operator@a b"]) {
      expect(() => loadConfig({ DATABASE_URL, ADMIN_ROLE_MAPPINGS: bad })).toThrow("ADMIN_ROLE_MAPPINGS");
    }
    expect(loadConfig({ DATABASE_URL }).roleMappings.get("acme-operators")).toEqual({ role: "operator", ledgers: ["acme"] });
  });

  test("session lifetimes are bounded and consistent", () => {
    expect(() => loadConfig({ DATABASE_URL, SESSION_IDLE_MINUTES: "0" })).toThrow("SESSION_IDLE_MINUTES");
    expect(() => loadConfig({ DATABASE_URL, SESSION_IDLE_MINUTES: "120", SESSION_ABSOLUTE_HOURS: "1" })).toThrow("must not exceed");
    expect(() => loadConfig({ DATABASE_URL, ADMIN_PUBLIC_URL: "https://admin.example.com/path" })).toThrow("ADMIN_PUBLIC_URL");
  });
});
