-- Dead letters: events the projector could not apply (undecodable, or failing after retries),
-- kept with the error and the original bytes until an operator replays or discards them.
-- Kept outside the rebuildable schema: a rebuild must not lose them.
CREATE SCHEMA IF NOT EXISTS projector;

CREATE TABLE IF NOT EXISTS projector.dead_letters (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id    text,
  event_type  text,
  topic       text NOT NULL,
  "partition" int NOT NULL,
  "offset"    text NOT NULL,
  key         text NOT NULL,
  value       bytea NOT NULL,
  headers     jsonb NOT NULL,
  error       text NOT NULL,
  attempts    int NOT NULL,
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'replayed', 'discarded')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by text
);
CREATE INDEX IF NOT EXISTS dead_letters_status ON projector.dead_letters (status, id);

-- Pipeline status for the dashboard, refreshed by the projector every few seconds: its own lag
-- and dead letters, and the outbox backlog it reads from the ledger's database.
CREATE TABLE IF NOT EXISTS projector.pipeline_status (
  component   text PRIMARY KEY,
  figures     jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
