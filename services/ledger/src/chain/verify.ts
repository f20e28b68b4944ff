// Verifies the hash chain over each ledger's transactions (sql/migrations/0042) with
// ledger.verify_chain(), a bounded number of links per call, and names the first broken link.
// Shared by `npm run verify`, the ledger's /v1/chain/verify endpoint and its periodic check.
import type { Sql } from "postgres";
import { pgtyped } from "@ledgerflow/platform/db";
import * as chainDb from "../db/chain.queries.ts";

/** Links recomputed per call of ledger.verify_chain() (one database statement). */
export const LINKS_PER_CALL_MAX = 10_000;
/** Ledgers verified in one pass. */
export const LEDGERS_MAX = 10_000;

export interface BrokenLink {
  /** The first position that does not hold (absent when a transaction has no link at all). */
  position?: bigint;
  transactionId?: string;
  expectedHash?: string;
  storedHash?: string;
  problem: string;
}

export interface ChainVerdict {
  ledger: string;
  /** Every link up to this position holds. */
  verifiedThrough: bigint;
  linksChecked: bigint;
  headPosition: bigint;
  broken?: BrokenLink;
}

/**
 * Verifies one ledger's chain from `afterPosition` (0: from its first link; a position verified
 * before: only what follows it) up to the head as it was when the pass began.
 */
export async function verifyLedgerChain(sql: Sql, ledger: string, afterPosition = 0n, linksPerCallMax = LINKS_PER_CALL_MAX): Promise<ChainVerdict> {
  if (afterPosition < 0n) throw new Error(`afterPosition must be >= 0, got ${afterPosition}`);
  let after = afterPosition;
  let checked = 0n;
  // The head can move while we verify: stop at the head seen by the first call, so that a pass
  // ends under any load.
  let callsMax = 1n;
  for (let call = 0n; call < callsMax; call++) {
    const [row] = await chainDb.verifyChain.run({ ledger, afterPosition: after, linksMax: linksPerCallMax }, pgtyped(sql));
    if (!row) throw new Error(`ledger.verify_chain returned nothing for ledger ${ledger}`);
    if (call === 0n) callsMax = row.head_position / BigInt(linksPerCallMax) + 2n;
    checked += row.links_checked;
    const verdict: ChainVerdict = { ledger, verifiedThrough: row.verified_through, linksChecked: checked, headPosition: row.head_position };
    if (row.problem !== null) {
      verdict.broken = {
        position: row.broken_position ?? undefined,
        transactionId: row.broken_transaction_id ?? undefined,
        expectedHash: row.expected_hash ?? undefined,
        storedHash: row.stored_hash ?? undefined,
        problem: row.problem,
      };
      return verdict;
    }
    if (row.links_checked < BigInt(linksPerCallMax)) return verdict;
    after = row.verified_through;
  }
  // Links kept arriving faster than we verified them: what was checked holds.
  return { ledger, verifiedThrough: after, linksChecked: checked, headPosition: after };
}

export interface VerifyOptions {
  /** One ledger; default: every ledger. */
  ledger?: string;
  /** Per ledger, the position already verified (a pass continues after it); default 0. */
  from?: ReadonlyMap<string, bigint>;
  linksPerCallMax?: number;
}

export async function verifyChains(sql: Sql, o: VerifyOptions = {}): Promise<ChainVerdict[]> {
  const ledgers = o.ledger !== undefined ? [o.ledger] : (await chainDb.listChainLedgers.run({ ledgersMax: BigInt(LEDGERS_MAX) }, pgtyped(sql))).map((r) => r.ledger);
  const verdicts: ChainVerdict[] = [];
  for (const ledger of ledgers) verdicts.push(await verifyLedgerChain(sql, ledger, o.from?.get(ledger) ?? 0n, o.linksPerCallMax));
  return verdicts;
}

/** One line for people and logs. */
export function describeVerdict(v: ChainVerdict): string {
  if (!v.broken) return `ledger ${v.ledger}: chain intact through position ${v.verifiedThrough} (${v.linksChecked} links checked, head at ${v.headPosition})`;
  const where = v.broken.position !== undefined ? ` at position ${v.broken.position}` : "";
  const hashes = v.broken.expectedHash && v.broken.storedHash ? `; expected hash ${v.broken.expectedHash}, stored ${v.broken.storedHash}` : "";
  const tx = v.broken.transactionId && !v.broken.problem.includes(v.broken.transactionId) ? ` (transaction ${v.broken.transactionId})` : "";
  return `ledger ${v.ledger}: CHAIN BROKEN${where}: ${v.broken.problem}${tx}${hashes}`;
}

/** The verdict as JSON (bigints as decimal strings), for the HTTP endpoint. */
export function verdictJson(v: ChainVerdict) {
  return {
    ledger: v.ledger,
    intact: v.broken === undefined,
    verified_through: String(v.verifiedThrough),
    links_checked: String(v.linksChecked),
    head_position: String(v.headPosition),
    ...(v.broken
      ? {
          broken: {
            position: v.broken.position === undefined ? null : String(v.broken.position),
            transaction_id: v.broken.transactionId ?? null,
            expected_hash: v.broken.expectedHash ?? null,
            stored_hash: v.broken.storedHash ?? null,
            problem: v.broken.problem,
          },
        }
      : {}),
  };
}
