-- 0001 ledger core: currencies, ledgers, accounts, the append-only journal and its invariants.
--
-- Every invariant of the books lives here, so that it holds for the service and for anyone
-- with raw SQL access alike:
--   * a transaction balances per currency and per effect (checked at commit by a deferred
--     constraint trigger, so multi-statement writers are fine);
--   * transactions and entries are append-only (no UPDATE, DELETE or TRUNCATE);
--   * entries can only be added in the database transaction that created their transaction
--     (entries carry the writer's xid8 and reference (transaction id, xid8));
--   * account balances are maintained by the entries trigger only, and an account whose policy
--     forbids overdraft never goes below its floor;
--   * idempotency keys are unique per ledger;
--   * every change to the books writes its outbox row in the same database transaction.
--
-- Custom SQLSTATEs raised here (mapped to API errors by the ledger service):
--   LF001 insufficient funds (DETAIL is JSON: account_id, available, requested, floor)
--   LF002 unbalanced or malformed transaction
--   LF003 journal rows are append-only
--   LF004 balances are maintained by the journal only
--   LF005 invalid state transition (commit/void/reversal of the wrong kind of transaction)
--   LF006 immutable column changed

CREATE SCHEMA ledger;

CREATE TABLE ledger.currencies (
  code  text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9]{2,9}$'),
  scale smallint NOT NULL CHECK (scale BETWEEN 0 AND 18)
);
COMMENT ON TABLE ledger.currencies IS 'Currencies and their scale: an amount of 1050 in a scale-2 currency is 10.50.';

INSERT INTO ledger.currencies (code, scale) VALUES
  ('USD', 2), ('EUR', 2), ('GBP', 2), ('CHF', 2), ('CAD', 2), ('AUD', 2), ('NZD', 2), ('SEK', 2),
  ('NOK', 2), ('DKK', 2), ('PLN', 2), ('CZK', 2), ('SGD', 2), ('HKD', 2), ('CNY', 2), ('INR', 2),
  ('BRL', 2), ('MXN', 2), ('ZAR', 2), ('JPY', 0), ('KRW', 0), ('KWD', 3), ('BHD', 3), ('BTC', 8),
  ('ETH', 18), ('USDC', 6);

CREATE TABLE ledger.ledgers (
  name       text PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE ledger.ledgers IS 'Books. Every account and transaction belongs to exactly one; nothing crosses them.';
INSERT INTO ledger.ledgers (name) VALUES ('main');

CREATE TABLE ledger.accounts (
  id              uuid PRIMARY KEY,
  ledger          text NOT NULL REFERENCES ledger.ledgers (name),
  code            text NOT NULL CHECK (length(code) BETWEEN 1 AND 128 AND code ~ '^[A-Za-z0-9][A-Za-z0-9:._/@-]*$'),
  currency        text NOT NULL REFERENCES ledger.currencies (code),
  normal_balance  text NOT NULL CHECK (normal_balance IN ('debit', 'credit')),
  allow_overdraft boolean NOT NULL DEFAULT false,
  overdraft_limit numeric(38, 0) CHECK (overdraft_limit >= 0),
  metadata        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (ledger, code),
  UNIQUE (id, ledger, currency),
  CHECK (overdraft_limit IS NULL OR allow_overdraft)
);
CREATE INDEX accounts_ledger_currency ON ledger.accounts (ledger, currency, code);
CREATE INDEX accounts_metadata ON ledger.accounts USING gin (metadata jsonb_path_ops);

-- Balances live in their own narrow table, updated by every entry: a small row with a single
-- index updates in place (HOT) and leaves room on its page (fillfactor), where the wide accounts
-- row with its metadata and five indexes would be copied and re-indexed on every posting.
CREATE TABLE ledger.balances (
  account_id      uuid PRIMARY KEY REFERENCES ledger.accounts (id),
  -- Copies of the account's normal side and floor (kept in sync by the accounts triggers) so
  -- the entries trigger reads one row.
  normal_balance  text NOT NULL CHECK (normal_balance IN ('debit', 'credit')),
  -- Lowest allowed available balance: 0, or minus the overdraft limit; NULL is unbounded.
  floor           numeric(38, 0),
  posted_debits   numeric(38, 0) NOT NULL DEFAULT 0 CHECK (posted_debits >= 0),
  posted_credits  numeric(38, 0) NOT NULL DEFAULT 0 CHECK (posted_credits >= 0),
  pending_debits  numeric(38, 0) NOT NULL DEFAULT 0 CHECK (pending_debits >= 0),
  pending_credits numeric(38, 0) NOT NULL DEFAULT 0 CHECK (pending_credits >= 0),
  -- Incremented by every entry; entries record it, which orders an account's history.
  version         bigint NOT NULL DEFAULT 0
) WITH (fillfactor = 50);

CREATE TABLE ledger.transactions (
  id              uuid PRIMARY KEY,
  -- Ledger sequence: increasing in insertion order (not gapless, not commit order).
  seq             bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  ledger          text NOT NULL REFERENCES ledger.ledgers (name),
  kind            text NOT NULL CHECK (kind IN ('standard', 'pending', 'commit', 'void', 'reversal')),
  parent_id       uuid REFERENCES ledger.transactions (id),
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
  request_hash    bytea,
  description     text NOT NULL DEFAULT '' CHECK (length(description) <= 1024),
  metadata        jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(metadata) = 'object'),
  -- Why a void happened: 'requested' or 'expired'.
  void_reason     text CHECK (void_reason IN ('requested', 'expired')),
  effective_at    timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  -- Set by trigger to the writing transaction; entries reference it (see header).
  txid            xid8 NOT NULL DEFAULT pg_current_xact_id(),
  UNIQUE (ledger, idempotency_key),
  UNIQUE (id, txid, ledger),
  CHECK (kind = 'pending' OR expires_at IS NULL),
  CHECK ((kind IN ('commit', 'void', 'reversal')) = (parent_id IS NOT NULL)),
  CHECK ((kind = 'void') = (void_reason IS NOT NULL))
);
-- One resolution (commit or void) per pending transaction, one reversal per transaction.
CREATE UNIQUE INDEX transactions_one_resolution ON ledger.transactions (parent_id) WHERE kind IN ('commit', 'void');
CREATE UNIQUE INDEX transactions_one_reversal ON ledger.transactions (parent_id) WHERE kind = 'reversal';
CREATE INDEX transactions_ledger_created ON ledger.transactions (ledger, created_at, seq);
-- Finds the transactions one database transaction wrote (for set-based event emission at commit).
CREATE INDEX transactions_txid ON ledger.transactions (txid);
CREATE INDEX transactions_metadata ON ledger.transactions USING gin (metadata jsonb_path_ops);

