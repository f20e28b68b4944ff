-- When a pending transaction's holds are voided unless committed (from the events' expires_at),
-- for the dashboard's holds tables. Idempotent, like every file after 0001.
ALTER TABLE :"schema".transactions ADD COLUMN IF NOT EXISTS expires_at timestamptz;
