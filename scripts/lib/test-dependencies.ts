// Further real dependencies the test suites need, started once per test run by scripts/test.ts:
// one Apache Kafka broker (KRaft, single node), and Debian's Chromium for the dashboard's
// browser tests. Tests reach the broker through LEDGERFLOW_TEST_KAFKA_BROKERS; fault tests may
// stop, kill -9 and restart it through scripts/lib/kafka-broker.ts with LEDGERFLOW_TEST_KAFKA_DIR
// (its data directory). LEDGERFLOW_TEST_KAFKA=off skips the broker (suites that need it then
// fail with a clear message). The browser is LEDGERFLOW_TEST_CHROMIUM.
import path from "node:path";
import { debianTool } from "./system-deps.ts";
import { startBroker, stopBroker } from "./kafka-broker.ts";

export interface StartedDependency {
  name: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startTestDependencies(options: { root: string; runDir: string }): Promise<StartedDependency[]> {
  const chromium: StartedDependency = { name: "chromium", env: { LEDGERFLOW_TEST_CHROMIUM: debianTool("chromium") }, stop: async () => {} };
  if (process.env.LEDGERFLOW_TEST_KAFKA === "off") return [chromium];
  const dataDir = path.join(options.runDir, "kafka");
  const started = performance.now();
  const broker = await startBroker({ dataDir, heapMb: 512, partitions: 3 });
  console.log(`kafka: ${broker.brokers} ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return [
    chromium,
    {
      name: "kafka",
      env: { LEDGERFLOW_TEST_KAFKA_BROKERS: broker.brokers, LEDGERFLOW_TEST_KAFKA_DIR: dataDir },
      stop: async () => {
        await stopBroker(dataDir, { hard: true });
      },
    },
  ];
}
