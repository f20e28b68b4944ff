// Configuration is validated once, naming the variable; defaults suit the embedded mode.
import { expect, test } from "bun:test";
import { ConfigError } from "@ledgerflow/platform/config";
import { loadConfig } from "./config.ts";

const base = { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/ledgerflow" };

test("defaults for the embedded mode", () => {
  const c = loadConfig(base);
  expect(c).toMatchObject({ ledgerUrl: "http://127.0.0.1:8081", port: 8083, host: "0.0.0.0", groupId: "ledgerflow-billing", closeIntervalMs: 10_000, kafkaBrokers: undefined, ledgerToken: undefined });
  expect(c.authTokens.size).toBe(0);
  expect(c.migrate).toBe(false);
});

test("every variable is read", () => {
  const c = loadConfig({
    ...base,
    LEDGER_URL: "http://ledger:8081",
    LEDGER_TOKEN: "t",
    KAFKA_BROKERS: "kafka:9092",
    BILLING_PORT: "9000",
    BILLING_HOST: "127.0.0.1",
    BILLING_GROUP: "g",
    BILLING_CLOSE_INTERVAL_MS: "500",
    LEDGERFLOW_VERSION: "1.2.3",
    BILLING_AUTH_TOKENS: "admin-api=0123456789abcdef,ops=fedcba9876543210",
  });
  expect(c).toMatchObject({ ledgerUrl: "http://ledger:8081", ledgerToken: "t", kafkaBrokers: "kafka:9092", port: 9000, host: "127.0.0.1", groupId: "g", closeIntervalMs: 500, version: "1.2.3" });
  expect([...c.authTokens.keys()]).toEqual(["admin-api", "ops"]);
});

test("bad values stop the start with the variable's name", () => {
  const bad: [Record<string, string>, string][] = [
    [{}, "DATABASE_URL"],
    [{ ...base, DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ ...base, LEDGER_URL: "ledger:8081" }, "LEDGER_URL"],
    [{ ...base, BILLING_PORT: "70000" }, "BILLING_PORT"],
    [{ ...base, BILLING_CLOSE_INTERVAL_MS: "1" }, "BILLING_CLOSE_INTERVAL_MS"],
    [{ ...base, BILLING_AUTH_TOKENS: "admin-api=short" }, "BILLING_AUTH_TOKENS"],
    [{ ...base, BILLING_GROUP: "has space" }, "BILLING_GROUP"],
  ];
  for (const [env, variable] of bad) {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  }
});
