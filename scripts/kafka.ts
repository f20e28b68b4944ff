// A local single-node Kafka (KRaft) on 127.0.0.1 for development, data kept in .data/kafka.
//
//   bun scripts/kafka.ts start [port]   start it in the background (default port 9092), wait until ready
//   bun scripts/kafka.ts stop           stop it (SIGTERM, then SIGKILL after 20 s)
//   bun scripts/kafka.ts status         print whether it runs, and where
//
// Then run the platform with KAFKA_BROKERS=127.0.0.1:<port>. Tests start their own broker.
import path from "node:path";
import { brokerStatus, startBroker, stopBroker } from "./lib/kafka-broker.ts";

const DATA_DIR = path.resolve(import.meta.dir, "..", ".data", "kafka");
const [command, portArg] = process.argv.slice(2);

switch (command) {
  case "start": {
    const port = portArg === undefined ? 9092 : Number(portArg);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      console.error(`port must be an integer between 1 and 65535, got ${JSON.stringify(portArg)}`);
      process.exit(2);
    }
    const broker = await startBroker({ dataDir: DATA_DIR, port });
    console.log(`Kafka is running (pid ${broker.pid}): KAFKA_BROKERS=${broker.brokers}`);
    break;
  }
  case "stop":
    console.log((await stopBroker(DATA_DIR)) ? "Kafka stopped" : "Kafka was not running");
    break;
  case "status": {
    const s = brokerStatus(DATA_DIR);
    console.log(s.running ? `Kafka is running (pid ${s.pid}): KAFKA_BROKERS=${s.brokers}` : "Kafka is not running");
    process.exit(s.running ? 0 : 3);
    break;
  }
  default:
    console.error("usage: bun scripts/kafka.ts start [port] | stop | status");
    process.exit(2);
}
