// The checker: after quiescence, the history of the clients against the books, the books against
// themselves, the Kafka topic against the journal, the read model against the journal, and
// billing against both. SQL here only reads (the schema's tables, not its functions), so the
// checker keeps working whatever the triggers and roles become.
import type { Sql } from "postgres";
import { HEADERS, KafkaEventConsumer, kafkaClient, TOPICS, totalLag } from "@ledgerflow/platform/events";
import { checkDrift } from "@ledgerflow/projector/read-model";
import type { Op } from "./workload.ts";

/** A failed invariant names what it found (ids or keys, the first LIST_MAX of them). */
export interface Violation {
  invariant: string;
  count: number;
  examples: unknown[];
}

export interface Figures {
  ops: number;
  acked: number;
  refused: number;
  indeterminate: number;
  indeterminateCommitted: number;
  ackedMissing: number;
  refusedPresent: number;
  duplicatedKeys: number;
  duplicatedResolutions: number;
  journalTransactions: number;
  currencySums: { currency: string; posted: string; pending: string }[];
  balanceMismatches: number;
  belowFloor: number;
  kafkaEvents: number;
  kafkaDistinct: number;
  kafkaMissing: number;
  kafkaUnknown: number;
  /** Extra copies of an event on the topic (the relay publishes at least once; consumers deduplicate by id). */
  kafkaRedelivered: number;
  drift: number;
  billableCharges: number;
  accrualsMissing: number;
  accrualsExtra: number;
  accrualsDuplicated: number;
  refundsExpected: number;
  refundsWrong: number;
  invoicesPosted: number;
  invoicesNotPosted: number;
  feePostings: number;
  feePostingsWrong: number;
  processExits: number;
}

export interface CheckResult {
  figures: Figures;
  violations: Violation[];
}

const LIST_MAX = 20;
const KAFKA_READ_TIMEOUT_MS = 90_000;
const KAFKA_QUIET_MS = 5_000;

export async function check(sql: Sql, ops: Op[], brokers: string, processExits: unknown[]): Promise<CheckResult> {
  const violations: Violation[] = [];
  const fail = (invariant: string, items: unknown[]) => {
    if (items.length > 0) violations.push({ invariant, count: items.length, examples: items.slice(0, LIST_MAX) });
  };
  const history = await checkHistory(sql, ops, fail);
  const books = await checkBooks(sql, fail);
  const kafka = await checkKafka(sql, brokers, fail);
  const drift = await checkDrift(sql, sql, "read");
  if (drift.drift !== 0) fail("read model = journal (drift 0)", [{ drift: drift.drift, mismatchedAccounts: drift.mismatchedAccounts, counts: drift.counts, checksums: drift.checksums.filter((c) => c.read !== c.write) }]);
  const billing = await checkBilling(sql, fail);
  fail("no process exited by itself", processExits);
  return { figures: { ...history, ...books, ...kafka, drift: drift.drift, ...billing, processExits: processExits.length }, violations };
}

type Fail = (invariant: string, items: unknown[]) => void;

