// The one mapping from database errors to API errors, for the errors a restart produces.
import { expect, test } from "bun:test";
import { BreakerOpenError } from "@ledgerflow/platform/resilience";
import { toLedgerError } from "./db-errors.ts";

test("an open breaker, a lost connection and a shutdown are UNAVAILABLE; an overflow is precise", () => {
  expect(toLedgerError(new BreakerOpenError("postgres", 2_000)).code).toBe("unavailable");
  expect(toLedgerError(Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" })).code).toBe("unavailable");
  expect(toLedgerError(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })).code).toBe("unavailable");
  const overflow = toLedgerError(Object.assign(new Error("numeric field overflow"), { code: "22003" }));
  expect(overflow.code).toBe("failed_precondition");
  expect(overflow.message).toContain("beyond 38 digits");
});
