// Property-based: random sequences of transfers, holds, commits, voids and reversals against a
// real ledger. A small model predicts which operations must succeed; after every step Postgres
// must agree with the model, every currency's balances must sum to zero, every balance must
// equal the sum of its entries, and no account may sit below its floor.
import { afterAll, beforeAll, expect, test } from "bun:test";
import fc from "fast-check";
import { LedgerError } from "./domain/errors.ts";
import type { Side } from "./domain/balances.ts";
import { startTestLedger, type TestLedger } from "./testing/ledger-server.ts";

let t: TestLedger;
beforeAll(async () => {
  t = await startTestLedger();
});
afterAll(async () => {
  await t.stop();
});

interface ModelAccount {
  id: string;
  currency: string;
  normal: Side;
  floor: bigint | null;
  pd: bigint;
  pc: bigint;
  hd: bigint;
  hc: bigint;
}

const available = (a: ModelAccount) => (a.normal === "credit" ? a.pc - a.pd - a.hd : a.pd - a.pc - a.hc);

type Op = { kind: "transfer"; from: number; to: number; amount: number; pending: boolean } | { kind: "commit"; pick: number; percent: number } | { kind: "void"; pick: number } | { kind: "reverse"; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("transfer" as const), from: fc.nat(5), to: fc.nat(5), amount: fc.integer({ min: 1, max: 900 }), pending: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("commit" as const), pick: fc.nat(), percent: fc.integer({ min: 0, max: 100 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("void" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reverse" as const), pick: fc.nat() }) },
);

let run = 0;

async function setup(): Promise<ModelAccount[]> {
  run += 1;
  const specs: [string, Side, boolean, string | undefined][] = [
    ["USD", "credit", false, undefined],
    ["USD", "credit", true, "500"],
    ["USD", "debit", true, undefined],
    ["EUR", "credit", false, undefined],
    ["EUR", "debit", true, "300"],
    ["EUR", "credit", true, undefined],
  ];
  const accounts: ModelAccount[] = [];
  for (const [i, [currency, normal, overdraft, limit]] of specs.entries()) {
    const a = await t.handle.ledger.createAccount({ code: `prop-${run}-${i}`, currency, normalBalance: normal, allowOverdraft: overdraft, overdraftLimit: limit });
    accounts.push({ id: a.id, currency, normal, floor: !overdraft ? 0n : limit ? -BigInt(limit) : null, pd: 0n, pc: 0n, hd: 0n, hc: 0n });
  }
  return accounts;
}

/** Applies entries to copies; null when the model says a floor would be breached. */
function simulate(_accounts: ModelAccount[], legs: { account: ModelAccount; dir: Side; effect: "post" | "hold" | "release"; amount: bigint }[]): Map<ModelAccount, ModelAccount> | null {
  const next = new Map<ModelAccount, ModelAccount>();
  for (const leg of legs) {
    const a = { ...(next.get(leg.account) ?? leg.account) };
    const sign = leg.effect === "release" ? -1n : 1n;
    if (leg.effect === "post") {
      if (leg.dir === "debit") a.pd += leg.amount;
      else a.pc += leg.amount;
    } else if (leg.dir === "debit") a.hd += sign * leg.amount;
    else a.hc += sign * leg.amount;
    if (leg.effect !== "release" && leg.dir !== a.normal && a.floor !== null && available(a) < a.floor) return null;
    next.set(leg.account, a);
  }
  return next;
}

async function checkInvariants(accounts: ModelAccount[]): Promise<void> {
  const sql = t.db.sql;
  const rows = await sql`SELECT account_id AS id, posted_debits, posted_credits, pending_debits, pending_credits FROM ledger.balances WHERE account_id = ANY(${accounts.map((a) => a.id)})`;
  for (const a of accounts) {
    const r = rows.find((x) => x.id === a.id)!;
    expect([r.posted_debits, r.posted_credits, r.pending_debits, r.pending_credits]).toEqual([a.pd, a.pc, a.hd, a.hc].map(String));
    if (a.floor !== null) expect(available(a) >= a.floor).toBe(true);
  }
  const [sums] = await sql`SELECT
      count(*) FILTER (WHERE net <> 0 OR pend <> 0)::int AS unbalanced_currencies
    FROM (SELECT a.currency, sum(b.posted_debits - b.posted_credits) AS net, sum(b.pending_debits - b.pending_credits) AS pend
          FROM ledger.accounts a JOIN ledger.balances b ON b.account_id = a.id GROUP BY a.currency) c`;
  expect(sums!.unbalanced_currencies).toBe(0);
  const [drift] = await sql`SELECT count(*)::int AS n FROM ledger.balances a
    LEFT JOIN (SELECT account_id,
        coalesce(sum(amount) FILTER (WHERE effect = 'post' AND direction = 'debit'), 0) AS pd,
        coalesce(sum(amount) FILTER (WHERE effect = 'post' AND direction = 'credit'), 0) AS pc,
        coalesce(sum(CASE effect WHEN 'hold' THEN amount WHEN 'release' THEN -amount END) FILTER (WHERE effect <> 'post' AND direction = 'debit'), 0) AS hd,
        coalesce(sum(CASE effect WHEN 'hold' THEN amount WHEN 'release' THEN -amount END) FILTER (WHERE effect <> 'post' AND direction = 'credit'), 0) AS hc
      FROM ledger.entries GROUP BY account_id) s ON s.account_id = a.account_id
    WHERE a.posted_debits <> coalesce(s.pd, 0) OR a.posted_credits <> coalesce(s.pc, 0) OR a.pending_debits <> coalesce(s.hd, 0) OR a.pending_credits <> coalesce(s.hc, 0)`;
  expect(drift!.n).toBe(0);
}

interface Tx {
  id: string;
  legs: { account: ModelAccount; dir: Side; amount: bigint }[];
}

async function expectOutcome(op: Promise<unknown>, shouldSucceed: boolean): Promise<boolean> {
  try {
    await op;
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    expect(shouldSucceed ? `unexpected ${error.code}: ${error.message}` : error.code).toBe("failed_precondition");
    return false;
  }
  expect(shouldSucceed).toBe(true);
  return true;
}

test("random operations keep the books balanced and match the model", async () => {
  let key = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 25 }), async (ops) => {
      const accounts = await setup();
      const pending: Tx[] = [];
      const posted: Tx[] = [];
      for (const op of ops) {
        const ledger = t.handle.ledger;
        if (op.kind === "transfer") {
          const from = accounts[op.from]!;
          const to = accounts.filter((a) => a.currency === from.currency && a !== from)[op.to % 2]!;
          const amount = BigInt(op.amount);
          const effect = op.pending ? "hold" : "post";
          const legs = [
            { account: from, dir: "debit" as Side, amount },
            { account: to, dir: "credit" as Side, amount },
          ];
          const sim = simulate(
            accounts,
            legs.map((l) => ({ ...l, effect })),
          );
          let id = "";
          const ok = await expectOutcome(
            ledger.post({ idempotencyKey: `p${run}-${++key}`, pending: op.pending, entries: legs.map((l) => ({ accountId: l.account.id, direction: l.dir, amount: String(l.amount) })) }).then((r) => (id = r.transaction.id)),
            sim !== null,
          );
          if (ok && sim) {
            for (const [a, next] of sim) Object.assign(a, next);
            (op.pending ? pending : posted).push({ id, legs });
          }
        } else if (op.kind === "commit" && pending.length > 0) {
          const tx = pending.splice(op.pick % pending.length, 1)[0]!;
          const amount = (tx.legs[0]!.amount * BigInt(op.percent)) / 100n;
          const legs = [...tx.legs.map((l) => ({ ...l, effect: "release" as const })), ...(amount > 0n ? tx.legs.map((l) => ({ ...l, amount, effect: "post" as const })) : [])];
          const sim = simulate(accounts, legs)!;
          const r = await ledger.commit({ transactionId: tx.id, amounts: tx.legs.map((_, leg) => ({ leg, amount: String(amount) })) });
          for (const [a, next] of sim) Object.assign(a, next);
          if (amount > 0n) posted.push({ id: r.child.id, legs: tx.legs.map((l) => ({ ...l, amount })) });
        } else if (op.kind === "void" && pending.length > 0) {
          const tx = pending.splice(op.pick % pending.length, 1)[0]!;
          const sim = simulate(
            accounts,
            tx.legs.map((l) => ({ ...l, effect: "release" as const })),
          )!;
          await ledger.void({ transactionId: tx.id });
          for (const [a, next] of sim) Object.assign(a, next);
        } else if (op.kind === "reverse" && posted.length > 0) {
          const tx = posted[op.pick % posted.length]!;
          const legs = tx.legs.map((l) => ({ account: l.account, dir: (l.dir === "debit" ? "credit" : "debit") as Side, amount: l.amount, effect: "post" as const }));
          const sim = simulate(accounts, legs);
          const ok = await expectOutcome(ledger.reverse({ transactionId: tx.id }), sim !== null);
          if (ok && sim) {
            for (const [a, next] of sim) Object.assign(a, next);
            posted.splice(posted.indexOf(tx), 1);
          }
        }
        await checkInvariants(accounts);
      }
    }),
    { numRuns: 25, seed: Number(process.env.PROPERTY_SEED ?? Date.now() % 1_000_000) },
  );
}, 120_000);
