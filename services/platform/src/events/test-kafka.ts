// The Kafka broker of the test run (started once by scripts/test.ts), and the means to stop,
// kill and restart it in fault tests.
import { startBroker, stopBroker } from "../../../../scripts/lib/kafka-broker.ts";

export function testKafkaBrokers(): string {
  const brokers = process.env.LEDGERFLOW_TEST_KAFKA_BROKERS;
  if (!brokers) throw new Error("LEDGERFLOW_TEST_KAFKA_BROKERS is not set: run tests through `npm test` (bun scripts/test.ts)");
  return brokers;
}

function testKafkaDir(): string {
  const dir = process.env.LEDGERFLOW_TEST_KAFKA_DIR;
  if (!dir) throw new Error("LEDGERFLOW_TEST_KAFKA_DIR is not set: run tests through `npm test` (bun scripts/test.ts)");
  return dir;
}

/** Kills the test run's broker (SIGKILL when `hard`); its data and ports are kept. */
export async function stopTestKafka(hard = true): Promise<void> {
  await stopBroker(testKafkaDir(), { hard });
}

/** Starts the test run's broker again on the same port and data, and waits until it is ready. */
export async function restartTestKafka(): Promise<void> {
  await startBroker({ dataDir: testKafkaDir() });
}
