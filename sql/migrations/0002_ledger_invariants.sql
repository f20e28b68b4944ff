-- 0002 ledger invariants: the triggers that make the journal append-only, keep balances,
-- enforce overdraft floors, check balance at commit and write the outbox.
-- Trigger functions are named tg_<table>__<task>.

-- Canonical UTC timestamp text, as protobuf's JSON mapping of google.protobuf.Timestamp wants it.
CREATE FUNCTION ledger.ts_json(ts timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');

-- The lowest available balance an account may reach; NULL when unbounded.
CREATE FUNCTION ledger.balance_floor(allow_overdraft boolean, overdraft_limit numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN NOT allow_overdraft THEN 0 WHEN overdraft_limit IS NULL THEN NULL ELSE -overdraft_limit END;

-- Available balance in the account's normal direction: posted, less outgoing holds.
CREATE FUNCTION ledger.available_balance(normal_balance text, posted_debits numeric, posted_credits numeric,
                                         pending_debits numeric, pending_credits numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE WHEN normal_balance = 'credit' THEN posted_credits - posted_debits - pending_debits
            ELSE posted_debits - posted_credits - pending_credits END;

---------------------------------------------------------------------------------------------
-- Append-only journal.
CREATE FUNCTION ledger.tg_journal__forbid_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'LF003',
    MESSAGE = format('%s is append-only: %s is not allowed', TG_TABLE_NAME, TG_OP),
    HINT = 'Correct a posted transaction with ReverseTransaction; resolve a pending one with CommitTransaction or VoidTransaction.';
END $$;

CREATE TRIGGER tg_transactions__forbid_update_delete BEFORE UPDATE OR DELETE ON ledger.transactions
  FOR EACH ROW EXECUTE FUNCTION ledger.tg_journal__forbid_change();
CREATE TRIGGER tg_transactions__forbid_truncate BEFORE TRUNCATE ON ledger.transactions
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_journal__forbid_change();
CREATE TRIGGER tg_entries__forbid_update_delete BEFORE UPDATE OR DELETE ON ledger.entries
  FOR EACH ROW EXECUTE FUNCTION ledger.tg_journal__forbid_change();
CREATE TRIGGER tg_entries__forbid_truncate BEFORE TRUNCATE ON ledger.entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_journal__forbid_change();
CREATE TRIGGER tg_accounts__forbid_delete BEFORE DELETE ON ledger.accounts
  FOR EACH ROW EXECUTE FUNCTION ledger.tg_journal__forbid_change();
CREATE TRIGGER tg_accounts__forbid_truncate BEFORE TRUNCATE ON ledger.accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_journal__forbid_change();
CREATE TRIGGER tg_balances__forbid_truncate BEFORE TRUNCATE ON ledger.balances
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_journal__forbid_change();
CREATE TRIGGER tg_outbox__forbid_truncate BEFORE TRUNCATE ON ledger.outbox
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_journal__forbid_change();

-- The outbox may be marked published and pruned once published, nothing else.
CREATE FUNCTION ledger.tg_outbox__guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.published_at IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'LF003', MESSAGE = format('outbox row %s is not published yet and cannot be deleted', OLD.id);
    END IF;
    RETURN OLD;
  END IF;
  IF (NEW.id, NEW.txid, NEW.event_id, NEW.ledger, NEW.topic, NEW.partition_key, NEW.event_type, NEW.aggregate_id, NEW.payload, NEW.created_at)
     IS DISTINCT FROM (OLD.id, OLD.txid, OLD.event_id, OLD.ledger, OLD.topic, OLD.partition_key, OLD.event_type, OLD.aggregate_id, OLD.payload, OLD.created_at)
     OR (OLD.published_at IS NOT NULL AND NEW.published_at IS DISTINCT FROM OLD.published_at) THEN
    RAISE EXCEPTION USING ERRCODE = 'LF003', MESSAGE = 'outbox rows are immutable except for setting published_at once';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER tg_outbox__guard BEFORE UPDATE OR DELETE ON ledger.outbox
  FOR EACH ROW EXECUTE FUNCTION ledger.tg_outbox__guard();

---------------------------------------------------------------------------------------------
-- Events into the outbox.
CREATE FUNCTION ledger.account_json(a ledger.accounts) RETURNS jsonb
LANGUAGE sql STABLE
RETURN jsonb_strip_nulls(jsonb_build_object(
  'accountId', a.id, 'ledger', a.ledger, 'code', a.code, 'currency', a.currency,
  'normalBalance', CASE a.normal_balance WHEN 'debit' THEN 'NORMAL_BALANCE_DEBIT' ELSE 'NORMAL_BALANCE_CREDIT' END,
  'allowOverdraft', a.allow_overdraft, 'overdraftLimit', a.overdraft_limit::text,
  'metadata', a.metadata,
  'createdAt', ledger.ts_json(a.created_at), 'updatedAt', ledger.ts_json(a.updated_at)));

CREATE FUNCTION ledger.emit_event(p_ledger text, p_topic text, p_key text, p_type text, p_aggregate uuid, p_body jsonb)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_seq bigint := nextval('ledger.event_seq');
  v_event_id uuid := gen_random_uuid();
BEGIN
  INSERT INTO ledger.outbox (id, event_id, ledger, topic, partition_key, event_type, aggregate_id, payload)
  VALUES (v_seq, v_event_id, p_ledger, p_topic, p_key, p_type, p_aggregate,
          jsonb_build_object('meta', jsonb_build_object(
             'eventId', v_event_id, 'ledger', p_ledger, 'sequence', v_seq::text,
             'aggregateId', p_aggregate, 'occurredAt', ledger.ts_json(clock_timestamp()))) || p_body);
END $$;

CREATE FUNCTION ledger.tg_accounts__emit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM ledger.emit_event(NEW.ledger, 'ledgerflow.ledger.accounts.v1', NEW.id::text,
      'ledgerflow.events.v1.AccountCreated', NEW.id, jsonb_build_object('account', ledger.account_json(NEW)));
  ELSE
    PERFORM ledger.emit_event(NEW.ledger, 'ledgerflow.ledger.accounts.v1', NEW.id::text,
      'ledgerflow.events.v1.AccountUpdated', NEW.id, jsonb_build_object('account', ledger.account_json(NEW)));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER tg_accounts__emit_created AFTER INSERT ON ledger.accounts
  FOR EACH ROW EXECUTE FUNCTION ledger.tg_accounts__emit();
-- Balance updates (one per entry) don't fire this: only policy and metadata changes are events.
CREATE TRIGGER tg_accounts__emit_updated AFTER UPDATE ON ledger.accounts
  FOR EACH ROW WHEN ((NEW.allow_overdraft, NEW.overdraft_limit, NEW.metadata) IS DISTINCT FROM (OLD.allow_overdraft, OLD.overdraft_limit, OLD.metadata))
  EXECUTE FUNCTION ledger.tg_accounts__emit();

---------------------------------------------------------------------------------------------
-- Accounts: immutable identity, policies that can't be tightened below the current balance, and
-- a balances row created with the account and kept in step with its policy.
CREATE FUNCTION ledger.tg_accounts__guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  b ledger.balances;
  v_available numeric;
  v_floor numeric;
BEGIN
  IF (NEW.id, NEW.ledger, NEW.code, NEW.currency, NEW.normal_balance, NEW.created_at)
     IS DISTINCT FROM (OLD.id, OLD.ledger, OLD.code, OLD.currency, OLD.normal_balance, OLD.created_at) THEN
    RAISE EXCEPTION USING ERRCODE = 'LF006', MESSAGE = 'account id, ledger, code, currency, normal balance and creation time are immutable';
  END IF;
  IF (NEW.allow_overdraft, NEW.overdraft_limit) IS DISTINCT FROM (OLD.allow_overdraft, OLD.overdraft_limit) THEN
    -- Locks the balances row, so no posting can slip between this check and the new floor.
    SELECT * INTO b FROM ledger.balances WHERE account_id = NEW.id FOR NO KEY UPDATE;
    v_floor := ledger.balance_floor(NEW.allow_overdraft, NEW.overdraft_limit);
    v_available := ledger.available_balance(NEW.normal_balance, b.posted_debits, b.posted_credits, b.pending_debits, b.pending_credits);
    IF v_floor IS NOT NULL AND v_available < v_floor THEN
      RAISE EXCEPTION USING ERRCODE = 'LF001', MESSAGE = 'the new overdraft policy would put the account below its floor',
        DETAIL = json_build_object('account_id', NEW.id, 'account_code', NEW.code, 'available', v_available::text, 'requested', '0', 'floor', v_floor::text)::text;
    END IF;
    UPDATE ledger.balances SET floor = v_floor WHERE account_id = NEW.id;
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER tg_accounts__guard BEFORE UPDATE ON ledger.accounts
  FOR EACH ROW EXECUTE FUNCTION ledger.tg_accounts__guard();

CREATE FUNCTION ledger.tg_accounts__defaults() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.created_at := now();
  NEW.updated_at := NEW.created_at;
  RETURN NEW;
END $$;
CREATE TRIGGER tg_accounts__defaults BEFORE INSERT ON ledger.accounts
  FOR EACH ROW EXECUTE FUNCTION ledger.tg_accounts__defaults();

CREATE FUNCTION ledger.tg_accounts__open_balances() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger.balances (account_id, normal_balance, floor)
  VALUES (NEW.id, NEW.normal_balance, ledger.balance_floor(NEW.allow_overdraft, NEW.overdraft_limit));
  RETURN NULL;
END $$;
CREATE TRIGGER tg_accounts__open_balances AFTER INSERT ON ledger.accounts
  FOR EACH ROW EXECUTE FUNCTION ledger.tg_accounts__open_balances();

-- Balances change only through the triggers; a direct write is refused. The WHEN clause is
-- evaluated outside the trigger function: depth 0 means the statement came from a client, not
-- from a trigger, and keeps the per-entry update free of a function call.
CREATE FUNCTION ledger.tg_balances__refuse() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'LF004', MESSAGE = 'account balances are maintained by the journal; post a transaction instead';
END $$;
CREATE TRIGGER tg_balances__guard BEFORE INSERT OR UPDATE OR DELETE ON ledger.balances
  FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION ledger.tg_balances__refuse();

---------------------------------------------------------------------------------------------
-- Transactions: stamp the writer, keep the open-holds list.
CREATE FUNCTION ledger.tg_transactions__stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.txid := pg_current_xact_id();
  NEW.created_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER tg_transactions__stamp BEFORE INSERT ON ledger.transactions
  FOR EACH ROW EXECUTE FUNCTION ledger.tg_transactions__stamp();

CREATE FUNCTION ledger.tg_transactions__track_holds() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind = 'pending' THEN
    INSERT INTO ledger.open_holds (transaction_id, ledger, expires_at) VALUES (NEW.id, NEW.ledger, NEW.expires_at);
  ELSIF NEW.kind IN ('commit', 'void') THEN
    DELETE FROM ledger.open_holds WHERE transaction_id = NEW.parent_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER tg_transactions__track_holds AFTER INSERT ON ledger.transactions
  FOR EACH ROW EXECUTE FUNCTION ledger.tg_transactions__track_holds();

CREATE FUNCTION ledger.tg_open_holds__guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION USING ERRCODE = 'LF004', MESSAGE = 'open holds are maintained by the journal; commit or void the transaction instead';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER tg_open_holds__guard BEFORE INSERT OR UPDATE OR DELETE ON ledger.open_holds
  FOR EACH ROW EXECUTE FUNCTION ledger.tg_open_holds__guard();
CREATE TRIGGER tg_open_holds__forbid_truncate BEFORE TRUNCATE ON ledger.open_holds
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_journal__forbid_change();

---------------------------------------------------------------------------------------------
-- Entries: apply to the account (under its row lock), record the balances after, and refuse
-- anything that takes an account below its floor.
CREATE FUNCTION ledger.tg_entries__apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  b ledger.balances;
  v_sign int := CASE WHEN NEW.effect = 'release' THEN -1 ELSE 1 END;
  v_available numeric;
BEGIN
  NEW.txid := pg_current_xact_id();
  NEW.applied_at := clock_timestamp();
  UPDATE ledger.balances SET
    posted_debits   = posted_debits   + CASE WHEN NEW.effect = 'post' AND NEW.direction = 'debit'  THEN NEW.amount ELSE 0 END,
    posted_credits  = posted_credits  + CASE WHEN NEW.effect = 'post' AND NEW.direction = 'credit' THEN NEW.amount ELSE 0 END,
    pending_debits  = pending_debits  + CASE WHEN NEW.effect <> 'post' AND NEW.direction = 'debit'  THEN v_sign * NEW.amount ELSE 0 END,
    pending_credits = pending_credits + CASE WHEN NEW.effect <> 'post' AND NEW.direction = 'credit' THEN v_sign * NEW.amount ELSE 0 END,
    version = version + 1
  WHERE account_id = NEW.account_id
  RETURNING * INTO b;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', MESSAGE = format('account %s does not exist', NEW.account_id);
  END IF;
  NEW.posted_debits := b.posted_debits;
  NEW.posted_credits := b.posted_credits;
  NEW.pending_debits := b.pending_debits;
  NEW.pending_credits := b.pending_credits;
  NEW.account_version := b.version;
  -- Only entries that take money out of the account in its normal direction can breach the floor.
  IF NEW.effect <> 'release' AND NEW.direction <> b.normal_balance AND b.floor IS NOT NULL THEN
    -- ledger.available_balance, inlined: a SQL function call costs more than the arithmetic here.
    IF b.normal_balance = 'credit' THEN
      v_available := b.posted_credits - b.posted_debits - b.pending_debits;
    ELSE
      v_available := b.posted_debits - b.posted_credits - b.pending_credits;
    END IF;
    IF v_available < b.floor THEN
      RAISE EXCEPTION USING ERRCODE = 'LF001',
        MESSAGE = format('insufficient funds in account %s', (SELECT code FROM ledger.accounts WHERE id = NEW.account_id)),
        DETAIL = json_build_object('account_id', NEW.account_id, 'account_code', (SELECT code FROM ledger.accounts WHERE id = NEW.account_id),
                                   'available', (v_available + NEW.amount)::text, 'requested', NEW.amount::text, 'floor', b.floor::text)::text;
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER tg_entries__apply BEFORE INSERT ON ledger.entries
  FOR EACH ROW EXECUTE FUNCTION ledger.tg_entries__apply();

---------------------------------------------------------------------------------------------
-- At commit: each transaction balances per currency and effect, has the shape its kind
-- requires, and has its outbox event (with the entries and their balances after).
--
-- The checks run for every transaction. The events are written set-based: the first check in
-- a database transaction emits the events of every transaction that database transaction
-- wrote and that has none yet (found through transactions.txid), in sequence order; later
-- checks find their event present (a transaction event's id is the transaction id) and go on.
-- A posting batch of hundreds of transactions thus costs one INSERT into the outbox.
CREATE FUNCTION ledger.emit_transaction_events() RETURNS void
LANGUAGE sql AS $$
  INSERT INTO ledger.outbox (id, event_id, ledger, topic, partition_key, event_type, aggregate_id, payload)
  SELECT s.seq, s.id, s.ledger, 'ledgerflow.ledger.transactions.v1', s.ledger, s.event_type, s.id,
         jsonb_build_object(
           'meta', jsonb_build_object('eventId', s.id, 'ledger', s.ledger, 'sequence', s.seq::text,
                                      'aggregateId', s.id, 'occurredAt', ledger.ts_json(clock_timestamp())),
           'transaction', s.body)
    FROM (SELECT nextval('ledger.event_seq') AS seq, x.*
            FROM (SELECT t.id, t.ledger,
                         'ledgerflow.events.v1.' || CASE t.kind
                            WHEN 'standard' THEN 'TransactionPosted' WHEN 'pending' THEN 'TransactionPending'
                            WHEN 'commit' THEN 'PendingTransactionCommitted' WHEN 'void' THEN 'PendingTransactionVoided'
                            ELSE 'TransactionReversed' END AS event_type,
                         jsonb_strip_nulls(jsonb_build_object(
                           'transactionId', t.id, 'ledger', t.ledger, 'sequence', t.seq::text,
                           'type', 'TRANSACTION_TYPE_' || upper(t.kind), 'parentTransactionId', t.parent_id,
                           'idempotencyKey', t.idempotency_key, 'description', NULLIF(t.description, ''),
                           'metadata', t.metadata, 'voidReason', t.void_reason,
                           'effectiveAt', ledger.ts_json(t.effective_at), 'createdAt', ledger.ts_json(t.created_at),
                           'expiresAt', ledger.ts_json(t.expires_at),
                           'entries', (SELECT jsonb_agg(jsonb_build_object(
                                'leg', e.leg, 'accountId', e.account_id, 'accountCode', a.code, 'currency', e.currency,
                                'direction', CASE e.direction WHEN 'debit' THEN 'DIRECTION_DEBIT' ELSE 'DIRECTION_CREDIT' END,
                                'effect', 'ENTRY_EFFECT_' || upper(e.effect), 'amount', e.amount::text,
                                'postedDebits', e.posted_debits::text, 'postedCredits', e.posted_credits::text,
                                'pendingDebits', e.pending_debits::text, 'pendingCredits', e.pending_credits::text,
                                'accountVersion', e.account_version::text) ORDER BY e.leg)
                              FROM ledger.entries e JOIN ledger.accounts a ON a.id = e.account_id
                             WHERE e.transaction_id = t.id))) AS body
                    FROM ledger.transactions t
                   WHERE t.txid = pg_current_xact_id()
                     AND NOT EXISTS (SELECT 1 FROM ledger.outbox o WHERE o.event_id = t.id)
                   ORDER BY t.seq) x) s;
$$;

CREATE FUNCTION ledger.tg_transactions__check_and_emit() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_legs int;
  v_groups int;
  v_net numeric;
  v_bad_effect text;
  v_unbalanced text;
  v_parent ledger.transactions;
  v_mismatch int;
BEGIN
  SELECT count(*), count(DISTINCT (currency, effect)), sum(CASE WHEN direction = 'debit' THEN amount ELSE -amount END),
         string_agg(DISTINCT effect, ',') FILTER (WHERE NOT (
            (NEW.kind IN ('standard', 'reversal') AND effect = 'post') OR
            (NEW.kind = 'pending' AND effect = 'hold') OR
            (NEW.kind = 'commit' AND effect IN ('post', 'release')) OR
            (NEW.kind = 'void' AND effect = 'release')))
    INTO v_legs, v_groups, v_net, v_bad_effect
    FROM ledger.entries WHERE transaction_id = NEW.id;

  IF v_legs < 2 THEN
    RAISE EXCEPTION USING ERRCODE = 'LF002', MESSAGE = format('transaction %s has %s entries; at least two are required', NEW.id, v_legs);
  END IF;
  -- One currency/effect group: balanced iff the net is zero. Several: check each group.
  IF v_groups > 1 OR v_net <> 0 THEN
    SELECT string_agg(format('%s/%s', currency, effect), ', ') INTO v_unbalanced
      FROM (SELECT currency, effect FROM ledger.entries WHERE transaction_id = NEW.id
             GROUP BY currency, effect
            HAVING sum(CASE WHEN direction = 'debit' THEN amount ELSE -amount END) <> 0) u;
    IF v_unbalanced IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'LF002', MESSAGE = format('transaction %s does not balance (debits <> credits) for %s', NEW.id, v_unbalanced);
    END IF;
  END IF;
  IF v_bad_effect IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'LF002', MESSAGE = format('a %s transaction cannot have %s entries', NEW.kind, v_bad_effect);
  END IF;

  IF NEW.parent_id IS NOT NULL THEN
    SELECT * INTO v_parent FROM ledger.transactions WHERE id = NEW.parent_id;
    IF v_parent.ledger <> NEW.ledger
       OR (NEW.kind IN ('commit', 'void') AND v_parent.kind <> 'pending')
       OR (NEW.kind = 'reversal' AND v_parent.kind NOT IN ('standard', 'commit')) THEN
      RAISE EXCEPTION USING ERRCODE = 'LF005', MESSAGE = format('a %s transaction cannot refer to a %s transaction', NEW.kind, v_parent.kind);
    END IF;
    IF NEW.kind IN ('commit', 'void') THEN
      -- The releases return exactly the parent's holds, and a commit posts no more than was held.
      SELECT count(*) INTO v_mismatch FROM (
        (SELECT account_id, direction, amount FROM ledger.entries WHERE transaction_id = NEW.parent_id AND effect = 'hold'
         EXCEPT ALL
         SELECT account_id, direction, amount FROM ledger.entries WHERE transaction_id = NEW.id AND effect = 'release')
        UNION ALL
        (SELECT account_id, direction, amount FROM ledger.entries WHERE transaction_id = NEW.id AND effect = 'release'
         EXCEPT ALL
         SELECT account_id, direction, amount FROM ledger.entries WHERE transaction_id = NEW.parent_id AND effect = 'hold')) d;
      IF v_mismatch > 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'LF005', MESSAGE = 'the release entries must return exactly the pending transaction''s holds';
      END IF;
      IF EXISTS (
        SELECT 1 FROM (SELECT account_id, direction, sum(amount) AS amount FROM ledger.entries
                        WHERE transaction_id = NEW.id AND effect = 'post' GROUP BY 1, 2) p
        LEFT JOIN (SELECT account_id, direction, sum(amount) AS amount FROM ledger.entries
                    WHERE transaction_id = NEW.parent_id AND effect = 'hold' GROUP BY 1, 2) h USING (account_id, direction)
        WHERE h.amount IS NULL OR p.amount > h.amount) THEN
        RAISE EXCEPTION USING ERRCODE = 'LF005', MESSAGE = 'a commit may post at most the held amount on each held leg';
      END IF;
    ELSE
      -- A reversal posts the parent's posted entries back in the opposite direction.
      SELECT count(*) INTO v_mismatch FROM (
        (SELECT account_id, direction, amount FROM ledger.entries WHERE transaction_id = NEW.parent_id AND effect = 'post'
         EXCEPT ALL
         SELECT account_id, CASE direction WHEN 'debit' THEN 'credit' ELSE 'debit' END, amount FROM ledger.entries WHERE transaction_id = NEW.id)
        UNION ALL
        (SELECT account_id, CASE direction WHEN 'debit' THEN 'credit' ELSE 'debit' END, amount FROM ledger.entries WHERE transaction_id = NEW.id
         EXCEPT ALL
         SELECT account_id, direction, amount FROM ledger.entries WHERE transaction_id = NEW.parent_id AND effect = 'post')) d;
      IF v_mismatch > 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'LF005', MESSAGE = 'a reversal must mirror the posted entries of the transaction it reverses';
      END IF;
    END IF;
  END IF;

  IF NOT EXISTS (SELECT 1 FROM ledger.outbox WHERE event_id = NEW.id) THEN
    PERFORM ledger.emit_transaction_events();
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER tg_transactions__check_and_emit AFTER INSERT ON ledger.transactions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger.tg_transactions__check_and_emit();
