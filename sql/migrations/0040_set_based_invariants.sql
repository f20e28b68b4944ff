-- 0040 set-based invariants: the journal's checks cost per statement and per commit, not per row.
--
-- What changes (every invariant of 0001/0002 still holds against raw SQL):
--   * Entries are applied to ledger.balances by one statement-level trigger over the statement's
--     transition table: one UPDATE for all accounts the statement touches, then one query that
--     verifies every entry's balances-after and account version and the overdraft floors.
--     Writers that know the balances (the ledger service locks them first) send each entry's
--     balances-after and version; a raw INSERT that leaves account_version at 0 gets them filled
--     in by a row trigger that fires for such rows only.
--   * The commit-time check runs once per database transaction over every transaction it wrote
--     that has no event yet (balance per currency and effect, legs, shape per kind, parents),
--     then writes their events. An event in the outbox seals its transaction: entries it does
--     not list are refused. Before this, `SET CONSTRAINTS ALL IMMEDIATE` could make
--     the per-transaction check run early and let later entries in unchecked.
--   * Stamps (txid, created_at, applied_at) are column defaults verified per statement instead
--     of row triggers that overwrote them; holds are tracked only for the kinds that have them.
--   * The entries' foreign key to accounts becomes part of the statement check: the key locked
--     every account row it checked (FOR KEY SHARE, a WAL record per row), the largest single
--     cost of a posting. Accounts are never deleted, and their id, ledger and currency are
--     immutable, so a check at insert holds for good.
--
-- New SQLSTATE: LF007 an entry's balances-after or account version does not match the account.
--
-- Measured with scripts/bench-triggers.ts (the service's statements without the service: lock,
-- insert transactions, insert entries, commit; fsync on, 10,000 accounts, 2 cores shared with
-- the benchmark's client), the schema before this migration against this one (with 0041), two
-- alternating runs each:
--   50 transfers per commit, 8 clients   5,978 / 4,532 -> 6,741 / 6,570 transfers/s;
--                                        Postgres CPU 228 / 223 -> 173 / 193 µs per transfer
--   1 transfer per commit, 16 clients      872 / 855   ->   826 / 809 transfers/s;
--                                        Postgres CPU 1,607 / 1,588 -> 1,684 / 1,739 µs
--   1 transfer per commit, 1 client        476 / 496   ->   460 / 446 transfers/s
-- Batches gain 15-25% of Postgres CPU; a lone transfer per commit pays about 5% more (a
-- statement trigger's fixed cost over two rows). The ledger's writer groups concurrent requests
-- into one database transaction, so its postings are batches whenever there is load. Steps
-- measured on the way: the set-based check with an ordinary join let the planner hash-join the
-- whole entries table (54 ms per batch of 50); LATERAL, one probe per transaction, 0.4 ms. The
-- account key's row locks cost more than the statement's other checks together (the entries
-- INSERT fell from 21 to 4.6 ms per batch of 50 without it). A JSON event body costs about 30 µs
-- per transaction to build in SQL; it stays (the outbox row is the contract).

---------------------------------------------------------------------------------------------
-- Entries.
DROP TRIGGER tg_entries__apply ON ledger.entries;
DROP FUNCTION ledger.tg_entries__apply();
-- Checked set-based by tg_entries__apply_statement below.
ALTER TABLE ledger.entries DROP CONSTRAINT entries_account_id_ledger_currency_fkey;

-- Raw-SQL convenience: fills in balances-after and version for rows that do not carry them
-- (account_version = 0), from the account's balances row (locked here) or, when this statement
-- already added entries for the account, from the latest of those (rows processed earlier in
-- the same statement are visible to a BEFORE ROW trigger). The statement trigger below checks
-- the result like any other row, so this trigger is a help, not a guard.
CREATE FUNCTION ledger.tg_entries__fill_balances_after() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  b ledger.balances;
  v_last record;
  v_sign int := CASE WHEN NEW.effect = 'release' THEN -1 ELSE 1 END;
BEGIN
  SELECT * INTO b FROM ledger.balances WHERE account_id = NEW.account_id FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', MESSAGE = format('account %s does not exist', NEW.account_id);
  END IF;
  SELECT e.posted_debits, e.posted_credits, e.pending_debits, e.pending_credits, e.account_version INTO v_last
    FROM ledger.entries e
   WHERE e.account_id = NEW.account_id AND e.txid = pg_current_xact_id() AND e.account_version > b.version
   ORDER BY e.account_version DESC LIMIT 1;
  IF FOUND THEN
    b.posted_debits := v_last.posted_debits; b.posted_credits := v_last.posted_credits;
    b.pending_debits := v_last.pending_debits; b.pending_credits := v_last.pending_credits;
    b.version := v_last.account_version;
  END IF;
  NEW.posted_debits   := b.posted_debits   + CASE WHEN NEW.effect = 'post' AND NEW.direction = 'debit'  THEN NEW.amount ELSE 0 END;
  NEW.posted_credits  := b.posted_credits  + CASE WHEN NEW.effect = 'post' AND NEW.direction = 'credit' THEN NEW.amount ELSE 0 END;
  NEW.pending_debits  := b.pending_debits  + CASE WHEN NEW.effect <> 'post' AND NEW.direction = 'debit'  THEN v_sign * NEW.amount ELSE 0 END;
  NEW.pending_credits := b.pending_credits + CASE WHEN NEW.effect <> 'post' AND NEW.direction = 'credit' THEN v_sign * NEW.amount ELSE 0 END;
  NEW.account_version := b.version + 1;
  RETURN NEW;
END $$;
CREATE TRIGGER tg_entries__fill_balances_after BEFORE INSERT ON ledger.entries
  FOR EACH ROW WHEN (NEW.account_version = 0) EXECUTE FUNCTION ledger.tg_entries__fill_balances_after();

-- Applies a statement's entries to the balances and checks them, set-based.
CREATE FUNCTION ledger.tg_entries__apply_statement() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_bad record;
BEGIN
  -- Provenance: written by this database transaction, now, to transactions not yet checked.
  SELECT a.transaction_id, a.txid, a.applied_at INTO v_bad FROM added a
   WHERE a.txid <> pg_current_xact_id() OR a.applied_at < now() OR a.applied_at > clock_timestamp()
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'LF003',
      MESSAGE = format('entries of transaction %s must be written by the database transaction that writes it, stamped now (txid and applied_at are set by the journal)', v_bad.transaction_id);
  END IF;
  -- A transaction's event lists the entries its check saw; an entry it does not list came too
  -- late. (When the check and this trigger fire at the end of the same statement, e.g. a CTE
  -- under SET CONSTRAINTS ALL IMMEDIATE, the check saw every entry of the statement.)
  SELECT o.event_id INTO v_bad FROM ledger.outbox o
   WHERE o.event_id IN (SELECT DISTINCT a.transaction_id FROM added a)
     AND jsonb_array_length(o.payload -> 'transaction' -> 'entries') <> (SELECT count(*) FROM ledger.entries e WHERE e.transaction_id = o.event_id)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'LF002',
      MESSAGE = format('transaction %s has been checked already: entries can only be added before its check (at commit) runs', v_bad.event_id);
  END IF;

  -- The account exists in the entry's ledger and currency (this replaces the foreign key to
  -- ledger.accounts: accounts are never deleted and those columns are immutable, and the key's
  -- row lock on the account cost more than the rest of the statement's checks together).
  SELECT a.id, a.account_id, a.ledger, a.currency INTO v_bad
    FROM added a LEFT JOIN ledger.accounts ac ON ac.id = a.account_id
   WHERE ac.id IS NULL OR ac.ledger <> a.ledger OR ac.currency <> a.currency
   ORDER BY a.id LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
      MESSAGE = format('entry %s: account %s does not exist in ledger %s with currency %s', v_bad.id, v_bad.account_id, v_bad.ledger, v_bad.currency);
  END IF;

  -- One UPDATE for every touched account, then every entry checked against the result: its
  -- balances-after are the account's new balances less what the later entries (by version) of
  -- this statement added, its version follows the account's, and an entry that takes money out
  -- in the account's normal direction leaves the available balance at or above the floor.
  WITH d AS (
    SELECT a.account_id, count(*) AS n, count(DISTINCT a.account_version) AS versions,
           min(a.account_version) AS v_min, max(a.account_version) AS v_max,
           coalesce(sum(a.amount) FILTER (WHERE a.effect = 'post' AND a.direction = 'debit'), 0) AS pd,
           coalesce(sum(a.amount) FILTER (WHERE a.effect = 'post' AND a.direction = 'credit'), 0) AS pc,
           coalesce(sum(CASE WHEN a.effect = 'release' THEN -a.amount ELSE a.amount END) FILTER (WHERE a.effect <> 'post' AND a.direction = 'debit'), 0) AS hd,
           coalesce(sum(CASE WHEN a.effect = 'release' THEN -a.amount ELSE a.amount END) FILTER (WHERE a.effect <> 'post' AND a.direction = 'credit'), 0) AS hc
      FROM added a GROUP BY a.account_id),
  u AS (
    UPDATE ledger.balances b
       SET posted_debits = b.posted_debits + d.pd, posted_credits = b.posted_credits + d.pc,
           pending_debits = b.pending_debits + d.hd, pending_credits = b.pending_credits + d.hc,
           version = b.version + d.n
      FROM d WHERE b.account_id = d.account_id
    RETURNING b.account_id, b.normal_balance, b.floor, b.version, b.posted_debits, b.posted_credits,
              b.pending_debits, b.pending_credits, d.n, d.versions, d.v_min, d.v_max),
  x AS (
    SELECT a.id, a.transaction_id, a.account_id, a.direction, a.effect, a.amount, a.account_version,
           a.posted_debits, a.posted_credits, a.pending_debits, a.pending_credits,
           u.normal_balance, u.floor, u.version AS new_version, u.n, u.versions, u.v_min, u.v_max,
           u.posted_debits - coalesce(sum(CASE WHEN a.effect = 'post' AND a.direction = 'debit' THEN a.amount ELSE 0 END) OVER later, 0) AS want_pd,
           u.posted_credits - coalesce(sum(CASE WHEN a.effect = 'post' AND a.direction = 'credit' THEN a.amount ELSE 0 END) OVER later, 0) AS want_pc,
           u.pending_debits - coalesce(sum(CASE WHEN a.effect = 'post' OR a.direction <> 'debit' THEN 0 WHEN a.effect = 'release' THEN -a.amount ELSE a.amount END) OVER later, 0) AS want_hd,
           u.pending_credits - coalesce(sum(CASE WHEN a.effect = 'post' OR a.direction <> 'credit' THEN 0 WHEN a.effect = 'release' THEN -a.amount ELSE a.amount END) OVER later, 0) AS want_hc
      FROM added a LEFT JOIN u ON u.account_id = a.account_id
    WINDOW later AS (PARTITION BY a.account_id ORDER BY a.account_version DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)),
  y AS (
    SELECT x.*, (x.normal_balance IS NULL) AS no_account,
           (x.versions <> x.n OR x.v_max <> x.new_version OR x.v_min <> x.new_version - x.n + 1
            OR (x.posted_debits, x.posted_credits, x.pending_debits, x.pending_credits) IS DISTINCT FROM (x.want_pd, x.want_pc, x.want_hd, x.want_hc)) AS mismatch,
           CASE WHEN x.normal_balance = 'credit' THEN x.posted_credits - x.posted_debits - x.pending_debits
                ELSE x.posted_debits - x.posted_credits - x.pending_credits END AS available
      FROM x)
  SELECT y.* INTO v_bad
    FROM y
   WHERE y.no_account OR y.mismatch
      OR (y.effect <> 'release' AND y.direction <> y.normal_balance AND y.floor IS NOT NULL AND y.available < y.floor)
   ORDER BY y.no_account DESC, y.mismatch DESC, y.id
   LIMIT 1;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF v_bad.no_account THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', MESSAGE = format('account %s does not exist', v_bad.account_id);
  END IF;
  IF v_bad.mismatch THEN
    RAISE EXCEPTION USING ERRCODE = 'LF007',
      MESSAGE = format('entry %s of transaction %s: its balances after (version %s) do not match account %s; leave account_version at 0 to have them filled in',
                       v_bad.id, v_bad.transaction_id, v_bad.account_version, v_bad.account_id);
  END IF;
  RAISE EXCEPTION USING ERRCODE = 'LF001',
    MESSAGE = format('insufficient funds in account %s', (SELECT code FROM ledger.accounts WHERE id = v_bad.account_id)),
    DETAIL = json_build_object('account_id', v_bad.account_id, 'account_code', (SELECT code FROM ledger.accounts WHERE id = v_bad.account_id),
                               'available', (v_bad.available + v_bad.amount)::text, 'requested', v_bad.amount::text, 'floor', v_bad.floor::text)::text;
END $$;
CREATE TRIGGER tg_entries__apply_statement AFTER INSERT ON ledger.entries
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_entries__apply_statement();

---------------------------------------------------------------------------------------------
-- Transactions: stamps verified per statement; holds tracked only for the kinds that have them.
DROP TRIGGER tg_transactions__stamp ON ledger.transactions;
DROP FUNCTION ledger.tg_transactions__stamp();

CREATE FUNCTION ledger.tg_transactions__verify_statement() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_bad record;
BEGIN
  SELECT t.id INTO v_bad FROM added t WHERE t.txid <> pg_current_xact_id() OR t.created_at <> now() LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'LF003',
      MESSAGE = format('transaction %s: txid and created_at are set by the journal (leave them to their defaults)', v_bad.id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER tg_transactions__verify_statement AFTER INSERT ON ledger.transactions
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_transactions__verify_statement();

DROP TRIGGER tg_transactions__track_holds ON ledger.transactions;
CREATE TRIGGER tg_transactions__track_holds AFTER INSERT ON ledger.transactions
  FOR EACH ROW WHEN (NEW.kind IN ('pending', 'commit', 'void')) EXECUTE FUNCTION ledger.tg_transactions__track_holds();

---------------------------------------------------------------------------------------------
-- At commit: every transaction of this database transaction without an event is checked, in
-- one pass, and then gets its event. The constraint trigger still fires per transaction row
-- (Postgres defers only row triggers); all but the first firing find their event and return.
CREATE FUNCTION ledger.check_unsealed_transactions() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_bad record;
  v_parent ledger.transactions;
  v_mismatch int;
BEGIN
  -- Legs, balance per currency and effect, and effects allowed for the kind. LATERAL: one index
  -- probe into entries per transaction, whatever the planner guesses of a txid's row count.
  SELECT t.id, t.kind, x.legs, x.unbalanced, x.bad_effect
    INTO v_bad
    FROM ledger.transactions t
   CROSS JOIN LATERAL (
         SELECT coalesce(sum(g.legs), 0) AS legs,
                string_agg(format('%s/%s', g.currency, g.effect), ', ' ORDER BY g.currency, g.effect) FILTER (WHERE g.net <> 0) AS unbalanced,
                string_agg(DISTINCT g.effect, ',') FILTER (WHERE NOT (
                   (t.kind IN ('standard', 'reversal') AND g.effect = 'post') OR
                   (t.kind = 'pending' AND g.effect = 'hold') OR
                   (t.kind = 'commit' AND g.effect IN ('post', 'release')) OR
                   (t.kind = 'void' AND g.effect = 'release'))) AS bad_effect
           FROM (SELECT e.currency, e.effect, count(*) AS legs,
                        sum(CASE WHEN e.direction = 'debit' THEN e.amount ELSE -e.amount END) AS net
                   FROM ledger.entries e WHERE e.transaction_id = t.id
                  GROUP BY e.currency, e.effect) g) x
   WHERE t.txid = pg_current_xact_id()
     AND NOT EXISTS (SELECT 1 FROM ledger.outbox o WHERE o.event_id = t.id)
     AND (x.legs < 2 OR x.unbalanced IS NOT NULL OR x.bad_effect IS NOT NULL)
   ORDER BY t.seq
   LIMIT 1;
  IF FOUND THEN
    IF v_bad.legs < 2 THEN
      RAISE EXCEPTION USING ERRCODE = 'LF002', MESSAGE = format('transaction %s has %s entries; at least two are required', v_bad.id, v_bad.legs);
    ELSIF v_bad.unbalanced IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'LF002', MESSAGE = format('transaction %s does not balance (debits <> credits) for %s', v_bad.id, v_bad.unbalanced);
    ELSE
      RAISE EXCEPTION USING ERRCODE = 'LF002', MESSAGE = format('a %s transaction cannot have %s entries', v_bad.kind, v_bad.bad_effect);
    END IF;
  END IF;

  -- Commits, voids and reversals against their parents (few: a loop is fine).
  FOR v_bad IN
    SELECT t.* FROM ledger.transactions t
     WHERE t.txid = pg_current_xact_id() AND t.parent_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM ledger.outbox o WHERE o.event_id = t.id)
     ORDER BY t.seq
  LOOP
    SELECT * INTO v_parent FROM ledger.transactions WHERE id = v_bad.parent_id;
    IF v_parent.ledger <> v_bad.ledger
       OR (v_bad.kind IN ('commit', 'void') AND v_parent.kind <> 'pending')
       OR (v_bad.kind = 'reversal' AND v_parent.kind NOT IN ('standard', 'commit')) THEN
      RAISE EXCEPTION USING ERRCODE = 'LF005', MESSAGE = format('a %s transaction cannot refer to a %s transaction', v_bad.kind, v_parent.kind);
    END IF;
    IF v_bad.kind IN ('commit', 'void') THEN
      -- The releases return exactly the parent's holds, and a commit posts no more than was held.
      SELECT count(*) INTO v_mismatch FROM (
        (SELECT account_id, direction, amount FROM ledger.entries WHERE transaction_id = v_bad.parent_id AND effect = 'hold'
         EXCEPT ALL
         SELECT account_id, direction, amount FROM ledger.entries WHERE transaction_id = v_bad.id AND effect = 'release')
        UNION ALL
        (SELECT account_id, direction, amount FROM ledger.entries WHERE transaction_id = v_bad.id AND effect = 'release'
         EXCEPT ALL
         SELECT account_id, direction, amount FROM ledger.entries WHERE transaction_id = v_bad.parent_id AND effect = 'hold')) d;
      IF v_mismatch > 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'LF005', MESSAGE = 'the release entries must return exactly the pending transaction''s holds';
      END IF;
      IF EXISTS (
        SELECT 1 FROM (SELECT account_id, direction, sum(amount) AS amount FROM ledger.entries
                        WHERE transaction_id = v_bad.id AND effect = 'post' GROUP BY 1, 2) p
        LEFT JOIN (SELECT account_id, direction, sum(amount) AS amount FROM ledger.entries
                    WHERE transaction_id = v_bad.parent_id AND effect = 'hold' GROUP BY 1, 2) h USING (account_id, direction)
        WHERE h.amount IS NULL OR p.amount > h.amount) THEN
        RAISE EXCEPTION USING ERRCODE = 'LF005', MESSAGE = 'a commit may post at most the held amount on each held leg';
      END IF;
    ELSE
      -- A reversal posts the parent's posted entries back in the opposite direction.
      SELECT count(*) INTO v_mismatch FROM (
        (SELECT account_id, direction, amount FROM ledger.entries WHERE transaction_id = v_bad.parent_id AND effect = 'post'
         EXCEPT ALL
         SELECT account_id, CASE direction WHEN 'debit' THEN 'credit' ELSE 'debit' END, amount FROM ledger.entries WHERE transaction_id = v_bad.id)
        UNION ALL
        (SELECT account_id, CASE direction WHEN 'debit' THEN 'credit' ELSE 'debit' END, amount FROM ledger.entries WHERE transaction_id = v_bad.id
         EXCEPT ALL
         SELECT account_id, direction, amount FROM ledger.entries WHERE transaction_id = v_bad.parent_id AND effect = 'post')) d;
      IF v_mismatch > 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'LF005', MESSAGE = 'a reversal must mirror the posted entries of the transaction it reverses';
      END IF;
    END IF;
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION ledger.tg_transactions__check_and_emit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM ledger.outbox WHERE event_id = NEW.id) THEN
    RETURN NULL;
  END IF;
  PERFORM ledger.check_unsealed_transactions();
  PERFORM ledger.emit_transaction_events();
  RETURN NULL;
END $$;
