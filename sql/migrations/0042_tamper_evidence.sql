-- 0042 tamper evidence: a hash chain over each ledger's transactions.
--
-- What changes:
--   * A transaction's canonical JSON (the `transaction` of its event) is defined once, in
--     ledger.transaction_event_body(); ledger.emit_transaction_events() calls it. A later change
--     to the event body replaces that function alone. The `transaction` object of the events is
--     byte for byte as before.
--   * Every transaction gets a link in ledger.chain_links: its position in its ledger's chain
--     (1, 2, 3, … in the order the links were made) and
--         hash = sha256(previous link's hash || int8send(position) || sha256(utf8(body::text)))
--     where body is ledger.transaction_event_body() of the transaction (its fields, its entries
--     with their balances-after and account codes) and the first link's previous hash is 32
--     zero bytes. ledger.chain_heads holds each ledger's last position and hash.
--   * The links are made in SQL, at commit, by the commit-time trigger that already checks and
--     emits (once per database transaction), so a raw-SQL writer is chained like the service.
--     The event body is built once and serves both the link and the event.
--   * The transaction events carry their link (`chain`: position and hash; ChainLink in
--     proto/ledgerflow/events/v1/events.proto), so a copy of the chain leaves the database with
--     every event: a link rewritten later no longer matches the one published.
--   * ledger.verify_chain() recomputes the links and names the first broken one per ledger.
--
-- Why this way:
--   * The chain is what lets a later reader notice that the owner or a superuser changed the
--     books behind the triggers (an UPDATE with the triggers disabled, a DELETE under
--     session_replication_role = replica): the edited transaction's body no longer hashes to its
--     link. It detects; it does not prevent. Whoever can write every table can also recompute
--     every hash after an edit; only a copy of the links held elsewhere (the events already
--     published, a head written down) shows that.
--   * Links live in a table of their own rather than in columns of ledger.transactions: a
--     transaction's entries exist only after its row, so its hash is known only at commit, and
--     setting columns then would UPDATE every journal row once (a second row version, and an
--     index entry in each of the table's eight indexes, the GIN one included). An INSERT into a
--     narrow append-only table costs far less and leaves the journal untouched.
--   * Each ledger's head row is locked at commit, in the deferred trigger, once the bodies and
--     their digests are built, not when the first transaction row is inserted: two writers
--     posting to one ledger then overlap for all of their work but the links, the events' INSERT
--     and the commit's WAL flush. A link hashes the body's digest, so the work under the lock
--     does not grow with the size of a transaction.
--   * Nobody but the owner writes the chain (no privilege for any service role; a guard on
--     current_user for the head, as for balances), and links are append-only like the journal.
--
-- Existing transactions are chained here, per ledger in the order of their sequence, with the
-- journal locked against writers for the duration (SHARE ROW EXCLUSIVE: reads go on).
--
-- Measured with scripts/bench-triggers.ts (fsync on, 10,000 accounts, every transfer in one
-- ledger, so every commit contends for the same head), BENCH_MIGRATION_MAX=41 against this
-- migration in alternating runs, 8 s per workload, on 2 cores shared with other work (load
-- average 5-25 throughout: absolute figures are far below the 0040 header's and swing by a third
-- or more between runs of the same schema). Transfers/s, before -> after, [median ratio]:
--   this migration, four pairs, then three more:
--     50 per commit, 2 clients (the writer's shape)  1,441-4,628 -> 1,456-3,029   [0.96]
--                                                    1,346-1,700 -> 1,392-1,711   [0.97]
--     50 per commit, 8 clients                       1,727-3,436 -> 1,442-3,745   [0.82]
--                                                    1,562-1,983 -> 1,100-1,683   [0.91]
--     1 per commit, 16 clients                         188-265   ->   271-298     [1.42]
--   the same with the bodies built under the head's lock (five pairs, and four of 2 x 50):
--     50 per commit, 2 clients                       1,554-2,000 -> 1,204-2,142   [0.78]
--     50 per commit, 8 clients                         818-1,830 ->   617-2,124   [0.91]
--     1 per commit, 16 clients                         162-216   ->   157-287     [1.22]
--     1 per commit, 1 client                            80-128   ->    86-194     [1.04]
--   Postgres CPU per transfer, 50 per commit from 2 clients: 246-260 µs before; 258-271 µs with
--   the bodies built under the lock, 284-313 µs with this migration (+5% and +17-21%: building
--   the bodies into arrays before the lock costs CPU, and buys the throughput). The sampler
--   counts only processes alive at both ends of a run; a few samples were unusable. BENCH_DIAG
--   with 2 clients: the statement under the lock takes 4.6 ms per batch of 50, and
--   emit_transaction_events costs about 12% more per transaction than before (0.28 against
--   0.25 ms on that machine). Moving the bodies out of the lock is what brought the 2-writer
--   batches from about -20% to within the noise; one-transfer commits show no loss; batches of
--   50 from 8 clients lost 9-18% at the median: over the 10% budget, within this machine's noise.
-- Alternatives measured in the same session (two runs each, against the bodies-under-lock design):
--   * the link as columns of ledger.transactions, set by an UPDATE at commit: Postgres CPU
--     315-332 µs per transfer in batches (+16-22% on the runs before), 1,188-1,237 transfers/s;
--   * the head locked when the transaction rows are inserted (held for the whole database
--     transaction): 103-172 transfers/s at 16 clients x 1 against 242-244.
-- On the way (BENCH_DIAG): a first version built the body in a scalar SQL function, called once
-- per transaction, and was the largest cost of the commit; as a one-row set-returning function it
-- is inlined into the calling query. The wait for the head at commit (7-9 ms per batch with 8
-- clients on one ledger, on that loaded machine) is latency, not CPU.
--
-- New SQLSTATE: none (LF003 for a change to a link, LF004 for a direct write to a head).

LOCK TABLE ledger.transactions IN SHARE ROW EXCLUSIVE MODE;

---------------------------------------------------------------------------------------------
-- The transaction's canonical JSON: the `transaction` object of its event. A set-returning SQL
-- function of one row, used as `CROSS JOIN LATERAL ledger.transaction_event_body(t)`: Postgres
-- inlines it into the calling query (a scalar function with a subquery would be called, at a
-- function call's cost, once per transaction).
CREATE FUNCTION ledger.transaction_event_body(t ledger.transactions) RETURNS TABLE (body jsonb)
LANGUAGE sql STABLE AS $$
SELECT jsonb_strip_nulls(jsonb_build_object(
  'transactionId', t.id, 'ledger', t.ledger, 'sequence', t.seq::text,
  'type', 'TRANSACTION_TYPE_' || upper(t.kind), 'parentTransactionId', t.parent_id,
  'idempotencyKey', t.idempotency_key, 'description', NULLIF(t.description, ''),
  'metadata', t.metadata, 'voidReason', t.void_reason,
  'effectiveAt', ledger.ts_json(t.effective_at), 'createdAt', ledger.ts_json(t.created_at),
  'expiresAt', ledger.ts_json(t.expires_at),
  'caller', t.caller, 'actor', t.actor,
  'entries', (SELECT jsonb_agg(jsonb_build_object(
       'leg', e.leg, 'accountId', e.account_id, 'accountCode', a.code, 'currency', e.currency,
       'direction', CASE e.direction WHEN 'debit' THEN 'DIRECTION_DEBIT' ELSE 'DIRECTION_CREDIT' END,
       'effect', 'ENTRY_EFFECT_' || upper(e.effect), 'amount', e.amount::text,
       'postedDebits', e.posted_debits::text, 'postedCredits', e.posted_credits::text,
       'pendingDebits', e.pending_debits::text, 'pendingCredits', e.pending_credits::text,
       'accountVersion', e.account_version::text) ORDER BY e.leg)
     FROM ledger.entries e JOIN ledger.accounts a ON a.id = e.account_id
    WHERE e.transaction_id = t.id)))
$$;

---------------------------------------------------------------------------------------------
-- The chain.
-- A transaction's digest: SHA-256 of its body's text. Computed before the head is locked.
CREATE FUNCTION ledger.transaction_digest(p_body jsonb) RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE
RETURN sha256(convert_to(p_body::text, 'UTF8'));

CREATE FUNCTION ledger.chain_link_hash(p_previous bytea, p_position bigint, p_digest bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN sha256(p_previous || int8send(p_position) || p_digest);

-- Running chain over ordered rows (a window aggregate): the first row links to p_seed (the
-- ledger's head before them), every later one to the row before it. PL/pgSQL: its call costs
-- less than a SQL function's that cannot be inlined (as an aggregate's transition function is
-- not), and chain_link_hash is inlined into its one expression.
CREATE FUNCTION ledger.chain_link_step(p_state bytea, p_seed bytea, p_position bigint, p_digest bytea) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN ledger.chain_link_hash(coalesce(p_state, p_seed), p_position, p_digest);
END $$;
CREATE AGGREGATE ledger.chain_links_fold(bytea, bigint, bytea) (SFUNC = ledger.chain_link_step, STYPE = bytea);

CREATE TABLE ledger.chain_heads (
  ledger   text PRIMARY KEY REFERENCES ledger.ledgers (name),
  position bigint NOT NULL DEFAULT 0 CHECK (position >= 0),
  hash     bytea NOT NULL DEFAULT '\x0000000000000000000000000000000000000000000000000000000000000000' CHECK (length(hash) = 32)
) WITH (fillfactor = 50);
COMMENT ON TABLE ledger.chain_heads IS 'Each ledger''s last chain link (position and hash); locked at commit while a database transaction links its transactions.';

-- No foreign key to ledger.transactions: its check would lock every linked transaction row
-- (FOR KEY SHARE), and verify_chain() reports a link whose transaction is gone.
CREATE TABLE ledger.chain_links (
  transaction_id uuid PRIMARY KEY,
  ledger         text NOT NULL,
  position       bigint NOT NULL CHECK (position > 0),
  hash           bytea NOT NULL CHECK (length(hash) = 32),
  UNIQUE (ledger, position)
);
COMMENT ON TABLE ledger.chain_links IS 'Hash chain per ledger over the transactions (sql/migrations/0042): append-only, written at commit.';

CREATE TRIGGER tg_chain_links__forbid_update_delete BEFORE UPDATE OR DELETE ON ledger.chain_links
  FOR EACH ROW EXECUTE FUNCTION ledger.tg_journal__forbid_change();
CREATE TRIGGER tg_chain_links__forbid_truncate BEFORE TRUNCATE ON ledger.chain_links
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_journal__forbid_change();

---------------------------------------------------------------------------------------------
-- At commit (called by ledger.tg_transactions__check_and_emit once per database transaction,
-- after the checks): every transaction this database transaction wrote that has no event yet
-- gets its link and its event, in sequence order. The heads of the ledgers concerned are
-- locked here, in ledger order, and stay locked until the commit ends.
CREATE OR REPLACE FUNCTION ledger.emit_transaction_events() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_ids uuid[];
  v_of text[];
  v_seqs bigint[];
  v_kinds text[];
  v_bodies jsonb[];
  v_digests bytea[];
  v_ledgers text[];
  v_locked int;
BEGIN
  -- Before the lock, so that concurrent commits do it side by side: every body and its digest.
  SELECT array_agg(t.id ORDER BY t.seq), array_agg(t.ledger ORDER BY t.seq), array_agg(t.seq ORDER BY t.seq),
         array_agg(t.kind ORDER BY t.seq), array_agg(b.body ORDER BY t.seq),
         array_agg(ledger.transaction_digest(b.body) ORDER BY t.seq), array_agg(DISTINCT t.ledger ORDER BY t.ledger)
    INTO v_ids, v_of, v_seqs, v_kinds, v_bodies, v_digests, v_ledgers
    FROM ledger.transactions t
   CROSS JOIN LATERAL ledger.transaction_event_body(t) b
   WHERE t.txid = pg_current_xact_id()
     AND NOT EXISTS (SELECT 1 FROM ledger.outbox o WHERE o.event_id = t.id);
  IF v_ids IS NULL THEN
    RETURN;
  END IF;

  PERFORM 1 FROM ledger.chain_heads h WHERE h.ledger = ANY(v_ledgers) ORDER BY h.ledger FOR NO KEY UPDATE;
  GET DIAGNOSTICS v_locked = ROW_COUNT;
  IF v_locked < cardinality(v_ledgers) THEN
    -- A ledger's first transaction starts its chain.
    INSERT INTO ledger.chain_heads (ledger) SELECT l FROM unnest(v_ledgers) AS l ON CONFLICT (ledger) DO NOTHING;
    PERFORM 1 FROM ledger.chain_heads h WHERE h.ledger = ANY(v_ledgers) ORDER BY h.ledger FOR NO KEY UPDATE;
  END IF;

  -- Under the lock until commit: the links, the heads and the events (which carry their link).
  WITH fresh AS (
    SELECT x.id, x.ledger, x.seq, x.kind, x.body, x.digest, h.hash AS seed,
           h.position + row_number() OVER (PARTITION BY x.ledger ORDER BY x.seq) AS position
      FROM unnest(v_ids, v_of, v_seqs, v_kinds, v_bodies, v_digests) AS x(id, ledger, seq, kind, body, digest)
      JOIN ledger.chain_heads h ON h.ledger = x.ledger),
  linked AS MATERIALIZED (
    SELECT f.*, ledger.chain_links_fold(f.seed, f.position, f.digest)
                  OVER (PARTITION BY f.ledger ORDER BY f.position ROWS UNBOUNDED PRECEDING) AS hash
      FROM fresh f),
  links AS (
    INSERT INTO ledger.chain_links (transaction_id, ledger, position, hash)
    SELECT l.id, l.ledger, l.position, l.hash FROM linked l),
  heads AS (
    UPDATE ledger.chain_heads h SET position = l.position, hash = l.hash
      FROM (SELECT DISTINCT ON (l.ledger) l.ledger, l.position, l.hash FROM linked l ORDER BY l.ledger, l.position DESC) l
     WHERE h.ledger = l.ledger)
  INSERT INTO ledger.outbox (id, event_id, ledger, topic, partition_key, event_type, aggregate_id, payload)
  SELECT s.seq, s.id, s.ledger, 'ledgerflow.ledger.transactions.v1', s.ledger, s.event_type, s.id,
         jsonb_build_object(
           'meta', jsonb_build_object('eventId', s.id, 'ledger', s.ledger, 'sequence', s.seq::text,
                                      'aggregateId', s.id, 'occurredAt', ledger.ts_json(clock_timestamp())),
           'transaction', s.body,
           'chain', jsonb_build_object('position', s.position::text, 'hash', encode(s.hash, 'hex')))
    FROM (SELECT nextval('ledger.event_seq') AS seq, x.*
            FROM (SELECT l.id, l.ledger, l.body, l.position, l.hash,
                         'ledgerflow.events.v1.' || CASE l.kind
                            WHEN 'standard' THEN 'TransactionPosted' WHEN 'pending' THEN 'TransactionPending'
                            WHEN 'commit' THEN 'PendingTransactionCommitted' WHEN 'void' THEN 'PendingTransactionVoided'
                            ELSE 'TransactionReversed' END AS event_type
                    FROM linked l
                   ORDER BY l.seq) x) s;
END $$;

---------------------------------------------------------------------------------------------
-- Verification: recomputes each link from the transaction as it stands and the stored hash of
-- the link before it, and reports per ledger the first link that does not hold, or the first
-- transaction without a link. p_after_position continues a pass from a position already
-- verified (its stored hash is trusted); p_links_max bounds the work of one call (the
-- caller continues from verified_through). Unlinked transactions are looked for among those
-- with a higher sequence than the last verified link's transaction (all of them from position 0).
CREATE FUNCTION ledger.verify_chain(p_ledger text DEFAULT NULL, p_after_position bigint DEFAULT 0, p_links_max int DEFAULT 100000)
RETURNS TABLE (ledger text, verified_through bigint, links_checked bigint, head_position bigint,
               broken_position bigint, broken_transaction_id uuid, expected_hash text, stored_hash text, problem text)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_ledger text;
  v_head ledger.chain_heads;
  v_seed bytea;
  v_seq bigint;
  v_last_position bigint;
  v_bad record;
  v_count bigint;
  v_unlinked uuid;
BEGIN
  IF p_after_position IS NULL OR p_after_position < 0 OR p_links_max IS NULL OR p_links_max < 1 OR p_links_max > 1000000 THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = 'p_after_position must be >= 0 and p_links_max between 1 and 1000000';
  END IF;
  FOR v_ledger IN
    SELECT l.name FROM ledger.ledgers l WHERE p_ledger IS NULL OR l.name = p_ledger
    UNION SELECT h.ledger FROM ledger.chain_heads h WHERE p_ledger IS NULL OR h.ledger = p_ledger
    ORDER BY 1
  LOOP
    ledger := v_ledger; verified_through := p_after_position; links_checked := 0;
    broken_position := NULL; broken_transaction_id := NULL; expected_hash := NULL; stored_hash := NULL; problem := NULL;
    SELECT * INTO v_head FROM ledger.chain_heads h WHERE h.ledger = v_ledger;
    head_position := coalesce(v_head.position, 0);

    -- Where this pass starts: the stored link at p_after_position (trusted: verified before).
    IF p_after_position = 0 THEN
      v_seed := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
      v_seq := 0;
    ELSE
      SELECT c.hash, coalesce(t.seq, 0) INTO v_seed, v_seq
        FROM ledger.chain_links c LEFT JOIN ledger.transactions t ON t.id = c.transaction_id
       WHERE c.ledger = v_ledger AND c.position = p_after_position;
      IF NOT FOUND THEN
        broken_position := p_after_position;
        problem := format('no link at position %s to continue from', p_after_position);
        RETURN NEXT;
        CONTINUE;
      END IF;
    END IF;

    -- Each link against the one before it: positions follow each other, the transaction exists
    -- in this ledger, and the hash recomputed from it matches.
    SELECT count(*), max(c.position) INTO v_count, v_last_position
      FROM (SELECT c.position FROM ledger.chain_links c
             WHERE c.ledger = v_ledger AND c.position > p_after_position
             ORDER BY c.position LIMIT p_links_max) c;
    SELECT v.* INTO v_bad
      FROM (SELECT w.transaction_id, w.position, w.hash AS stored, w.previous_position, t.id AS found, t.ledger AS found_ledger,
                   ledger.chain_link_hash(w.previous_hash, w.position, ledger.transaction_digest(b.body)) AS expected
              FROM (SELECT c.transaction_id, c.position, c.hash,
                           lag(c.position, 1, p_after_position) OVER (ORDER BY c.position) AS previous_position,
                           lag(c.hash, 1, v_seed) OVER (ORDER BY c.position) AS previous_hash
                      FROM (SELECT c.transaction_id, c.position, c.hash FROM ledger.chain_links c
                             WHERE c.ledger = v_ledger AND c.position > p_after_position
                             ORDER BY c.position LIMIT p_links_max) c) w
              LEFT JOIN ledger.transactions t ON t.id = w.transaction_id
              LEFT JOIN LATERAL ledger.transaction_event_body(t) b ON t.id IS NOT NULL) v
     WHERE v.position <> v.previous_position + 1 OR v.found IS NULL OR v.found_ledger <> v_ledger
        OR v.expected IS DISTINCT FROM v.stored
     ORDER BY v.position
     LIMIT 1;
    links_checked := v_count;
    IF FOUND THEN
      broken_position := v_bad.position;
      broken_transaction_id := v_bad.transaction_id;
      stored_hash := encode(v_bad.stored, 'hex');
      expected_hash := encode(v_bad.expected, 'hex');
      IF v_bad.position <> v_bad.previous_position + 1 THEN
        verified_through := v_bad.previous_position;
        problem := format('links %s to %s are missing (deleted)', v_bad.previous_position + 1, v_bad.position - 1);
      ELSIF v_bad.found IS NULL THEN
        verified_through := v_bad.position - 1;
        problem := format('transaction %s is missing (deleted)', v_bad.transaction_id);
      ELSE
        verified_through := v_bad.position - 1;
        problem := format('transaction %s does not match its link (changed after it was written)', v_bad.transaction_id);
      END IF;
      RETURN NEXT;
      CONTINUE;
    END IF;
    verified_through := coalesce(v_last_position, p_after_position);

    -- Transactions without a link (written with the triggers off), and a head that does not
    -- match the last link (links removed from the end). Only once the pass reached the head.
    IF v_count < p_links_max THEN
      SELECT t.id INTO v_unlinked FROM ledger.transactions t
       WHERE t.ledger = v_ledger AND t.seq > v_seq
         AND NOT EXISTS (SELECT 1 FROM ledger.chain_links c WHERE c.transaction_id = t.id)
       ORDER BY t.seq LIMIT 1;
      IF FOUND THEN
        broken_transaction_id := v_unlinked;
        problem := format('transaction %s has no link (written with the journal''s triggers off)', v_unlinked);
      ELSIF verified_through <> head_position OR (verified_through > 0 AND NOT EXISTS (
              SELECT 1 FROM ledger.chain_links c WHERE c.ledger = v_ledger AND c.position = verified_through AND c.hash = v_head.hash)) THEN
        broken_position := verified_through + 1;
        stored_hash := encode(v_head.hash, 'hex');
        problem := format('the chain head (position %s) does not match the last link (position %s): links were removed', head_position, verified_through);
      END IF;
    END IF;
    RETURN NEXT;
  END LOOP;
END $$;

---------------------------------------------------------------------------------------------
-- Existing transactions: chained per ledger in sequence order, then every ledger's head.
INSERT INTO ledger.chain_links (transaction_id, ledger, position, hash)
SELECT x.id, x.ledger, x.position,
       ledger.chain_links_fold('\x0000000000000000000000000000000000000000000000000000000000000000'::bytea, x.position, ledger.transaction_digest(x.body))
         OVER (PARTITION BY x.ledger ORDER BY x.position ROWS UNBOUNDED PRECEDING)
  FROM (SELECT t.id, t.ledger, row_number() OVER (PARTITION BY t.ledger ORDER BY t.seq) AS position, b.body
          FROM ledger.transactions t CROSS JOIN LATERAL ledger.transaction_event_body(t) b) x;
INSERT INTO ledger.chain_heads (ledger, position, hash)
SELECT l.name, coalesce(c.position, 0), coalesce(c.hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
  FROM ledger.ledgers l
  LEFT JOIN LATERAL (SELECT c.position, c.hash FROM ledger.chain_links c WHERE c.ledger = l.name ORDER BY c.position DESC LIMIT 1) c ON true;

-- Written from now on only as the owner, i.e. by ledger.emit_transaction_events().
CREATE FUNCTION ledger.tg_chain_heads__refuse() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'LF004', MESSAGE = 'chain heads are maintained by the journal; post a transaction instead';
END $$;
CREATE TRIGGER tg_chain_heads__guard BEFORE INSERT OR UPDATE OR DELETE ON ledger.chain_heads
  FOR EACH ROW WHEN (current_user <> 'ledgerflow_owner') EXECUTE FUNCTION ledger.tg_chain_heads__refuse();
CREATE TRIGGER tg_chain_heads__forbid_delete BEFORE DELETE ON ledger.chain_heads
  FOR EACH ROW EXECUTE FUNCTION ledger.tg_journal__forbid_change();
CREATE TRIGGER tg_chain_heads__forbid_truncate BEFORE TRUNCATE ON ledger.chain_heads
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_journal__forbid_change();

---------------------------------------------------------------------------------------------
-- Grants: the ledger reads the chain and verifies it; nobody but the owner writes it.
REVOKE ALL ON FUNCTION ledger.transaction_event_body(ledger.transactions), ledger.transaction_digest(jsonb),
                       ledger.chain_link_hash(bytea, bigint, bytea),
                       ledger.chain_link_step(bytea, bytea, bigint, bytea), ledger.chain_links_fold(bytea, bigint, bytea),
                       ledger.tg_chain_heads__refuse(), ledger.emit_transaction_events(),
                       ledger.verify_chain(text, bigint, int) FROM PUBLIC;
GRANT SELECT ON ledger.chain_heads, ledger.chain_links TO ledgerflow_ledger;
GRANT EXECUTE ON FUNCTION ledger.transaction_event_body(ledger.transactions), ledger.transaction_digest(jsonb),
                          ledger.chain_link_hash(bytea, bigint, bytea),
                          ledger.verify_chain(text, bigint, int) TO ledgerflow_ledger;
