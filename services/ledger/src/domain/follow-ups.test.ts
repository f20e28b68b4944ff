import { expect, test } from "bun:test";
import { LedgerError } from "./errors.ts";
import { commitEntries, type Original, reversalEntries, voidEntries } from "./follow-ups.ts";

const A = "00000000-0000-4000-8000-000000000001";
const B = "00000000-0000-4000-8000-000000000002";
const pending: Original = {
  id: "p",
  kind: "pending",
  entries: [
    { leg: 0, accountId: A, currency: "USD", direction: "debit", effect: "hold", amount: 100n },
    { leg: 1, accountId: B, currency: "USD", direction: "credit", effect: "hold", amount: 100n },
  ],
};
const posted: Original = {
  id: "s",
  kind: "standard",
  entries: [
    { leg: 0, accountId: A, currency: "USD", direction: "debit", effect: "post", amount: 40n },
    { leg: 1, accountId: B, currency: "USD", direction: "credit", effect: "post", amount: 40n },
  ],
};

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof LedgerError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
};

test("a commit releases every hold and posts the held amounts, or the amounts given per leg", () => {
  expect(commitEntries(pending, new Map()).map((e) => [e.leg, e.effect, e.direction, e.amount])).toEqual([
    [0, "release", "debit", 100n],
    [1, "release", "credit", 100n],
    [2, "post", "debit", 100n],
    [3, "post", "credit", 100n],
  ]);
  const partial = commitEntries(
    pending,
    new Map([
      [0, 60n],
      [1, 60n],
    ]),
  );
  expect(partial.filter((e) => e.effect === "post").map((e) => e.amount)).toEqual([60n, 60n]);
  // Committing nothing of every leg only releases.
  expect(
    commitEntries(
      pending,
      new Map([
        [0, 0n],
        [1, 0n],
      ]),
    ).every((e) => e.effect === "release"),
  ).toBe(true);
});

test("a commit is refused for more than was held, an unknown leg, an unbalanced choice, or an original that is not pending", () => {
  expect(refusal(() => commitEntries(pending, new Map([[0, 101n]])))).toEqual({ code: "invalid_argument", message: "amounts: leg 0: cannot commit more than the held 100" });
  expect(refusal(() => commitEntries(pending, new Map([[7, 1n]]))).message).toContain("leg 7 does not exist in transaction p");
  expect(refusal(() => commitEntries(pending, new Map([[0, 50n]]))).code).toBe("invalid_argument");
  expect(refusal(() => commitEntries(posted, new Map()))).toEqual({ code: "failed_precondition", message: "transaction s is not pending; only pending transactions can be committed" });
});

test("a void releases exactly the holds, and only of a pending transaction", () => {
  expect(voidEntries(pending).map((e) => [e.leg, e.effect, e.direction, e.amount])).toEqual([
    [0, "release", "debit", 100n],
    [1, "release", "credit", 100n],
  ]);
  expect(refusal(() => voidEntries(posted)).code).toBe("failed_precondition");
});

test("a reversal posts the posted entries back in the opposite direction, and only of a posted transaction", () => {
  expect(reversalEntries(posted).map((e) => [e.leg, e.account.accountId, e.direction, e.effect, e.amount])).toEqual([
    [0, A, "credit", "post", 40n],
    [1, B, "debit", "post", 40n],
  ]);
  expect(refusal(() => reversalEntries(pending))).toEqual({ code: "failed_precondition", message: "transaction p is pending; only posted transactions can be reversed (commit a pending one first, or void it)" });
});
