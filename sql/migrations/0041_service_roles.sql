-- 0041 service roles: the invariants hold against every credential a service holds.
--
-- Before this, every service connected as the role that owns the tables, and whoever held any
-- service's credentials could disable triggers, drop constraints or rewrite the journal. Now:
--   ledgerflow_owner      owns every schema, table, sequence and function (NOLOGIN); only the
--                         migration step acts as it (the migrating login is made a member).
--   ledgerflow_ledger     the ledger: reads the books, inserts ledgers, accounts, transactions
--                         and entries, changes an account's policy and metadata; locks balances
--                         through ledger.lock_* functions. No UPDATE/DELETE/TRUNCATE on the
--                         journal, no write to balances, open holds or the outbox.
--   ledgerflow_relay      reads the outbox, sets published_at, deletes published rows; writes
--                         the embedded event log and its own state.
--   ledgerflow_projector  owns the read model's schemas (it creates them, so CREATE on the
--                         database); reads what drift checks and rebuilds compare with;
--                         consumes the embedded log.
--   ledgerflow_billing    its own schema; consumes the embedded log; reaches the ledger only
--                         through the ledger's API.
--   ledgerflow_gateway      the gateway: its own schema, SELECT on the read model (granted by
--                         the read model's files), nothing in ledger.
-- The service roles are NOLOGIN here: a deployment gives each one LOGIN and a password (or RDS
-- IAM authentication) when it migrates, see docs/dba.md. None of them is a superuser, owns
-- anything in ledger, or may set session_replication_role.
--
-- Trigger functions that write what the invoking role may not (balances, open holds, the outbox)
-- run as the owner (SECURITY DEFINER, search_path pinned). Direct writes to balances and open
-- holds are refused for every role but the owner: by privilege for the service roles, and by
-- a guard on current_user (not on trigger depth, which any user-created trigger raises) for
-- anyone else, superusers included.
--
-- Also here: a currency's scale is immutable once an account uses it; a transaction's caller is
-- the connected role unless that role is the ledger's (which names its authenticated client),
-- and only the ledger's role may name an actor.
--
-- New SQLSTATE: none (LF004 and LF006 as before, 42501 for privileges).

---------------------------------------------------------------------------------------------
-- Roles (cluster-wide; another database of the same cluster may have created them already).
DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['ledgerflow_owner', 'ledgerflow_ledger', 'ledgerflow_relay', 'ledgerflow_projector',
                           'ledgerflow_billing', 'ledgerflow_gateway'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS', r);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END;
    END IF;
  END LOOP;
  -- The migrating login acts as the owner (a superuser already may), and hands the projector
  -- its schemas.
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT ledgerflow_owner, ledgerflow_projector TO %I', current_user);
  END IF;
END $$;

---------------------------------------------------------------------------------------------
-- Nothing is open by default: functions are not executable by PUBLIC, the public schema takes
-- no objects, and services connect to this database only by grant. Database privileges are not
-- copied by CREATE DATABASE … TEMPLATE: a database cloned from a migrated one runs
-- ledger.grant_database_access() once, as its owner.
CREATE FUNCTION ledger.grant_database_access() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO ledgerflow_ledger, ledgerflow_relay, ledgerflow_projector, ledgerflow_billing, ledgerflow_gateway', current_database());
  -- The projector creates its read model's schemas (and the rebuild's side-by-side ones).
  EXECUTE format('GRANT CREATE ON DATABASE %I TO ledgerflow_projector', current_database());
END $$;
SELECT ledger.grant_database_access();
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ledger, events, admin, billing FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE ledgerflow_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE ledgerflow_projector REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

---------------------------------------------------------------------------------------------
-- Trigger functions that write on the invoker's behalf run as the owner.
DO $$
DECLARE
  f text;
BEGIN
  FOREACH f IN ARRAY ARRAY[
      'ledger.emit_event(text, text, text, text, uuid, jsonb)', 'ledger.emit_transaction_events()',
      'ledger.tg_accounts__open_balances()', 'ledger.tg_accounts__guard()', 'ledger.tg_transactions__track_holds()',
      'ledger.tg_transactions__check_and_emit()', 'ledger.tg_accounts__emit()'] LOOP
    EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = pg_catalog, pg_temp', f);
  END LOOP;
END $$;
-- Reads only its transition table and who is connected: runs as the invoker.
ALTER FUNCTION ledger.tg_transactions__verify_statement() SECURITY INVOKER;

-- Balances and open holds: written only as the owner, i.e. by the journal's trigger functions.
DROP TRIGGER tg_balances__guard ON ledger.balances;
CREATE TRIGGER tg_balances__guard BEFORE INSERT OR UPDATE OR DELETE ON ledger.balances
  FOR EACH ROW WHEN (current_user <> 'ledgerflow_owner') EXECUTE FUNCTION ledger.tg_balances__refuse();
DROP TRIGGER tg_open_holds__guard ON ledger.open_holds;
DROP FUNCTION ledger.tg_open_holds__guard();
CREATE FUNCTION ledger.tg_open_holds__refuse() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'LF004', MESSAGE = 'open holds are maintained by the journal; commit or void the transaction instead';
END $$;
CREATE TRIGGER tg_open_holds__guard BEFORE INSERT OR UPDATE OR DELETE ON ledger.open_holds
  FOR EACH ROW WHEN (current_user <> 'ledgerflow_owner') EXECUTE FUNCTION ledger.tg_open_holds__refuse();

-- Row locks for the ledger's writer, which may not UPDATE these tables (a row lock needs that
-- privilege): balances of the accounts a batch touches in id order, a pending transaction
-- being committed or voided, and expired holds to void.
CREATE FUNCTION ledger.lock_accounts(p_ids uuid[])
RETURNS TABLE (id uuid, ledger text, code text, currency text, normal_balance text, allow_overdraft boolean,
               overdraft_limit numeric, posted_debits numeric, posted_credits numeric, pending_debits numeric,
               pending_credits numeric, version bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RETURN QUERY
  SELECT a.id, a.ledger, a.code, a.currency, a.normal_balance, a.allow_overdraft, a.overdraft_limit,
         b.posted_debits, b.posted_credits, b.pending_debits, b.pending_credits, b.version
    FROM ledger.balances b JOIN ledger.accounts a ON a.id = b.account_id
   WHERE b.account_id = ANY(p_ids)
   ORDER BY b.account_id
     FOR NO KEY UPDATE OF b;
END $$;

CREATE FUNCTION ledger.lock_pending_transaction(p_ledger text, p_id uuid)
RETURNS TABLE (id uuid, ledger text, kind text, expires_at timestamptz, open_hold uuid)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RETURN QUERY
  SELECT t.id, t.ledger, t.kind, t.expires_at, h.transaction_id
    FROM ledger.transactions t
    LEFT JOIN ledger.open_holds h ON h.transaction_id = t.id
   WHERE t.ledger = p_ledger AND t.id = p_id
     FOR UPDATE OF t;
END $$;

CREATE FUNCTION ledger.claim_expired_holds(p_limit int)
RETURNS TABLE (transaction_id uuid, ledger text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  RETURN QUERY
  SELECT h.transaction_id, h.ledger FROM ledger.open_holds h
   WHERE h.expires_at <= now()
   ORDER BY h.expires_at
   LIMIT least(greatest(p_limit, 0), 1000)
     FOR UPDATE SKIP LOCKED;
END $$;

---------------------------------------------------------------------------------------------
-- A currency's scale is fixed once an account holds amounts in it (changing it would
-- re-denominate every balance).
CREATE FUNCTION ledger.tg_currencies__guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NEW.scale <> OLD.scale AND EXISTS (SELECT 1 FROM ledger.accounts WHERE currency = OLD.code) THEN
    RAISE EXCEPTION USING ERRCODE = 'LF006', MESSAGE = format('currency %s is in use: its scale cannot change', OLD.code);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER tg_currencies__guard BEFORE UPDATE ON ledger.currencies
  FOR EACH ROW EXECUTE FUNCTION ledger.tg_currencies__guard();

-- Who wrote a transaction: a raw insert records the connected role as its caller and names no
-- actor; the ledger's role names the client it authenticated and the person it acts for.
ALTER TABLE ledger.transactions ALTER COLUMN caller SET DEFAULT current_user;
CREATE OR REPLACE FUNCTION ledger.tg_transactions__verify_statement() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
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

---------------------------------------------------------------------------------------------
-- Grants.
GRANT USAGE ON SCHEMA ledger TO ledgerflow_ledger, ledgerflow_relay, ledgerflow_projector;
GRANT USAGE ON SCHEMA events TO ledgerflow_relay, ledgerflow_projector, ledgerflow_billing;
GRANT USAGE ON SCHEMA billing TO ledgerflow_billing;
GRANT USAGE ON SCHEMA admin TO ledgerflow_gateway;

-- ledger
GRANT SELECT ON ledger.currencies, ledger.ledgers, ledger.accounts, ledger.balances, ledger.transactions,
                ledger.entries, ledger.open_holds, ledger.outbox TO ledgerflow_ledger;
GRANT INSERT ON ledger.ledgers, ledger.accounts, ledger.transactions, ledger.entries TO ledgerflow_ledger;
GRANT UPDATE (allow_overdraft, overdraft_limit, metadata) ON ledger.accounts TO ledgerflow_ledger;
GRANT EXECUTE ON FUNCTION ledger.lock_accounts(uuid[]), ledger.lock_pending_transaction(text, uuid),
                          ledger.claim_expired_holds(int) TO ledgerflow_ledger;
GRANT EXECUTE ON FUNCTION ledger.ts_json(timestamptz), ledger.balance_floor(boolean, numeric),
                          ledger.available_balance(text, numeric, numeric, numeric, numeric)
  TO ledgerflow_ledger, ledgerflow_projector;

-- relay
GRANT SELECT, DELETE ON ledger.outbox TO ledgerflow_relay;
GRANT UPDATE (published_at) ON ledger.outbox TO ledgerflow_relay;
GRANT SELECT, INSERT, DELETE ON events.log TO ledgerflow_relay;
GRANT SELECT, INSERT, UPDATE ON events.relay_state TO ledgerflow_relay;

-- projector: what the drift check and the rebuild compare with, the relay's figures for the
-- pipeline status, and the embedded log as a consumer (replaying a dead letter appends to it).
GRANT SELECT ON ledger.accounts, ledger.balances, ledger.transactions, ledger.entries, ledger.outbox TO ledgerflow_projector;
GRANT SELECT, INSERT ON events.log TO ledgerflow_projector, ledgerflow_billing;
GRANT SELECT ON events.relay_state TO ledgerflow_projector;
GRANT SELECT, INSERT, UPDATE, DELETE ON events.consumer_offsets, events.consumer_leases TO ledgerflow_projector, ledgerflow_billing;

-- billing and the gateway: their own schemas.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA billing TO ledgerflow_billing;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA billing TO ledgerflow_billing;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA billing TO ledgerflow_billing;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA admin TO ledgerflow_gateway;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA admin TO ledgerflow_gateway;

---------------------------------------------------------------------------------------------
-- Ownership: the platform's schemas and everything in them belong to ledgerflow_owner; the
-- projector's (its dead letters and status in `projector`, and every read model: the schemas
-- holding a transaction_legs table) to ledgerflow_projector. The migration runner calls this
-- after every migration file, so objects a later migration creates get their owner too (apply
-- it after files applied by hand with psql: `SELECT ledger.assign_owners()`).
CREATE FUNCTION ledger.assign_owners() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
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

SELECT ledger.assign_owners();
REVOKE ALL ON FUNCTION ledger.assign_owners() FROM PUBLIC;
