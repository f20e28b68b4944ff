-- 0010 event pipeline state, beside the event log of 0003.
--
-- events.consumer_leases: on the embedded Postgres log one consumer of a group reads at a time
-- (as a Kafka group gives each partition to one member). A member holds the group's lease while
-- it renews it; offsets are committed only by the lease holder, so a member that lost its lease
-- (paused, partitioned) cannot move the group's position.
--
-- events.relay_state: what each relay last published, updated in the same transaction that marks
-- outbox rows published, for status pages and for checking a restart resumed where it stopped.

CREATE TABLE events.consumer_leases (
  group_id   text PRIMARY KEY,
  owner      text NOT NULL,
  expires_at timestamptz NOT NULL,
  CONSTRAINT consumer_leases_owner_nonempty CHECK (owner <> '')
);

CREATE TABLE events.relay_state (
  relay             text PRIMARY KEY,
  owner             text NOT NULL,
  last_outbox_id    bigint NOT NULL DEFAULT 0,
  published_total   bigint NOT NULL DEFAULT 0,
  last_published_at timestamptz,
  heartbeat_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT relay_state_counts_nonnegative CHECK (last_outbox_id >= 0 AND published_total >= 0)
);