CREATE TABLE ledger.entries (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id  uuid NOT NULL,
  txid            xid8 NOT NULL DEFAULT pg_current_xact_id(),
  leg             smallint NOT NULL CHECK (leg >= 0),
  ledger          text NOT NULL,
  account_id      uuid NOT NULL,
  currency        text NOT NULL,
  direction       text NOT NULL CHECK (direction IN ('debit', 'credit')),
  -- post: moves posted balance; hold: reserves pending balance; release: returns a hold.
  effect          text NOT NULL CHECK (effect IN ('post', 'hold', 'release')),
  amount          numeric(38, 0) NOT NULL CHECK (amount > 0),
  -- The account's balances and version right after this entry (set by trigger). They make
  -- point-in-time balances one index probe instead of a sum over history.
  posted_debits   numeric(38, 0) NOT NULL DEFAULT 0,
  posted_credits  numeric(38, 0) NOT NULL DEFAULT 0,
  pending_debits  numeric(38, 0) NOT NULL DEFAULT 0,
  pending_credits numeric(38, 0) NOT NULL DEFAULT 0,
  account_version bigint NOT NULL DEFAULT 0,
  applied_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  FOREIGN KEY (transaction_id, txid, ledger) REFERENCES ledger.transactions (id, txid, ledger),
  FOREIGN KEY (account_id, ledger, currency) REFERENCES ledger.accounts (id, ledger, currency),
  UNIQUE (transaction_id, leg)
);
CREATE INDEX entries_account_history ON ledger.entries (account_id, applied_at, account_version);

-- Open holds: a small mutable work list (not part of the journal) that lets the expiry sweeper
-- and the holds view find unresolved pending transactions without scanning resolved ones.
CREATE TABLE ledger.open_holds (
  transaction_id uuid PRIMARY KEY REFERENCES ledger.transactions (id),
  ledger         text NOT NULL,
  expires_at     timestamptz
);
CREATE INDEX open_holds_expiry ON ledger.open_holds (expires_at) WHERE expires_at IS NOT NULL;

-- One sequence numbers every event of every ledger; it is the events' `sequence` and the outbox id.
CREATE SEQUENCE ledger.event_seq AS bigint;

CREATE TABLE ledger.outbox (
  id            bigint PRIMARY KEY DEFAULT nextval('ledger.event_seq'),
  -- The writer's transaction id: the relay only reads rows older than every running writer,
  -- so a row whose transaction commits late is never skipped.
  txid          xid8 NOT NULL DEFAULT pg_current_xact_id(),
  event_id      uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  ledger        text NOT NULL,
  topic         text NOT NULL,
  partition_key text NOT NULL,
  event_type    text NOT NULL,
  aggregate_id  uuid NOT NULL,
  -- A transaction's event has the transaction's id as its event id.
  -- The event in protobuf's canonical JSON form (see proto/ledgerflow/events/v1).
  payload       jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  published_at  timestamptz
);
CREATE INDEX outbox_unpublished ON ledger.outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_published_at ON ledger.outbox (published_at) WHERE published_at IS NOT NULL;
