// Applying ledger events to the read model, set-based: a batch of events becomes a handful of
// statements (claim the event ids, upsert accounts, insert transactions and legs, move balances
// forward, add volumes), all inside the caller's database transaction together with the
// processed-event records, so an event changes the read model once however often it arrives.
// Balances come from the balances-after that every entry carries, guarded by the account
// version, so the order of delivery does not matter either.
import type { Sql, TransactionSql } from "postgres";

import { DIRECTIONS, EFFECTS, KINDS, NORMAL_BALANCES, statusOfParentAfter, transactionStatus } from "@ledgerflow/platform/wire";
import type { AccountRecord, EntryRecord, TransactionRecord } from "@ledgerflow/proto/gen/ledgerflow/events/v1/events_pb.ts";

type Tx = Sql | TransactionSql;
type Ts = { seconds: bigint; nanos: number } | undefined;
type EntryEvent = EntryRecord;
type TransactionEvent = TransactionRecord;
type AccountEvent = AccountRecord;

export type ReadEvent = { eventId: string; type: string; account: AccountEvent } | { eventId: string; type: string; transaction: TransactionEvent };

const NIL = "00000000-0000-0000-0000-000000000000";

const toDate = (t: Ts) => (t ? new Date(Number(t.seconds) * 1000 + Math.floor(t.nanos / 1e6)) : new Date(0));

/** Applies the events that were not applied before; returns those (the new ones). */
export async function applyEvents(tx: Tx, schema: string, events: ReadEvent[]): Promise<ReadEvent[]> {
  const unique = new Map<string, ReadEvent>();
  for (const e of events) if (!unique.has(e.eventId)) unique.set(e.eventId, e);
  if (unique.size === 0) return [];
  const claimed = await tx`
    INSERT INTO ${tx(schema)}.processed_events (event_id, event_type)
    SELECT * FROM unnest(${[...unique.keys()]}::uuid[], ${[...unique.values()].map((e) => e.type)}::text[])
    ON CONFLICT DO NOTHING RETURNING event_id::text`;
  const fresh = claimed.map((r) => unique.get(r.event_id as string)!);
  const accounts = fresh.flatMap((e) => ("account" in e ? [e.account] : []));
  const transactions = fresh.flatMap((e) => ("transaction" in e ? [e.transaction] : [])).sort((a, b) => (a.sequence < b.sequence ? -1 : 1));
  await upsertAccounts(tx, schema, accounts);
  await insertTransactions(tx, schema, transactions);
  await moveBalances(tx, schema, transactions);
  await addVolumes(tx, schema, transactions);
  return fresh;
}

async function upsertAccounts(tx: Tx, schema: string, accounts: AccountEvent[]): Promise<void> {
  const latest = new Map<string, AccountEvent>();
  for (const a of accounts) {
    const seen = latest.get(a.accountId);
    if (!seen || toDate(seen.updatedAt) <= toDate(a.updatedAt)) latest.set(a.accountId, a);
  }
  if (latest.size === 0) return;
  const rows = [...latest.values()].map((a) => ({
    account_id: a.accountId,
    ledger: a.ledger,
    code: a.code,
    currency: a.currency,
    normal_balance: NORMAL_BALANCES.fromEvent(a.normalBalance) ?? "credit",
    allow_overdraft: a.allowOverdraft,
    overdraft_limit: a.overdraftLimit ?? null,
    metadata: JSON.stringify(a.metadata),
    created_at: toDate(a.createdAt),
    updated_at: toDate(a.updatedAt),
  }));
  // The settings change only for an event at least as new as the one that set them
  // (settings_updated_at, sql/read/0008); the immutable facts are the same in every event.
  const newer = tx`(${tx(schema)}.accounts.settings_updated_at IS NULL OR EXCLUDED.settings_updated_at >= ${tx(schema)}.accounts.settings_updated_at)`;
  await tx`
    INSERT INTO ${tx(schema)}.accounts (account_id, ledger, code, currency, normal_balance, allow_overdraft, overdraft_limit, metadata, created_at, updated_at, settings_updated_at)
    SELECT account_id, ledger, code, currency, normal_balance, allow_overdraft, overdraft_limit, metadata::jsonb, created_at, updated_at, updated_at
      FROM jsonb_to_recordset(${tx.json(rows as never)}) AS x(account_id uuid, ledger text, code text, currency text, normal_balance text,
           allow_overdraft boolean, overdraft_limit numeric, metadata text, created_at timestamptz, updated_at timestamptz)
    ON CONFLICT (account_id) DO UPDATE SET
      ledger = EXCLUDED.ledger, code = EXCLUDED.code, currency = EXCLUDED.currency, normal_balance = EXCLUDED.normal_balance,
      allow_overdraft = CASE WHEN ${newer} THEN EXCLUDED.allow_overdraft ELSE ${tx(schema)}.accounts.allow_overdraft END,
      overdraft_limit = CASE WHEN ${newer} THEN EXCLUDED.overdraft_limit ELSE ${tx(schema)}.accounts.overdraft_limit END,
      metadata = CASE WHEN ${newer} THEN EXCLUDED.metadata ELSE ${tx(schema)}.accounts.metadata END,
      settings_updated_at = GREATEST(${tx(schema)}.accounts.settings_updated_at, EXCLUDED.settings_updated_at),
      created_at = EXCLUDED.created_at, updated_at = GREATEST(${tx(schema)}.accounts.updated_at, EXCLUDED.updated_at)`;
}

