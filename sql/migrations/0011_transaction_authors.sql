-- 0011 who wrote each transaction.
--
-- caller: the authenticated client that wrote it (the name of its bearer token, "anonymous"
--         when the ledger runs without authentication, "ledger" for the ledger's own work such
--         as expiring holds).
-- actor:  the person or system the client acted for, as the client said (the admin gateway
--         passes the signed-in user); NULL when it did not say.
-- Both are part of the append-only journal (transactions refuse UPDATE), and of the events.
-- NULL for rows written before this migration, and for raw SQL inserts that don't set them.

ALTER TABLE ledger.transactions
  ADD COLUMN caller text CONSTRAINT transactions_caller_length CHECK (length(caller) BETWEEN 1 AND 128),
  ADD COLUMN actor  text CONSTRAINT transactions_actor_length CHECK (length(actor) BETWEEN 1 AND 256);

-- The transaction events now carry caller and actor (TransactionRecord fields 14 and 15); the
-- rest of the function is as in 0002.
CREATE OR REPLACE FUNCTION ledger.emit_transaction_events() RETURNS void
LANGUAGE sql AS $$
  INSERT INTO ledger.outbox (id, event_id, ledger, topic, partition_key, event_type, aggregate_id, payload)
  SELECT s.seq, s.id, s.ledger, 'ledgerflow.ledger.transactions.v1', s.ledger, s.event_type, s.id,
         jsonb_build_object(
           'meta', jsonb_build_object('eventId', s.id, 'ledger', s.ledger, 'sequence', s.seq::text,
                                      'aggregateId', s.id, 'occurredAt', ledger.ts_json(clock_timestamp())),
           'transaction', s.body)
    FROM (SELECT nextval('ledger.event_seq') AS seq, x.*
            FROM (SELECT t.id, t.ledger,
                         'ledgerflow.events.v1.' || CASE t.kind
                            WHEN 'standard' THEN 'TransactionPosted' WHEN 'pending' THEN 'TransactionPending'
                            WHEN 'commit' THEN 'PendingTransactionCommitted' WHEN 'void' THEN 'PendingTransactionVoided'
                            ELSE 'TransactionReversed' END AS event_type,
                         jsonb_strip_nulls(jsonb_build_object(
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
                             WHERE e.transaction_id = t.id))) AS body
                    FROM ledger.transactions t
                   WHERE t.txid = pg_current_xact_id()
                     AND NOT EXISTS (SELECT 1 FROM ledger.outbox o WHERE o.event_id = t.id)
                   ORDER BY t.seq) x) s;
$$;
