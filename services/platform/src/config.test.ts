// Named bearer tokens from the environment: parsed once at start, refused when malformed.
import { expect, test } from "bun:test";
import { ConfigError, tokens } from "./config.ts";

test("name=token pairs become the caller table; empty means none", () => {
  expect([...tokens({ T: "admin-api=0123456789abcdef0123, billing = fedcba9876543210fedc" }, "T")]).toEqual([
    ["admin-api", "0123456789abcdef0123"],
    ["billing", "fedcba9876543210fedc"],
  ]);
  expect(tokens({}, "T").size).toBe(0);
  expect(tokens({ T: "" }, "T").size).toBe(0);
});

test("short tokens, missing names and tokens containing '=' are refused, naming the variable", () => {
  for (const raw of ["admin-api=short", "=0123456789abcdef0123", "admin-api", "admin-api=0123456789abcdef==", "a=0123456789abcdef0123=x"]) {
    expect(() => tokens({ LEDGER_AUTH_TOKENS: raw }, "LEDGER_AUTH_TOKENS")).toThrow(ConfigError);
    expect(() => tokens({ LEDGER_AUTH_TOKENS: raw }, "LEDGER_AUTH_TOKENS")).toThrow("LEDGER_AUTH_TOKENS must be name=token pairs");
  }
});
