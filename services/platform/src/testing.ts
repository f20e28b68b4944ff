// @ledgerflow/platform/testing: test support, never imported by service code. A fresh database
// per test from the migrated template, a TCP link that can be cut, the test Kafka broker and
// books of events to wait on.
export { openBooks, waitUntil, type Books } from "./events/test-books.ts";
export { resetTestTopics, restartTestKafka, stopTestKafka, testKafkaBrokers } from "./events/test-kafka.ts";
export { createTestDatabase, databaseUrl, testServerUrl, type TestDatabase } from "./testing/postgres.ts";
export { Link, linkTo } from "./testing/tcp-link.ts";
