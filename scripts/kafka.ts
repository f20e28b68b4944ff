// `bun scripts/kafka.ts [port]`: a local single-node Kafka (KRaft) on 127.0.0.1 for development,
// data kept in .data/kafka; Ctrl-C stops it. Then run the platform with
// KAFKA_BROKERS=127.0.0.1:<port> npm start. (Tests start their own brokers.)
import path from "node:path";
import { startKafka } from "./lib/kafka.ts";

const port = Number(process.argv[2] ?? 9092);
const broker = await startKafka({ dataDir: path.resolve(import.meta.dir, "..", ".data", "kafka"), port });
console.log(`Kafka is running: KAFKA_BROKERS=${broker.brokers}  (Ctrl-C stops it)`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    await broker.stop();
    process.exit(0);
  });
}
await new Promise(() => {});
