// The drift check: the read model against the ledger's books. Balances and versions per account,
// counts of transactions and entries, and amount checksums per currency, direction and effect.
// The two may live in different databases, so each side is queried on its own and compared here
// (accounts a page at a time). It reads zero once the projector has caught up.
import type { Sql } from "postgres";

const PAGE = 1_000;
const AMOUNT_FIELDS = ["posted_debits", "posted_credits", "pending_debits", "pending_credits"] as const;
const BALANCE_FIELDS = [...AMOUNT_FIELDS, "version"] as const;
const NIL_UUID = "00000000-0000-0000-0000-000000000000";

export interface DriftReport {
  /** Accounts, count and checksum differences: 0 when the read model matches the books. */
  drift: number;
  accounts: number;
  mismatchedAccounts: string[];
  counts: { name: string; write: string; read: string }[];
  checksums: { currency: string; direction: string; effect: string; write: string; read: string }[];
  checkedAt: string;
}

export async function checkDrift(writeSql: Sql, readSql: Sql, schema: string): Promise<DriftReport> {
  const { accounts, mismatched } = await compareBalances(writeSql, readSql, schema);
  const [w] = await writeSql`SELECT (SELECT count(*) FROM ledger.transactions)::text AS transactions, (SELECT count(*) FROM ledger.entries)::text AS entries`;
  const [r] = await readSql`
    SELECT (SELECT count(*) FROM ${readSql(schema)}.transactions)::text AS transactions, (SELECT count(*) FROM ${readSql(schema)}.transaction_legs)::text AS entries`;
  const counts = (["transactions", "entries"] as const).map((name) => ({ name, write: w![name] as string, read: r![name] as string }));
  const writeSums = await writeSql`
    SELECT currency, direction, effect, sum(amount)::text AS total FROM ledger.entries GROUP BY 1, 2, 3`;
  const readSums = await readSql`
    SELECT currency, direction, effect, sum(amount)::text AS total FROM ${readSql(schema)}.transaction_legs GROUP BY 1, 2, 3`;
  const key = (x: { currency: string; direction: string; effect: string }) => `${x.currency}|${x.direction}|${x.effect}`;
  const sums = new Map<string, { currency: string; direction: string; effect: string; write: string; read: string }>();
  for (const s of writeSums) sums.set(key(s as never), { currency: s.currency, direction: s.direction, effect: s.effect, write: s.total, read: "0" });
  for (const s of readSums) {
    const entry = sums.get(key(s as never)) ?? { currency: s.currency, direction: s.direction, effect: s.effect, write: "0", read: "0" };
    entry.read = s.total;
    sums.set(key(s as never), entry);
  }
  const checksums = [...sums.values()].sort((a, b) => key(a).localeCompare(key(b)));
  const drift = mismatched.length + counts.filter((c) => c.write !== c.read).length + checksums.filter((c) => c.write !== c.read).length;
  return { drift, accounts, mismatchedAccounts: mismatched.slice(0, 100), counts, checksums, checkedAt: new Date().toISOString() };
}

/** Every account's balances and version in the books against the read model, a page at a time. */
export async function compareBalances(writeSql: Sql, readSql: Sql, schema: string): Promise<{ accounts: number; mismatched: string[] }> {
  const mismatched: string[] = [];
  let after = NIL_UUID;
  let accounts = 0;
  for (;;) {
    const write = await writeSql`
      SELECT account_id::text AS id, posted_debits, posted_credits, pending_debits, pending_credits, version::text AS version
        FROM ledger.balances WHERE account_id > ${after} ORDER BY account_id LIMIT ${PAGE}`;
    if (write.length === 0) break;
    const ids = write.map((row) => row.id as string);
    const read = await readSql`
      SELECT account_id::text AS id, posted_debits, posted_credits, pending_debits, pending_credits, version::text AS version
        FROM ${readSql(schema)}.accounts WHERE account_id = ANY(${ids}::uuid[])`;
    const byId = new Map(read.map((row) => [row.id as string, row]));
    for (const w of write) {
      const r = byId.get(w.id);
      if (!r || BALANCE_FIELDS.some((f) => String(r[f]) !== String(w[f]))) mismatched.push(w.id);
    }
    accounts += write.length;
    after = ids[ids.length - 1]!;
    if (write.length < PAGE) break;
  }
  return { accounts, mismatched };
}

/**
 * Each account of the model against the journal's balances-after at the version the model holds
 * (entries record them), and no account behind the version it had at `versions` (a watermark
 * taken before the model caught up): what a comparison can ask while the journal moves on.
 */
export async function compareBalancesAtVersions(writeSql: Sql, readSql: Sql, schema: string, watermark: { versions: Map<string, bigint> }): Promise<{ accounts: number; mismatched: string[] }> {
  const mismatched: string[] = [];
  const seen = new Set<string>();
  let after = NIL_UUID;
  for (;;) {
    const page = await readSql`
      SELECT account_id::text AS id, posted_debits::text AS posted_debits, posted_credits::text AS posted_credits,
             pending_debits::text AS pending_debits, pending_credits::text AS pending_credits, version::text AS version
        FROM ${readSql(schema)}.accounts WHERE account_id > ${after}::uuid ORDER BY account_id LIMIT ${PAGE}`;
    if (page.length === 0) break;
    const withEntries = page.filter((r) => BigInt(r.version) > 0n);
    const journal =
      withEntries.length === 0
        ? []
        : await writeSql`
      SELECT e.account_id::text AS id, e.posted_debits::text AS posted_debits, e.posted_credits::text AS posted_credits,
             e.pending_debits::text AS pending_debits, e.pending_credits::text AS pending_credits
        FROM unnest(${withEntries.map((r) => r.id as string)}::uuid[], ${withEntries.map((r) => String(r.version))}::int8[]) AS v(id, version)
        JOIN ledger.entries e ON e.account_id = v.id AND e.account_version = v.version`;
    const byId = new Map(journal.map((r) => [r.id as string, r]));
    for (const m of page) {
      const id = m.id as string;
      seen.add(id);
      const version = BigInt(m.version);
      const behind = version < (watermark.versions.get(id) ?? 0n);
      const j = version === 0n ? Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, "0"])) : byId.get(id);
      if (behind || !j || AMOUNT_FIELDS.some((f) => String(j[f]) !== String(m[f]))) mismatched.push(id);
    }
    after = page[page.length - 1]!.id as string;
    if (page.length < PAGE) break;
  }
  // An account that had entries at the watermark but is missing from the model.
  for (const id of watermark.versions.keys()) if (!seen.has(id)) mismatched.push(id);
  return { accounts: seen.size, mismatched };
}
