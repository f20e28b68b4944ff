// @ledgerflow/platform/events: the event pipeline behind one interface. The records and topics,
// the CloudEvents codec of outbox rows, the two transports (Kafka, the Postgres event log) and
// the factory choosing between them, Kafka's TLS/SASL settings, and kafkajs as the project uses it.
export {
  CLOUDEVENTS_SPEC_VERSION,
  CONTENT_TYPE,
  decodeEvent,
  encodeOutboxRow,
  HEADERS,
  SCHEMA,
  schemaOf,
  SOURCE,
  TRANSACTION_KEYINGS,
  UnknownEventTypeError,
  type OutboxRow,
  type TransactionKeying,
} from "./events/codec.ts";
export { ensureTopics, KafkaEventConsumer, KafkaPublisher, kafkaClient, type KafkaConsumerOptions } from "./events/kafka.ts";
export { kafkaSecurityFromEnv, kafkaSecurityOptions, mskIamSigner, type IamTokenSigner, type KafkaSecurity } from "./events/kafka-security.ts";
export { Kafka, logLevel, Partitioners, type Admin, type Consumer, type Producer } from "./events/kafkajs.ts";
export { appendWithin, PostgresLogConsumer, PostgresLogPublisher, pruneLog, type PostgresLogConsumerOptions } from "./events/postgres-log.ts";
export { createConsumer, createPublisher, type TransportConfig } from "./events/transport.ts";
export {
  TOPICS,
  totalLag,
  type BatchHandler,
  type ConsumedEvent,
  type EventConsumer,
  type EventPublisher,
  type EventRecord,
  type PartitionLag,
  type TransportKind,
} from "./events/types.ts";
