import { expect, test } from "bun:test";
import * as ev from "@ledgerflow/proto/gen/ledgerflow/events/v1/events_pb.ts";
import * as api from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { DIRECTIONS, EFFECTS, KINDS, NORMAL_BALANCES, STATUSES, statusOfParentAfter, transactionStatus } from "./wire.ts";

test("every word maps to its API and event enum value and back; UNSPECIFIED maps to no word", () => {
  expect(DIRECTIONS.toApi("debit")).toBe(api.Direction.DEBIT);
  expect(DIRECTIONS.fromApi(api.Direction.CREDIT)).toBe("credit");
  expect(DIRECTIONS.fromEvent(ev.Direction.DEBIT)).toBe("debit");
  expect(DIRECTIONS.fromApi(api.Direction.UNSPECIFIED)).toBeUndefined();
  expect(NORMAL_BALANCES.toEvent("credit")).toBe(ev.NormalBalance.CREDIT);
  expect(EFFECTS.fromEvent(ev.EntryEffect.RELEASE)).toBe("release");
  expect(KINDS.fromApi(api.TransactionType.REVERSAL)).toBe("reversal");
  expect(STATUSES.toApi("voided")).toBe(api.TransactionStatus.VOIDED);
  expect(STATUSES.fromEvent(1)).toBeUndefined();
  expect(KINDS.has("void")).toBe(true);
  expect(KINDS.has("unspecified")).toBe(false);
  expect(KINDS.apiOf("void")).toBe(api.TransactionType.VOID);
  expect(NORMAL_BALANCES.apiOf("unknown")).toBe(api.NormalBalance.UNSPECIFIED);
  expect(DIRECTIONS.apiOf("")).toBe(api.Direction.UNSPECIFIED);
});

test("the vocabularies cover every enum value but UNSPECIFIED, in the API and in the events", () => {
  const values = (e: Record<string, string | number>) => Object.values(e).filter((v): v is number => typeof v === "number" && v !== 0);
  for (const [vocabulary, apiEnum, eventEnum] of [
    [DIRECTIONS, api.Direction, ev.Direction],
    [NORMAL_BALANCES, api.NormalBalance, ev.NormalBalance],
    [EFFECTS, api.EntryEffect, ev.EntryEffect],
    [KINDS, api.TransactionType, ev.TransactionType],
  ] as const) {
    expect(values(apiEnum).map((v) => vocabulary.fromApi(v))).toEqual([...vocabulary.words]);
    expect(values(eventEnum).map((v) => vocabulary.fromEvent(v))).toEqual([...vocabulary.words]);
  }
  expect(values(api.TransactionStatus).map((v) => STATUSES.fromApi(v))).toEqual([...STATUSES.words]);
});

test("status: new, resolved, reversed", () => {
  expect(transactionStatus("standard")).toBe("posted");
  expect(transactionStatus("pending")).toBe("pending");
  expect(transactionStatus("pending", "commit")).toBe("posted");
  expect(transactionStatus("pending", "void")).toBe("voided");
  expect(transactionStatus("standard", null, true)).toBe("reversed");
  expect(transactionStatus("commit", null, true)).toBe("reversed");
  expect(transactionStatus("void")).toBe("posted");
  expect(transactionStatus("reversal")).toBe("posted");
  expect(statusOfParentAfter("commit")).toBe("posted");
  expect(statusOfParentAfter("void")).toBe("voided");
  expect(statusOfParentAfter("reversal")).toBe("reversed");
  // The same outcome as deriving the parent's status once the child exists.
  expect(statusOfParentAfter("commit")).toBe(transactionStatus("pending", "commit"));
  expect(statusOfParentAfter("void")).toBe(transactionStatus("pending", "void"));
  expect(statusOfParentAfter("reversal")).toBe(transactionStatus("standard", null, true));
});
