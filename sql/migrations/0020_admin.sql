-- 0020 the admin gateway: sign-in attempts, server-side sessions, role mappings and the audit log.
--
-- Sessions are opaque: the cookie carries a random id, the table only its SHA-256, so a copy of
-- the table signs nobody in. A session's id rotates (previous_id_hash keeps the one before for a
-- short grace, for requests already in flight); it ends when idle too long or at its absolute
-- expiry, and at logout the row is deleted.
--
-- Roles are not stored with the session: they are computed on every request from the claim
-- values the provider gave at sign-in and the current role mappings, so removing a mapping takes
-- effect at once.
--
-- The audit log is append-only (UPDATE, DELETE and TRUNCATE refused with LF003, as the journal).

CREATE SCHEMA admin;

-- A sign-in in progress: state, nonce and PKCE verifier, single use, short-lived.
CREATE TABLE admin.login_attempts (
  state_hash    bytea PRIMARY KEY CHECK (length(state_hash) = 32),
  nonce         text NOT NULL CHECK (length(nonce) BETWEEN 16 AND 128),
  code_verifier text NOT NULL CHECK (length(code_verifier) BETWEEN 43 AND 128),
  -- A path on this site (never another origin).
  return_to     text NOT NULL DEFAULT '/' CHECK (return_to ~ '^/([^/\\]|$)' AND length(return_to) <= 2048),
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  CONSTRAINT login_attempts_expiry_after_creation CHECK (expires_at > created_at)
);
CREATE INDEX login_attempts_expiry ON admin.login_attempts (expires_at);

CREATE TABLE admin.sessions (
  id_hash          bytea PRIMARY KEY CHECK (length(id_hash) = 32),
  previous_id_hash bytea UNIQUE CHECK (length(previous_id_hash) = 32),
  issuer           text NOT NULL,
  subject          text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
  email            text NOT NULL DEFAULT '',
  name             text NOT NULL DEFAULT '',
  -- Values of the configured role claim (e.g. groups) at sign-in.
  claim_values     text[] NOT NULL DEFAULT '{}',
  csrf_token       text NOT NULL CHECK (length(csrf_token) >= 32),
  user_agent       text NOT NULL DEFAULT '' CHECK (length(user_agent) <= 512),
  client_ip        text NOT NULL DEFAULT '',
  created_at       timestamptz NOT NULL DEFAULT now(),
  rotated_at       timestamptz NOT NULL DEFAULT now(),
  last_seen_at     timestamptz NOT NULL DEFAULT now(),
  idle_expires_at  timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,
  CONSTRAINT sessions_idle_within_absolute CHECK (idle_expires_at <= expires_at),
  CONSTRAINT sessions_expiry_after_creation CHECK (expires_at > created_at)
);
CREATE INDEX sessions_expiry ON admin.sessions (expires_at);
CREATE INDEX sessions_subject ON admin.sessions (issuer, subject);

CREATE TABLE admin.role_mappings (
  claim_value text PRIMARY KEY CHECK (length(claim_value) BETWEEN 1 AND 255),
  role        text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL
);

CREATE TABLE admin.audit_log (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_subject  text NOT NULL,
  actor_email    text NOT NULL DEFAULT '',
  actor_name     text NOT NULL DEFAULT '',
  -- The role the actor had at the time ('' when none).
  role           text NOT NULL CHECK (role IN ('', 'viewer', 'operator', 'admin')),
  authentication text NOT NULL CHECK (authentication IN ('session', 'bearer', 'none')),
  action         text NOT NULL CHECK (length(action) BETWEEN 1 AND 128),
  target         text NOT NULL DEFAULT '' CHECK (length(target) <= 512),
  request_id     text NOT NULL,
  -- 'ok' or a canonical error code.
  result         text NOT NULL CHECK (result ~ '^[a-z_]{2,32}$'),
  detail         text NOT NULL DEFAULT '' CHECK (length(detail) <= 2048),
  client_ip      text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON admin.audit_log (at DESC, id DESC);
CREATE INDEX audit_log_actor ON admin.audit_log (actor_subject, id DESC);
CREATE INDEX audit_log_action ON admin.audit_log (action, id DESC);
COMMENT ON TABLE admin.audit_log IS 'Every state-changing call through the admin gateway, and every sign-in, sign-out and refusal. Append-only.';

CREATE FUNCTION admin.tg_audit_log__forbid_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'LF003', MESSAGE = format('admin.audit_log is append-only: %s refused', TG_OP);
END $$;
CREATE TRIGGER tg_audit_log__forbid_update_delete BEFORE UPDATE OR DELETE ON admin.audit_log
  FOR EACH ROW EXECUTE FUNCTION admin.tg_audit_log__forbid_change();
CREATE TRIGGER tg_audit_log__forbid_truncate BEFORE TRUNCATE ON admin.audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION admin.tg_audit_log__forbid_change();
