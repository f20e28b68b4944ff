-- 0042 the transactions' key to their ledger, checked per statement.
--
-- The foreign key from ledger.transactions to ledger.ledgers took a FOR KEY SHARE lock on the
-- ledger's row for every transaction row: with many writers on one ledger (the usual case)
-- every commit shared that one row's lock, which Postgres records as a multixact on it. The
-- check moves into a statement trigger (one probe per distinct ledger of the statement), and
-- ledgers become append-only so that a ledger a transaction names can never disappear.
-- Accounts keep their foreign key (they are created rarely).

ALTER TABLE ledger.transactions DROP CONSTRAINT transactions_ledger_fkey;

CREATE FUNCTION ledger.tg_transactions__ledger_exists() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_ledger text;
BEGIN
  SELECT DISTINCT t.ledger INTO v_ledger FROM added t
   WHERE NOT EXISTS (SELECT 1 FROM ledger.ledgers l WHERE l.name = t.ledger) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', MESSAGE = format('ledger %s does not exist', v_ledger);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER tg_transactions__ledger_exists AFTER INSERT ON ledger.transactions
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_transactions__ledger_exists();

CREATE TRIGGER tg_ledgers__forbid_update_delete BEFORE UPDATE OR DELETE ON ledger.ledgers
  FOR EACH ROW EXECUTE FUNCTION ledger.tg_journal__forbid_change();
CREATE TRIGGER tg_ledgers__forbid_truncate BEFORE TRUNCATE ON ledger.ledgers
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_journal__forbid_change();
REVOKE ALL ON FUNCTION ledger.tg_transactions__ledger_exists() FROM PUBLIC;
