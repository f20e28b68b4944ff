-- The schema that sql/migrations/ produce, with its grants (owners left out), dumped by `npm run generate`.
-- Review this diff with every migration; a test fails when it is out of date.
--
-- PostgreSQL database dump
--



SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: admin; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA admin;


--
-- Name: billing; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA billing;


--
-- Name: events; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA events;


--
-- Name: ledger; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA ledger;


--
-- Name: caller_ledgers(); Type: FUNCTION; Schema: admin; Owner: -
--

CREATE FUNCTION admin.caller_ledgers() RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    RETURN (COALESCE(NULLIF(current_setting('ledgerflow.ledgers'::text, true), ''::text), '{}'::text))::text[];


--
-- Name: tg_audit_log__forbid_change(); Type: FUNCTION; Schema: admin; Owner: -
--

CREATE FUNCTION admin.tg_audit_log__forbid_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'LF003', MESSAGE = format('admin.audit_log is append-only: %s refused', TG_OP);
END $$;


--
-- Name: period_end(text, timestamp with time zone); Type: FUNCTION; Schema: billing; Owner: -
--

CREATE FUNCTION billing.period_end(p_period text, p_at timestamp with time zone) RETURNS timestamp with time zone
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ((date_trunc(p_period, (p_at AT TIME ZONE 'UTC'::text)) + (('1 '::text || p_period))::interval) AT TIME ZONE 'UTC'::text);


--
-- Name: period_start(text, timestamp with time zone); Type: FUNCTION; Schema: billing; Owner: -
--

CREATE FUNCTION billing.period_start(p_period text, p_at timestamp with time zone) RETURNS timestamp with time zone
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (date_trunc(p_period, (p_at AT TIME ZONE 'UTC'::text)) AT TIME ZONE 'UTC'::text);


--
-- Name: tg__forbid_change(); Type: FUNCTION; Schema: billing; Owner: -
--

CREATE FUNCTION billing.tg__forbid_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'LFB01',
    MESSAGE = format('billing.%s is append-only: %s is not allowed', TG_TABLE_NAME, TG_OP),
    HINT = 'A fee is corrected by a refund accrual (reverse the ledger transaction), never by editing.';
END $$;


--
-- Name: tg_accruals__add_to_invoice(); Type: FUNCTION; Schema: billing; Owner: -
--

CREATE FUNCTION billing.tg_accruals__add_to_invoice() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  UPDATE billing.invoices SET total = total + NEW.fee, accrual_count = accrual_count + 1
   WHERE id = NEW.invoice_id AND status = 'open';
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB02', MESSAGE = format('invoice %s is not open', NEW.invoice_id);
  END IF;
  RETURN NULL;
END $$;


--
-- Name: tg_accruals__check_refund(); Type: FUNCTION; Schema: billing; Owner: -
--

CREATE FUNCTION billing.tg_accruals__check_refund() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
  v_charge billing.accruals;
BEGIN
  IF NEW.refunds_accrual_id IS NULL THEN RETURN NEW; END IF;
  SELECT * INTO v_charge FROM billing.accruals WHERE id = NEW.refunds_accrual_id;
  IF v_charge.source_type = 'reversal' OR NEW.fee <> -v_charge.fee OR NEW.base_amount <> v_charge.base_amount THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB07',
      MESSAGE = format('refund of accrual %s must be %s on a base of %s', v_charge.id, -v_charge.fee, v_charge.base_amount);
  END IF;
  RETURN NEW;
END $$;


--
-- Name: tg_assignments__guard(); Type: FUNCTION; Schema: billing; Owner: -
--

CREATE FUNCTION billing.tg_assignments__guard() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
  v_status text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- KEY SHARE: an archive committing meanwhile waits for this assignment, or this one sees it.
    SELECT status INTO v_status FROM billing.plans WHERE id = NEW.plan_id FOR KEY SHARE;
    IF v_status = 'archived' THEN
      RAISE EXCEPTION USING ERRCODE = 'LFB04', MESSAGE = format('plan %s is archived and takes no new assignments', NEW.plan_id);
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB05', MESSAGE = 'assignments are history: close them (unassigned_at), never delete them';
  END IF;
  IF OLD.unassigned_at IS NOT NULL
     OR (NEW.id, NEW.ledger, NEW.account_id, NEW.account_code, NEW.normal_balance, NEW.currency, NEW.plan_id, NEW.assigned_at)
        IS DISTINCT FROM (OLD.id, OLD.ledger, OLD.account_id, OLD.account_code, OLD.normal_balance, OLD.currency, OLD.plan_id, OLD.assigned_at) THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB05', MESSAGE = 'an assignment can only be closed, once';
  END IF;
  RETURN NEW;
END $$;


--
-- Name: tg_invoices__guard(); Type: FUNCTION; Schema: billing; Owner: -
--

CREATE FUNCTION billing.tg_invoices__guard() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB01', MESSAGE = 'invoices are never deleted';
  END IF;
  IF (NEW.id, NEW.ledger, NEW.account_id, NEW.account_code, NEW.plan_id, NEW.currency, NEW.period, NEW.period_start, NEW.period_end, NEW.revenue_account_id, NEW.created_at)
     IS DISTINCT FROM (OLD.id, OLD.ledger, OLD.account_id, OLD.account_code, OLD.plan_id, OLD.currency, OLD.period, OLD.period_start, OLD.period_end, OLD.revenue_account_id, OLD.created_at) THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB05', MESSAGE = 'an invoice''s account, plan, currency and period are immutable';
  END IF;
  -- Depth 1 is a statement from a client; the accruals trigger runs its update at depth 2.
  IF (NEW.total, NEW.accrual_count) IS DISTINCT FROM (OLD.total, OLD.accrual_count) AND pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB06', MESSAGE = 'an invoice''s total and accrual count are maintained by its accruals only';
  END IF;
  IF NOT (OLD.status = NEW.status AND OLD.status <> 'posted'
          OR (OLD.status, NEW.status) IN (('open', 'posting'), ('posting', 'posted'), ('posting', 'failed'), ('failed', 'posting'), ('failed', 'posted'))) THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB03', MESSAGE = format('invoice %s cannot go from %s to %s', OLD.id, OLD.status, NEW.status);
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END $$;


--
-- Name: tg_plans__guard(); Type: FUNCTION; Schema: billing; Owner: -
--

CREATE FUNCTION billing.tg_plans__guard() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB05', MESSAGE = 'plans are never deleted: archive them';
  END IF;
  IF (NEW.id, NEW.ledger, NEW.currency, NEW.basis, NEW.period, NEW.revenue_account_id, NEW.revenue_account_code, NEW.created_at)
     IS DISTINCT FROM (OLD.id, OLD.ledger, OLD.currency, OLD.basis, OLD.period, OLD.revenue_account_id, OLD.revenue_account_code, OLD.created_at) THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB05', MESSAGE = 'a plan''s ledger, currency, basis, period and revenue account are immutable';
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END $$;


--
-- Name: tg_log__notify(); Type: FUNCTION; Schema: events; Owner: -
--

CREATE FUNCTION events.tg_log__notify() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  PERFORM pg_notify('ledgerflow_event_log', '');
  RETURN NULL;
END $$;


