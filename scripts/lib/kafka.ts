// A real single-node Apache Kafka broker (KRaft, combined broker + controller) on 127.0.0.1,
// for tests, benchmarks and local runs. The broker's jars come from Maven Central through
// `mvn dependency:copy-dependencies` (cached under .cache/kafka), and run on the machine's Java.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const KAFKA_VERSION = "3.9.1";
const ROOT = path.resolve(import.meta.dir, "../..");
const CACHE = path.join(ROOT, ".cache", "kafka", KAFKA_VERSION);
const LIBS = path.join(CACHE, "libs");

/** Downloads the broker's jars once (idempotent). */
export function ensureKafkaJars(): string {
  if (fs.existsSync(path.join(LIBS, `kafka_2.13-${KAFKA_VERSION}.jar`))) return LIBS;
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(path.join(CACHE, "pom.xml"), `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>ledgerflow.local</groupId>
  <artifactId>kafka-broker</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-storage</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
`);
  const result = spawnSync("mvn", ["-q", "-B", "-f", path.join(CACHE, "pom.xml"), "dependency:copy-dependencies", `-DoutputDirectory=${LIBS}`, "-DincludeScope=runtime"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (result.status !== 0) throw new Error(`fetching Kafka jars failed:\n${result.stdout}\n${result.stderr}`);
  return LIBS;
}

export interface KafkaBroker {
  brokers: string;
  port: number;
  dataDir: string;
  /** Stops the broker (SIGTERM, or SIGKILL when `hard`), keeping its data. */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again on the same port and data. */
  restart(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number, alive: () => boolean): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!alive()) throw new Error("the Kafka broker exited during start-up");
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => { socket.destroy(); resolve(true); });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    await Bun.sleep(200);
  }
  throw new Error(`the Kafka broker did not listen on ${port} within ${timeoutMs} ms`);
}

export async function startKafka(options: { dataDir: string; port?: number; heapMb?: number }): Promise<KafkaBroker> {
  const libs = ensureKafkaJars();
  const port = options.port ?? (await freePort());
  const controllerPort = await freePort();
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const config = path.join(dataDir, "server.properties");
  fs.writeFileSync(config, [
    "process.roles=broker,controller",
    "node.id=1",
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    "controller.listener.names=CONTROLLER",
    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
    "inter.broker.listener.name=PLAINTEXT",
    `log.dirs=${path.join(dataDir, "logs")}`,
    "num.partitions=3",
    "offsets.topic.replication.factor=1",
    "transaction.state.log.replication.factor=1",
    "transaction.state.log.min.isr=1",
    "group.initial.rebalance.delay.ms=0",
    "auto.create.topics.enable=true",
    "log.retention.hours=24",
  ].join("\n") + "\n");
  const log4j = path.join(dataDir, "log4j.properties");
  fs.writeFileSync(log4j, "log4j.rootLogger=WARN, stderr\nlog4j.appender.stderr=org.apache.log4j.ConsoleAppender\nlog4j.appender.stderr.Target=System.err\nlog4j.appender.stderr.layout=org.apache.log4j.PatternLayout\nlog4j.appender.stderr.layout.ConversionPattern=[kafka] %p %m%n\n");
  const classpath = `${libs}/*`;
  const java = ["-Xms256m", `-Xmx${options.heapMb ?? 512}m`, "-XX:+UseSerialGC", `-Dlog4j.configuration=file:${log4j}`, "-cp", classpath];
  if (!fs.existsSync(path.join(dataDir, "logs", "meta.properties"))) {
    const format = spawnSync("java", [...java, "kafka.tools.StorageTool", "format", "-t", "ledgerflow-local-cluster-0001", "-c", config], { encoding: "utf8" });
    if (format.status !== 0) throw new Error(`formatting KRaft storage failed: ${format.stderr}${format.stdout}`);
  }
  let child: ChildProcess;
  const launch = async () => {
    child = spawn("java", [...java, "kafka.Kafka", config], { stdio: ["ignore", "ignore", "pipe"] });
    child.stderr!.on("data", (chunk: Buffer) => {
      if (process.env.KAFKA_LOG) process.stderr.write(chunk);
    });
    await waitForPort(port, 60_000, () => child.exitCode === null);
  };
  await launch();
  const broker: KafkaBroker = {
    brokers: `127.0.0.1:${port}`,
    port,
    dataDir,
    async stop(hard = false) {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill(hard ? "SIGKILL" : "SIGTERM");
      await Promise.race([exited, Bun.sleep(20_000).then(() => child.kill("SIGKILL"))]);
    },
    async restart() {
      await launch();
    },
  };
  return broker;
}
