/* @name FindByIdempotencyKeys */
SELECT t.id, t.ledger, t.idempotency_key, t.request_hash
  FROM unnest(:keys!::text[]) AS k(key)
  JOIN ledger.transactions t ON t.ledger = :ledger! AND t.idempotency_key = k.key;

/* @name InsertTransactions */
INSERT INTO ledger.transactions (id, ledger, kind, parent_id, idempotency_key, request_hash, description,
                                 metadata, void_reason, effective_at, expires_at, caller, actor)
SELECT t.id, t.ledger, t.kind, t.parent_id, t.idempotency_key, decode(t.request_hash, 'hex'), t.description,
       t.metadata::jsonb, t.void_reason, coalesce(t.effective_at::timestamptz, now()), t.expires_at::timestamptz,
       t.caller, t.actor
  FROM unnest(:ids!::uuid[], :ledgers!::text[], :kinds!::text[], :parentIds!::uuid[], :keys!::text[],
              :hashes!::text[], :descriptions!::text[], :metadata!::text[], :voidReasons!::text[],
              :effectiveAts!::text[], :expiresAts!::text[], :callers!::text[], :actors!::text[])
       AS t(id, ledger, kind, parent_id, idempotency_key, request_hash, description, metadata, void_reason, effective_at,
            expires_at, caller, actor)
ON CONFLICT (ledger, idempotency_key) DO NOTHING
RETURNING id, seq, created_at;

/* @name InsertEntries */
INSERT INTO ledger.entries (transaction_id, leg, ledger, account_id, currency, direction, effect, amount,
                            posted_debits, posted_credits, pending_debits, pending_credits, account_version)
SELECT t, l, g, a, c, d, f, m, pd, pc, hd, hc, v::int8
  FROM unnest(:transactionIds!::uuid[], :legs!::smallint[], :ledgers!::text[], :accountIds!::uuid[],
              :currencies!::text[], :directions!::text[], :effects!::text[], :amounts!::numeric[],
              :postedDebits!::numeric[], :postedCredits!::numeric[], :pendingDebits!::numeric[],
              :pendingCredits!::numeric[], :accountVersions!::text[]) AS x(t, l, g, a, c, d, f, m, pd, pc, hd, hc, v);

/* @name GetTransactions */
SELECT t.id, t.seq, t.ledger, t.kind, t.parent_id, t.idempotency_key, t.description, t.metadata, t.void_reason,
       t.effective_at, t.expires_at, t.created_at, t.caller, t.actor,
       r.id AS "resolved_by?", r.kind AS "resolved_kind?", v.id AS "reversed_by?"
  FROM ledger.transactions t
  LEFT JOIN ledger.transactions r ON r.parent_id = t.id AND r.kind IN ('commit', 'void')
  LEFT JOIN ledger.transactions v ON v.parent_id = t.id AND v.kind = 'reversal'
 WHERE t.ledger = :ledger! AND t.id = ANY(:ids!::uuid[]);

/* @name GetEntries */
SELECT e.transaction_id, e.leg, e.account_id, a.code AS account_code, e.currency, e.direction, e.effect, e.amount
  FROM ledger.entries e JOIN ledger.accounts a ON a.id = e.account_id
 WHERE e.transaction_id = ANY(:transactionIds!::uuid[])
 ORDER BY e.transaction_id, e.leg;

/* @name ListTransactionIds */
SELECT t.id, t.seq FROM ledger.transactions t
 WHERE t.ledger = :ledger!
   AND (:createdAfter::timestamptz IS NULL OR t.created_at >= :createdAfter)
   AND (:createdBefore::timestamptz IS NULL OR t.created_at < :createdBefore)
   AND (:metadata::jsonb IS NULL OR t.metadata @> :metadata)
   AND (:beforeSeq::int8 IS NULL OR t.seq < :beforeSeq)
 ORDER BY t.seq DESC
 LIMIT :limit!;

/* @name ListAccountTransactionIds */
SELECT t.id AS "id!", t.seq AS "seq!"
  FROM (SELECT DISTINCT e.transaction_id FROM ledger.entries e WHERE e.account_id = :accountId!) m
 CROSS JOIN LATERAL (
       SELECT t.id, t.seq FROM ledger.transactions t
        WHERE t.id = m.transaction_id
          AND t.ledger = :ledger!
          AND (:createdAfter::timestamptz IS NULL OR t.created_at >= :createdAfter)
          AND (:createdBefore::timestamptz IS NULL OR t.created_at < :createdBefore)
          AND (:metadata::jsonb IS NULL OR t.metadata @> :metadata)
          AND (:beforeSeq::int8 IS NULL OR t.seq < :beforeSeq)) t
 ORDER BY t.seq DESC
 LIMIT :limit!;

/* @name LockPendingTransaction */
SELECT id AS "id!", ledger AS "ledger!", kind AS "kind!", expires_at, open_hold AS "open_hold?"
  FROM ledger.lock_pending_transaction(:ledger!, :id!);

/* @name ExpiredHolds */
SELECT transaction_id AS "transaction_id!", ledger AS "ledger!" FROM ledger.claim_expired_holds(:limit!::int);
