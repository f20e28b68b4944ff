/* @name ClaimEvent */
INSERT INTO billing.processed_events (event_id, event_type) VALUES (:eventId!, :eventType!)
ON CONFLICT (event_id) DO NOTHING
RETURNING event_id;

/* @name AddConsumerFigures */
INSERT INTO billing.consumer_state (group_id, events_processed, accruals, last_event_at)
VALUES (:groupId!, :events!, :accruals!, :lastEventAt)
ON CONFLICT (group_id) DO UPDATE
   SET events_processed = billing.consumer_state.events_processed + EXCLUDED.events_processed,
       accruals = billing.consumer_state.accruals + EXCLUDED.accruals,
       last_event_at = greatest(billing.consumer_state.last_event_at, EXCLUDED.last_event_at),
       updated_at = now();

/* @name GetConsumerFigures */
SELECT * FROM billing.consumer_state WHERE group_id = :groupId!;

/* @name RecordDeadLetter */
INSERT INTO billing.dead_letters (event_id, event_type, topic, "partition", "offset", key, value, headers, error, attempts)
SELECT :eventId, :eventType, :topic!, :partition!, :offset!, :key!, :value!, :headers!, :error!, :attempts!
 WHERE NOT EXISTS (SELECT 1 FROM billing.dead_letters
                    WHERE topic = :topic! AND "partition" = :partition! AND "offset" = :offset!
                      AND event_id IS NOT DISTINCT FROM :eventId::text)
RETURNING id;

/* @name CountPendingDeadLetters */
SELECT count(*) AS pending FROM billing.dead_letters WHERE status = 'pending';

/* @name ListDeadLetters */
SELECT id, event_id, event_type, topic, "partition", "offset", key, headers, error, attempts, status, created_at, resolved_at, resolved_by
  FROM billing.dead_letters
 WHERE (:status::text IS NULL OR status = :status)
   AND (:beforeId::bigint IS NULL OR id < :beforeId)
 ORDER BY id DESC
 LIMIT :limit!;

/* @name LockDeadLetter */
SELECT * FROM billing.dead_letters WHERE id = :id! FOR UPDATE;

/* @name ResolveDeadLetter */
UPDATE billing.dead_letters SET status = :status!, resolved_at = now(), resolved_by = :by!
 WHERE id = :id! AND status = 'pending'
RETURNING id;
