-- 0003 event delivery: wake-ups for the outbox relay, and the Postgres-backed event log that
-- stands in for Kafka when no broker is configured (the embedded default).
--
-- The relay copies outbox rows into events.log in commit-safe order (it is the only writer,
-- under an advisory lock), so log offsets increase in the order consumers must read; consumers
-- keep their committed offsets per group in events.consumer_offsets.

CREATE SCHEMA events;

CREATE TABLE events.log (
  "offset"      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic         text NOT NULL,
  partition_key text NOT NULL,
  event_id      uuid NOT NULL,
  event_type    text NOT NULL,
  -- The protobuf-encoded event, exactly the bytes a Kafka consumer would get.
  value         bytea NOT NULL,
  headers       jsonb NOT NULL DEFAULT '{}',
  appended_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX log_topic_offset ON events.log (topic, "offset");

CREATE TABLE events.consumer_offsets (
  group_id   text NOT NULL,
  topic      text NOT NULL,
  -- The last offset the group has processed.
  "offset"   bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, topic)
);

-- One notification per writing statement (not per row), delivered at commit.
CREATE FUNCTION ledger.tg_outbox__notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ledgerflow_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER tg_outbox__notify AFTER INSERT ON ledger.outbox
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.tg_outbox__notify();

CREATE FUNCTION events.tg_log__notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ledgerflow_event_log', '');
  RETURN NULL;
END $$;
CREATE TRIGGER tg_log__notify AFTER INSERT ON events.log
  FOR EACH STATEMENT EXECUTE FUNCTION events.tg_log__notify();
