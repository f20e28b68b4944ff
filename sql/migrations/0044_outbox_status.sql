-- 0044 the outbox's status has one producer, the relay, and one typed shape.
--
-- Until now the projector counted the outbox (backlog, oldest unpublished row, rows published in
-- the last 5 s and minute) from its own connection and wrote the figures as JSON into the read
-- model's projector.pipeline_status, where the gateway parsed them by name. The relay is the
-- outbox's reader and publisher: it already counts the backlog for its metrics. It now records
-- those figures here, typed, at every observation (RELAY_OBSERVE_INTERVAL_MS), and the gateway
-- reads this row with its own connection (SELECT only). The projector no longer touches them.

CREATE TABLE events.outbox_status (
  relay                          text PRIMARY KEY,
  backlog                        bigint NOT NULL,
  oldest_unpublished_age_seconds double precision NOT NULL,
  published_last_5s              bigint NOT NULL,
  published_last_minute          bigint NOT NULL,
  last_published_at              timestamptz,
  published_total                bigint NOT NULL,
  observed_at                    timestamptz NOT NULL DEFAULT now(),
  observed_by                    text NOT NULL,
  CONSTRAINT outbox_status_counts_nonnegative CHECK (backlog >= 0 AND published_last_5s >= 0 AND published_last_minute >= 0 AND published_total >= 0)
);
COMMENT ON TABLE events.outbox_status IS 'The outbox as the relay last observed it (one row per relay name); written by the relay only, read by the admin gateway.';

GRANT SELECT, INSERT, UPDATE ON events.outbox_status TO ledgerflow_relay;
GRANT USAGE ON SCHEMA events TO ledgerflow_gateway;
GRANT SELECT ON events.outbox_status TO ledgerflow_gateway;
