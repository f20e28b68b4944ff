// The one error type and its mappings: codes to Connect codes and HTTP statuses, Postgres errors
// to codes (a service's own rule first), and the details a client receives.
import { expect, test } from "bun:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorInfoSchema } from "@ledgerflow/proto/gen/google/rpc/error_details_pb.ts";
import { InsufficientFundsSchema } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { CONNECT_CODES, fromDatabaseError, httpStatus, invalid, restCode, ServiceError, toConnectError } from "./errors.ts";
import { BreakerOpenError } from "./resilience/breaker.ts";

const pg = (code: string, extra: Record<string, string> = {}) => Object.assign(new Error(`pg ${code}`), { code, ...extra });

test("every code has a Connect code, and the REST statuses and names follow it", () => {
  for (const code of Object.values(CONNECT_CODES)) expect(Code[code]).toBeDefined();
  expect(httpStatus(Code.InvalidArgument)).toBe(400);
  expect(httpStatus(Code.NotFound)).toBe(404);
  expect(httpStatus(Code.AlreadyExists)).toBe(409);
  expect(httpStatus(Code.FailedPrecondition)).toBe(422);
  expect(httpStatus(Code.Unavailable)).toBe(503);
  expect(httpStatus(Code.Internal)).toBe(500);
  expect(restCode(Code.FailedPrecondition)).toBe("failed_precondition");
  expect(restCode(99 as Code)).toBe("unknown");
});

test("Postgres errors: standard SQLSTATEs, lost connections, conflicts, an open breaker, and the rest internal", () => {
  expect(fromDatabaseError(pg("23505")).code).toBe("already_exists");
  expect(fromDatabaseError(pg("23503")).code).toBe("not_found");
  expect(fromDatabaseError(pg("22P02")).code).toBe("invalid_argument");
  expect(fromDatabaseError(pg("57014")).code).toBe("deadline_exceeded");
  expect(fromDatabaseError(pg("57P01")).code).toBe("unavailable");
  expect(fromDatabaseError(pg("CONNECTION_CLOSED")).code).toBe("unavailable");
  expect(fromDatabaseError(pg("40001")).code).toBe("aborted");
  expect(fromDatabaseError(new BreakerOpenError("postgres", 1_000)).code).toBe("unavailable");
  const internal = fromDatabaseError(pg("XX000"));
  expect(internal.code).toBe("internal");
  expect(internal.message).toBe("internal error");
  expect((internal.cause as Error).message).toBe("pg XX000");
});

test("a service's rule reads its own SQLSTATEs first and leaves the others to the shared mapping", () => {
  const rule = (e: { code: string }) => (e.code === "LF999" || e.code === "23505" ? new ServiceError("failed_precondition", "own") : undefined);
  expect(fromDatabaseError(pg("LF999"), rule).code).toBe("failed_precondition");
  expect(fromDatabaseError(pg("23505"), rule).code).toBe("failed_precondition");
  expect(fromDatabaseError(pg("23503"), rule).code).toBe("not_found");
  const same = invalid("x", "y");
  expect(fromDatabaseError(same, rule)).toBe(same);
});

test("on the wire: the code, the message, ErrorInfo under the service's domain, InsufficientFunds first", () => {
  const mapping = { domain: "test.ledgerflow", fromUnknown: (e: unknown) => fromDatabaseError(e) };
  const bad = toConnectError(invalid("page_size", "must be at most 500"), mapping);
  expect(bad.code).toBe(Code.InvalidArgument);
  expect(bad.rawMessage).toBe("page_size: must be at most 500");
  expect(bad.findDetails(ErrorInfoSchema)[0]?.domain).toBe("test.ledgerflow");
  expect(bad.findDetails(ErrorInfoSchema)[0]?.metadata.field).toBe("page_size");

  const funds = { accountId: "a", accountCode: "c", available: "1", requested: "2", floor: "0" };
  const overdraft = toConnectError(new ServiceError("failed_precondition", "insufficient funds", { insufficientFunds: funds }), mapping);
  expect(overdraft.findDetails(InsufficientFundsSchema)[0]?.requested).toBe("2");
  expect(overdraft.findDetails(ErrorInfoSchema)[0]?.reason).toBe("INSUFFICIENT_FUNDS");

  expect(toConnectError(pg("08006"), mapping).code).toBe(Code.Unavailable);
  const passed = new ConnectError("as is", Code.PermissionDenied);
  expect(toConnectError(passed, mapping)).toBe(passed);
});
