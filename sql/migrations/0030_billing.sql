-- 0030 billing: pricing plans, their assignment to ledger accounts, the fees that accrue from the
-- ledger's transaction events, and the invoices that collect them and post them to the ledger.
--
-- Why here and not only in the service: the billing service checks every rule for a precise
-- error, and these constraints and triggers hold them again for anyone with SQL access:
--   * plans: amounts are non-negative integers in minor units, 0 <= rate_bps <= 10000,
--     minimum <= maximum; ledger, currency, basis, period and revenue account never change;
--   * assignments: one current plan per account, in the plan's ledger and currency (composite
--     foreign key); archived plans take no new assignments; the history is kept (an assignment
--     is closed once, never edited), so a late event is billed by the plan it happened under;
--   * accruals are append-only; charges are >= 0 and refunds <= 0; one accrual per source
--     transaction and account; a refund undoes exactly one charge, for exactly its fee;
--     an accrual only lands on an open invoice of its own account, plan and currency;
--   * invoices: one per (ledger, account, plan, period), periods aligned to UTC days or months;
--     total and accrual count are maintained by the accruals trigger only; status moves
--     open -> posting -> posted | failed (failed -> posting | posted), posted is final;
--   * processed_events records each event id once (the consumer's exactly-once effect).
--
-- Billing never references ledger tables: with Kafka, billing may run on a database of its own.
--
-- Custom SQLSTATEs raised here (mapped to API errors by the billing service):
--   LFB01 append-only table: UPDATE, DELETE or TRUNCATE refused
--   LFB02 accrual refused: its invoice is not open (closed meanwhile: pick the open one)
--   LFB03 invalid invoice status transition
--   LFB04 plan is archived: no new assignments
--   LFB05 immutable column changed
--   LFB06 invoice totals are maintained by accruals only
--   LFB07 a refund does not match the charge it refunds

CREATE SCHEMA billing;

-- The start of the UTC day or month holding `at`, and the end of that period.
CREATE FUNCTION billing.period_start(p_period text, p_at timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN date_trunc(p_period, p_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';

CREATE FUNCTION billing.period_end(p_period text, p_at timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN (date_trunc(p_period, p_at AT TIME ZONE 'UTC') + ('1 ' || p_period)::interval) AT TIME ZONE 'UTC';

CREATE FUNCTION billing.tg__forbid_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'LFB01',
    MESSAGE = format('billing.%s is append-only: %s is not allowed', TG_TABLE_NAME, TG_OP),
    HINT = 'A fee is corrected by a refund accrual (reverse the ledger transaction), never by editing.';
END $$;

---------------------------------------------------------------------------------------------
-- Plans.
CREATE TABLE billing.plans (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ledger               text NOT NULL CHECK (ledger ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 128 AND name = btrim(name)),
  currency             text NOT NULL CHECK (currency ~ '^[A-Z][A-Z0-9]{2,9}$'),
  fixed_fee            numeric(38, 0) NOT NULL CHECK (fixed_fee >= 0),
  rate_bps             integer NOT NULL CHECK (rate_bps BETWEEN 0 AND 10000),
  minimum_fee          numeric(38, 0) CHECK (minimum_fee >= 0),
  maximum_fee          numeric(38, 0) CHECK (maximum_fee >= 0),
  basis                text NOT NULL CHECK (basis IN ('incoming', 'outgoing', 'all')),
  period               text NOT NULL CHECK (period IN ('day', 'month')),
  revenue_account_id   uuid NOT NULL,
  revenue_account_code text NOT NULL CHECK (length(revenue_account_code) BETWEEN 1 AND 128),
  status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT plans_minimum_le_maximum CHECK (minimum_fee IS NULL OR maximum_fee IS NULL OR minimum_fee <= maximum_fee),
  CONSTRAINT plans_name_unique UNIQUE (ledger, name),
  UNIQUE (id, ledger, currency),
  UNIQUE (id, ledger, currency, period)
);
CREATE INDEX plans_listing ON billing.plans (ledger, created_at DESC, id DESC);

CREATE FUNCTION billing.tg_plans__guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB05', MESSAGE = 'plans are never deleted: archive them';
  END IF;
  IF (NEW.id, NEW.ledger, NEW.currency, NEW.basis, NEW.period, NEW.revenue_account_id, NEW.revenue_account_code, NEW.created_at)
     IS DISTINCT FROM (OLD.id, OLD.ledger, OLD.currency, OLD.basis, OLD.period, OLD.revenue_account_id, OLD.revenue_account_code, OLD.created_at) THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB05', MESSAGE = 'a plan''s ledger, currency, basis, period and revenue account are immutable';
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER tg_plans__guard BEFORE UPDATE OR DELETE ON billing.plans
  FOR EACH ROW EXECUTE FUNCTION billing.tg_plans__guard();

---------------------------------------------------------------------------------------------
-- Assignments: which plan an account is on, and since when. Closing one (unassigned_at) is the
-- only change allowed; a new plan is a new row.
CREATE TABLE billing.assignments (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ledger         text NOT NULL,
  account_id     uuid NOT NULL,
  account_code   text NOT NULL,
  -- The account's normal side decides which entries are incoming and which outgoing.
  normal_balance text NOT NULL CHECK (normal_balance IN ('debit', 'credit')),
  currency       text NOT NULL,
  plan_id        uuid NOT NULL,
  assigned_at    timestamptz NOT NULL DEFAULT now(),
  unassigned_at  timestamptz,
  FOREIGN KEY (plan_id, ledger, currency) REFERENCES billing.plans (id, ledger, currency),
  CONSTRAINT assignments_closed_after_opened CHECK (unassigned_at IS NULL OR unassigned_at >= assigned_at)
);
CREATE UNIQUE INDEX assignments_one_current ON billing.assignments (account_id) WHERE unassigned_at IS NULL;
CREATE INDEX assignments_account_history ON billing.assignments (account_id, assigned_at);
CREATE INDEX assignments_current_by_plan ON billing.assignments (plan_id, assigned_at DESC, id DESC) WHERE unassigned_at IS NULL;
CREATE INDEX assignments_current_by_ledger ON billing.assignments (ledger, assigned_at DESC, id DESC) WHERE unassigned_at IS NULL;

CREATE FUNCTION billing.tg_assignments__guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_status text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- KEY SHARE: an archive committing meanwhile waits for this assignment, or this one sees it.
    SELECT status INTO v_status FROM billing.plans WHERE id = NEW.plan_id FOR KEY SHARE;
    IF v_status = 'archived' THEN
      RAISE EXCEPTION USING ERRCODE = 'LFB04', MESSAGE = format('plan %s is archived and takes no new assignments', NEW.plan_id);
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB05', MESSAGE = 'assignments are history: close them (unassigned_at), never delete them';
  END IF;
  IF OLD.unassigned_at IS NOT NULL
     OR (NEW.id, NEW.ledger, NEW.account_id, NEW.account_code, NEW.normal_balance, NEW.currency, NEW.plan_id, NEW.assigned_at)
        IS DISTINCT FROM (OLD.id, OLD.ledger, OLD.account_id, OLD.account_code, OLD.normal_balance, OLD.currency, OLD.plan_id, OLD.assigned_at) THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB05', MESSAGE = 'an assignment can only be closed, once';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER tg_assignments__guard BEFORE INSERT OR UPDATE OR DELETE ON billing.assignments
  FOR EACH ROW EXECUTE FUNCTION billing.tg_assignments__guard();

---------------------------------------------------------------------------------------------
-- Invoices: one per account, plan and period.
CREATE TABLE billing.invoices (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ledger             text NOT NULL,
  account_id         uuid NOT NULL,
  account_code       text NOT NULL,
  plan_id            uuid NOT NULL,
  currency           text NOT NULL,
  period             text NOT NULL,
  period_start       timestamptz NOT NULL,
  period_end         timestamptz NOT NULL,
  revenue_account_id uuid NOT NULL,
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'posting', 'posted', 'failed')),
  total              numeric(38, 0) NOT NULL DEFAULT 0,
  accrual_count      integer NOT NULL DEFAULT 0 CHECK (accrual_count >= 0),
  fee_transaction_id uuid,
  error              text CHECK (length(error) <= 2000),
  attempts           integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- Posting is retried from this instant on; a claim pushes it forward (a lease), so two
  -- billing processes don't post the same invoice at once (the idempotency key makes it safe anyway).
  next_attempt_at    timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  closed_at          timestamptz,
  posted_at          timestamptz,
  FOREIGN KEY (plan_id, ledger, currency, period) REFERENCES billing.plans (id, ledger, currency, period),
  CONSTRAINT invoices_one_per_period UNIQUE (ledger, account_id, plan_id, period_start),
  UNIQUE (id, account_id, plan_id, currency),
  CONSTRAINT invoices_period_aligned CHECK (period_start = billing.period_start(period, period_start)
                                            AND period_end = billing.period_end(period, period_start)),
  CONSTRAINT invoices_closed_when_not_open CHECK ((status = 'open') = (closed_at IS NULL)),
  CONSTRAINT invoices_posted_at CHECK ((status = 'posted') = (posted_at IS NOT NULL)),
  CONSTRAINT invoices_posted_has_transaction CHECK (status <> 'posted' OR total = 0 OR fee_transaction_id IS NOT NULL),
  CONSTRAINT invoices_failed_has_error CHECK (status <> 'failed' OR error IS NOT NULL)
);
CREATE INDEX invoices_open_by_end ON billing.invoices (period_end) WHERE status = 'open';
CREATE INDEX invoices_to_post ON billing.invoices (next_attempt_at) WHERE status IN ('posting', 'failed');
CREATE INDEX invoices_listing ON billing.invoices (ledger, period_start DESC, id DESC);
CREATE INDEX invoices_by_account ON billing.invoices (account_id, period_start DESC, id DESC);

CREATE FUNCTION billing.tg_invoices__guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB01', MESSAGE = 'invoices are never deleted';
  END IF;
  IF (NEW.id, NEW.ledger, NEW.account_id, NEW.account_code, NEW.plan_id, NEW.currency, NEW.period, NEW.period_start, NEW.period_end, NEW.revenue_account_id, NEW.created_at)
     IS DISTINCT FROM (OLD.id, OLD.ledger, OLD.account_id, OLD.account_code, OLD.plan_id, OLD.currency, OLD.period, OLD.period_start, OLD.period_end, OLD.revenue_account_id, OLD.created_at) THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB05', MESSAGE = 'an invoice''s account, plan, currency and period are immutable';
  END IF;
  -- Depth 1 is a statement from a client; the accruals trigger runs its update at depth 2.
  IF (NEW.total, NEW.accrual_count) IS DISTINCT FROM (OLD.total, OLD.accrual_count) AND pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB06', MESSAGE = 'an invoice''s total and accrual count are maintained by its accruals only';
  END IF;
  IF NOT (OLD.status = NEW.status AND OLD.status <> 'posted'
          OR (OLD.status, NEW.status) IN (('open', 'posting'), ('posting', 'posted'), ('posting', 'failed'), ('failed', 'posting'), ('failed', 'posted'))) THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB03', MESSAGE = format('invoice %s cannot go from %s to %s', OLD.id, OLD.status, NEW.status);
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER tg_invoices__guard BEFORE UPDATE OR DELETE ON billing.invoices
  FOR EACH ROW EXECUTE FUNCTION billing.tg_invoices__guard();
CREATE TRIGGER tg_invoices__forbid_truncate BEFORE TRUNCATE ON billing.invoices
  FOR EACH STATEMENT EXECUTE FUNCTION billing.tg__forbid_change();

---------------------------------------------------------------------------------------------
-- Accruals: the fee of one source transaction on one account. Append-only.
CREATE TABLE billing.accruals (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Listing order (newest first) and page tokens.
  seq                   bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  ledger                text NOT NULL,
  account_id            uuid NOT NULL,
  account_code          text NOT NULL,
  plan_id               uuid NOT NULL,
  currency              text NOT NULL,
  source_transaction_id uuid NOT NULL,
  source_type           text NOT NULL CHECK (source_type IN ('standard', 'commit', 'reversal')),
  -- The event that produced it.
  event_id              uuid NOT NULL,
  base_amount           numeric(38, 0) NOT NULL CHECK (base_amount >= 0),
  fee                   numeric(38, 0) NOT NULL,
  invoice_id            uuid NOT NULL,
  -- For a refund: the charge it refunds.
  refunds_accrual_id    uuid UNIQUE,
  occurred_at           timestamptz NOT NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (invoice_id, account_id, plan_id, currency) REFERENCES billing.invoices (id, account_id, plan_id, currency),
  UNIQUE (id, account_id, plan_id, currency),
  FOREIGN KEY (refunds_accrual_id, account_id, plan_id, currency) REFERENCES billing.accruals (id, account_id, plan_id, currency),
  CONSTRAINT accruals_one_per_source UNIQUE (source_transaction_id, account_id),
  CONSTRAINT accruals_fee_sign CHECK (CASE WHEN source_type = 'reversal' THEN fee <= 0 AND refunds_accrual_id IS NOT NULL
                                           ELSE fee >= 0 AND refunds_accrual_id IS NULL END)
);
CREATE INDEX accruals_by_invoice ON billing.accruals (invoice_id, seq DESC);
CREATE INDEX accruals_by_account ON billing.accruals (account_id, seq DESC);
CREATE INDEX accruals_by_ledger ON billing.accruals (ledger, seq DESC);

CREATE TRIGGER tg_accruals__forbid_update BEFORE UPDATE OR DELETE ON billing.accruals
  FOR EACH ROW EXECUTE FUNCTION billing.tg__forbid_change();
CREATE TRIGGER tg_accruals__forbid_truncate BEFORE TRUNCATE ON billing.accruals
  FOR EACH STATEMENT EXECUTE FUNCTION billing.tg__forbid_change();

-- A refund is the exact negative of its charge.
CREATE FUNCTION billing.tg_accruals__check_refund() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_charge billing.accruals;
BEGIN
  IF NEW.refunds_accrual_id IS NULL THEN RETURN NEW; END IF;
  SELECT * INTO v_charge FROM billing.accruals WHERE id = NEW.refunds_accrual_id;
  IF v_charge.source_type = 'reversal' OR NEW.fee <> -v_charge.fee OR NEW.base_amount <> v_charge.base_amount THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB07',
      MESSAGE = format('refund of accrual %s must be %s on a base of %s', v_charge.id, -v_charge.fee, v_charge.base_amount);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER tg_accruals__check_refund BEFORE INSERT ON billing.accruals
  FOR EACH ROW EXECUTE FUNCTION billing.tg_accruals__check_refund();

-- Every accrual adds to its invoice, which must be open: the invoice row lock taken here
-- serializes with closing, so a closed invoice's total is final.
CREATE FUNCTION billing.tg_accruals__add_to_invoice() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE billing.invoices SET total = total + NEW.fee, accrual_count = accrual_count + 1
   WHERE id = NEW.invoice_id AND status = 'open';
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'LFB02', MESSAGE = format('invoice %s is not open', NEW.invoice_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER tg_accruals__add_to_invoice AFTER INSERT ON billing.accruals
  FOR EACH ROW EXECUTE FUNCTION billing.tg_accruals__add_to_invoice();

---------------------------------------------------------------------------------------------
-- The consumer's exactly-once record: an event id is inserted in the same database
-- transaction as its accruals, so a redelivery finds it and changes nothing.
CREATE TABLE billing.processed_events (
  event_id     uuid PRIMARY KEY,
  event_type   text NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER tg_processed_events__forbid_update BEFORE UPDATE ON billing.processed_events
  FOR EACH ROW EXECUTE FUNCTION billing.tg__forbid_change();

-- Figures per consumer group, moved in the same transaction as the events they count.
CREATE TABLE billing.consumer_state (
  group_id         text PRIMARY KEY,
  events_processed bigint NOT NULL DEFAULT 0 CHECK (events_processed >= 0),
  accruals         bigint NOT NULL DEFAULT 0 CHECK (accruals >= 0),
  last_event_at    timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Events the consumer could not process (undecodable, or failing after retries), with the
-- error and the original bytes, until an operator replays or discards them.
CREATE TABLE billing.dead_letters (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id    text,
  event_type  text,
  topic       text NOT NULL,
  "partition" integer NOT NULL,
  "offset"    text NOT NULL,
  key         text NOT NULL,
  value       bytea NOT NULL,
  headers     jsonb NOT NULL,
  error       text NOT NULL CHECK (length(error) <= 2000),
  attempts    integer NOT NULL CHECK (attempts >= 1),
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'replayed', 'discarded')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by text,
  CONSTRAINT dead_letters_resolution CHECK ((status = 'pending') = (resolved_at IS NULL))
);
CREATE INDEX dead_letters_pending ON billing.dead_letters (id) WHERE status = 'pending';