async function insertTransactions(tx: Tx, schema: string, transactions: TransactionEvent[]): Promise<void> {
  if (transactions.length === 0) return;
  const rows = transactions.map((t) => {
    const kind = KINDS.fromEvent(t.type);
    const total = t.entries.filter((e) => EFFECTS.fromEvent(e.effect) === "post" && DIRECTIONS.fromEvent(e.direction) === "debit").reduce((sum, e) => sum + BigInt(e.amount), 0n);
    return {
      transaction_id: t.transactionId,
      ledger: t.ledger,
      sequence: String(t.sequence),
      type: kind ?? "unspecified",
      status: kind ? transactionStatus(kind) : "posted",
      parent_id: t.parentTransactionId || null,
      idempotency_key: t.idempotencyKey,
      description: t.description,
      metadata: JSON.stringify(t.metadata),
      total: total.toString(),
      currencies: [...new Set(t.entries.map((e) => e.currency))],
      effective_at: toDate(t.effectiveAt),
      created_at: toDate(t.createdAt),
      caller: t.caller || null,
      actor: t.actor || null,
      expires_at: t.expiresAt ? toDate(t.expiresAt) : null,
    };
  });
  await tx`
    INSERT INTO ${tx(schema)}.transactions (transaction_id, ledger, sequence, type, status, parent_id, idempotency_key, description, metadata, total, currencies, effective_at, created_at, caller, actor, expires_at)
    SELECT transaction_id, ledger, sequence, type, status, parent_id, idempotency_key, description, metadata::jsonb, total, currencies, effective_at, created_at, caller, actor, expires_at
      FROM jsonb_to_recordset(${tx.json(rows as never)}) AS x(transaction_id uuid, ledger text, sequence bigint, type text, status text, parent_id uuid,
           idempotency_key text, description text, metadata text, total numeric, currencies text[], effective_at timestamptz, created_at timestamptz,
           caller text, actor text, expires_at timestamptz)
    ON CONFLICT (transaction_id) DO NOTHING`;
  const resolutions = transactions
    .filter((t) => t.parentTransactionId)
    .map((t) => ({
      parent_id: t.parentTransactionId,
      status: statusOfParentAfter(KINDS.fromEvent(t.type) ?? "commit"),
    }));
  if (resolutions.length > 0) {
    await tx`
      UPDATE ${tx(schema)}.transactions t SET status = x.status
        FROM jsonb_to_recordset(${tx.json(resolutions as never)}) AS x(parent_id uuid, status text)
       WHERE t.transaction_id = x.parent_id`;
  }
  const legs = transactions.flatMap((t) =>
    t.entries.map((e) => ({
      transaction_id: t.transactionId,
      leg: e.leg,
      account_id: e.accountId,
      account_code: e.accountCode,
      currency: e.currency,
      direction: DIRECTIONS.fromEvent(e.direction) ?? "unspecified",
      effect: EFFECTS.fromEvent(e.effect) ?? "unspecified",
      amount: e.amount,
    })),
  );
  if (legs.length > 0) {
    await tx`
      INSERT INTO ${tx(schema)}.transaction_legs (transaction_id, leg, account_id, account_code, currency, direction, effect, amount)
      SELECT * FROM jsonb_to_recordset(${tx.json(legs as never)}) AS x(transaction_id uuid, leg int, account_id uuid, account_code text,
             currency text, direction text, effect text, amount numeric)
      ON CONFLICT DO NOTHING`;
  }
}

