// Applying ledger events to the read model. Every function runs inside the caller's database
// transaction, together with the processed-event record, so an event changes the read model
// once however often it is delivered. Balances come from the balances-after that every entry
// carries, guarded by the account version, so the order of delivery does not matter either.
import type { Sql, TransactionSql } from "postgres";

type Tx = Sql | TransactionSql;

export interface EntryEvent {
  leg: number;
  accountId: string;
  accountCode: string;
  currency: string;
  direction: number;
  effect: number;
  amount: string;
  postedDebits: string;
  postedCredits: string;
  pendingDebits: string;
  pendingCredits: string;
  accountVersion: bigint;
}

export interface TransactionEvent {
  transactionId: string;
  ledger: string;
  sequence: bigint;
  type: number;
  parentTransactionId: string;
  idempotencyKey: string;
  description: string;
  metadata: Record<string, string>;
  entries: EntryEvent[];
  effectiveAt?: { seconds: bigint; nanos: number };
  createdAt?: { seconds: bigint; nanos: number };
}

const DIRECTION = ["unspecified", "debit", "credit"];
const EFFECT = ["unspecified", "post", "hold", "release"];
const TYPE = ["unspecified", "standard", "pending", "commit", "void", "reversal"];
const NIL = "00000000-0000-0000-0000-000000000000";

const toDate = (t?: { seconds: bigint; nanos: number }) => (t ? new Date(Number(t.seconds) * 1000 + Math.floor(t.nanos / 1e6)) : new Date(0));

/** Records the event; false when it was already applied (a redelivery). */
export async function claim(tx: Tx, schema: string, eventId: string, eventType: string): Promise<boolean> {
  const rows = await tx`INSERT INTO ${tx(schema)}.processed_events (event_id, event_type) VALUES (${eventId}, ${eventType}) ON CONFLICT DO NOTHING RETURNING 1`;
  return rows.length === 1;
}

export async function applyAccount(tx: Tx, schema: string, a: { accountId: string; ledger: string; code: string; currency: string; normalBalance: number; allowOverdraft: boolean; overdraftLimit?: string; metadata: Record<string, string>; createdAt?: { seconds: bigint; nanos: number }; updatedAt?: { seconds: bigint; nanos: number } }): Promise<void> {
  await tx`
    INSERT INTO ${tx(schema)}.accounts (account_id, ledger, code, currency, normal_balance, allow_overdraft, overdraft_limit, metadata, created_at, updated_at)
    VALUES (${a.accountId}, ${a.ledger}, ${a.code}, ${a.currency}, ${a.normalBalance === 1 ? "debit" : "credit"}, ${a.allowOverdraft},
            ${a.overdraftLimit ?? null}, ${tx.json(a.metadata)}, ${toDate(a.createdAt)}, ${toDate(a.updatedAt)})
    ON CONFLICT (account_id) DO UPDATE SET
      allow_overdraft = EXCLUDED.allow_overdraft, overdraft_limit = EXCLUDED.overdraft_limit, metadata = EXCLUDED.metadata,
      created_at = EXCLUDED.created_at, normal_balance = EXCLUDED.normal_balance,
      updated_at = GREATEST(${tx(schema)}.accounts.updated_at, EXCLUDED.updated_at)`;
}