/** Every acknowledged operation is in the journal once; no refused one is; indeterminate ones are resolved. */
async function checkHistory(sql: Sql, ops: Op[], fail: Fail) {
  const rows = await sql<{ key: string; id: string; kind: string; parent_id: string | null }[]>`
    SELECT idempotency_key AS key, id::text AS id, kind, parent_id::text AS parent_id FROM ledger.transactions WHERE ledger = 'main'`;
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const ackedMissing: unknown[] = [];
  const refusedPresent: unknown[] = [];
  let indeterminateCommitted = 0;
  for (const op of ops) {
    const row = byKey.get(op.key);
    if (op.status === "acked") {
      if (!row) ackedMissing.push({ key: op.key, kind: op.kind, transactionId: op.transactionId });
      else if (op.transactionId && row.id !== op.transactionId) ackedMissing.push({ key: op.key, kind: op.kind, acknowledged: op.transactionId, stored: row.id });
    } else if (op.status === "refused") {
      if (row) refusedPresent.push({ key: op.key, kind: op.kind, error: op.lastError, stored: row.id });
    } else if (row) indeterminateCommitted += 1;
  }
  fail("acknowledged operations are in the journal", ackedMissing);
  fail("refused operations are not in the journal", refusedPresent);
  // Not limited: the figure is the count (fail() keeps only the first examples).
  const dupKeys = await sql`SELECT ledger, idempotency_key AS key, count(*)::int AS n FROM ledger.transactions GROUP BY 1, 2 HAVING count(*) > 1`;
  fail("no idempotency key posted twice", [...dupKeys]);
  // A pending transaction is resolved (committed or voided) at most once; a posting reversed at most once.
  const dupResolutions = await sql`
    SELECT parent_id::text AS parent, CASE WHEN kind = 'reversal' THEN 'reversal' ELSE 'resolution' END AS what, count(*)::int AS n
      FROM ledger.transactions WHERE parent_id IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1`;
  fail("no transaction resolved or reversed twice", [...dupResolutions]);
  const count = (s: Op["status"]) => ops.filter((o) => o.status === s).length;
  return {
    ops: ops.length,
    acked: count("acked"),
    refused: count("refused"),
    indeterminate: count("indeterminate"),
    indeterminateCommitted,
    ackedMissing: ackedMissing.length,
    refusedPresent: refusedPresent.length,
    duplicatedKeys: dupKeys.length,
    duplicatedResolutions: dupResolutions.length,
    journalTransactions: rows.length,
  };
}

/** Double entry per currency, balances = their entries, floors held. */
async function checkBooks(sql: Sql, fail: Fail) {
  const sums = await sql<{ currency: string; posted: string; pending: string }[]>`
    SELECT a.currency, sum(b.posted_debits - b.posted_credits)::text AS posted, sum(b.pending_debits - b.pending_credits)::text AS pending
      FROM ledger.balances b JOIN ledger.accounts a ON a.id = b.account_id GROUP BY 1 ORDER BY 1`;
  fail(
    "Σ per currency = 0 (posted and pending)",
    sums.filter((s) => s.posted !== "0" || s.pending !== "0"),
  );
  const entrySums = await sql`
    SELECT currency, sum(CASE WHEN direction = 'debit' THEN amount ELSE -amount END)::text AS net FROM ledger.entries WHERE effect = 'post' GROUP BY 1`;
  fail(
    "Σ of posted entries per currency = 0",
    entrySums.filter((s) => s.net !== "0"),
  );
  const mismatches = await sql`
    WITH e AS (
      SELECT account_id,
             sum(amount) FILTER (WHERE effect = 'post' AND direction = 'debit') AS pd,
             sum(amount) FILTER (WHERE effect = 'post' AND direction = 'credit') AS pc,
             sum(CASE WHEN effect = 'hold' THEN amount WHEN effect = 'release' THEN -amount END) FILTER (WHERE effect <> 'post' AND direction = 'debit') AS hd,
             sum(CASE WHEN effect = 'hold' THEN amount WHEN effect = 'release' THEN -amount END) FILTER (WHERE effect <> 'post' AND direction = 'credit') AS hc,
             count(*) AS n
        FROM ledger.entries GROUP BY account_id)
    SELECT b.account_id::text AS account, b.posted_debits::text, b.posted_credits::text, b.pending_debits::text, b.pending_credits::text, b.version::text,
           coalesce(e.pd, 0)::text AS entries_posted_debits, coalesce(e.pc, 0)::text AS entries_posted_credits,
           coalesce(e.hd, 0)::text AS entries_pending_debits, coalesce(e.hc, 0)::text AS entries_pending_credits, coalesce(e.n, 0)::text AS entries
      FROM ledger.balances b LEFT JOIN e ON e.account_id = b.account_id
     WHERE b.posted_debits <> coalesce(e.pd, 0) OR b.posted_credits <> coalesce(e.pc, 0)
        OR b.pending_debits <> coalesce(e.hd, 0) OR b.pending_credits <> coalesce(e.hc, 0) OR b.version <> coalesce(e.n, 0)
     LIMIT 100`;
  fail("each balance = Σ its entries", [...mismatches]);
  const below = await sql`
    SELECT a.id::text AS account, a.code, b.floor::text AS floor,
           CASE WHEN b.normal_balance = 'credit' THEN b.posted_credits - b.posted_debits - b.pending_debits
                ELSE b.posted_debits - b.posted_credits - b.pending_credits END::text AS available
      FROM ledger.balances b JOIN ledger.accounts a ON a.id = b.account_id
     WHERE NOT a.allow_overdraft AND (CASE WHEN b.normal_balance = 'credit' THEN b.posted_credits - b.posted_debits - b.pending_debits
                                           ELSE b.posted_debits - b.posted_credits - b.pending_credits END) < 0
     LIMIT 100`;
  fail("no account below its floor", [...below]);
  return { currencySums: [...sums], balanceMismatches: mismatches.length, belowFloor: below.length };
}