async function moveBalances(tx: Tx, schema: string, transactions: TransactionEvent[]): Promise<void> {
  const latest = new Map<string, { e: EntryEvent; ledger: string; at: Date }>();
  for (const t of transactions) {
    for (const e of t.entries) {
      const seen = latest.get(e.accountId);
      if (!seen || seen.e.accountVersion < e.accountVersion) latest.set(e.accountId, { e, ledger: t.ledger, at: toDate(t.createdAt) });
    }
  }
  if (latest.size === 0) return;
  const rows = [...latest.values()].map(({ e, ledger, at }) => ({
    account_id: e.accountId,
    ledger,
    code: e.accountCode,
    currency: e.currency,
    posted_debits: e.postedDebits,
    posted_credits: e.postedCredits,
    pending_debits: e.pendingDebits,
    pending_credits: e.pendingCredits,
    version: String(e.accountVersion),
    updated_at: at,
  }));
  await tx`
    INSERT INTO ${tx(schema)}.accounts (account_id, ledger, code, currency, normal_balance, posted_debits, posted_credits, pending_debits, pending_credits, version, updated_at)
    SELECT account_id, ledger, code, currency, 'unknown', posted_debits, posted_credits, pending_debits, pending_credits, version, updated_at
      FROM jsonb_to_recordset(${tx.json(rows as never)}) AS x(account_id uuid, ledger text, code text, currency text, posted_debits numeric,
           posted_credits numeric, pending_debits numeric, pending_credits numeric, version bigint, updated_at timestamptz)
    ON CONFLICT (account_id) DO UPDATE SET
      posted_debits = EXCLUDED.posted_debits, posted_credits = EXCLUDED.posted_credits,
      pending_debits = EXCLUDED.pending_debits, pending_credits = EXCLUDED.pending_credits,
      version = EXCLUDED.version, updated_at = GREATEST(${tx(schema)}.accounts.updated_at, EXCLUDED.updated_at)
    WHERE ${tx(schema)}.accounts.version < EXCLUDED.version`;
}

/**
 * Posted volume per day of effect (a transaction's business date, which may be before it was
 * written), per account and per currency (the nil account), with the number of transactions
 * that posted in each currency.
 */
async function addVolumes(tx: Tx, schema: string, transactions: TransactionEvent[]): Promise<void> {
  const volumes = new Map<string, { day: string; ledger: string; currency: string; account_id: string; debits: bigint; credits: bigint; entries: number; transactions: number }>();
  for (const t of transactions) {
    const day = toDate(t.effectiveAt ?? t.createdAt)
      .toISOString()
      .slice(0, 10);
    const counted = new Set<string>();
    for (const e of t.entries) {
      if (EFFECTS.fromEvent(e.effect) !== "post") continue;
      for (const account of [e.accountId, NIL]) {
        const key = `${day}|${t.ledger}|${e.currency}|${account}`;
        const v = volumes.get(key) ?? { day, ledger: t.ledger, currency: e.currency, account_id: account, debits: 0n, credits: 0n, entries: 0, transactions: 0 };
        if (DIRECTIONS.fromEvent(e.direction) === "debit") v.debits += BigInt(e.amount);
        else v.credits += BigInt(e.amount);
        v.entries += 1;
        if (account === NIL && !counted.has(e.currency)) {
          counted.add(e.currency);
          v.transactions += 1;
        }
        volumes.set(key, v);
      }
    }
  }
  if (volumes.size === 0) return;
  const rows = [...volumes.values()].map((v) => ({ ...v, debits: v.debits.toString(), credits: v.credits.toString() }));
  await tx`
    INSERT INTO ${tx(schema)}.daily_volumes (day, ledger, currency, account_id, debits, credits, entries, transactions)
    SELECT * FROM jsonb_to_recordset(${tx.json(rows as never)}) AS x(day date, ledger text, currency text, account_id uuid, debits numeric, credits numeric, entries bigint, transactions bigint)
    ON CONFLICT (day, ledger, currency, account_id) DO UPDATE SET
      debits = ${tx(schema)}.daily_volumes.debits + EXCLUDED.debits,
      credits = ${tx(schema)}.daily_volumes.credits + EXCLUDED.credits,
      entries = ${tx(schema)}.daily_volumes.entries + EXCLUDED.entries,
      transactions = ${tx(schema)}.daily_volumes.transactions + EXCLUDED.transactions`;
}
