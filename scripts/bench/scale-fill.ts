// Pre-fills the benchmark's own throwaway database with a large journal, fast, in SQL: balanced
// two-leg transactions over the wallets (each wallet first funded from one source account),
// entries with the running balances and versions the journal trigger would have written, the
// balances rows to match, and the read model the projector would have built from them.
//
// Per-row triggers would take minutes per million entries on two cores, so each chunk runs with
// `session_replication_role = replica` (ordinary and foreign-key triggers off) — only here, in a
// database the benchmark created and drops, as its owner. Nothing checks the rows on the way in,
// so `verifyJournal` checks them all afterwards, before anything is measured: every transaction
// balanced (so Σ = 0), the balances = Σ entries per account, and the running columns of each
// account's last entry = its balances row. The pre-filled transactions have no outbox events.
import type { Sql } from "postgres";

/** Transactions per database transaction of the fill: bounds the temp tables and the WAL per commit. */
export const FILL_CHUNK_TRANSACTIONS = 250_000;
/** Simulated time between two pre-filled transactions (10 million entries span about 29 days). */
const FILL_STEP = "500 milliseconds";

export async function prepareFill(sql: Sql, walletCodePrefix: string, sourceCode: string): Promise<number> {
  await sql.unsafe(`
    CREATE SCHEMA bench_fill;
    CREATE TABLE bench_fill.wallets (n int PRIMARY KEY, id uuid NOT NULL, code text NOT NULL);
    CREATE TABLE bench_fill.meta (base timestamptz NOT NULL, wallets int NOT NULL, source uuid NOT NULL, filled bigint NOT NULL DEFAULT 0);`);
  await sql`INSERT INTO bench_fill.wallets (n, id, code)
    SELECT (row_number() OVER (ORDER BY code))::int - 1, id, code FROM ledger.accounts WHERE code LIKE ${`${walletCodePrefix}%`}`;
  const [{ n }] = (await sql`SELECT count(*)::int AS n FROM bench_fill.wallets`) as unknown as [{ n: number }];
  // The timeline starts 31 days ago so that 10 million entries still end before now().
  await sql`INSERT INTO bench_fill.meta (base, wallets, source)
    SELECT now() - interval '31 days', ${n}, id FROM ledger.accounts WHERE code = ${sourceCode}`;
  return n;
}

/** Transactions [lo, hi) of the timeline: the first `wallets` fund one wallet each, the rest move 1–100 between two wallets. */
export async function fillChunk(sql: Sql, lo: number, hi: number): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`SET LOCAL session_replication_role = replica`;
    await tx.unsafe(`
      CREATE TEMP TABLE fill_tx ON COMMIT DROP AS
      SELECT i, gen_random_uuid() AS id, m.base + i * interval '${FILL_STEP}' AS at,
             CASE WHEN i < m.wallets THEN m.source ELSE a.id END AS debit_id,
             CASE WHEN i < m.wallets THEN f.id ELSE b.id END AS credit_id,
             CASE WHEN i < m.wallets THEN 1000000000000::numeric ELSE (1 + i % 100)::numeric END AS amount
        FROM generate_series(${lo}::bigint, ${hi - 1}::bigint) i
        CROSS JOIN bench_fill.meta m
        LEFT JOIN bench_fill.wallets f ON f.n = i % m.wallets
        LEFT JOIN bench_fill.wallets a ON a.n = abs(hashint8(i)::bigint) % m.wallets
        LEFT JOIN bench_fill.wallets b ON b.n = (abs(hashint8(i)::bigint) % m.wallets + 1 + abs(hashint8(-i - 1)::bigint) % (m.wallets - 1)) % m.wallets;
      INSERT INTO ledger.transactions (id, ledger, kind, idempotency_key, effective_at, created_at)
        SELECT id, 'main', 'standard', 'fill-' || i, at, at FROM fill_tx ORDER BY i;
      CREATE TEMP TABLE fill_entries ON COMMIT DROP AS
        SELECT f.i, f.id AS transaction_id, l.leg, l.account_id, l.direction, f.amount, f.at
          FROM fill_tx f CROSS JOIN LATERAL (VALUES (0, f.debit_id, 'debit'), (1, f.credit_id, 'credit')) l(leg, account_id, direction);
      INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount,
                                  posted_debits, posted_credits, pending_debits, pending_credits, account_version, applied_at)
        SELECT e.transaction_id, e.leg, 'main', e.account_id, 'USD', e.direction, 'post', e.amount,
               b.posted_debits + sum(CASE WHEN e.direction = 'debit' THEN e.amount ELSE 0 END) OVER w,
               b.posted_credits + sum(CASE WHEN e.direction = 'credit' THEN e.amount ELSE 0 END) OVER w,
               b.pending_debits, b.pending_credits, b.version + row_number() OVER w, e.at
          FROM fill_entries e JOIN ledger.balances b ON b.account_id = e.account_id
        WINDOW w AS (PARTITION BY e.account_id ORDER BY e.i, e.leg)
        ORDER BY e.i, e.leg;
      UPDATE ledger.balances b
         SET posted_debits = b.posted_debits + d.debits, posted_credits = b.posted_credits + d.credits, version = b.version + d.n
        FROM (SELECT account_id, sum(CASE WHEN direction = 'debit' THEN amount ELSE 0 END) AS debits,
                     sum(CASE WHEN direction = 'credit' THEN amount ELSE 0 END) AS credits, count(*) AS n
                FROM fill_entries GROUP BY account_id) d
       WHERE b.account_id = d.account_id;
      INSERT INTO read.transactions (transaction_id, ledger, sequence, type, status, idempotency_key, total, currencies, effective_at, created_at)
        SELECT t.id, 'main', t.seq, 'standard', 'posted', t.idempotency_key, f.amount, ARRAY['USD'], f.at, f.at
          FROM fill_tx f JOIN ledger.transactions t ON t.id = f.id;
      INSERT INTO read.transaction_legs (transaction_id, leg, account_id, account_code, currency, direction, effect, amount)
        SELECT e.transaction_id, e.leg, e.account_id, a.code, 'USD', e.direction, 'post', e.amount
          FROM fill_entries e JOIN ledger.accounts a ON a.id = e.account_id;
      UPDATE bench_fill.meta SET filled = ${hi};`);
  });
}

