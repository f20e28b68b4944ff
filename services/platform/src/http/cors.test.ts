// CORS configuration is validated once at start: exact origins only, a clear error otherwise.
import { expect, test } from "bun:test";
import { ConfigError } from "../config.ts";
import { corsOrigins } from "./cors.ts";

test("origins: unset is none; a list is exact origins; paths, wildcards and junk are refused", () => {
  expect(corsOrigins({}, "X_CORS_ORIGINS").size).toBe(0);
  expect([...corsOrigins({ X_CORS_ORIGINS: "https://app.example.com, http://localhost:5173" }, "X_CORS_ORIGINS")]).toEqual(["https://app.example.com", "http://localhost:5173"]);
  for (const bad of ["*", "https://app.example.com/", "app.example.com", "https://*.example.com", "ftp://x"]) {
    expect(() => corsOrigins({ X_CORS_ORIGINS: bad }, "X_CORS_ORIGINS")).toThrow(ConfigError);
  }
});
