-- The projector's read model, in the schema named by the psql variable `schema` (normally
-- `read`: `psql -v schema=read -f sql/read/0001_read_model.sql`; the projector substitutes it the
-- same way; a rebuild fills a fresh schema and swaps it in). Denormalized for the dashboard; rebuilt from events at any time, so
-- nothing here is a source of truth.

CREATE SCHEMA :"schema";

CREATE TABLE :"schema".accounts (
  account_id      uuid PRIMARY KEY,
  ledger          text NOT NULL,
  code            text NOT NULL,
  currency        text NOT NULL,
  normal_balance  text NOT NULL,
  allow_overdraft boolean NOT NULL DEFAULT false,
  overdraft_limit numeric(38, 0),
  metadata        jsonb NOT NULL DEFAULT '{}',
  posted_debits   numeric(38, 0) NOT NULL DEFAULT 0,
  posted_credits  numeric(38, 0) NOT NULL DEFAULT 0,
  pending_debits  numeric(38, 0) NOT NULL DEFAULT 0,
  pending_credits numeric(38, 0) NOT NULL DEFAULT 0,
  -- The ledger's per-account entry count the balances above reflect: updates only move forward,
  -- so events can be applied in any order and more than once.
  version         bigint NOT NULL DEFAULT 0,
  created_at      timestamptz,
  updated_at      timestamptz
);
CREATE INDEX accounts_ledger_code ON :"schema".accounts (ledger, code);

CREATE TABLE :"schema".transactions (
  transaction_id  uuid PRIMARY KEY,
  ledger          text NOT NULL,
  sequence        bigint NOT NULL,
  type            text NOT NULL,
  status          text NOT NULL,
  parent_id       uuid,
  idempotency_key text NOT NULL,
  description     text NOT NULL DEFAULT '',
  metadata        jsonb NOT NULL DEFAULT '{}',
  total           numeric(40, 0) NOT NULL DEFAULT 0,
  currencies      text[] NOT NULL DEFAULT '{}',
  effective_at    timestamptz NOT NULL,
  created_at      timestamptz NOT NULL
);
CREATE INDEX transactions_feed ON :"schema".transactions (ledger, sequence DESC);

CREATE TABLE :"schema".transaction_legs (
  transaction_id uuid NOT NULL,
  leg            int NOT NULL,
  account_id     uuid NOT NULL,
  account_code   text NOT NULL,
  currency       text NOT NULL,
  direction      text NOT NULL,
  effect         text NOT NULL,
  amount         numeric(38, 0) NOT NULL,
  PRIMARY KEY (transaction_id, leg)
);
CREATE INDEX transaction_legs_account ON :"schema".transaction_legs (account_id, transaction_id);

-- Posted volume per day; account_id is the nil UUID for the per-currency total.
CREATE TABLE :"schema".daily_volumes (
  day          date NOT NULL,
  ledger       text NOT NULL,
  currency     text NOT NULL,
  account_id   uuid NOT NULL,
  debits       numeric(40, 0) NOT NULL DEFAULT 0,
  credits      numeric(40, 0) NOT NULL DEFAULT 0,
  entries      bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, ledger, currency, account_id)
);

-- Exactly-once effect: an event's id is recorded in the same transaction as its changes.
CREATE TABLE :"schema".processed_events (
  event_id     uuid PRIMARY KEY,
  event_type   text NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE :"schema".consumer_position (
  topic          text NOT NULL,
  "partition"    int NOT NULL,
  "offset"       text NOT NULL,
  event_time     timestamptz,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (topic, "partition")
);
