-- Who wrote each transaction (the ledger's caller and actor, carried by the events since ledger
-- migration 0011), and the indexes the admin dashboard's searches use. Idempotent: applied to
-- the live read schema at every projector start, and to a fresh one on rebuild.
ALTER TABLE :"schema".transactions ADD COLUMN IF NOT EXISTS caller text;
ALTER TABLE :"schema".transactions ADD COLUMN IF NOT EXISTS actor text;
CREATE INDEX IF NOT EXISTS transactions_metadata ON :"schema".transactions USING gin (metadata jsonb_path_ops);
CREATE INDEX IF NOT EXISTS transactions_created ON :"schema".transactions (ledger, created_at DESC);
CREATE INDEX IF NOT EXISTS transactions_pending ON :"schema".transactions (ledger, sequence DESC) WHERE status = 'pending';
