/* @name InsertLoginAttempt */
INSERT INTO admin.login_attempts (state_hash, nonce, code_verifier, return_to, expires_at)
VALUES (:stateHash!, :nonce!, :codeVerifier!, :returnTo!, :expiresAt!);

/* @name TakeLoginAttempt */
DELETE FROM admin.login_attempts WHERE state_hash = :stateHash!
RETURNING nonce, code_verifier, return_to, expires_at > now() AS "live!";

/* @name InsertSession */
INSERT INTO admin.sessions (id_hash, issuer, subject, email, name, claim_values, csrf_token, user_agent, client_ip, idle_expires_at, expires_at)
VALUES (:idHash!, :issuer!, :subject!, :email!, :name!, :claimValues!, :csrfToken!, :userAgent!, :clientIp!, :idleExpiresAt!, :expiresAt!)
RETURNING created_at, expires_at, idle_expires_at;

/* @name FindSession */
SELECT id_hash, issuer, subject, email, name, claim_values, csrf_token, created_at, rotated_at, last_seen_at, idle_expires_at, expires_at,
       id_hash = :idHash! AS "current!"
  FROM admin.sessions
 WHERE (id_hash = :idHash! OR (previous_id_hash = :idHash! AND rotated_at > now() - make_interval(secs => :graceSeconds!)))
   AND expires_at > now() AND idle_expires_at > now();

/* @name TouchSession */
UPDATE admin.sessions SET last_seen_at = now(), idle_expires_at = least(now() + make_interval(secs => :idleSeconds!), expires_at)
 WHERE id_hash = :idHash!
RETURNING idle_expires_at;

/* @name RotateSession */
UPDATE admin.sessions SET previous_id_hash = id_hash, id_hash = :newIdHash!, rotated_at = now()
 WHERE id_hash = :idHash!
RETURNING rotated_at;

/* @name DeleteSession */
DELETE FROM admin.sessions WHERE id_hash = :idHash! OR previous_id_hash = :idHash!
RETURNING subject;

/* @name PruneExpired */
WITH s AS (DELETE FROM admin.sessions WHERE expires_at < now() OR idle_expires_at < now() RETURNING 1),
     l AS (DELETE FROM admin.login_attempts WHERE expires_at < now() RETURNING 1)
SELECT (SELECT count(*) FROM s) AS "sessions!", (SELECT count(*) FROM l) AS "attempts!";

/* @name CountSessions */
SELECT count(*) AS "sessions!" FROM admin.sessions WHERE expires_at > now() AND idle_expires_at > now();
