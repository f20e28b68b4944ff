-- 0043 tenants in the gateway's tables: a role is held on a set of ledgers, and row-level
-- security keeps each caller's rows to the ledgers they hold, below the gateway's own checks.
--
-- The setting `ledgerflow.ledgers` names the ledgers of the call in progress as a text array
-- ('{acme,globex}'; '{*}' for every ledger). The gateway sets it inside each database
-- transaction it runs (set_config(…, true): it ends with the transaction, so a pooled
-- connection never carries one caller's ledgers into another's work). Unset or empty: no ledger.
-- A value that is not an array makes the statement fail (closed, not open).
--
-- ledgerflow_gateway is not the owner of these tables and has no BYPASSRLS (0041), so the
-- policies hold for it; the owner (migrations) is not subject to them.
--
--   role_mappings  gains `ledgers` (default '{*}': every mapping made before keeps its meaning).
--                  Read by anyone who may read the table (authentication maps claim values before
--                  a caller's ledgers are known); written only within the setting's ledgers.
--   audit_log      gains `ledger` (the ledger a call acted on; '' for the platform: sign-ins,
--                  role mappings, dead letters). Read only within the setting's ledgers ('' rows
--                  only with '*'); appended freely: a refused call on a ledger the caller does not
--                  hold must still be recorded.
--   sessions, login_attempts  belong to a person, not to a ledger: no policy.
--
-- New SQLSTATE: none (42501 for a write outside the setting's ledgers).

ALTER TABLE admin.role_mappings ADD COLUMN ledgers text[] NOT NULL DEFAULT '{*}';
ALTER TABLE admin.role_mappings ADD CONSTRAINT role_mappings_ledgers CHECK (
  cardinality(ledgers) BETWEEN 1 AND 100
  AND array_position(ledgers, NULL) IS NULL
  -- '*' stands alone: every ledger, or a list of names.
  AND (ledgers = '{*}' OR NOT '*' = ANY (ledgers))
);

ALTER TABLE admin.audit_log ADD COLUMN ledger text NOT NULL DEFAULT '' CHECK (length(ledger) <= 63);
CREATE INDEX audit_log_ledger ON admin.audit_log (ledger, id DESC);

-- The setting as an array: NULL when unset (or reset to '' at the end of a transaction).
CREATE FUNCTION admin.caller_ledgers() RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
RETURN coalesce(nullif(current_setting('ledgerflow.ledgers', true), ''), '{}')::text[];
REVOKE ALL ON FUNCTION admin.caller_ledgers() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION admin.caller_ledgers() TO ledgerflow_gateway;

ALTER TABLE admin.role_mappings ENABLE ROW LEVEL SECURITY;
CREATE POLICY role_mappings_read ON admin.role_mappings FOR SELECT USING (true);
CREATE POLICY role_mappings_write ON admin.role_mappings FOR ALL
  USING ('*' = ANY (admin.caller_ledgers()) OR (NOT '*' = ANY (ledgers) AND ledgers <@ admin.caller_ledgers()))
  WITH CHECK ('*' = ANY (admin.caller_ledgers()) OR (NOT '*' = ANY (ledgers) AND ledgers <@ admin.caller_ledgers()));

ALTER TABLE admin.audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON admin.audit_log FOR SELECT
  USING ('*' = ANY (admin.caller_ledgers()) OR (ledger <> '' AND ledger = ANY (admin.caller_ledgers())));
CREATE POLICY audit_log_append ON admin.audit_log FOR INSERT WITH CHECK (true);

-- Assertions: the gateway's role is subject to the policies.
DO $$
BEGIN
  IF (SELECT rolbypassrls OR rolsuper FROM pg_roles WHERE rolname = 'ledgerflow_gateway') THEN
    RAISE EXCEPTION 'ledgerflow_gateway must not bypass row-level security';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_class c WHERE c.oid IN ('admin.role_mappings'::regclass, 'admin.audit_log'::regclass)
                AND (NOT c.relrowsecurity OR pg_has_role('ledgerflow_gateway', c.relowner, 'MEMBER'))) THEN
    RAISE EXCEPTION 'row-level security must be enabled on the gateway''s tables, which it must not own';
  END IF;
END $$;
