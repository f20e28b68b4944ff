-- The number of transactions that posted in each currency per day (on the per-currency rows,
-- account_id nil), for the dashboard's volume chart beside the amounts. Idempotent, like every
-- file after 0001; days are the transactions' effective dates (a rebuild recomputes older rows).
ALTER TABLE :"schema".daily_volumes ADD COLUMN IF NOT EXISTS transactions bigint NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS daily_volumes_ledger_day ON :"schema".daily_volumes (ledger, day) WHERE account_id = '00000000-0000-0000-0000-000000000000';
