-- Row-level security on the read model: the admin gateway sees only the rows of the ledgers
-- named by the setting `ledgerflow.ledgers` (a text array, '{*}' for every ledger), which it
-- sets inside each database transaction it runs (sql/migrations/0043 and docs/dba.md). Unset or
-- empty: no rows. The projector owns these tables and is not subject to the policies (RLS is
-- enabled, not forced), so it still writes, checks and rebuilds everything.
--
-- Rows without a ledger of their own follow the row they belong to: a leg its transaction, a
-- processed event the transaction it is for (events of accounts are not read by the gateway).
-- The dead letters hold events of every ledger, some undecodable: only '{*}' sees them. The
-- pipeline status and consumer positions are the platform's figures, no tenant's: no policy.
--
-- Idempotent, like every file after 0001: policies are dropped and made again.
ALTER TABLE :"schema".accounts ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS accounts_caller_ledgers ON :"schema".accounts;
CREATE POLICY accounts_caller_ledgers ON :"schema".accounts FOR SELECT TO ledgerflow_gateway
  USING (ledger = ANY (coalesce(nullif(current_setting('ledgerflow.ledgers', true), ''), '{}')::text[])
         OR '*' = ANY (coalesce(nullif(current_setting('ledgerflow.ledgers', true), ''), '{}')::text[]));

ALTER TABLE :"schema".transactions ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS transactions_caller_ledgers ON :"schema".transactions;
CREATE POLICY transactions_caller_ledgers ON :"schema".transactions FOR SELECT TO ledgerflow_gateway
  USING (ledger = ANY (coalesce(nullif(current_setting('ledgerflow.ledgers', true), ''), '{}')::text[])
         OR '*' = ANY (coalesce(nullif(current_setting('ledgerflow.ledgers', true), ''), '{}')::text[]));

ALTER TABLE :"schema".daily_volumes ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS daily_volumes_caller_ledgers ON :"schema".daily_volumes;
CREATE POLICY daily_volumes_caller_ledgers ON :"schema".daily_volumes FOR SELECT TO ledgerflow_gateway
  USING (ledger = ANY (coalesce(nullif(current_setting('ledgerflow.ledgers', true), ''), '{}')::text[])
         OR '*' = ANY (coalesce(nullif(current_setting('ledgerflow.ledgers', true), ''), '{}')::text[]));

-- The transactions' policy applies inside these subqueries too: a leg or an event is visible
-- when its transaction is.
ALTER TABLE :"schema".transaction_legs ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS transaction_legs_caller_ledgers ON :"schema".transaction_legs;
CREATE POLICY transaction_legs_caller_ledgers ON :"schema".transaction_legs FOR SELECT TO ledgerflow_gateway
  USING (EXISTS (SELECT 1 FROM :"schema".transactions t WHERE t.transaction_id = transaction_legs.transaction_id));

ALTER TABLE :"schema".processed_events ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS processed_events_caller_ledgers ON :"schema".processed_events;
CREATE POLICY processed_events_caller_ledgers ON :"schema".processed_events FOR SELECT TO ledgerflow_gateway
  USING (EXISTS (SELECT 1 FROM :"schema".transactions t WHERE t.transaction_id = processed_events.event_id));

ALTER TABLE projector.dead_letters ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS dead_letters_every_ledger ON projector.dead_letters;
CREATE POLICY dead_letters_every_ledger ON projector.dead_letters FOR SELECT TO ledgerflow_gateway
  USING ('*' = ANY (coalesce(nullif(current_setting('ledgerflow.ledgers', true), ''), '{}')::text[]));