/** The transactions topic, read back from its start by a group of the checker's own. */
async function checkKafka(sql: Sql, brokers: string, fail: Fail) {
  const journal = new Set((await sql<{ id: string }[]>`SELECT id::text AS id FROM ledger.transactions`).map((r) => r.id));
  const copies = new Map<string, number>();
  let events = 0;
  const consumer = new KafkaEventConsumer(kafkaClient(brokers, "ledgerflow-chaos-checker"), { groupId: `chaos-checker-${Date.now()}`, topics: [TOPICS.transactions], fromBeginning: true });
  await consumer.start(async (batch) => {
    for (const e of batch) {
      events += 1;
      const id = e.headers[HEADERS.id] ?? "";
      copies.set(id, (copies.get(id) ?? 0) + 1);
    }
  });
  try {
    // Read until every journal transaction was seen, or until the group is at the end of the
    // topic and nothing new came for KAFKA_QUIET_MS (the rest is missing), within the timeout.
    const until = Date.now() + KAFKA_READ_TIMEOUT_MS;
    let seen = -1;
    let quietSince = Date.now();
    while (Date.now() < until) {
      if (events !== seen) [seen, quietSince] = [events, Date.now()];
      const lag = await consumer.lag().then(totalLag, () => Number.MAX_SAFE_INTEGER);
      if (lag === 0 && [...journal].every((id) => copies.has(id))) break;
      if (lag === 0 && Date.now() - quietSince > KAFKA_QUIET_MS) break;
      await Bun.sleep(250);
    }
  } finally {
    await consumer.close().catch(() => undefined);
  }
  const missing = [...journal].filter((id) => !copies.has(id));
  const unknown = [...copies.keys()].filter((id) => !journal.has(id));
  fail("every journal transaction has its event on Kafka", missing);
  fail("no event on Kafka without its journal transaction", unknown);
  const redelivered = [...copies.values()].reduce((n, c) => n + c - 1, 0);
  return { kafkaEvents: events, kafkaDistinct: copies.size, kafkaMissing: missing.length, kafkaUnknown: unknown.length, kafkaRedelivered: redelivered };
}

