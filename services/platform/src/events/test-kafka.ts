// The Kafka broker of the test run (started once by scripts/test.ts), and the means to stop,
// kill and restart it in fault tests.
import { startBroker, stopBroker } from "../../../../scripts/lib/kafka-broker.ts";
import { kafkaClient } from "./kafka.ts";

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

/**
 * Deletes and re-creates the ledger's topics, so a pipeline test starts on empty topics (the
 * broker is shared by the test files of a run, which run one after another).
 */
export async function resetTestTopics(topics: string[], numPartitions = 3): Promise<void> {
  const admin = kafkaClient(testKafkaBrokers(), "test-reset").admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((t) => existing.has(t));
    if (present.length > 0) await admin.deleteTopics({ topics: present, timeout: 10_000 });
    for (let i = 0; i < 100; i++) {
      const left = new Set(await admin.listTopics());
      if (!topics.some((t) => left.has(t))) break;
      await Bun.sleep(100);
    }
    await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions })) });
  } finally {
    await admin.disconnect();
  }
}