--
-- Name: ts_json(timestamp with time zone); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.ts_json(ts timestamp with time zone) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN to_char((ts AT TIME ZONE 'UTC'::text), 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'::text);


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: accounts; Type: TABLE; Schema: ledger; Owner: -
--

CREATE TABLE ledger.accounts (
    id uuid NOT NULL,
    ledger text NOT NULL,
    code text NOT NULL,
    currency text NOT NULL,
    normal_balance text NOT NULL,
    allow_overdraft boolean DEFAULT false NOT NULL,
    overdraft_limit numeric(38,0),
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT accounts_check CHECK (((overdraft_limit IS NULL) OR allow_overdraft)),
    CONSTRAINT accounts_code_check CHECK ((((length(code) >= 1) AND (length(code) <= 128)) AND (code ~ '^[A-Za-z0-9][A-Za-z0-9:._/@-]*$'::text))),
    CONSTRAINT accounts_metadata_check CHECK ((jsonb_typeof(metadata) = 'object'::text)),
    CONSTRAINT accounts_normal_balance_check CHECK ((normal_balance = ANY (ARRAY['debit'::text, 'credit'::text]))),
    CONSTRAINT accounts_overdraft_limit_check CHECK ((overdraft_limit >= (0)::numeric))
);


--
-- Name: account_json(ledger.accounts); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.account_json(a ledger.accounts) RETURNS jsonb
    LANGUAGE sql STABLE
    RETURN jsonb_strip_nulls(jsonb_build_object('accountId', (a).id, 'ledger', (a).ledger, 'code', (a).code, 'currency', (a).currency, 'normalBalance', CASE (a).normal_balance WHEN 'debit'::text THEN 'NORMAL_BALANCE_DEBIT'::text ELSE 'NORMAL_BALANCE_CREDIT'::text END, 'allowOverdraft', (a).allow_overdraft, 'overdraftLimit', ((a).overdraft_limit)::text, 'metadata', (a).metadata, 'createdAt', ledger.ts_json((a).created_at), 'updatedAt', ledger.ts_json((a).updated_at)));


--
-- Name: assign_owners(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.assign_owners() RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  s record;
  c record;
  f record;
BEGIN
  FOR s IN SELECT n.oid, n.nspname,
                  CASE WHEN n.nspname IN ('ledger', 'events', 'admin', 'billing') THEN 'ledgerflow_owner' ELSE 'ledgerflow_projector' END AS owner
             FROM pg_namespace n
            WHERE n.nspname IN ('ledger', 'events', 'admin', 'billing', 'projector')
               OR EXISTS (SELECT 1 FROM pg_class t WHERE t.relnamespace = n.oid AND t.relname = 'transaction_legs' AND t.relkind = 'r') LOOP
    IF (SELECT nspowner FROM pg_namespace WHERE oid = s.oid) <> s.owner::regrole THEN
      EXECUTE format('ALTER SCHEMA %I OWNER TO %I', s.nspname, s.owner);
    END IF;
    FOR c IN SELECT t.relname, t.relkind FROM pg_class t
              WHERE t.relnamespace = s.oid AND t.relkind IN ('r', 'p', 'v', 'm', 'S') AND t.relowner <> s.owner::regrole
                -- Sequences owned by a column follow their table.
                AND NOT (t.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = t.oid AND d.deptype IN ('a', 'i')))
    LOOP
      EXECUTE format('ALTER %s %I.%I OWNER TO %I',
                     CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                     s.nspname, c.relname, s.owner);
    END LOOP;
    FOR f IN SELECT p.oid::regprocedure AS fn FROM pg_proc p WHERE p.pronamespace = s.oid AND p.proowner <> s.owner::regrole LOOP
      EXECUTE format('ALTER ROUTINE %s OWNER TO %I', f.fn, s.owner);
    END LOOP;
  END LOOP;
END $$;


--
-- Name: available_balance(text, numeric, numeric, numeric, numeric); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.available_balance(normal_balance text, posted_debits numeric, posted_credits numeric, pending_debits numeric, pending_credits numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN (normal_balance = 'credit'::text) THEN ((posted_credits - posted_debits) - pending_debits) ELSE ((posted_debits - posted_credits) - pending_credits) END;


--
-- Name: balance_floor(boolean, numeric); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.balance_floor(allow_overdraft boolean, overdraft_limit numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN (NOT allow_overdraft) THEN (0)::numeric WHEN (overdraft_limit IS NULL) THEN NULL::numeric ELSE (- overdraft_limit) END;


--
-- Name: chain_link_hash(bytea, bigint, bytea); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.chain_link_hash(p_previous bytea, p_position bigint, p_digest bytea) RETURNS bytea
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN sha256(((p_previous || int8send(p_position)) || p_digest));


--
-- Name: chain_link_step(bytea, bytea, bigint, bytea); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.chain_link_step(p_state bytea, p_seed bytea, p_position bigint, p_digest bytea) RETURNS bytea
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    AS $$
BEGIN
  RETURN ledger.chain_link_hash(coalesce(p_state, p_seed), p_position, p_digest);
END $$;


--
-- Name: check_unsealed_transactions(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.check_unsealed_transactions() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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


--
-- Name: claim_expired_holds(integer); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.claim_expired_holds(p_limit integer) RETURNS TABLE(transaction_id uuid, ledger text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  RETURN QUERY
  SELECT h.transaction_id, h.ledger FROM ledger.open_holds h
   WHERE h.expires_at <= now()
   ORDER BY h.expires_at
   LIMIT least(greatest(p_limit, 0), 1000)
     FOR UPDATE SKIP LOCKED;
END $$;


--
-- Name: emit_event(text, text, text, text, uuid, jsonb); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.emit_event(p_ledger text, p_topic text, p_key text, p_type text, p_aggregate uuid, p_body jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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


--
-- Name: emit_transaction_events(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.emit_transaction_events() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  v_ids uuid[];
  v_of text[];
  v_seqs bigint[];
  v_kinds text[];
  v_bodies jsonb[];
  v_digests bytea[];
  v_ledgers text[];
  v_locked int;
BEGIN
  -- Before the lock, so that concurrent commits do it side by side: every body and its digest.
  SELECT array_agg(t.id ORDER BY t.seq), array_agg(t.ledger ORDER BY t.seq), array_agg(t.seq ORDER BY t.seq),
         array_agg(t.kind ORDER BY t.seq), array_agg(b.body ORDER BY t.seq),
         array_agg(ledger.transaction_digest(b.body) ORDER BY t.seq), array_agg(DISTINCT t.ledger ORDER BY t.ledger)
    INTO v_ids, v_of, v_seqs, v_kinds, v_bodies, v_digests, v_ledgers
    FROM ledger.transactions t
   CROSS JOIN LATERAL ledger.transaction_event_body(t) b
   WHERE t.txid = pg_current_xact_id()
     AND NOT EXISTS (SELECT 1 FROM ledger.outbox o WHERE o.event_id = t.id);
  IF v_ids IS NULL THEN
    RETURN;
  END IF;

  PERFORM 1 FROM ledger.chain_heads h WHERE h.ledger = ANY(v_ledgers) ORDER BY h.ledger FOR NO KEY UPDATE;
  GET DIAGNOSTICS v_locked = ROW_COUNT;
  IF v_locked < cardinality(v_ledgers) THEN
    -- A ledger's first transaction starts its chain.
    INSERT INTO ledger.chain_heads (ledger) SELECT l FROM unnest(v_ledgers) AS l ON CONFLICT (ledger) DO NOTHING;
    PERFORM 1 FROM ledger.chain_heads h WHERE h.ledger = ANY(v_ledgers) ORDER BY h.ledger FOR NO KEY UPDATE;
  END IF;

  -- Under the lock until commit: the links, the heads and the events (which carry their link).
  WITH fresh AS (
    SELECT x.id, x.ledger, x.seq, x.kind, x.body, x.digest, h.hash AS seed,
           h.position + row_number() OVER (PARTITION BY x.ledger ORDER BY x.seq) AS position
      FROM unnest(v_ids, v_of, v_seqs, v_kinds, v_bodies, v_digests) AS x(id, ledger, seq, kind, body, digest)
      JOIN ledger.chain_heads h ON h.ledger = x.ledger),
  linked AS MATERIALIZED (
    SELECT f.*, ledger.chain_links_fold(f.seed, f.position, f.digest)
                  OVER (PARTITION BY f.ledger ORDER BY f.position ROWS UNBOUNDED PRECEDING) AS hash
      FROM fresh f),
  links AS (
    INSERT INTO ledger.chain_links (transaction_id, ledger, position, hash)
    SELECT l.id, l.ledger, l.position, l.hash FROM linked l),
  heads AS (
    UPDATE ledger.chain_heads h SET position = l.position, hash = l.hash
      FROM (SELECT DISTINCT ON (l.ledger) l.ledger, l.position, l.hash FROM linked l ORDER BY l.ledger, l.position DESC) l
     WHERE h.ledger = l.ledger)
  INSERT INTO ledger.outbox (id, event_id, ledger, topic, partition_key, event_type, aggregate_id, payload)
  SELECT s.seq, s.id, s.ledger, 'ledgerflow.ledger.transactions.v1', s.ledger, s.event_type, s.id,
         jsonb_build_object(
           'meta', jsonb_build_object('eventId', s.id, 'ledger', s.ledger, 'sequence', s.seq::text,
                                      'aggregateId', s.id, 'occurredAt', ledger.ts_json(clock_timestamp())),
           'transaction', s.body,
           'chain', jsonb_build_object('position', s.position::text, 'hash', encode(s.hash, 'hex')))
    FROM (SELECT nextval('ledger.event_seq') AS seq, x.*
            FROM (SELECT l.id, l.ledger, l.body, l.position, l.hash,
                         'ledgerflow.events.v1.' || CASE l.kind
                            WHEN 'standard' THEN 'TransactionPosted' WHEN 'pending' THEN 'TransactionPending'
                            WHEN 'commit' THEN 'PendingTransactionCommitted' WHEN 'void' THEN 'PendingTransactionVoided'
                            ELSE 'TransactionReversed' END AS event_type
                    FROM linked l
                   ORDER BY l.seq) x) s;
END $$;


--
-- Name: grant_database_access(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.grant_database_access() RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO ledgerflow_ledger, ledgerflow_relay, ledgerflow_projector, ledgerflow_billing, ledgerflow_gateway', current_database());
  -- The projector creates its read model's schemas (and the rebuild's side-by-side ones).
  EXECUTE format('GRANT CREATE ON DATABASE %I TO ledgerflow_projector', current_database());
END $$;


--
-- Name: lock_accounts(uuid[]); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.lock_accounts(p_ids uuid[]) RETURNS TABLE(id uuid, ledger text, code text, currency text, normal_balance text, allow_overdraft boolean, overdraft_limit numeric, posted_debits numeric, posted_credits numeric, pending_debits numeric, pending_credits numeric, version bigint)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  RETURN QUERY
  SELECT a.id, a.ledger, a.code, a.currency, a.normal_balance, a.allow_overdraft, a.overdraft_limit,
         b.posted_debits, b.posted_credits, b.pending_debits, b.pending_credits, b.version
    FROM ledger.balances b JOIN ledger.accounts a ON a.id = b.account_id
   WHERE b.account_id = ANY(p_ids)
   ORDER BY b.account_id
     FOR NO KEY UPDATE OF b;
END $$;


--
-- Name: lock_pending_transaction(text, uuid); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.lock_pending_transaction(p_ledger text, p_id uuid) RETURNS TABLE(id uuid, ledger text, kind text, expires_at timestamp with time zone, open_hold uuid)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  RETURN QUERY
  SELECT t.id, t.ledger, t.kind, t.expires_at, h.transaction_id
    FROM ledger.transactions t
    LEFT JOIN ledger.open_holds h ON h.transaction_id = t.id
   WHERE t.ledger = p_ledger AND t.id = p_id
     FOR UPDATE OF t;
END $$;


--
-- Name: tg_accounts__defaults(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.tg_accounts__defaults() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW.created_at := now();
  NEW.updated_at := NEW.created_at;
  RETURN NEW;
END $$;


--
-- Name: tg_accounts__emit(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.tg_accounts__emit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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


--
-- Name: tg_accounts__guard(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.tg_accounts__guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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


--
-- Name: tg_accounts__open_balances(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.tg_accounts__open_balances() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  INSERT INTO ledger.balances (account_id, normal_balance, floor)
  VALUES (NEW.id, NEW.normal_balance, ledger.balance_floor(NEW.allow_overdraft, NEW.overdraft_limit));
  RETURN NULL;
END $$;


--
-- Name: tg_balances__refuse(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.tg_balances__refuse() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'LF004', MESSAGE = 'account balances are maintained by the journal; post a transaction instead';
END $$;


--
-- Name: tg_chain_heads__refuse(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.tg_chain_heads__refuse() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'LF004', MESSAGE = 'chain heads are maintained by the journal; post a transaction instead';
END $$;


--
-- Name: tg_currencies__guard(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.tg_currencies__guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  IF NEW.scale <> OLD.scale AND EXISTS (SELECT 1 FROM ledger.accounts WHERE currency = OLD.code) THEN
    RAISE EXCEPTION USING ERRCODE = 'LF006', MESSAGE = format('currency %s is in use: its scale cannot change', OLD.code);
  END IF;
  RETURN NEW;
END $$;


--
-- Name: tg_entries__apply_statement(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.tg_entries__apply_statement() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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


--
-- Name: tg_entries__fill_balances_after(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.tg_entries__fill_balances_after() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
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


--
-- Name: tg_journal__forbid_change(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.tg_journal__forbid_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'LF003',
    MESSAGE = format('%s is append-only: %s is not allowed', TG_TABLE_NAME, TG_OP),
    HINT = 'Correct a posted transaction with ReverseTransaction; resolve a pending one with CommitTransaction or VoidTransaction.';
END $$;


--
-- Name: tg_open_holds__refuse(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.tg_open_holds__refuse() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'LF004', MESSAGE = 'open holds are maintained by the journal; commit or void the transaction instead';
END $$;


--
-- Name: tg_outbox__guard(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.tg_outbox__guard() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
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


--
-- Name: tg_outbox__notify(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.tg_outbox__notify() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  PERFORM pg_notify('ledgerflow_outbox', '');
  RETURN NULL;
END $$;


--
-- Name: tg_transactions__check_and_emit(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.tg_transactions__check_and_emit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM ledger.outbox WHERE event_id = NEW.id) THEN
    RETURN NULL;
  END IF;
  PERFORM ledger.check_unsealed_transactions();
  PERFORM ledger.emit_transaction_events();
  RETURN NULL;
END $$;


--
-- Name: tg_transactions__track_holds(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.tg_transactions__track_holds() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
BEGIN
  IF NEW.kind = 'pending' THEN
    INSERT INTO ledger.open_holds (transaction_id, ledger, expires_at) VALUES (NEW.id, NEW.ledger, NEW.expires_at);
  ELSIF NEW.kind IN ('commit', 'void') THEN
    DELETE FROM ledger.open_holds WHERE transaction_id = NEW.parent_id;
  END IF;
  RETURN NULL;
END $$;


--
-- Name: tg_transactions__verify_statement(); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.tg_transactions__verify_statement() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  v_bad record;
  v_trusted boolean := pg_has_role(current_user, 'ledgerflow_ledger', 'MEMBER');
BEGIN
  SELECT t.id INTO v_bad FROM added t WHERE t.txid <> pg_current_xact_id() OR t.created_at <> now() LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'LF003',
      MESSAGE = format('transaction %s: txid and created_at are set by the journal (leave them to their defaults)', v_bad.id);
  END IF;
  IF NOT v_trusted THEN
    SELECT t.id, t.caller, t.actor INTO v_bad FROM added t
     WHERE t.caller IS DISTINCT FROM current_user::text OR t.actor IS NOT NULL LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION USING ERRCODE = 'LF003',
        MESSAGE = format('transaction %s: the caller is the connected role (%s) and only the ledger names an actor', v_bad.id, current_user);
    END IF;
  END IF;
  RETURN NULL;
END $$;


--
-- Name: transaction_digest(jsonb); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.transaction_digest(p_body jsonb) RETURNS bytea
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN sha256(convert_to((p_body)::text, 'UTF8'::name));


--
-- Name: transactions; Type: TABLE; Schema: ledger; Owner: -
--

CREATE TABLE ledger.transactions (
    id uuid NOT NULL,
    seq bigint NOT NULL,
    ledger text NOT NULL,
    kind text NOT NULL,
    parent_id uuid,
    idempotency_key text NOT NULL,
    request_hash bytea,
    description text DEFAULT ''::text NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    void_reason text,
    effective_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    txid xid8 DEFAULT pg_current_xact_id() NOT NULL,
    caller text DEFAULT CURRENT_USER,
    actor text,
    CONSTRAINT transactions_actor_length CHECK (((length(actor) >= 1) AND (length(actor) <= 256))),
    CONSTRAINT transactions_caller_length CHECK (((length(caller) >= 1) AND (length(caller) <= 128))),
    CONSTRAINT transactions_check CHECK (((kind = 'pending'::text) OR (expires_at IS NULL))),
    CONSTRAINT transactions_check1 CHECK (((kind = ANY (ARRAY['commit'::text, 'void'::text, 'reversal'::text])) = (parent_id IS NOT NULL))),
    CONSTRAINT transactions_check2 CHECK (((kind = 'void'::text) = (void_reason IS NOT NULL))),
    CONSTRAINT transactions_description_check CHECK ((length(description) <= 1024)),
    CONSTRAINT transactions_idempotency_key_check CHECK (((length(idempotency_key) >= 1) AND (length(idempotency_key) <= 255))),
    CONSTRAINT transactions_kind_check CHECK ((kind = ANY (ARRAY['standard'::text, 'pending'::text, 'commit'::text, 'void'::text, 'reversal'::text]))),
    CONSTRAINT transactions_metadata_check CHECK ((jsonb_typeof(metadata) = 'object'::text)),
    CONSTRAINT transactions_void_reason_check CHECK ((void_reason = ANY (ARRAY['requested'::text, 'expired'::text])))
);


--
-- Name: transaction_event_body(ledger.transactions); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.transaction_event_body(t ledger.transactions) RETURNS TABLE(body jsonb)
    LANGUAGE sql STABLE
    AS $$
SELECT jsonb_strip_nulls(jsonb_build_object(
  'transactionId', t.id, 'ledger', t.ledger, 'sequence', t.seq::text,
  'type', 'TRANSACTION_TYPE_' || upper(t.kind), 'parentTransactionId', t.parent_id,
  'idempotencyKey', t.idempotency_key, 'description', NULLIF(t.description, ''),
  'metadata', t.metadata, 'voidReason', t.void_reason,
  'effectiveAt', ledger.ts_json(t.effective_at), 'createdAt', ledger.ts_json(t.created_at),
  'expiresAt', ledger.ts_json(t.expires_at),
  'caller', t.caller, 'actor', t.actor,
  'entries', (SELECT jsonb_agg(jsonb_build_object(
       'leg', e.leg, 'accountId', e.account_id, 'accountCode', a.code, 'currency', e.currency,
       'direction', CASE e.direction WHEN 'debit' THEN 'DIRECTION_DEBIT' ELSE 'DIRECTION_CREDIT' END,
       'effect', 'ENTRY_EFFECT_' || upper(e.effect), 'amount', e.amount::text,
       'postedDebits', e.posted_debits::text, 'postedCredits', e.posted_credits::text,
       'pendingDebits', e.pending_debits::text, 'pendingCredits', e.pending_credits::text,
       'accountVersion', e.account_version::text) ORDER BY e.leg)
     FROM ledger.entries e JOIN ledger.accounts a ON a.id = e.account_id
    WHERE e.transaction_id = t.id)))
$$;


--
-- Name: verify_chain(text, bigint, integer); Type: FUNCTION; Schema: ledger; Owner: -
--

CREATE FUNCTION ledger.verify_chain(p_ledger text DEFAULT NULL::text, p_after_position bigint DEFAULT 0, p_links_max integer DEFAULT 100000) RETURNS TABLE(ledger text, verified_through bigint, links_checked bigint, head_position bigint, broken_position bigint, broken_transaction_id uuid, expected_hash text, stored_hash text, problem text)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
DECLARE
  v_ledger text;
  v_head ledger.chain_heads;
  v_seed bytea;
  v_seq bigint;
  v_last_position bigint;
  v_bad record;
  v_count bigint;
  v_unlinked uuid;
BEGIN
  IF p_after_position IS NULL OR p_after_position < 0 OR p_links_max IS NULL OR p_links_max < 1 OR p_links_max > 1000000 THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = 'p_after_position must be >= 0 and p_links_max between 1 and 1000000';
  END IF;
  FOR v_ledger IN
    SELECT l.name FROM ledger.ledgers l WHERE p_ledger IS NULL OR l.name = p_ledger
    UNION SELECT h.ledger FROM ledger.chain_heads h WHERE p_ledger IS NULL OR h.ledger = p_ledger
    ORDER BY 1
  LOOP
    ledger := v_ledger; verified_through := p_after_position; links_checked := 0;
    broken_position := NULL; broken_transaction_id := NULL; expected_hash := NULL; stored_hash := NULL; problem := NULL;
    SELECT * INTO v_head FROM ledger.chain_heads h WHERE h.ledger = v_ledger;
    head_position := coalesce(v_head.position, 0);

    -- Where this pass starts: the stored link at p_after_position (trusted: verified before).
    IF p_after_position = 0 THEN
      v_seed := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
      v_seq := 0;
    ELSE
      SELECT c.hash, coalesce(t.seq, 0) INTO v_seed, v_seq
        FROM ledger.chain_links c LEFT JOIN ledger.transactions t ON t.id = c.transaction_id
       WHERE c.ledger = v_ledger AND c.position = p_after_position;
      IF NOT FOUND THEN
        broken_position := p_after_position;
        problem := format('no link at position %s to continue from', p_after_position);
        RETURN NEXT;
        CONTINUE;
      END IF;
    END IF;

    -- Each link against the one before it: positions follow each other, the transaction exists
    -- in this ledger, and the hash recomputed from it matches.
    SELECT count(*), max(c.position) INTO v_count, v_last_position
      FROM (SELECT c.position FROM ledger.chain_links c
             WHERE c.ledger = v_ledger AND c.position > p_after_position
             ORDER BY c.position LIMIT p_links_max) c;
    SELECT v.* INTO v_bad
      FROM (SELECT w.transaction_id, w.position, w.hash AS stored, w.previous_position, t.id AS found, t.ledger AS found_ledger,
                   ledger.chain_link_hash(w.previous_hash, w.position, ledger.transaction_digest(b.body)) AS expected
              FROM (SELECT c.transaction_id, c.position, c.hash,
                           lag(c.position, 1, p_after_position) OVER (ORDER BY c.position) AS previous_position,
                           lag(c.hash, 1, v_seed) OVER (ORDER BY c.position) AS previous_hash
                      FROM (SELECT c.transaction_id, c.position, c.hash FROM ledger.chain_links c
                             WHERE c.ledger = v_ledger AND c.position > p_after_position
                             ORDER BY c.position LIMIT p_links_max) c) w
              LEFT JOIN ledger.transactions t ON t.id = w.transaction_id
              LEFT JOIN LATERAL ledger.transaction_event_body(t) b ON t.id IS NOT NULL) v
     WHERE v.position <> v.previous_position + 1 OR v.found IS NULL OR v.found_ledger <> v_ledger
        OR v.expected IS DISTINCT FROM v.stored
     ORDER BY v.position
     LIMIT 1;
    links_checked := v_count;
    IF FOUND THEN
      broken_position := v_bad.position;
      broken_transaction_id := v_bad.transaction_id;
      stored_hash := encode(v_bad.stored, 'hex');
      expected_hash := encode(v_bad.expected, 'hex');
      IF v_bad.position <> v_bad.previous_position + 1 THEN
        verified_through := v_bad.previous_position;
        problem := format('links %s to %s are missing (deleted)', v_bad.previous_position + 1, v_bad.position - 1);
      ELSIF v_bad.found IS NULL THEN
        verified_through := v_bad.position - 1;
        problem := format('transaction %s is missing (deleted)', v_bad.transaction_id);
      ELSE
        verified_through := v_bad.position - 1;
        problem := format('transaction %s does not match its link (changed after it was written)', v_bad.transaction_id);
      END IF;
      RETURN NEXT;
      CONTINUE;
    END IF;
    verified_through := coalesce(v_last_position, p_after_position);

    -- Transactions without a link (written with the triggers off), and a head that does not
    -- match the last link (links removed from the end). Only once the pass reached the head.
    IF v_count < p_links_max THEN
      SELECT t.id INTO v_unlinked FROM ledger.transactions t
       WHERE t.ledger = v_ledger AND t.seq > v_seq
         AND NOT EXISTS (SELECT 1 FROM ledger.chain_links c WHERE c.transaction_id = t.id)
       ORDER BY t.seq LIMIT 1;
      IF FOUND THEN
        broken_transaction_id := v_unlinked;
        problem := format('transaction %s has no link (written with the journal''s triggers off)', v_unlinked);
      ELSIF verified_through <> head_position OR (verified_through > 0 AND NOT EXISTS (
              SELECT 1 FROM ledger.chain_links c WHERE c.ledger = v_ledger AND c.position = verified_through AND c.hash = v_head.hash)) THEN
        broken_position := verified_through + 1;
        stored_hash := encode(v_head.hash, 'hex');
        problem := format('the chain head (position %s) does not match the last link (position %s): links were removed', head_position, verified_through);
      END IF;
    END IF;
    RETURN NEXT;
  END LOOP;
END $$;


--
-- Name: chain_links_fold(bytea, bigint, bytea); Type: AGGREGATE; Schema: ledger; Owner: -
--

CREATE AGGREGATE ledger.chain_links_fold(bytea, bigint, bytea) (
    SFUNC = ledger.chain_link_step,
    STYPE = bytea
);


--
-- Name: audit_log; Type: TABLE; Schema: admin; Owner: -
--

CREATE TABLE admin.audit_log (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    actor_subject text NOT NULL,
    actor_email text DEFAULT ''::text NOT NULL,
    actor_name text DEFAULT ''::text NOT NULL,
    role text NOT NULL,
    authentication text NOT NULL,
    action text NOT NULL,
    target text DEFAULT ''::text NOT NULL,
    request_id text NOT NULL,
    result text NOT NULL,
    detail text DEFAULT ''::text NOT NULL,
    client_ip text DEFAULT ''::text NOT NULL,
    ledger text DEFAULT ''::text NOT NULL,
    CONSTRAINT audit_log_action_check CHECK (((length(action) >= 1) AND (length(action) <= 128))),
    CONSTRAINT audit_log_authentication_check CHECK ((authentication = ANY (ARRAY['session'::text, 'bearer'::text, 'none'::text]))),
    CONSTRAINT audit_log_detail_check CHECK ((length(detail) <= 2048)),
    CONSTRAINT audit_log_ledger_check CHECK ((length(ledger) <= 63)),
    CONSTRAINT audit_log_result_check CHECK ((result ~ '^[a-z_]{2,32}$'::text)),
    CONSTRAINT audit_log_role_check CHECK ((role = ANY (ARRAY[''::text, 'viewer'::text, 'operator'::text, 'admin'::text]))),
    CONSTRAINT audit_log_target_check CHECK ((length(target) <= 512))
);


--
-- Name: TABLE audit_log; Type: COMMENT; Schema: admin; Owner: -
--

COMMENT ON TABLE admin.audit_log IS 'Every state-changing call through the admin gateway, and every sign-in, sign-out and refusal. Append-only.';


--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: admin; Owner: -
--

ALTER TABLE admin.audit_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME admin.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: login_attempts; Type: TABLE; Schema: admin; Owner: -
--

CREATE TABLE admin.login_attempts (
    state_hash bytea NOT NULL,
    nonce text NOT NULL,
    code_verifier text NOT NULL,
    return_to text DEFAULT '/'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    CONSTRAINT login_attempts_code_verifier_check CHECK (((length(code_verifier) >= 43) AND (length(code_verifier) <= 128))),
    CONSTRAINT login_attempts_expiry_after_creation CHECK ((expires_at > created_at)),
    CONSTRAINT login_attempts_nonce_check CHECK (((length(nonce) >= 16) AND (length(nonce) <= 128))),
    CONSTRAINT login_attempts_return_to_check CHECK (((return_to ~ '^/([^/\\]|$)'::text) AND (length(return_to) <= 2048))),
    CONSTRAINT login_attempts_state_hash_check CHECK ((length(state_hash) = 32))
);


--
-- Name: role_mappings; Type: TABLE; Schema: admin; Owner: -
--

CREATE TABLE admin.role_mappings (
    claim_value text NOT NULL,
    role text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by text NOT NULL,
    ledgers text[] DEFAULT '{*}'::text[] NOT NULL,
    CONSTRAINT role_mappings_claim_value_check CHECK (((length(claim_value) >= 1) AND (length(claim_value) <= 255))),
    CONSTRAINT role_mappings_ledgers CHECK ((((cardinality(ledgers) >= 1) AND (cardinality(ledgers) <= 100)) AND (array_position(ledgers, NULL::text) IS NULL) AND ((ledgers = '{*}'::text[]) OR (NOT ('*'::text = ANY (ledgers)))))),
    CONSTRAINT role_mappings_role_check CHECK ((role = ANY (ARRAY['viewer'::text, 'operator'::text, 'admin'::text])))
);


--
-- Name: sessions; Type: TABLE; Schema: admin; Owner: -
--

CREATE TABLE admin.sessions (
    id_hash bytea NOT NULL,
    previous_id_hash bytea,
    issuer text NOT NULL,
    subject text NOT NULL,
    email text DEFAULT ''::text NOT NULL,
    name text DEFAULT ''::text NOT NULL,
    claim_values text[] DEFAULT '{}'::text[] NOT NULL,
    csrf_token text NOT NULL,
    user_agent text DEFAULT ''::text NOT NULL,
    client_ip text DEFAULT ''::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    rotated_at timestamp with time zone DEFAULT now() NOT NULL,
    last_seen_at timestamp with time zone DEFAULT now() NOT NULL,
    idle_expires_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    CONSTRAINT sessions_csrf_token_check CHECK ((length(csrf_token) >= 32)),
    CONSTRAINT sessions_expiry_after_creation CHECK ((expires_at > created_at)),
    CONSTRAINT sessions_id_hash_check CHECK ((length(id_hash) = 32)),
    CONSTRAINT sessions_idle_within_absolute CHECK ((idle_expires_at <= expires_at)),
    CONSTRAINT sessions_previous_id_hash_check CHECK ((length(previous_id_hash) = 32)),
    CONSTRAINT sessions_subject_check CHECK (((length(subject) >= 1) AND (length(subject) <= 255))),
    CONSTRAINT sessions_user_agent_check CHECK ((length(user_agent) <= 512))
);


--
-- Name: accruals; Type: TABLE; Schema: billing; Owner: -
--

CREATE TABLE billing.accruals (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    seq bigint NOT NULL,
    ledger text NOT NULL,
    account_id uuid NOT NULL,
    account_code text NOT NULL,
    plan_id uuid NOT NULL,
    currency text NOT NULL,
    source_transaction_id uuid NOT NULL,
    source_type text NOT NULL,
    event_id uuid NOT NULL,
    base_amount numeric(38,0) NOT NULL,
    fee numeric(38,0) NOT NULL,
    invoice_id uuid NOT NULL,
    refunds_accrual_id uuid,
    occurred_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT accruals_base_amount_check CHECK ((base_amount >= (0)::numeric)),
    CONSTRAINT accruals_fee_sign CHECK (
CASE
    WHEN (source_type = 'reversal'::text) THEN ((fee <= (0)::numeric) AND (refunds_accrual_id IS NOT NULL))
    ELSE ((fee >= (0)::numeric) AND (refunds_accrual_id IS NULL))
END),
    CONSTRAINT accruals_source_type_check CHECK ((source_type = ANY (ARRAY['standard'::text, 'commit'::text, 'reversal'::text])))
);


--
-- Name: accruals_seq_seq; Type: SEQUENCE; Schema: billing; Owner: -
--

ALTER TABLE billing.accruals ALTER COLUMN seq ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME billing.accruals_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: assignments; Type: TABLE; Schema: billing; Owner: -
--

CREATE TABLE billing.assignments (
    id bigint NOT NULL,
    ledger text NOT NULL,
    account_id uuid NOT NULL,
    account_code text NOT NULL,
    normal_balance text NOT NULL,
    currency text NOT NULL,
    plan_id uuid NOT NULL,
    assigned_at timestamp with time zone DEFAULT now() NOT NULL,
    unassigned_at timestamp with time zone,
    CONSTRAINT assignments_closed_after_opened CHECK (((unassigned_at IS NULL) OR (unassigned_at >= assigned_at))),
    CONSTRAINT assignments_normal_balance_check CHECK ((normal_balance = ANY (ARRAY['debit'::text, 'credit'::text])))
);


--
-- Name: assignments_id_seq; Type: SEQUENCE; Schema: billing; Owner: -
--

ALTER TABLE billing.assignments ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME billing.assignments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: consumer_state; Type: TABLE; Schema: billing; Owner: -
--

CREATE TABLE billing.consumer_state (
    group_id text NOT NULL,
    events_processed bigint DEFAULT 0 NOT NULL,
    accruals bigint DEFAULT 0 NOT NULL,
    last_event_at timestamp with time zone,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT consumer_state_accruals_check CHECK ((accruals >= 0)),
    CONSTRAINT consumer_state_events_processed_check CHECK ((events_processed >= 0))
);


--
-- Name: dead_letters; Type: TABLE; Schema: billing; Owner: -
--

CREATE TABLE billing.dead_letters (
    id bigint NOT NULL,
    event_id text,
    event_type text,
    topic text NOT NULL,
    partition integer NOT NULL,
    "offset" text NOT NULL,
    key text NOT NULL,
    value bytea NOT NULL,
    headers jsonb NOT NULL,
    error text NOT NULL,
    attempts integer NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    resolved_at timestamp with time zone,
    resolved_by text,
    CONSTRAINT dead_letters_attempts_check CHECK ((attempts >= 1)),
    CONSTRAINT dead_letters_error_check CHECK ((length(error) <= 2000)),
    CONSTRAINT dead_letters_resolution CHECK (((status = 'pending'::text) = (resolved_at IS NULL))),
    CONSTRAINT dead_letters_status_check CHECK ((status = ANY (ARRAY['pending'::text, 'replayed'::text, 'discarded'::text])))
);


--
-- Name: dead_letters_id_seq; Type: SEQUENCE; Schema: billing; Owner: -
--

ALTER TABLE billing.dead_letters ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME billing.dead_letters_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: invoices; Type: TABLE; Schema: billing; Owner: -
--

CREATE TABLE billing.invoices (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    ledger text NOT NULL,
    account_id uuid NOT NULL,
    account_code text NOT NULL,
    plan_id uuid NOT NULL,
    currency text NOT NULL,
    period text NOT NULL,
    period_start timestamp with time zone NOT NULL,
    period_end timestamp with time zone NOT NULL,
    revenue_account_id uuid NOT NULL,
    status text DEFAULT 'open'::text NOT NULL,
    total numeric(38,0) DEFAULT 0 NOT NULL,
    accrual_count integer DEFAULT 0 NOT NULL,
    fee_transaction_id uuid,
    error text,
    attempts integer DEFAULT 0 NOT NULL,
    next_attempt_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    closed_at timestamp with time zone,
    posted_at timestamp with time zone,
    CONSTRAINT invoices_accrual_count_check CHECK ((accrual_count >= 0)),
    CONSTRAINT invoices_attempts_check CHECK ((attempts >= 0)),
    CONSTRAINT invoices_closed_when_not_open CHECK (((status = 'open'::text) = (closed_at IS NULL))),
    CONSTRAINT invoices_error_check CHECK ((length(error) <= 2000)),
    CONSTRAINT invoices_failed_has_error CHECK (((status <> 'failed'::text) OR (error IS NOT NULL))),
    CONSTRAINT invoices_period_aligned CHECK (((period_start = billing.period_start(period, period_start)) AND (period_end = billing.period_end(period, period_start)))),
    CONSTRAINT invoices_posted_at CHECK (((status = 'posted'::text) = (posted_at IS NOT NULL))),
    CONSTRAINT invoices_posted_has_transaction CHECK (((status <> 'posted'::text) OR (total = (0)::numeric) OR (fee_transaction_id IS NOT NULL))),
    CONSTRAINT invoices_status_check CHECK ((status = ANY (ARRAY['open'::text, 'posting'::text, 'posted'::text, 'failed'::text])))
);


--
-- Name: plans; Type: TABLE; Schema: billing; Owner: -
--

CREATE TABLE billing.plans (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    ledger text NOT NULL,
    name text NOT NULL,
    currency text NOT NULL,
    fixed_fee numeric(38,0) NOT NULL,
    rate_bps integer NOT NULL,
    minimum_fee numeric(38,0),
    maximum_fee numeric(38,0),
    basis text NOT NULL,
    period text NOT NULL,
    revenue_account_id uuid NOT NULL,
    revenue_account_code text NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT plans_basis_check CHECK ((basis = ANY (ARRAY['incoming'::text, 'outgoing'::text, 'all'::text]))),
    CONSTRAINT plans_currency_check CHECK ((currency ~ '^[A-Z][A-Z0-9]{2,9}$'::text)),
    CONSTRAINT plans_fixed_fee_check CHECK ((fixed_fee >= (0)::numeric)),
    CONSTRAINT plans_ledger_check CHECK ((ledger ~ '^[a-z0-9][a-z0-9_-]{0,62}$'::text)),
    CONSTRAINT plans_maximum_fee_check CHECK ((maximum_fee >= (0)::numeric)),
    CONSTRAINT plans_minimum_fee_check CHECK ((minimum_fee >= (0)::numeric)),
    CONSTRAINT plans_minimum_le_maximum CHECK (((minimum_fee IS NULL) OR (maximum_fee IS NULL) OR (minimum_fee <= maximum_fee))),
    CONSTRAINT plans_name_check CHECK ((((length(name) >= 1) AND (length(name) <= 128)) AND (name = btrim(name)))),
    CONSTRAINT plans_period_check CHECK ((period = ANY (ARRAY['day'::text, 'month'::text]))),
    CONSTRAINT plans_rate_bps_check CHECK (((rate_bps >= 0) AND (rate_bps <= 10000))),
    CONSTRAINT plans_revenue_account_code_check CHECK (((length(revenue_account_code) >= 1) AND (length(revenue_account_code) <= 128))),
    CONSTRAINT plans_status_check CHECK ((status = ANY (ARRAY['active'::text, 'archived'::text])))
);


--
-- Name: processed_events; Type: TABLE; Schema: billing; Owner: -
--

CREATE TABLE billing.processed_events (
    event_id uuid NOT NULL,
    event_type text NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: consumer_leases; Type: TABLE; Schema: events; Owner: -
--

CREATE TABLE events.consumer_leases (
    group_id text NOT NULL,
    owner text NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    CONSTRAINT consumer_leases_owner_nonempty CHECK ((owner <> ''::text))
);


--
-- Name: consumer_offsets; Type: TABLE; Schema: events; Owner: -
--

CREATE TABLE events.consumer_offsets (
    group_id text NOT NULL,
    topic text NOT NULL,
    "offset" bigint NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: log; Type: TABLE; Schema: events; Owner: -
--

CREATE TABLE events.log (
    "offset" bigint NOT NULL,
    topic text NOT NULL,
    partition_key text NOT NULL,
    event_id uuid NOT NULL,
    event_type text NOT NULL,
    value bytea NOT NULL,
    headers jsonb DEFAULT '{}'::jsonb NOT NULL,
    appended_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);


--
-- Name: log_offset_seq; Type: SEQUENCE; Schema: events; Owner: -
--

ALTER TABLE events.log ALTER COLUMN "offset" ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME events.log_offset_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: outbox_status; Type: TABLE; Schema: events; Owner: -
--

CREATE TABLE events.outbox_status (
    relay text NOT NULL,
    backlog bigint NOT NULL,
    oldest_unpublished_age_seconds double precision NOT NULL,
    published_last_5s bigint NOT NULL,
    published_last_minute bigint NOT NULL,
    last_published_at timestamp with time zone,
    published_total bigint NOT NULL,
    observed_at timestamp with time zone DEFAULT now() NOT NULL,
    observed_by text NOT NULL,
    CONSTRAINT outbox_status_counts_nonnegative CHECK (((backlog >= 0) AND (published_last_5s >= 0) AND (published_last_minute >= 0) AND (published_total >= 0)))
);


--
-- Name: TABLE outbox_status; Type: COMMENT; Schema: events; Owner: -
--

COMMENT ON TABLE events.outbox_status IS 'The outbox as the relay last observed it (one row per relay name); written by the relay only, read by the admin gateway.';


--
-- Name: relay_state; Type: TABLE; Schema: events; Owner: -
--

CREATE TABLE events.relay_state (
    relay text NOT NULL,
    owner text NOT NULL,
    last_outbox_id bigint DEFAULT 0 NOT NULL,
    published_total bigint DEFAULT 0 NOT NULL,
    last_published_at timestamp with time zone,
    heartbeat_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT relay_state_counts_nonnegative CHECK (((last_outbox_id >= 0) AND (published_total >= 0)))
);


--
-- Name: balances; Type: TABLE; Schema: ledger; Owner: -
--

CREATE TABLE ledger.balances (
    account_id uuid NOT NULL,
    normal_balance text NOT NULL,
    floor numeric(38,0),
    posted_debits numeric(38,0) DEFAULT 0 NOT NULL,
    posted_credits numeric(38,0) DEFAULT 0 NOT NULL,
    pending_debits numeric(38,0) DEFAULT 0 NOT NULL,
    pending_credits numeric(38,0) DEFAULT 0 NOT NULL,
    version bigint DEFAULT 0 NOT NULL,
    CONSTRAINT balances_normal_balance_check CHECK ((normal_balance = ANY (ARRAY['debit'::text, 'credit'::text]))),
    CONSTRAINT balances_pending_credits_check CHECK ((pending_credits >= (0)::numeric)),
    CONSTRAINT balances_pending_debits_check CHECK ((pending_debits >= (0)::numeric)),
    CONSTRAINT balances_posted_credits_check CHECK ((posted_credits >= (0)::numeric)),
    CONSTRAINT balances_posted_debits_check CHECK ((posted_debits >= (0)::numeric))
)
WITH (fillfactor='50');


--
-- Name: chain_heads; Type: TABLE; Schema: ledger; Owner: -
--

CREATE TABLE ledger.chain_heads (
    ledger text NOT NULL,
    "position" bigint DEFAULT 0 NOT NULL,
    hash bytea DEFAULT '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea NOT NULL,
    CONSTRAINT chain_heads_hash_check CHECK ((length(hash) = 32)),
    CONSTRAINT chain_heads_position_check CHECK (("position" >= 0))
)
WITH (fillfactor='50');


--
-- Name: TABLE chain_heads; Type: COMMENT; Schema: ledger; Owner: -
--

COMMENT ON TABLE ledger.chain_heads IS 'Each ledger''s last chain link (position and hash); locked at commit while a database transaction links its transactions.';


--
-- Name: chain_links; Type: TABLE; Schema: ledger; Owner: -
--

CREATE TABLE ledger.chain_links (
    transaction_id uuid NOT NULL,
    ledger text NOT NULL,
    "position" bigint NOT NULL,
    hash bytea NOT NULL,
    CONSTRAINT chain_links_hash_check CHECK ((length(hash) = 32)),
    CONSTRAINT chain_links_position_check CHECK (("position" > 0))
);


--
-- Name: TABLE chain_links; Type: COMMENT; Schema: ledger; Owner: -
--

COMMENT ON TABLE ledger.chain_links IS 'Hash chain per ledger over the transactions (sql/migrations/0042): append-only, written at commit.';


--
-- Name: currencies; Type: TABLE; Schema: ledger; Owner: -
--

CREATE TABLE ledger.currencies (
    code text NOT NULL,
    scale smallint NOT NULL,
    CONSTRAINT currencies_code_check CHECK ((code ~ '^[A-Z][A-Z0-9]{2,9}$'::text)),
    CONSTRAINT currencies_scale_check CHECK (((scale >= 0) AND (scale <= 18)))
);


--
-- Name: TABLE currencies; Type: COMMENT; Schema: ledger; Owner: -
--

COMMENT ON TABLE ledger.currencies IS 'Currencies and their scale: an amount of 1050 in a scale-2 currency is 10.50.';


--
-- Name: entries; Type: TABLE; Schema: ledger; Owner: -
--

CREATE TABLE ledger.entries (
    id bigint NOT NULL,
    transaction_id uuid NOT NULL,
    txid xid8 DEFAULT pg_current_xact_id() NOT NULL,
    leg smallint NOT NULL,
    ledger text NOT NULL,
    account_id uuid NOT NULL,
    currency text NOT NULL,
    direction text NOT NULL,
    effect text NOT NULL,
    amount numeric(38,0) NOT NULL,
    posted_debits numeric(38,0) DEFAULT 0 NOT NULL,
    posted_credits numeric(38,0) DEFAULT 0 NOT NULL,
    pending_debits numeric(38,0) DEFAULT 0 NOT NULL,
    pending_credits numeric(38,0) DEFAULT 0 NOT NULL,
    account_version bigint DEFAULT 0 NOT NULL,
    applied_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    CONSTRAINT entries_amount_check CHECK ((amount > (0)::numeric)),
    CONSTRAINT entries_direction_check CHECK ((direction = ANY (ARRAY['debit'::text, 'credit'::text]))),
    CONSTRAINT entries_effect_check CHECK ((effect = ANY (ARRAY['post'::text, 'hold'::text, 'release'::text]))),
    CONSTRAINT entries_leg_check CHECK ((leg >= 0))
);


--
-- Name: entries_id_seq; Type: SEQUENCE; Schema: ledger; Owner: -
--

ALTER TABLE ledger.entries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME ledger.entries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: event_seq; Type: SEQUENCE; Schema: ledger; Owner: -
--

CREATE SEQUENCE ledger.event_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: ledgers; Type: TABLE; Schema: ledger; Owner: -
--

CREATE TABLE ledger.ledgers (
    name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ledgers_name_check CHECK ((name ~ '^[a-z0-9][a-z0-9_-]{0,62}$'::text))
);


--
-- Name: TABLE ledgers; Type: COMMENT; Schema: ledger; Owner: -
--

COMMENT ON TABLE ledger.ledgers IS 'Books. Every account and transaction belongs to exactly one; nothing crosses them.';


--
-- Name: open_holds; Type: TABLE; Schema: ledger; Owner: -
--

CREATE TABLE ledger.open_holds (
    transaction_id uuid NOT NULL,
    ledger text NOT NULL,
    expires_at timestamp with time zone
);


--
-- Name: outbox; Type: TABLE; Schema: ledger; Owner: -
--

CREATE TABLE ledger.outbox (
    id bigint DEFAULT nextval('ledger.event_seq'::regclass) NOT NULL,
    txid xid8 DEFAULT pg_current_xact_id() NOT NULL,
    event_id uuid DEFAULT gen_random_uuid() NOT NULL,
    ledger text NOT NULL,
    topic text NOT NULL,
    partition_key text NOT NULL,
    event_type text NOT NULL,
    aggregate_id uuid NOT NULL,
    payload jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    published_at timestamp with time zone
);


--
-- Name: transactions_seq_seq; Type: SEQUENCE; Schema: ledger; Owner: -
--

ALTER TABLE ledger.transactions ALTER COLUMN seq ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME ledger.transactions_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: admin; Owner: -
--

ALTER TABLE ONLY admin.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);


--
-- Name: login_attempts login_attempts_pkey; Type: CONSTRAINT; Schema: admin; Owner: -
--

ALTER TABLE ONLY admin.login_attempts
    ADD CONSTRAINT login_attempts_pkey PRIMARY KEY (state_hash);


--
-- Name: role_mappings role_mappings_pkey; Type: CONSTRAINT; Schema: admin; Owner: -
--

ALTER TABLE ONLY admin.role_mappings
    ADD CONSTRAINT role_mappings_pkey PRIMARY KEY (claim_value);


--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: admin; Owner: -
--

ALTER TABLE ONLY admin.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id_hash);


--
-- Name: sessions sessions_previous_id_hash_key; Type: CONSTRAINT; Schema: admin; Owner: -
--

ALTER TABLE ONLY admin.sessions
    ADD CONSTRAINT sessions_previous_id_hash_key UNIQUE (previous_id_hash);


--
-- Name: accruals accruals_id_account_id_plan_id_currency_key; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.accruals
    ADD CONSTRAINT accruals_id_account_id_plan_id_currency_key UNIQUE (id, account_id, plan_id, currency);


--
-- Name: accruals accruals_one_per_source; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.accruals
    ADD CONSTRAINT accruals_one_per_source UNIQUE (source_transaction_id, account_id);


--
-- Name: accruals accruals_pkey; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.accruals
    ADD CONSTRAINT accruals_pkey PRIMARY KEY (id);


--
-- Name: accruals accruals_refunds_accrual_id_key; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.accruals
    ADD CONSTRAINT accruals_refunds_accrual_id_key UNIQUE (refunds_accrual_id);


--
-- Name: accruals accruals_seq_key; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.accruals
    ADD CONSTRAINT accruals_seq_key UNIQUE (seq);


--
-- Name: assignments assignments_pkey; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.assignments
    ADD CONSTRAINT assignments_pkey PRIMARY KEY (id);


--
-- Name: consumer_state consumer_state_pkey; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.consumer_state
    ADD CONSTRAINT consumer_state_pkey PRIMARY KEY (group_id);


--
-- Name: dead_letters dead_letters_pkey; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.dead_letters
    ADD CONSTRAINT dead_letters_pkey PRIMARY KEY (id);


--
-- Name: invoices invoices_id_account_id_plan_id_currency_key; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.invoices
    ADD CONSTRAINT invoices_id_account_id_plan_id_currency_key UNIQUE (id, account_id, plan_id, currency);


--
-- Name: invoices invoices_one_per_period; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.invoices
    ADD CONSTRAINT invoices_one_per_period UNIQUE (ledger, account_id, plan_id, period_start);


--
-- Name: invoices invoices_pkey; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.invoices
    ADD CONSTRAINT invoices_pkey PRIMARY KEY (id);


--
-- Name: plans plans_id_ledger_currency_key; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.plans
    ADD CONSTRAINT plans_id_ledger_currency_key UNIQUE (id, ledger, currency);


--
-- Name: plans plans_id_ledger_currency_period_key; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.plans
    ADD CONSTRAINT plans_id_ledger_currency_period_key UNIQUE (id, ledger, currency, period);


--
-- Name: plans plans_name_unique; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.plans
    ADD CONSTRAINT plans_name_unique UNIQUE (ledger, name);


--
-- Name: plans plans_pkey; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.plans
    ADD CONSTRAINT plans_pkey PRIMARY KEY (id);


--
-- Name: processed_events processed_events_pkey; Type: CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.processed_events
    ADD CONSTRAINT processed_events_pkey PRIMARY KEY (event_id);


--
-- Name: consumer_leases consumer_leases_pkey; Type: CONSTRAINT; Schema: events; Owner: -
--

ALTER TABLE ONLY events.consumer_leases
    ADD CONSTRAINT consumer_leases_pkey PRIMARY KEY (group_id);


--
-- Name: consumer_offsets consumer_offsets_pkey; Type: CONSTRAINT; Schema: events; Owner: -
--

ALTER TABLE ONLY events.consumer_offsets
    ADD CONSTRAINT consumer_offsets_pkey PRIMARY KEY (group_id, topic);


--
-- Name: log log_pkey; Type: CONSTRAINT; Schema: events; Owner: -
--

ALTER TABLE ONLY events.log
    ADD CONSTRAINT log_pkey PRIMARY KEY ("offset");


--
-- Name: outbox_status outbox_status_pkey; Type: CONSTRAINT; Schema: events; Owner: -
--

ALTER TABLE ONLY events.outbox_status
    ADD CONSTRAINT outbox_status_pkey PRIMARY KEY (relay);


--
-- Name: relay_state relay_state_pkey; Type: CONSTRAINT; Schema: events; Owner: -
--

ALTER TABLE ONLY events.relay_state
    ADD CONSTRAINT relay_state_pkey PRIMARY KEY (relay);


--
-- Name: accounts accounts_id_ledger_currency_key; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.accounts
    ADD CONSTRAINT accounts_id_ledger_currency_key UNIQUE (id, ledger, currency);


--
-- Name: accounts accounts_ledger_code_key; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.accounts
    ADD CONSTRAINT accounts_ledger_code_key UNIQUE (ledger, code);


--
-- Name: accounts accounts_pkey; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);


--
-- Name: balances balances_pkey; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.balances
    ADD CONSTRAINT balances_pkey PRIMARY KEY (account_id);


--
-- Name: chain_heads chain_heads_pkey; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.chain_heads
    ADD CONSTRAINT chain_heads_pkey PRIMARY KEY (ledger);


--
-- Name: chain_links chain_links_ledger_position_key; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.chain_links
    ADD CONSTRAINT chain_links_ledger_position_key UNIQUE (ledger, "position");


--
-- Name: chain_links chain_links_pkey; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.chain_links
    ADD CONSTRAINT chain_links_pkey PRIMARY KEY (transaction_id);


--
-- Name: currencies currencies_pkey; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.currencies
    ADD CONSTRAINT currencies_pkey PRIMARY KEY (code);


--
-- Name: entries entries_pkey; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.entries
    ADD CONSTRAINT entries_pkey PRIMARY KEY (id);


--
-- Name: entries entries_transaction_id_leg_key; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.entries
    ADD CONSTRAINT entries_transaction_id_leg_key UNIQUE (transaction_id, leg);


--
-- Name: ledgers ledgers_pkey; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.ledgers
    ADD CONSTRAINT ledgers_pkey PRIMARY KEY (name);


--
-- Name: open_holds open_holds_pkey; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.open_holds
    ADD CONSTRAINT open_holds_pkey PRIMARY KEY (transaction_id);


--
-- Name: outbox outbox_event_id_key; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.outbox
    ADD CONSTRAINT outbox_event_id_key UNIQUE (event_id);


--
-- Name: outbox outbox_pkey; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (id);


--
-- Name: transactions transactions_id_txid_ledger_key; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.transactions
    ADD CONSTRAINT transactions_id_txid_ledger_key UNIQUE (id, txid, ledger);


--
-- Name: transactions transactions_ledger_idempotency_key_key; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.transactions
    ADD CONSTRAINT transactions_ledger_idempotency_key_key UNIQUE (ledger, idempotency_key);


--
-- Name: transactions transactions_pkey; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.transactions
    ADD CONSTRAINT transactions_pkey PRIMARY KEY (id);


--
-- Name: transactions transactions_seq_key; Type: CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.transactions
    ADD CONSTRAINT transactions_seq_key UNIQUE (seq);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: audit_log_action; Type: INDEX; Schema: admin; Owner: -
--

CREATE INDEX audit_log_action ON admin.audit_log USING btree (action, id DESC);


--
-- Name: audit_log_actor; Type: INDEX; Schema: admin; Owner: -
--

CREATE INDEX audit_log_actor ON admin.audit_log USING btree (actor_subject, id DESC);


--
-- Name: audit_log_at; Type: INDEX; Schema: admin; Owner: -
--

CREATE INDEX audit_log_at ON admin.audit_log USING btree (at DESC, id DESC);


--
-- Name: audit_log_ledger; Type: INDEX; Schema: admin; Owner: -
--

CREATE INDEX audit_log_ledger ON admin.audit_log USING btree (ledger, id DESC);


--
-- Name: login_attempts_expiry; Type: INDEX; Schema: admin; Owner: -
--

CREATE INDEX login_attempts_expiry ON admin.login_attempts USING btree (expires_at);


--
-- Name: sessions_expiry; Type: INDEX; Schema: admin; Owner: -
--

CREATE INDEX sessions_expiry ON admin.sessions USING btree (expires_at);


--
-- Name: sessions_subject; Type: INDEX; Schema: admin; Owner: -
--

CREATE INDEX sessions_subject ON admin.sessions USING btree (issuer, subject);


--
-- Name: accruals_by_account; Type: INDEX; Schema: billing; Owner: -
--

CREATE INDEX accruals_by_account ON billing.accruals USING btree (account_id, seq DESC);


--
-- Name: accruals_by_invoice; Type: INDEX; Schema: billing; Owner: -
--

CREATE INDEX accruals_by_invoice ON billing.accruals USING btree (invoice_id, seq DESC);


--
-- Name: accruals_by_ledger; Type: INDEX; Schema: billing; Owner: -
--

CREATE INDEX accruals_by_ledger ON billing.accruals USING btree (ledger, seq DESC);


--
-- Name: assignments_account_history; Type: INDEX; Schema: billing; Owner: -
--

CREATE INDEX assignments_account_history ON billing.assignments USING btree (account_id, assigned_at);


--
-- Name: assignments_current_by_ledger; Type: INDEX; Schema: billing; Owner: -
--

CREATE INDEX assignments_current_by_ledger ON billing.assignments USING btree (ledger, assigned_at DESC, id DESC) WHERE (unassigned_at IS NULL);


--
-- Name: assignments_current_by_plan; Type: INDEX; Schema: billing; Owner: -
--

CREATE INDEX assignments_current_by_plan ON billing.assignments USING btree (plan_id, assigned_at DESC, id DESC) WHERE (unassigned_at IS NULL);


--
-- Name: assignments_one_current; Type: INDEX; Schema: billing; Owner: -
--

CREATE UNIQUE INDEX assignments_one_current ON billing.assignments USING btree (account_id) WHERE (unassigned_at IS NULL);


--
-- Name: dead_letters_pending; Type: INDEX; Schema: billing; Owner: -
--

CREATE INDEX dead_letters_pending ON billing.dead_letters USING btree (id) WHERE (status = 'pending'::text);


--
-- Name: invoices_by_account; Type: INDEX; Schema: billing; Owner: -
--

CREATE INDEX invoices_by_account ON billing.invoices USING btree (account_id, period_start DESC, id DESC);


--
-- Name: invoices_listing; Type: INDEX; Schema: billing; Owner: -
--

CREATE INDEX invoices_listing ON billing.invoices USING btree (ledger, period_start DESC, id DESC);


--
-- Name: invoices_open_by_end; Type: INDEX; Schema: billing; Owner: -
--

CREATE INDEX invoices_open_by_end ON billing.invoices USING btree (period_end) WHERE (status = 'open'::text);


--
-- Name: invoices_to_post; Type: INDEX; Schema: billing; Owner: -
--

CREATE INDEX invoices_to_post ON billing.invoices USING btree (next_attempt_at) WHERE (status = ANY (ARRAY['posting'::text, 'failed'::text]));


--
-- Name: plans_listing; Type: INDEX; Schema: billing; Owner: -
--

CREATE INDEX plans_listing ON billing.plans USING btree (ledger, created_at DESC, id DESC);


--
-- Name: log_topic_offset; Type: INDEX; Schema: events; Owner: -
--

CREATE INDEX log_topic_offset ON events.log USING btree (topic, "offset");


--
-- Name: accounts_ledger_currency; Type: INDEX; Schema: ledger; Owner: -
--

CREATE INDEX accounts_ledger_currency ON ledger.accounts USING btree (ledger, currency, code);


--
-- Name: accounts_metadata; Type: INDEX; Schema: ledger; Owner: -
--

CREATE INDEX accounts_metadata ON ledger.accounts USING gin (metadata jsonb_path_ops);


--
-- Name: entries_account_history; Type: INDEX; Schema: ledger; Owner: -
--

CREATE INDEX entries_account_history ON ledger.entries USING btree (account_id, applied_at, account_version);


--
-- Name: open_holds_expiry; Type: INDEX; Schema: ledger; Owner: -
--

CREATE INDEX open_holds_expiry ON ledger.open_holds USING btree (expires_at) WHERE (expires_at IS NOT NULL);


--
-- Name: outbox_published_at; Type: INDEX; Schema: ledger; Owner: -
--

CREATE INDEX outbox_published_at ON ledger.outbox USING btree (published_at) WHERE (published_at IS NOT NULL);


--
-- Name: outbox_unpublished; Type: INDEX; Schema: ledger; Owner: -
--

CREATE INDEX outbox_unpublished ON ledger.outbox USING btree (id) WHERE (published_at IS NULL);


--
-- Name: transactions_ledger_created; Type: INDEX; Schema: ledger; Owner: -
--

CREATE INDEX transactions_ledger_created ON ledger.transactions USING btree (ledger, created_at, seq);


--
-- Name: transactions_metadata; Type: INDEX; Schema: ledger; Owner: -
--

CREATE INDEX transactions_metadata ON ledger.transactions USING gin (metadata jsonb_path_ops);


--
-- Name: transactions_one_resolution; Type: INDEX; Schema: ledger; Owner: -
--

CREATE UNIQUE INDEX transactions_one_resolution ON ledger.transactions USING btree (parent_id) WHERE (kind = ANY (ARRAY['commit'::text, 'void'::text]));


--
-- Name: transactions_one_reversal; Type: INDEX; Schema: ledger; Owner: -
--

CREATE UNIQUE INDEX transactions_one_reversal ON ledger.transactions USING btree (parent_id) WHERE (kind = 'reversal'::text);


--
-- Name: transactions_txid; Type: INDEX; Schema: ledger; Owner: -
--

CREATE INDEX transactions_txid ON ledger.transactions USING btree (txid);


--
-- Name: audit_log tg_audit_log__forbid_truncate; Type: TRIGGER; Schema: admin; Owner: -
--

CREATE TRIGGER tg_audit_log__forbid_truncate BEFORE TRUNCATE ON admin.audit_log FOR EACH STATEMENT EXECUTE FUNCTION admin.tg_audit_log__forbid_change();


--
-- Name: audit_log tg_audit_log__forbid_update_delete; Type: TRIGGER; Schema: admin; Owner: -
--

CREATE TRIGGER tg_audit_log__forbid_update_delete BEFORE DELETE OR UPDATE ON admin.audit_log FOR EACH ROW EXECUTE FUNCTION admin.tg_audit_log__forbid_change();


--
-- Name: accruals tg_accruals__add_to_invoice; Type: TRIGGER; Schema: billing; Owner: -
--

CREATE TRIGGER tg_accruals__add_to_invoice AFTER INSERT ON billing.accruals FOR EACH ROW EXECUTE FUNCTION billing.tg_accruals__add_to_invoice();


--
-- Name: accruals tg_accruals__check_refund; Type: TRIGGER; Schema: billing; Owner: -
--

CREATE TRIGGER tg_accruals__check_refund BEFORE INSERT ON billing.accruals FOR EACH ROW EXECUTE FUNCTION billing.tg_accruals__check_refund();


--
-- Name: accruals tg_accruals__forbid_truncate; Type: TRIGGER; Schema: billing; Owner: -
--

CREATE TRIGGER tg_accruals__forbid_truncate BEFORE TRUNCATE ON billing.accruals FOR EACH STATEMENT EXECUTE FUNCTION billing.tg__forbid_change();


--
-- Name: accruals tg_accruals__forbid_update; Type: TRIGGER; Schema: billing; Owner: -
--

CREATE TRIGGER tg_accruals__forbid_update BEFORE DELETE OR UPDATE ON billing.accruals FOR EACH ROW EXECUTE FUNCTION billing.tg__forbid_change();


--
-- Name: assignments tg_assignments__guard; Type: TRIGGER; Schema: billing; Owner: -
--

CREATE TRIGGER tg_assignments__guard BEFORE INSERT OR DELETE OR UPDATE ON billing.assignments FOR EACH ROW EXECUTE FUNCTION billing.tg_assignments__guard();


--
-- Name: invoices tg_invoices__forbid_truncate; Type: TRIGGER; Schema: billing; Owner: -
--

CREATE TRIGGER tg_invoices__forbid_truncate BEFORE TRUNCATE ON billing.invoices FOR EACH STATEMENT EXECUTE FUNCTION billing.tg__forbid_change();


--
-- Name: invoices tg_invoices__guard; Type: TRIGGER; Schema: billing; Owner: -
--

CREATE TRIGGER tg_invoices__guard BEFORE DELETE OR UPDATE ON billing.invoices FOR EACH ROW EXECUTE FUNCTION billing.tg_invoices__guard();


--
-- Name: plans tg_plans__guard; Type: TRIGGER; Schema: billing; Owner: -
--

CREATE TRIGGER tg_plans__guard BEFORE DELETE OR UPDATE ON billing.plans FOR EACH ROW EXECUTE FUNCTION billing.tg_plans__guard();


--
-- Name: processed_events tg_processed_events__forbid_update; Type: TRIGGER; Schema: billing; Owner: -
--

CREATE TRIGGER tg_processed_events__forbid_update BEFORE UPDATE ON billing.processed_events FOR EACH ROW EXECUTE FUNCTION billing.tg__forbid_change();


--
-- Name: log tg_log__notify; Type: TRIGGER; Schema: events; Owner: -
--

CREATE TRIGGER tg_log__notify AFTER INSERT ON events.log FOR EACH STATEMENT EXECUTE FUNCTION events.tg_log__notify();


--
-- Name: accounts tg_accounts__defaults; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_accounts__defaults BEFORE INSERT ON ledger.accounts FOR EACH ROW EXECUTE FUNCTION ledger.tg_accounts__defaults();


--
-- Name: accounts tg_accounts__emit_created; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_accounts__emit_created AFTER INSERT ON ledger.accounts FOR EACH ROW EXECUTE FUNCTION ledger.tg_accounts__emit();


--
-- Name: accounts tg_accounts__emit_updated; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_accounts__emit_updated AFTER UPDATE ON ledger.accounts FOR EACH ROW WHEN ((((new.allow_overdraft IS DISTINCT FROM old.allow_overdraft) OR (new.overdraft_limit IS DISTINCT FROM old.overdraft_limit)) OR (new.metadata IS DISTINCT FROM old.metadata))) EXECUTE FUNCTION ledger.tg_accounts__emit();


--
-- Name: accounts tg_accounts__forbid_delete; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_accounts__forbid_delete BEFORE DELETE ON ledger.accounts FOR EACH ROW EXECUTE FUNCTION ledger.tg_journal__forbid_change();


--
-- Name: accounts tg_accounts__forbid_truncate; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_accounts__forbid_truncate BEFORE TRUNCATE ON ledger.accounts FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_journal__forbid_change();


--
-- Name: accounts tg_accounts__guard; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_accounts__guard BEFORE UPDATE ON ledger.accounts FOR EACH ROW EXECUTE FUNCTION ledger.tg_accounts__guard();


--
-- Name: accounts tg_accounts__open_balances; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_accounts__open_balances AFTER INSERT ON ledger.accounts FOR EACH ROW EXECUTE FUNCTION ledger.tg_accounts__open_balances();


--
-- Name: balances tg_balances__forbid_truncate; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_balances__forbid_truncate BEFORE TRUNCATE ON ledger.balances FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_journal__forbid_change();


--
-- Name: balances tg_balances__guard; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_balances__guard BEFORE INSERT OR DELETE OR UPDATE ON ledger.balances FOR EACH ROW WHEN ((CURRENT_USER <> 'ledgerflow_owner'::name)) EXECUTE FUNCTION ledger.tg_balances__refuse();


--
-- Name: chain_heads tg_chain_heads__forbid_delete; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_chain_heads__forbid_delete BEFORE DELETE ON ledger.chain_heads FOR EACH ROW EXECUTE FUNCTION ledger.tg_journal__forbid_change();


--
-- Name: chain_heads tg_chain_heads__forbid_truncate; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_chain_heads__forbid_truncate BEFORE TRUNCATE ON ledger.chain_heads FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_journal__forbid_change();


--
-- Name: chain_heads tg_chain_heads__guard; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_chain_heads__guard BEFORE INSERT OR DELETE OR UPDATE ON ledger.chain_heads FOR EACH ROW WHEN ((CURRENT_USER <> 'ledgerflow_owner'::name)) EXECUTE FUNCTION ledger.tg_chain_heads__refuse();


--
-- Name: chain_links tg_chain_links__forbid_truncate; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_chain_links__forbid_truncate BEFORE TRUNCATE ON ledger.chain_links FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_journal__forbid_change();


--
-- Name: chain_links tg_chain_links__forbid_update_delete; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_chain_links__forbid_update_delete BEFORE DELETE OR UPDATE ON ledger.chain_links FOR EACH ROW EXECUTE FUNCTION ledger.tg_journal__forbid_change();


--
-- Name: currencies tg_currencies__guard; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_currencies__guard BEFORE UPDATE ON ledger.currencies FOR EACH ROW EXECUTE FUNCTION ledger.tg_currencies__guard();


--
-- Name: entries tg_entries__apply_statement; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_entries__apply_statement AFTER INSERT ON ledger.entries REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_entries__apply_statement();


--
-- Name: entries tg_entries__fill_balances_after; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_entries__fill_balances_after BEFORE INSERT ON ledger.entries FOR EACH ROW WHEN ((new.account_version = 0)) EXECUTE FUNCTION ledger.tg_entries__fill_balances_after();


--
-- Name: entries tg_entries__forbid_truncate; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_entries__forbid_truncate BEFORE TRUNCATE ON ledger.entries FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_journal__forbid_change();


--
-- Name: entries tg_entries__forbid_update_delete; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_entries__forbid_update_delete BEFORE DELETE OR UPDATE ON ledger.entries FOR EACH ROW EXECUTE FUNCTION ledger.tg_journal__forbid_change();


--
-- Name: open_holds tg_open_holds__forbid_truncate; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_open_holds__forbid_truncate BEFORE TRUNCATE ON ledger.open_holds FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_journal__forbid_change();


--
-- Name: open_holds tg_open_holds__guard; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_open_holds__guard BEFORE INSERT OR DELETE OR UPDATE ON ledger.open_holds FOR EACH ROW WHEN ((CURRENT_USER <> 'ledgerflow_owner'::name)) EXECUTE FUNCTION ledger.tg_open_holds__refuse();


--
-- Name: outbox tg_outbox__forbid_truncate; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_outbox__forbid_truncate BEFORE TRUNCATE ON ledger.outbox FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_journal__forbid_change();


--
-- Name: outbox tg_outbox__guard; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_outbox__guard BEFORE DELETE OR UPDATE ON ledger.outbox FOR EACH ROW EXECUTE FUNCTION ledger.tg_outbox__guard();


--
-- Name: outbox tg_outbox__notify; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_outbox__notify AFTER INSERT ON ledger.outbox FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_outbox__notify();


--
-- Name: transactions tg_transactions__check_and_emit; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE CONSTRAINT TRIGGER tg_transactions__check_and_emit AFTER INSERT ON ledger.transactions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger.tg_transactions__check_and_emit();


--
-- Name: transactions tg_transactions__forbid_truncate; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_transactions__forbid_truncate BEFORE TRUNCATE ON ledger.transactions FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_journal__forbid_change();


--
-- Name: transactions tg_transactions__forbid_update_delete; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_transactions__forbid_update_delete BEFORE DELETE OR UPDATE ON ledger.transactions FOR EACH ROW EXECUTE FUNCTION ledger.tg_journal__forbid_change();


--
-- Name: transactions tg_transactions__track_holds; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_transactions__track_holds AFTER INSERT ON ledger.transactions FOR EACH ROW WHEN ((new.kind = ANY (ARRAY['pending'::text, 'commit'::text, 'void'::text]))) EXECUTE FUNCTION ledger.tg_transactions__track_holds();


--
-- Name: transactions tg_transactions__verify_statement; Type: TRIGGER; Schema: ledger; Owner: -
--

CREATE TRIGGER tg_transactions__verify_statement AFTER INSERT ON ledger.transactions REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_transactions__verify_statement();


--
-- Name: accruals accruals_invoice_id_account_id_plan_id_currency_fkey; Type: FK CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.accruals
    ADD CONSTRAINT accruals_invoice_id_account_id_plan_id_currency_fkey FOREIGN KEY (invoice_id, account_id, plan_id, currency) REFERENCES billing.invoices(id, account_id, plan_id, currency);


--
-- Name: accruals accruals_refunds_accrual_id_account_id_plan_id_currency_fkey; Type: FK CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.accruals
    ADD CONSTRAINT accruals_refunds_accrual_id_account_id_plan_id_currency_fkey FOREIGN KEY (refunds_accrual_id, account_id, plan_id, currency) REFERENCES billing.accruals(id, account_id, plan_id, currency);


--
-- Name: assignments assignments_plan_id_ledger_currency_fkey; Type: FK CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.assignments
    ADD CONSTRAINT assignments_plan_id_ledger_currency_fkey FOREIGN KEY (plan_id, ledger, currency) REFERENCES billing.plans(id, ledger, currency);


--
-- Name: invoices invoices_plan_id_ledger_currency_period_fkey; Type: FK CONSTRAINT; Schema: billing; Owner: -
--

ALTER TABLE ONLY billing.invoices
    ADD CONSTRAINT invoices_plan_id_ledger_currency_period_fkey FOREIGN KEY (plan_id, ledger, currency, period) REFERENCES billing.plans(id, ledger, currency, period);


--
-- Name: accounts accounts_currency_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.accounts
    ADD CONSTRAINT accounts_currency_fkey FOREIGN KEY (currency) REFERENCES ledger.currencies(code);


--
-- Name: accounts accounts_ledger_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.accounts
    ADD CONSTRAINT accounts_ledger_fkey FOREIGN KEY (ledger) REFERENCES ledger.ledgers(name);


--
-- Name: balances balances_account_id_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.balances
    ADD CONSTRAINT balances_account_id_fkey FOREIGN KEY (account_id) REFERENCES ledger.accounts(id);


--
-- Name: chain_heads chain_heads_ledger_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.chain_heads
    ADD CONSTRAINT chain_heads_ledger_fkey FOREIGN KEY (ledger) REFERENCES ledger.ledgers(name);


--
-- Name: entries entries_transaction_id_txid_ledger_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.entries
    ADD CONSTRAINT entries_transaction_id_txid_ledger_fkey FOREIGN KEY (transaction_id, txid, ledger) REFERENCES ledger.transactions(id, txid, ledger);


--
-- Name: open_holds open_holds_transaction_id_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.open_holds
    ADD CONSTRAINT open_holds_transaction_id_fkey FOREIGN KEY (transaction_id) REFERENCES ledger.transactions(id);


--
-- Name: transactions transactions_ledger_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.transactions
    ADD CONSTRAINT transactions_ledger_fkey FOREIGN KEY (ledger) REFERENCES ledger.ledgers(name);


--
-- Name: transactions transactions_parent_id_fkey; Type: FK CONSTRAINT; Schema: ledger; Owner: -
--

ALTER TABLE ONLY ledger.transactions
    ADD CONSTRAINT transactions_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES ledger.transactions(id);


--
-- Name: audit_log; Type: ROW SECURITY; Schema: admin; Owner: -
--

ALTER TABLE admin.audit_log ENABLE ROW LEVEL SECURITY;

--
-- Name: audit_log audit_log_append; Type: POLICY; Schema: admin; Owner: -
--

CREATE POLICY audit_log_append ON admin.audit_log FOR INSERT WITH CHECK (true);


--
-- Name: audit_log audit_log_read; Type: POLICY; Schema: admin; Owner: -
--

CREATE POLICY audit_log_read ON admin.audit_log FOR SELECT USING ((('*'::text = ANY (admin.caller_ledgers())) OR ((ledger <> ''::text) AND (ledger = ANY (admin.caller_ledgers())))));


--
-- Name: role_mappings; Type: ROW SECURITY; Schema: admin; Owner: -
--

ALTER TABLE admin.role_mappings ENABLE ROW LEVEL SECURITY;

--
-- Name: role_mappings role_mappings_read; Type: POLICY; Schema: admin; Owner: -
--

CREATE POLICY role_mappings_read ON admin.role_mappings FOR SELECT USING (true);


--
-- Name: role_mappings role_mappings_write; Type: POLICY; Schema: admin; Owner: -
--

CREATE POLICY role_mappings_write ON admin.role_mappings USING ((('*'::text = ANY (admin.caller_ledgers())) OR ((NOT ('*'::text = ANY (ledgers))) AND (ledgers <@ admin.caller_ledgers())))) WITH CHECK ((('*'::text = ANY (admin.caller_ledgers())) OR ((NOT ('*'::text = ANY (ledgers))) AND (ledgers <@ admin.caller_ledgers()))));


--
-- Name: SCHEMA admin; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA admin TO ledgerflow_gateway;


--
-- Name: SCHEMA billing; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA billing TO ledgerflow_billing;


--
-- Name: SCHEMA events; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA events TO ledgerflow_relay;
GRANT USAGE ON SCHEMA events TO ledgerflow_projector;
GRANT USAGE ON SCHEMA events TO ledgerflow_billing;
GRANT USAGE ON SCHEMA events TO ledgerflow_gateway;


--
-- Name: SCHEMA ledger; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA ledger TO ledgerflow_ledger;
GRANT USAGE ON SCHEMA ledger TO ledgerflow_relay;
GRANT USAGE ON SCHEMA ledger TO ledgerflow_projector;


--
-- Name: FUNCTION caller_ledgers(); Type: ACL; Schema: admin; Owner: -
--

REVOKE ALL ON FUNCTION admin.caller_ledgers() FROM PUBLIC;
GRANT ALL ON FUNCTION admin.caller_ledgers() TO ledgerflow_gateway;


--
-- Name: FUNCTION tg_audit_log__forbid_change(); Type: ACL; Schema: admin; Owner: -
--

REVOKE ALL ON FUNCTION admin.tg_audit_log__forbid_change() FROM PUBLIC;


--
-- Name: FUNCTION period_end(p_period text, p_at timestamp with time zone); Type: ACL; Schema: billing; Owner: -
--

REVOKE ALL ON FUNCTION billing.period_end(p_period text, p_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION billing.period_end(p_period text, p_at timestamp with time zone) TO ledgerflow_billing;


--
-- Name: FUNCTION period_start(p_period text, p_at timestamp with time zone); Type: ACL; Schema: billing; Owner: -
--

REVOKE ALL ON FUNCTION billing.period_start(p_period text, p_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION billing.period_start(p_period text, p_at timestamp with time zone) TO ledgerflow_billing;


--
-- Name: FUNCTION tg__forbid_change(); Type: ACL; Schema: billing; Owner: -
--

REVOKE ALL ON FUNCTION billing.tg__forbid_change() FROM PUBLIC;
GRANT ALL ON FUNCTION billing.tg__forbid_change() TO ledgerflow_billing;


--
-- Name: FUNCTION tg_accruals__add_to_invoice(); Type: ACL; Schema: billing; Owner: -
--

REVOKE ALL ON FUNCTION billing.tg_accruals__add_to_invoice() FROM PUBLIC;
GRANT ALL ON FUNCTION billing.tg_accruals__add_to_invoice() TO ledgerflow_billing;


--
-- Name: FUNCTION tg_accruals__check_refund(); Type: ACL; Schema: billing; Owner: -
--

REVOKE ALL ON FUNCTION billing.tg_accruals__check_refund() FROM PUBLIC;
GRANT ALL ON FUNCTION billing.tg_accruals__check_refund() TO ledgerflow_billing;


--
-- Name: FUNCTION tg_assignments__guard(); Type: ACL; Schema: billing; Owner: -
--

REVOKE ALL ON FUNCTION billing.tg_assignments__guard() FROM PUBLIC;
GRANT ALL ON FUNCTION billing.tg_assignments__guard() TO ledgerflow_billing;


--
-- Name: FUNCTION tg_invoices__guard(); Type: ACL; Schema: billing; Owner: -
--

REVOKE ALL ON FUNCTION billing.tg_invoices__guard() FROM PUBLIC;
GRANT ALL ON FUNCTION billing.tg_invoices__guard() TO ledgerflow_billing;


--
-- Name: FUNCTION tg_plans__guard(); Type: ACL; Schema: billing; Owner: -
--

REVOKE ALL ON FUNCTION billing.tg_plans__guard() FROM PUBLIC;
GRANT ALL ON FUNCTION billing.tg_plans__guard() TO ledgerflow_billing;


--
-- Name: FUNCTION tg_log__notify(); Type: ACL; Schema: events; Owner: -
--

REVOKE ALL ON FUNCTION events.tg_log__notify() FROM PUBLIC;


--
-- Name: FUNCTION ts_json(ts timestamp with time zone); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.ts_json(ts timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION ledger.ts_json(ts timestamp with time zone) TO ledgerflow_ledger;
GRANT ALL ON FUNCTION ledger.ts_json(ts timestamp with time zone) TO ledgerflow_projector;


--
-- Name: TABLE accounts; Type: ACL; Schema: ledger; Owner: -
--

GRANT SELECT,INSERT ON TABLE ledger.accounts TO ledgerflow_ledger;
GRANT SELECT ON TABLE ledger.accounts TO ledgerflow_projector;


--
-- Name: COLUMN accounts.allow_overdraft; Type: ACL; Schema: ledger; Owner: -
--

GRANT UPDATE(allow_overdraft) ON TABLE ledger.accounts TO ledgerflow_ledger;


--
-- Name: COLUMN accounts.overdraft_limit; Type: ACL; Schema: ledger; Owner: -
--

GRANT UPDATE(overdraft_limit) ON TABLE ledger.accounts TO ledgerflow_ledger;


--
-- Name: COLUMN accounts.metadata; Type: ACL; Schema: ledger; Owner: -
--

GRANT UPDATE(metadata) ON TABLE ledger.accounts TO ledgerflow_ledger;


--
-- Name: FUNCTION account_json(a ledger.accounts); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.account_json(a ledger.accounts) FROM PUBLIC;


--
-- Name: FUNCTION assign_owners(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.assign_owners() FROM PUBLIC;


--
-- Name: FUNCTION available_balance(normal_balance text, posted_debits numeric, posted_credits numeric, pending_debits numeric, pending_credits numeric); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.available_balance(normal_balance text, posted_debits numeric, posted_credits numeric, pending_debits numeric, pending_credits numeric) FROM PUBLIC;
GRANT ALL ON FUNCTION ledger.available_balance(normal_balance text, posted_debits numeric, posted_credits numeric, pending_debits numeric, pending_credits numeric) TO ledgerflow_ledger;
GRANT ALL ON FUNCTION ledger.available_balance(normal_balance text, posted_debits numeric, posted_credits numeric, pending_debits numeric, pending_credits numeric) TO ledgerflow_projector;


--
-- Name: FUNCTION balance_floor(allow_overdraft boolean, overdraft_limit numeric); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.balance_floor(allow_overdraft boolean, overdraft_limit numeric) FROM PUBLIC;
GRANT ALL ON FUNCTION ledger.balance_floor(allow_overdraft boolean, overdraft_limit numeric) TO ledgerflow_ledger;
GRANT ALL ON FUNCTION ledger.balance_floor(allow_overdraft boolean, overdraft_limit numeric) TO ledgerflow_projector;


--
-- Name: FUNCTION chain_link_hash(p_previous bytea, p_position bigint, p_digest bytea); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.chain_link_hash(p_previous bytea, p_position bigint, p_digest bytea) FROM PUBLIC;
GRANT ALL ON FUNCTION ledger.chain_link_hash(p_previous bytea, p_position bigint, p_digest bytea) TO ledgerflow_ledger;


--
-- Name: FUNCTION chain_link_step(p_state bytea, p_seed bytea, p_position bigint, p_digest bytea); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.chain_link_step(p_state bytea, p_seed bytea, p_position bigint, p_digest bytea) FROM PUBLIC;


--
-- Name: FUNCTION check_unsealed_transactions(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.check_unsealed_transactions() FROM PUBLIC;


--
-- Name: FUNCTION claim_expired_holds(p_limit integer); Type: ACL; Schema: ledger; Owner: -
--

GRANT ALL ON FUNCTION ledger.claim_expired_holds(p_limit integer) TO ledgerflow_ledger;


--
-- Name: FUNCTION emit_event(p_ledger text, p_topic text, p_key text, p_type text, p_aggregate uuid, p_body jsonb); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.emit_event(p_ledger text, p_topic text, p_key text, p_type text, p_aggregate uuid, p_body jsonb) FROM PUBLIC;


--
-- Name: FUNCTION emit_transaction_events(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.emit_transaction_events() FROM PUBLIC;


--
-- Name: FUNCTION grant_database_access(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.grant_database_access() FROM PUBLIC;


--
-- Name: FUNCTION lock_accounts(p_ids uuid[]); Type: ACL; Schema: ledger; Owner: -
--

GRANT ALL ON FUNCTION ledger.lock_accounts(p_ids uuid[]) TO ledgerflow_ledger;


--
-- Name: FUNCTION lock_pending_transaction(p_ledger text, p_id uuid); Type: ACL; Schema: ledger; Owner: -
--

GRANT ALL ON FUNCTION ledger.lock_pending_transaction(p_ledger text, p_id uuid) TO ledgerflow_ledger;


--
-- Name: FUNCTION tg_accounts__defaults(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.tg_accounts__defaults() FROM PUBLIC;


--
-- Name: FUNCTION tg_accounts__emit(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.tg_accounts__emit() FROM PUBLIC;


--
-- Name: FUNCTION tg_accounts__guard(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.tg_accounts__guard() FROM PUBLIC;


--
-- Name: FUNCTION tg_accounts__open_balances(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.tg_accounts__open_balances() FROM PUBLIC;


--
-- Name: FUNCTION tg_balances__refuse(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.tg_balances__refuse() FROM PUBLIC;


--
-- Name: FUNCTION tg_chain_heads__refuse(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.tg_chain_heads__refuse() FROM PUBLIC;


--
-- Name: FUNCTION tg_entries__apply_statement(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.tg_entries__apply_statement() FROM PUBLIC;


--
-- Name: FUNCTION tg_entries__fill_balances_after(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.tg_entries__fill_balances_after() FROM PUBLIC;


--
-- Name: FUNCTION tg_journal__forbid_change(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.tg_journal__forbid_change() FROM PUBLIC;


--
-- Name: FUNCTION tg_outbox__guard(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.tg_outbox__guard() FROM PUBLIC;


--
-- Name: FUNCTION tg_outbox__notify(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.tg_outbox__notify() FROM PUBLIC;


--
-- Name: FUNCTION tg_transactions__check_and_emit(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.tg_transactions__check_and_emit() FROM PUBLIC;


--
-- Name: FUNCTION tg_transactions__track_holds(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.tg_transactions__track_holds() FROM PUBLIC;


--
-- Name: FUNCTION tg_transactions__verify_statement(); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.tg_transactions__verify_statement() FROM PUBLIC;


--
-- Name: FUNCTION transaction_digest(p_body jsonb); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.transaction_digest(p_body jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION ledger.transaction_digest(p_body jsonb) TO ledgerflow_ledger;


--
-- Name: TABLE transactions; Type: ACL; Schema: ledger; Owner: -
--

GRANT SELECT,INSERT ON TABLE ledger.transactions TO ledgerflow_ledger;
GRANT SELECT ON TABLE ledger.transactions TO ledgerflow_projector;


--
-- Name: FUNCTION transaction_event_body(t ledger.transactions); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.transaction_event_body(t ledger.transactions) FROM PUBLIC;
GRANT ALL ON FUNCTION ledger.transaction_event_body(t ledger.transactions) TO ledgerflow_ledger;


--
-- Name: FUNCTION verify_chain(p_ledger text, p_after_position bigint, p_links_max integer); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.verify_chain(p_ledger text, p_after_position bigint, p_links_max integer) FROM PUBLIC;
GRANT ALL ON FUNCTION ledger.verify_chain(p_ledger text, p_after_position bigint, p_links_max integer) TO ledgerflow_ledger;


--
-- Name: FUNCTION chain_links_fold(bytea, bigint, bytea); Type: ACL; Schema: ledger; Owner: -
--

REVOKE ALL ON FUNCTION ledger.chain_links_fold(bytea, bigint, bytea) FROM PUBLIC;


--
-- Name: TABLE audit_log; Type: ACL; Schema: admin; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE admin.audit_log TO ledgerflow_gateway;


--
-- Name: SEQUENCE audit_log_id_seq; Type: ACL; Schema: admin; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE admin.audit_log_id_seq TO ledgerflow_gateway;


--
-- Name: TABLE login_attempts; Type: ACL; Schema: admin; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE admin.login_attempts TO ledgerflow_gateway;


--
-- Name: TABLE role_mappings; Type: ACL; Schema: admin; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE admin.role_mappings TO ledgerflow_gateway;


--
-- Name: TABLE sessions; Type: ACL; Schema: admin; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE admin.sessions TO ledgerflow_gateway;


--
-- Name: TABLE accruals; Type: ACL; Schema: billing; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE billing.accruals TO ledgerflow_billing;


--
-- Name: SEQUENCE accruals_seq_seq; Type: ACL; Schema: billing; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE billing.accruals_seq_seq TO ledgerflow_billing;


--
-- Name: TABLE assignments; Type: ACL; Schema: billing; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE billing.assignments TO ledgerflow_billing;


--
-- Name: SEQUENCE assignments_id_seq; Type: ACL; Schema: billing; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE billing.assignments_id_seq TO ledgerflow_billing;


--
-- Name: TABLE consumer_state; Type: ACL; Schema: billing; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE billing.consumer_state TO ledgerflow_billing;


--
-- Name: TABLE dead_letters; Type: ACL; Schema: billing; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE billing.dead_letters TO ledgerflow_billing;


--
-- Name: SEQUENCE dead_letters_id_seq; Type: ACL; Schema: billing; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE billing.dead_letters_id_seq TO ledgerflow_billing;


--
-- Name: TABLE invoices; Type: ACL; Schema: billing; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE billing.invoices TO ledgerflow_billing;


--
-- Name: TABLE plans; Type: ACL; Schema: billing; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE billing.plans TO ledgerflow_billing;


--
-- Name: TABLE processed_events; Type: ACL; Schema: billing; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE billing.processed_events TO ledgerflow_billing;


--
-- Name: TABLE consumer_leases; Type: ACL; Schema: events; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE events.consumer_leases TO ledgerflow_projector;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE events.consumer_leases TO ledgerflow_billing;


--
-- Name: TABLE consumer_offsets; Type: ACL; Schema: events; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE events.consumer_offsets TO ledgerflow_projector;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE events.consumer_offsets TO ledgerflow_billing;


--
-- Name: TABLE log; Type: ACL; Schema: events; Owner: -
--

GRANT SELECT,INSERT,DELETE ON TABLE events.log TO ledgerflow_relay;
GRANT SELECT,INSERT ON TABLE events.log TO ledgerflow_projector;
GRANT SELECT,INSERT ON TABLE events.log TO ledgerflow_billing;


--
-- Name: TABLE outbox_status; Type: ACL; Schema: events; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE events.outbox_status TO ledgerflow_relay;
GRANT SELECT ON TABLE events.outbox_status TO ledgerflow_gateway;


--
-- Name: TABLE relay_state; Type: ACL; Schema: events; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE events.relay_state TO ledgerflow_relay;
GRANT SELECT ON TABLE events.relay_state TO ledgerflow_projector;


--
-- Name: TABLE balances; Type: ACL; Schema: ledger; Owner: -
--

GRANT SELECT ON TABLE ledger.balances TO ledgerflow_ledger;
GRANT SELECT ON TABLE ledger.balances TO ledgerflow_projector;


--
-- Name: TABLE chain_heads; Type: ACL; Schema: ledger; Owner: -
--

GRANT SELECT ON TABLE ledger.chain_heads TO ledgerflow_ledger;


--
-- Name: TABLE chain_links; Type: ACL; Schema: ledger; Owner: -
--

GRANT SELECT ON TABLE ledger.chain_links TO ledgerflow_ledger;


--
-- Name: TABLE currencies; Type: ACL; Schema: ledger; Owner: -
--

GRANT SELECT ON TABLE ledger.currencies TO ledgerflow_ledger;


--
-- Name: TABLE entries; Type: ACL; Schema: ledger; Owner: -
--

GRANT SELECT,INSERT ON TABLE ledger.entries TO ledgerflow_ledger;
GRANT SELECT ON TABLE ledger.entries TO ledgerflow_projector;


--
-- Name: TABLE ledgers; Type: ACL; Schema: ledger; Owner: -
--

GRANT SELECT,INSERT ON TABLE ledger.ledgers TO ledgerflow_ledger;


--
-- Name: TABLE open_holds; Type: ACL; Schema: ledger; Owner: -
--

GRANT SELECT ON TABLE ledger.open_holds TO ledgerflow_ledger;


--
-- Name: TABLE outbox; Type: ACL; Schema: ledger; Owner: -
--

GRANT SELECT ON TABLE ledger.outbox TO ledgerflow_ledger;
GRANT SELECT,DELETE ON TABLE ledger.outbox TO ledgerflow_relay;
GRANT SELECT ON TABLE ledger.outbox TO ledgerflow_projector;


--
-- Name: COLUMN outbox.published_at; Type: ACL; Schema: ledger; Owner: -
--

GRANT UPDATE(published_at) ON TABLE ledger.outbox TO ledgerflow_relay;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: -; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE ledgerflow_owner REVOKE ALL ON FUNCTIONS  FROM PUBLIC;


--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: -; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE ledgerflow_projector REVOKE ALL ON FUNCTIONS  FROM PUBLIC;


--
-- PostgreSQL database dump complete
--


