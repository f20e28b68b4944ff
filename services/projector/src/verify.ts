// Before a rebuilt read model replaces the live one it is compared with the journal: per ledger,
// the number of transactions and of entries (legs), and every account's balances and version
// (drift 0). A replay from a transport that holds only part of the stream (the embedded log after
// the platform moved to Kafka, a topic past its retention) fails here instead of being swapped in.
import type { Sql } from "postgres";
import { compareBalances, compareBalancesAtVersions } from "./drift.ts";

export interface LedgerComparison {
  ledger: string;
  transactions: { journal: number; model: number };
  entries: { journal: number; model: number };
}

export interface JournalComparison {
  /** True when every ledger's counts match and no account's balances differ. */
  matches: boolean;
  ledgers: LedgerComparison[];
  accounts: number;
  /** Accounts whose balances or version differ, or that the model lacks (first 100). */
  mismatchedAccounts: string[];
  balanceDrift: number;
  checkedAt: string;
}

/** The journal's counts per ledger and every account's version, taken before catching up. */
export interface JournalWatermark {
  counts: Map<string, { transactions: number; entries: number }>;
  versions: Map<string, bigint>;
}

export async function journalWatermark(writeSql: Sql): Promise<JournalWatermark> {
  // One snapshot for both reads, so counts and versions describe the same moment.
  return writeSql.begin("ISOLATION LEVEL REPEATABLE READ READ ONLY", async (tx) => {
    const counts = new Map<string, { transactions: number; entries: number }>();
    for (const r of await journalCounts(tx as unknown as Sql)) counts.set(r.ledger as string, { transactions: r.transactions as number, entries: r.entries as number });
    const versions = new Map<string, bigint>();
    for (const r of await tx`SELECT account_id::text AS id, version FROM ledger.balances WHERE version > 0`) versions.set(r.id as string, BigInt(r.version));
    return { counts, versions };
  });
}

const journalCounts = (sql: Sql) => sql`
    SELECT ledger, sum(transactions)::int AS transactions, sum(entries)::int AS entries FROM (
      SELECT ledger, count(*) AS transactions, 0 AS entries FROM ledger.transactions GROUP BY ledger
      UNION ALL SELECT ledger, 0, count(*) FROM ledger.entries GROUP BY ledger) x GROUP BY ledger`;

/**
 * Compares the rebuilt model with the journal. Without a watermark the two must be equal (a quiet
 * journal). With one, taken before the model caught up, writes may go on meanwhile: each ledger's
 * model counts must lie between the watermark's and the journal's now, every account must be at
 * least at its watermark version, and its balances must be the journal's balances-after at the
 * version the model holds (entries record them), so traffic cannot make a true copy differ and
 * a partial stream still cannot pass.
 */
export async function compareWithJournal(writeSql: Sql, readSql: Sql, schema: string, watermark?: JournalWatermark): Promise<JournalComparison> {
  // The model first: whatever it holds was committed to the journal before, so the journal read
  // after it has it too, however far the replay moves meanwhile.
  const model = await readSql`
    SELECT ledger, sum(transactions)::int AS transactions, sum(entries)::int AS entries FROM (
      SELECT ledger, count(*) AS transactions, 0 AS entries FROM ${readSql(schema)}.transactions GROUP BY ledger
      UNION ALL SELECT t.ledger, 0, count(*) FROM ${readSql(schema)}.transaction_legs l JOIN ${readSql(schema)}.transactions t USING (transaction_id) GROUP BY t.ledger) x
    GROUP BY ledger`;
  const journal = await journalCounts(writeSql);
  const byLedger = new Map<string, LedgerComparison>();
  const row = (ledger: string) => {
    let c = byLedger.get(ledger);
    if (!c) {
      c = { ledger, transactions: { journal: 0, model: 0 }, entries: { journal: 0, model: 0 } };
      byLedger.set(ledger, c);
    }
    return c;
  };
  for (const r of journal) {
    const c = row(r.ledger as string);
    c.transactions.journal = r.transactions as number;
    c.entries.journal = r.entries as number;
  }
  for (const r of model) {
    const c = row(r.ledger as string);
    c.transactions.model = r.transactions as number;
    c.entries.model = r.entries as number;
  }
  const ledgers = [...byLedger.values()].sort((a, b) => a.ledger.localeCompare(b.ledger));
  const countsMatch = watermark
    ? ledgers.every((l) => {
        const start = watermark.counts.get(l.ledger) ?? { transactions: 0, entries: 0 };
        return l.transactions.model >= start.transactions && l.transactions.model <= l.transactions.journal && l.entries.model >= start.entries && l.entries.model <= l.entries.journal;
      })
    : ledgers.every((l) => l.transactions.journal === l.transactions.model && l.entries.journal === l.entries.model);
  const { accounts, mismatched } = watermark ? await compareBalancesAtVersions(writeSql, readSql, schema, watermark) : await compareBalances(writeSql, readSql, schema);
  return {
    matches: countsMatch && mismatched.length === 0,
    ledgers,
    accounts,
    mismatchedAccounts: mismatched.slice(0, 100),
    balanceDrift: mismatched.length,
    checkedAt: new Date().toISOString(),
  };
}

/** One line per ledger, for logs and the command's output. */
export function describeComparison(c: JournalComparison): string {
  const ledgers = c.ledgers.map((l) => `${l.ledger}: transactions ${l.transactions.model}/${l.transactions.journal}, entries ${l.entries.model}/${l.entries.journal}`);
  return `${ledgers.join("; ") || "no ledgers"} (rebuilt/journal); accounts ${c.accounts}, balance drift ${c.balanceDrift}`;
}
