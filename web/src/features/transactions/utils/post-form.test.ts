import { Direction } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { describe, expect, it } from "vitest";
import { checkPostForm, type AccountResolution, type LegDraft } from "./post-form.ts";

const accounts: Record<string, AccountResolution> = {
  "bank:usd": { state: "found", currency: "USD", scale: 2 },
  "wallet:alice": { state: "found", currency: "USD", scale: 2 },
  "bank:eur": { state: "found", currency: "EUR", scale: 2 },
  "wallet:eur": { state: "found", currency: "EUR", scale: 2 },
  "btc:hot": { state: "found", currency: "BTC", scale: 8 },
  "btc:cold": { state: "found", currency: "BTC", scale: 8 },
  "eth:a": { state: "found", currency: "ETH", scale: 18 },
  "eth:b": { state: "found", currency: "ETH", scale: 18 },
  "jpy:a": { state: "found", currency: "JPY", scale: 0 },
  "jpy:b": { state: "found", currency: "JPY", scale: 0 },
};
const resolve = (code: string): AccountResolution => accounts[code] ?? { state: code === "" ? "idle" : "missing" };

let nextId = 1;
function leg(accountCode: string, direction: Direction, amount: string): LegDraft {
  return { id: nextId++, accountCode, direction, amount };
}
const { DEBIT, CREDIT } = Direction;

describe("checkPostForm", () => {
  it("accepts debits equal to credits and sends exact minor units", () => {
    const check = checkPostForm([leg("bank:usd", DEBIT, "10.50"), leg("wallet:alice", CREDIT, "10.5")], resolve);
    expect(check.problems).toEqual([]);
    expect(check.balanced).toBe(true);
    expect(check.entries).toEqual([
      { accountCode: "bank:usd", direction: DEBIT, amount: "1050" },
      { accountCode: "wallet:alice", direction: CREDIT, amount: "1050" },
    ]);
  });

  it("checks every currency on its own", () => {
    const check = checkPostForm([leg("bank:usd", DEBIT, "10"), leg("wallet:alice", CREDIT, "10"), leg("bank:eur", DEBIT, "5.00"), leg("wallet:eur", CREDIT, "4.99")], resolve);
    expect(check.balanced).toBe(false);
    expect(check.entries).toEqual([]);
    const usd = check.balances.find((b) => b.currency === "USD");
    const eur = check.balances.find((b) => b.currency === "EUR");
    expect(usd?.difference).toBe(0n);
    expect(eur).toMatchObject({ debits: 500n, credits: 499n, difference: 1n });
    expect(check.problems).toEqual(["EUR does not balance: debits and credits differ."]);
  });

  it("does not let one currency's surplus pay for another's deficit", () => {
    const check = checkPostForm([leg("bank:usd", DEBIT, "1"), leg("bank:eur", CREDIT, "1")], resolve);
    expect(check.balanced).toBe(false);
    expect(check.balances.map((b) => [b.currency, b.difference])).toEqual([
      ["USD", 100n],
      ["EUR", -100n],
    ]);
  });

  it("works at scales 0, 8 and 18 with values beyond a double's precision", () => {
    const check = checkPostForm(
      [
        leg("jpy:a", DEBIT, "9007199254740993"),
        leg("jpy:b", CREDIT, "9007199254740993"),
        leg("btc:hot", DEBIT, "0.00000001"),
        leg("btc:cold", CREDIT, "0.00000001"),
        leg("eth:a", DEBIT, "12345678901234567890.123456789012345678"),
        leg("eth:b", CREDIT, "12345678901234567890.123456789012345678"),
      ],
      resolve,
    );
    expect(check.problems).toEqual([]);
    expect(check.entries.map((e) => e.amount)).toEqual(["9007199254740993", "9007199254740993", "1", "1", "12345678901234567890123456789012345678", "12345678901234567890123456789012345678"]);
  });

  it("catches a difference of one minor unit that floating point would hide", () => {
    const check = checkPostForm([leg("eth:a", DEBIT, "0.100000000000000001"), leg("eth:b", CREDIT, "0.1")], resolve);
    expect(check.balanced).toBe(false);
    expect(check.balances[0]?.difference).toBe(1n);
  });

  it("names each leg's problem: unknown account, bad amount, missing amount", () => {
    const check = checkPostForm([leg("nope", DEBIT, "1"), leg("bank:usd", CREDIT, "1.234"), leg("wallet:alice", CREDIT, "")], resolve);
    expect(check.problems).toEqual(["Leg 0: no account “nope” in this ledger.", "Leg 1: At most 2 decimal places.", "Leg 2: enter an amount."]);
    expect(check.balanced).toBe(false);
  });

  it("refuses zero, negative amounts and a single leg", () => {
    expect(checkPostForm([leg("bank:usd", DEBIT, "0"), leg("wallet:alice", CREDIT, "0")], resolve).problems).toContain("Leg 0: The amount must be more than zero.");
    expect(checkPostForm([leg("bank:usd", DEBIT, "-1"), leg("wallet:alice", CREDIT, "-1")], resolve).balanced).toBe(false);
    expect(checkPostForm([leg("bank:usd", DEBIT, "1")], resolve).problems[0]).toBe("A transaction needs at least 2 legs.");
  });

  it("waits for accounts still being looked up", () => {
    const check = checkPostForm([leg("bank:usd", DEBIT, "1"), leg("wallet:alice", CREDIT, "1")], (code) => (code === "wallet:alice" ? { state: "searching" } : resolve(code)));
    expect(check.balanced).toBe(false);
    expect(check.problems).toEqual(["Leg 1: looking up the account…"]);
  });
});