/** The read model's accounts, from the ledger's accounts and balances (as the projector keeps them). */
export async function refreshReadAccounts(sql: Sql): Promise<void> {
  await sql`
    INSERT INTO read.accounts (account_id, ledger, code, currency, normal_balance, allow_overdraft, overdraft_limit, metadata,
                               posted_debits, posted_credits, pending_debits, pending_credits, version, created_at, updated_at)
    SELECT a.id, a.ledger, a.code, a.currency, a.normal_balance, a.allow_overdraft, a.overdraft_limit, a.metadata,
           b.posted_debits, b.posted_credits, b.pending_debits, b.pending_credits, b.version, a.created_at, a.updated_at
      FROM ledger.accounts a JOIN ledger.balances b ON b.account_id = a.id
    ON CONFLICT (account_id) DO UPDATE SET posted_debits = EXCLUDED.posted_debits, posted_credits = EXCLUDED.posted_credits,
      pending_debits = EXCLUDED.pending_debits, pending_credits = EXCLUDED.pending_credits, version = EXCLUDED.version`;
}

export interface JournalCheck {
  entries: number;
  transactions: number;
  unbalanced: number;
  net: string;
  balanceMismatches: number;
  runningMismatches: number;
  seconds: number;
}

/** Checks the whole journal; throws when any invariant fails. */
export async function verifyJournal(sql: Sql): Promise<JournalCheck> {
  const started = performance.now();
  const [counts] = await sql`SELECT (SELECT count(*) FROM ledger.entries)::bigint AS entries, (SELECT count(*) FROM ledger.transactions)::bigint AS transactions`;
  const [tx] = await sql`
    SELECT count(*) FILTER (WHERE net <> 0)::int AS unbalanced, count(*) FILTER (WHERE legs < 2)::int AS short, coalesce(sum(net), 0)::text AS net
      FROM (SELECT transaction_id, count(*) AS legs, sum(CASE WHEN direction = 'debit' THEN amount ELSE -amount END) AS net
              FROM ledger.entries WHERE effect = 'post' GROUP BY transaction_id) t`;
  const [bal] = await sql`
    SELECT count(*)::int AS n FROM ledger.balances b
      FULL JOIN (SELECT account_id, sum(CASE WHEN direction = 'debit' THEN amount ELSE 0 END) AS debits,
                        sum(CASE WHEN direction = 'credit' THEN amount ELSE 0 END) AS credits, count(*) AS n
                   FROM ledger.entries WHERE effect = 'post' GROUP BY account_id) e USING (account_id)
     WHERE b.account_id IS NULL OR coalesce(e.debits, 0) <> b.posted_debits OR coalesce(e.credits, 0) <> b.posted_credits
        OR coalesce(e.n, 0) <> b.version OR b.pending_debits <> 0 OR b.pending_credits <> 0`;
  const [run] = await sql`
    SELECT count(*)::int AS n FROM ledger.balances b
      JOIN LATERAL (SELECT posted_debits, posted_credits, account_version FROM ledger.entries e
                     WHERE e.account_id = b.account_id ORDER BY applied_at DESC, account_version DESC LIMIT 1) l ON true
     WHERE l.posted_debits <> b.posted_debits OR l.posted_credits <> b.posted_credits OR l.account_version <> b.version`;
  const check: JournalCheck = {
    entries: Number(counts!.entries),
    transactions: Number(counts!.transactions),
    unbalanced: tx!.unbalanced + tx!.short,
    net: tx!.net,
    balanceMismatches: bal!.n,
    runningMismatches: run!.n,
    seconds: (performance.now() - started) / 1000,
  };
  if (check.unbalanced > 0 || check.net !== "0" || check.balanceMismatches > 0 || check.runningMismatches > 0) {
    throw new Error(`the pre-filled journal breaks an invariant: ${JSON.stringify(check)}`);
  }
  return check;
}
