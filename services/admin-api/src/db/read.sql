/* The projector's read model (schema read, and projector.pipeline_status): what the dashboard lists and searches. */

/* @name ListReadAccounts */
SELECT account_id, ledger, code, currency, normal_balance, allow_overdraft, overdraft_limit, metadata,
       posted_debits, posted_credits, pending_debits, pending_credits, version, created_at, updated_at
  FROM read.accounts
 WHERE ledger = :ledger!
   AND (:currency::text IS NULL OR currency = :currency)
   AND (:pattern::text IS NULL OR code ILIKE :pattern)
   AND (:afterCode::text IS NULL OR code > :afterCode)
 ORDER BY code
 LIMIT :limit!;

/* @name SearchReadTransactions */
SELECT transaction_id, ledger, sequence, type, status, parent_id, idempotency_key, description, metadata, total,
       currencies, effective_at, created_at, caller, actor, expires_at
  FROM read.transactions t
 WHERE t.ledger = :ledger!
   AND (:createdAfter::timestamptz IS NULL OR t.created_at >= :createdAfter)
   AND (:createdBefore::timestamptz IS NULL OR t.created_at < :createdBefore)
   AND (:metadata::jsonb IS NULL OR t.metadata @> :metadata)
   AND (:minAmount::numeric IS NULL OR t.total >= :minAmount)
   AND (:maxAmount::numeric IS NULL OR t.total <= :maxAmount)
   AND (:status::text IS NULL OR t.status = :status)
   AND (:type::text IS NULL OR t.type = :type)
   AND (:query::text IS NULL OR t.transaction_id::text = lower(:query) OR t.idempotency_key = :query OR t.description ILIKE :queryPattern)
   AND (:beforeSequence::int8 IS NULL OR t.sequence < :beforeSequence)
 ORDER BY t.sequence DESC
 LIMIT :limit!;

/* @name SearchReadAccountTransactions */
SELECT t.transaction_id, t.ledger, t.sequence, t.type, t.status, t.parent_id, t.idempotency_key, t.description, t.metadata, t.total,
       t.currencies, t.effective_at, t.created_at, t.caller, t.actor, t.expires_at
  FROM (SELECT DISTINCT l.transaction_id FROM read.transaction_legs l WHERE l.account_id = :accountId!) m
 CROSS JOIN LATERAL (
       SELECT * FROM read.transactions t
        WHERE t.transaction_id = m.transaction_id
          AND t.ledger = :ledger!
          AND (:createdAfter::timestamptz IS NULL OR t.created_at >= :createdAfter)
          AND (:createdBefore::timestamptz IS NULL OR t.created_at < :createdBefore)
          AND (:metadata::jsonb IS NULL OR t.metadata @> :metadata)
          AND (:minAmount::numeric IS NULL OR t.total >= :minAmount)
          AND (:maxAmount::numeric IS NULL OR t.total <= :maxAmount)
          AND (:status::text IS NULL OR t.status = :status)
          AND (:type::text IS NULL OR t.type = :type)
          AND (:query::text IS NULL OR t.transaction_id::text = lower(:query) OR t.idempotency_key = :query OR t.description ILIKE :queryPattern)
          AND (:beforeSequence::int8 IS NULL OR t.sequence < :beforeSequence)) t
 ORDER BY t.sequence DESC
 LIMIT :limit!;

/* @name ListReadLegs */
SELECT transaction_id, leg, account_id, account_code, currency, direction, effect, amount
  FROM read.transaction_legs
 WHERE transaction_id = ANY(:transactionIds!::uuid[])
 ORDER BY transaction_id, leg;

/* @name ListReadAccountEntries */
SELECT l.transaction_id, l.leg, l.direction, l.effect, l.amount, l.currency, t.type, t.status, t.description, t.created_at, t.sequence
  FROM read.transaction_legs l
  JOIN read.transactions t ON t.transaction_id = l.transaction_id
 WHERE l.account_id = :accountId! AND t.ledger = :ledger!
   AND (:beforeSequence::int8 IS NULL OR t.sequence < :beforeSequence OR (t.sequence = :beforeSequence AND l.leg < :beforeLeg::int))
 ORDER BY t.sequence DESC, l.leg DESC
 LIMIT :limit!;

/* @name ListReadAccountHolds */
SELECT transaction_id, ledger, sequence, type, status, parent_id, idempotency_key, description, metadata, total,
       currencies, effective_at, created_at, caller, actor, expires_at
  FROM read.transactions t
 WHERE t.ledger = :ledger! AND t.status = 'pending'
   AND EXISTS (SELECT 1 FROM read.transaction_legs l WHERE l.transaction_id = t.transaction_id AND l.account_id = :accountId!)
   AND (:beforeSequence::int8 IS NULL OR t.sequence < :beforeSequence)
 ORDER BY t.sequence DESC
 LIMIT :limit!;

/* @name ListProcessedEvents */
SELECT event_id, event_type, processed_at FROM read.processed_events
 WHERE event_id = ANY(:eventIds!::uuid[])
 ORDER BY processed_at;

/* @name GetPipelineStatus */
SELECT component, figures, updated_at FROM projector.pipeline_status;

/* @name ListDailyVolumes */
SELECT day::text AS "day!", currency, debits::text AS "volume!", transactions::text AS "transactions!"
  FROM read.daily_volumes
 WHERE ledger = :ledger! AND account_id = '00000000-0000-0000-0000-000000000000' AND day >= :fromDay!::date
 ORDER BY currency, day;

/* @name ListDeadLetters */
SELECT id, event_id, event_type, topic, "partition", "offset"::text AS "offset!", key, headers, error, attempts, status, created_at, resolved_at, resolved_by
  FROM projector.dead_letters
 WHERE (:status::text IS NULL OR status = :status)
   AND (:eventType::text IS NULL OR event_type = :eventType)
   AND (:topic::text IS NULL OR topic = :topic)
   AND (:beforeId::bigint IS NULL OR id < :beforeId)
 ORDER BY id DESC
 LIMIT :limit!;

/* @name GetDeadLetter */
SELECT id, event_id, event_type, topic, "partition", "offset"::text AS "offset!", key, headers, error, attempts, status, created_at, resolved_at, resolved_by, value
  FROM projector.dead_letters
 WHERE id = :id!;