/** One accrual per billable (transaction, account), one refund per charge of a reversed one; each closed invoice's fee posted once. */
async function checkBilling(sql: Sql, fail: Fail) {
  // Billable: a posting or commit (not billing's own fee) with an incoming posted entry on an
  // account assigned to a plan at that time.
  const expected = await sql<{ tx: string; account: string; kind: string }[]>`
    SELECT DISTINCT t.id::text AS tx, e.account_id::text AS account, CASE t.kind WHEN 'commit' THEN 'commit' ELSE 'standard' END AS kind
      FROM ledger.transactions t
      JOIN ledger.entries e ON e.transaction_id = t.id AND e.effect = 'post'
      JOIN billing.assignments a ON a.account_id = e.account_id AND e.direction = a.normal_balance
                                AND a.assigned_at <= t.created_at AND (a.unassigned_at IS NULL OR a.unassigned_at > t.created_at)
     WHERE t.kind IN ('standard', 'commit') AND NOT (t.metadata ? 'billing.invoice_id') AND t.idempotency_key NOT LIKE 'billing:%'`;
  const charges = await sql<{ tx: string; account: string; kind: string; n: number }[]>`
    SELECT source_transaction_id::text AS tx, account_id::text AS account, source_type AS kind, count(*)::int AS n
      FROM billing.accruals WHERE source_type IN ('standard', 'commit') GROUP BY 1, 2, 3`;
  const key = (x: { tx: string; account: string; kind: string }) => `${x.tx}|${x.account}|${x.kind}`;
  const actual = new Map(charges.map((c) => [key(c), c.n]));
  const wanted = new Set(expected.map(key));
  const missing = expected.filter((x) => !actual.has(key(x)));
  const extra = charges.filter((c) => !wanted.has(key(c)));
  const duplicated = charges.filter((c) => c.n > 1);
  fail("an accrual for every billable transaction", missing);
  fail("no accrual for what is not billable", extra);
  fail("no accrual twice", duplicated);
  // Refunds: each charge of a reversed transaction is refunded by exactly one accrual of its reversal.
  const refunds = await sql`
    SELECT c.id::text AS charge, r.id::text AS reversal, (SELECT count(*)::int FROM billing.accruals x WHERE x.refunds_accrual_id = c.id) AS n,
           (SELECT count(*)::int FROM billing.accruals x WHERE x.refunds_accrual_id = c.id AND x.source_transaction_id = r.id) AS by_reversal
      FROM billing.accruals c JOIN ledger.transactions r ON r.parent_id = c.source_transaction_id AND r.kind = 'reversal'
     WHERE c.source_type IN ('standard', 'commit')`;
  const wrongRefunds = refunds.filter((r) => r.n !== 1 || r.by_reversal !== 1);
  const strayRefunds = await sql`
    SELECT x.id::text AS accrual FROM billing.accruals x
     WHERE x.source_type = 'reversal' AND NOT EXISTS (SELECT 1 FROM ledger.transactions r JOIN billing.accruals c ON c.id = x.refunds_accrual_id
                                                       WHERE r.id = x.source_transaction_id AND r.kind = 'reversal' AND r.parent_id = c.source_transaction_id)`;
  fail("each charge of a reversed transaction refunded exactly once", [...wrongRefunds, ...strayRefunds]);
  // Invoices: totals are their accruals; a closed invoice is posted; its fee transaction exists once with its total.
  const invoices = await sql`
    SELECT i.id::text AS id, i.status, i.total::text AS total, i.fee_transaction_id::text AS fee_tx, i.error,
           (SELECT coalesce(sum(fee), 0)::text FROM billing.accruals a WHERE a.invoice_id = i.id) AS accrued,
           (SELECT count(*)::int FROM ledger.transactions t WHERE t.idempotency_key = 'billing:invoice:' || i.id) AS postings,
           (SELECT t.id::text FROM ledger.transactions t WHERE t.idempotency_key = 'billing:invoice:' || i.id LIMIT 1) AS posting_id,
           (SELECT coalesce(sum(e.amount), 0)::text FROM ledger.transactions t JOIN ledger.entries e ON e.transaction_id = t.id AND e.direction = 'debit'
             WHERE t.idempotency_key = 'billing:invoice:' || i.id) AS posted_amount
      FROM billing.invoices i`;
  const notPosted = invoices.filter((i) => i.status !== "posted" && i.status !== "open");
  const wrongPostings = invoices.filter((i) => {
    if (i.total !== i.accrued) return true;
    if (i.status !== "posted") return i.postings !== 0 && i.status === "open";
    if (i.total === "0") return i.postings !== 0;
    const abs = i.total.startsWith("-") ? i.total.slice(1) : i.total;
    return i.postings !== 1 || i.posting_id !== i.fee_tx || i.posted_amount !== abs;
  });
  const orphanFees = await sql`
    SELECT t.id::text AS id, t.idempotency_key AS key FROM ledger.transactions t
     WHERE t.idempotency_key LIKE 'billing:invoice:%' AND NOT EXISTS (SELECT 1 FROM billing.invoices i WHERE 'billing:invoice:' || i.id = t.idempotency_key)`;
  fail("every closed invoice posted", notPosted);
  fail("each invoice's fee posted exactly once, for its total", [...wrongPostings, ...orphanFees]);
  return {
    billableCharges: expected.length,
    accrualsMissing: missing.length,
    accrualsExtra: extra.length,
    accrualsDuplicated: duplicated.length,
    refundsExpected: refunds.length,
    refundsWrong: wrongRefunds.length + strayRefunds.length,
    invoicesPosted: invoices.filter((i) => i.status === "posted").length,
    invoicesNotPosted: notPosted.length,
    feePostings: invoices.filter((i) => i.postings > 0).length,
    feePostingsWrong: wrongPostings.length + orphanFees.length,
  };
}
