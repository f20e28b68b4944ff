/* The outbox as the relay last recorded it (events.outbox_status, sql/migrations/0044). */

/* @name GetOutboxStatus */
SELECT backlog, oldest_unpublished_age_seconds, published_last_5s, published_last_minute, last_published_at, published_total, observed_at
  FROM events.outbox_status
 WHERE relay = 'outbox';
