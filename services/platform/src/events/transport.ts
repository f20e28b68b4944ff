// Chooses the event transport from configuration: Kafka when brokers are given, otherwise the
// embedded Postgres event log in the ledger's database.
import type { Sql } from "postgres";
import { KafkaEventConsumer, KafkaPublisher, kafkaClient } from "./kafka.ts";
import { PostgresLogConsumer, PostgresLogPublisher } from "./postgres-log.ts";
import type { EventConsumer, EventPublisher } from "./types.ts";

export interface TransportConfig {
  /** Comma-separated bootstrap servers; unset: the embedded log. */
  kafkaBrokers?: string;
  /** The database that holds the embedded log (the ledger's). */
  logSql: Sql;
  clientId: string;
}

export function createPublisher(c: TransportConfig): EventPublisher {
  return c.kafkaBrokers ? new KafkaPublisher(kafkaClient(c.kafkaBrokers, c.clientId)) : new PostgresLogPublisher(c.logSql);
}

export function createConsumer(c: TransportConfig, group: { groupId: string; topics: string[]; pollMs?: number }): EventConsumer {
  return c.kafkaBrokers
    ? new KafkaEventConsumer(kafkaClient(c.kafkaBrokers, c.clientId), { groupId: group.groupId, topics: group.topics })
    : new PostgresLogConsumer({ sql: c.logSql, groupId: group.groupId, topics: group.topics, pollMs: group.pollMs });
}