export async function applyTransaction(tx: Tx, schema: string, t: TransactionEvent): Promise<void> {
  const type = TYPE[t.type] ?? "unspecified";
  const status = type === "pending" ? "pending" : "posted";
  const posts = t.entries.filter((e) => EFFECT[e.effect] === "post");
  const total = posts.filter((e) => DIRECTION[e.direction] === "debit").reduce((sum, e) => sum + BigInt(e.amount), 0n);
  const createdAt = toDate(t.createdAt);
  await tx`
    INSERT INTO ${tx(schema)}.transactions (transaction_id, ledger, sequence, type, status, parent_id, idempotency_key, description, metadata, total, currencies, effective_at, created_at)
    VALUES (${t.transactionId}, ${t.ledger}, ${String(t.sequence)}, ${type}, ${status}, ${t.parentTransactionId || null}, ${t.idempotencyKey},
            ${t.description}, ${tx.json(t.metadata)}, ${total.toString()}, ${[...new Set(t.entries.map((e) => e.currency))]}, ${toDate(t.effectiveAt)}, ${createdAt})
    ON CONFLICT (transaction_id) DO NOTHING`;
  if (t.parentTransactionId) {
    const parentStatus = type === "void" ? "voided" : type === "reversal" ? "reversed" : "posted";
    await tx`UPDATE ${tx(schema)}.transactions SET status = ${parentStatus} WHERE transaction_id = ${t.parentTransactionId}`;
  }
  if (t.entries.length === 0) return;
  const rows = t.entries.map((e) => ({
    transaction_id: t.transactionId, leg: e.leg, account_id: e.accountId, account_code: e.accountCode, currency: e.currency,
    direction: DIRECTION[e.direction] ?? "unspecified", effect: EFFECT[e.effect] ?? "unspecified", amount: e.amount,
  }));
  await tx`INSERT INTO ${tx(schema)}.transaction_legs ${tx(rows)} ON CONFLICT DO NOTHING`;

  // Latest balances per account in this event (highest version wins, here and in the table).
  const latest = new Map<string, EntryEvent>();
  for (const e of t.entries) {
    const seen = latest.get(e.accountId);
    if (!seen || seen.accountVersion < e.accountVersion) latest.set(e.accountId, e);
  }
  for (const e of latest.values()) {
    await tx`
      INSERT INTO ${tx(schema)}.accounts (account_id, ledger, code, currency, normal_balance, posted_debits, posted_credits, pending_debits, pending_credits, version, updated_at)
      VALUES (${e.accountId}, ${t.ledger}, ${e.accountCode}, ${e.currency}, 'unknown', ${e.postedDebits}, ${e.postedCredits}, ${e.pendingDebits}, ${e.pendingCredits}, ${String(e.accountVersion)}, ${createdAt})
      ON CONFLICT (account_id) DO UPDATE SET
        posted_debits = EXCLUDED.posted_debits, posted_credits = EXCLUDED.posted_credits,
        pending_debits = EXCLUDED.pending_debits, pending_credits = EXCLUDED.pending_credits,
        version = EXCLUDED.version, updated_at = GREATEST(${tx(schema)}.accounts.updated_at, EXCLUDED.updated_at)
      WHERE ${tx(schema)}.accounts.version < EXCLUDED.version`;
  }

  // Posted volume per account and per currency for the day.
  const day = createdAt.toISOString().slice(0, 10);
  const volumes = new Map<string, { currency: string; account: string; debits: bigint; credits: bigint; entries: number }>();
  for (const e of posts) {
    for (const account of [e.accountId, NIL]) {
      const key = `${e.currency}|${account}`;
      const v = volumes.get(key) ?? { currency: e.currency, account, debits: 0n, credits: 0n, entries: 0 };
      if (DIRECTION[e.direction] === "debit") v.debits += BigInt(e.amount);
      else v.credits += BigInt(e.amount);
      v.entries += 1;
      volumes.set(key, v);
    }
  }
  for (const v of volumes.values()) {
    await tx`
      INSERT INTO ${tx(schema)}.daily_volumes (day, ledger, currency, account_id, debits, credits, entries)
      VALUES (${day}, ${t.ledger}, ${v.currency}, ${v.account}, ${v.debits.toString()}, ${v.credits.toString()}, ${v.entries})
      ON CONFLICT (day, ledger, currency, account_id) DO UPDATE SET
        debits = ${tx(schema)}.daily_volumes.debits + EXCLUDED.debits,
        credits = ${tx(schema)}.daily_volumes.credits + EXCLUDED.credits,
        entries = ${tx(schema)}.daily_volumes.entries + EXCLUDED.entries`;
  }
}
