-- An account's settings (overdraft policy, metadata) follow the newest account event, whatever
-- the order events arrive in across batches. `updated_at` cannot decide it: postings move it
-- forward as they apply balances, so an older account event delivered later would look newer
-- than the row and put back settings that were already replaced. The account event's own time is
-- kept apart in `settings_updated_at`; an event older than it leaves the settings alone.
-- NULL: no account event applied yet (rows made before this file, and placeholders a transaction
-- made before its account's first event arrived), so the next account event sets them.
--
-- Idempotent, like every file after 0001.
ALTER TABLE :"schema".accounts ADD COLUMN IF NOT EXISTS settings_updated_at timestamptz;
