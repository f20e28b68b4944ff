// A real single-node Apache Kafka broker (KRaft, combined broker + controller) on 127.0.0.1 for
// tests, benchmarks and local runs, without Docker. The broker's jars come from Maven Central
// through `mvn dependency:copy-dependencies` on a small generated pom (cached under
// .cache/kafka/<version>, fetched once), and run on the machine's Java.
//
// A broker is its data directory: `broker.json` there records its ports and `broker.pid` its
// process, so any process (a test that kills it, `bun scripts/kafka.ts stop`) can stop, kill -9
// or restart the broker that another process started, on the same ports and data.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { Kafka, logLevel } from "@ledgerflow/platform/events";

export const KAFKA_VERSION = "3.9.1";
const SLF4J_VERSION = "1.7.36";
const ROOT = path.resolve(import.meta.dir, "../..");
const CACHE_DIR = path.join(ROOT, ".cache", "kafka", KAFKA_VERSION);
const LIBS_DIR = path.join(CACHE_DIR, "libs");
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

export interface BrokerOptions {
  dataDir: string;
  /** The client port; a free one when omitted (and remembered for restarts). */
  port?: number;
  heapMb?: number;
  /** Partitions of topics created with broker defaults. */
  partitions?: number;
  /**
   * An extra SASL_SSL listener (TLS with the PKCS12 keystore, SCRAM-SHA-512 and -256 for the
   * given users, created when the storage is formatted) beside the PLAINTEXT one.
   */
  saslSsl?: { keystoreFile: string; keystorePassword: string; users: Record<string, string> };
}

export interface BrokerInfo {
  brokers: string;
  /** host:port of the SASL_SSL listener, when one was asked for. */
  secureBrokers?: string;
  port: number;
  controllerPort: number;
  dataDir: string;
  pid: number;
}

/** Downloads the broker's jars once; later calls find them in the cache. */
export function ensureKafkaJars(): string {
  const marker = path.join(LIBS_DIR, `kafka_2.13-${KAFKA_VERSION}.jar`);
  if (fs.existsSync(marker)) return LIBS_DIR;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const pom = path.join(CACHE_DIR, "pom.xml");
  fs.writeFileSync(
    pom,
    `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>ledgerflow.local</groupId>
  <artifactId>kafka-broker</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-storage</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>${SLF4J_VERSION}</version></dependency>
  </dependencies>
</project>
`,
  );
  const args = ["-q", "-B", "-f", pom, "dependency:copy-dependencies", `-DoutputDirectory=${LIBS_DIR}`, "-DincludeScope=runtime"];
  const result = spawnSync("mvn", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (result.status !== 0) throw new Error(`fetching the Kafka jars failed:\n${result.stdout}\n${result.stderr}`);
  if (!fs.existsSync(marker)) throw new Error(`mvn succeeded but ${marker} is missing`);
  return LIBS_DIR;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

const files = (dataDir: string) => ({
  info: path.join(dataDir, "broker.json"),
  pid: path.join(dataDir, "broker.pid"),
  config: path.join(dataDir, "server.properties"),
  log4j: path.join(dataDir, "log4j.properties"),
  log: path.join(dataDir, "broker.log"),
  logs: path.join(dataDir, "logs"),
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(dataDir: string): number | undefined {
  const file = files(dataDir).pid;
  if (!fs.existsSync(file)) return undefined;
  const pid = Number(fs.readFileSync(file, "utf8").trim());
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

/** Ports chosen at first start are kept, so a restarted broker is where its clients expect it. */
async function loadOrChoosePorts(o: BrokerOptions): Promise<{ port: number; controllerPort: number; securePort?: number }> {
  const f = files(o.dataDir);
  if (fs.existsSync(f.info)) {
    const saved = JSON.parse(fs.readFileSync(f.info, "utf8")) as { port: number; controllerPort: number; securePort?: number };
    if ((o.port === undefined || o.port === saved.port) && (o.saslSsl === undefined) === (saved.securePort === undefined)) return saved;
  }
  const ports = { port: o.port ?? (await freePort()), controllerPort: await freePort(), securePort: o.saslSsl ? await freePort() : undefined };
  fs.writeFileSync(f.info, JSON.stringify(ports));
  return ports;
}

function writeConfig(dataDir: string, port: number, controllerPort: number, partitions: number, secure?: { port: number; keystoreFile: string; keystorePassword: string }): void {
  const f = files(dataDir);
  const extra = secure ? `,SASL_SSL://127.0.0.1:${secure.port}` : "";
  const scram = (m: string) => `listener.name.sasl_ssl.${m}.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;`;
  fs.writeFileSync(
    f.config,
    [
      "process.roles=broker,controller",
      "node.id=1",
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}${extra}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}${extra}`,
      "controller.listener.names=CONTROLLER",
      `listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT${secure ? ",SASL_SSL:SASL_SSL" : ""}`,
      ...(secure
        ? [
            "sasl.enabled.mechanisms=SCRAM-SHA-512,SCRAM-SHA-256",
            scram("scram-sha-512"),
            scram("scram-sha-256"),
            "ssl.keystore.type=PKCS12",
            `ssl.keystore.location=${secure.keystoreFile}`,
            `ssl.keystore.password=${secure.keystorePassword}`,
            `ssl.key.password=${secure.keystorePassword}`,
          ]
        : []),
      "inter.broker.listener.name=PLAINTEXT",
      `log.dirs=${f.logs}`,
      `num.partitions=${partitions}`,
      "default.replication.factor=1",
      "min.insync.replicas=1",
      "offsets.topic.replication.factor=1",
      "offsets.topic.num.partitions=3",
      "transaction.state.log.replication.factor=1",
      "transaction.state.log.min.isr=1",
      "group.initial.rebalance.delay.ms=0",
      "auto.create.topics.enable=true",
      "log.retention.hours=24",
      "",
    ].join("\n"),
  );
  fs.writeFileSync(
    f.log4j,
    [
      "log4j.rootLogger=WARN, file",
      "log4j.appender.file=org.apache.log4j.FileAppender",
      `log4j.appender.file.File=${f.log}`,
      "log4j.appender.file.layout=org.apache.log4j.PatternLayout",
      "log4j.appender.file.layout.ConversionPattern=[%d] %p %c - %m%n",
      "",
    ].join("\n"),
  );
}

function javaArgs(dataDir: string, heapMb: number): string[] {
  const f = files(dataDir);
  return [`-Xms${Math.min(256, heapMb)}m`, `-Xmx${heapMb}m`, "-XX:+UseSerialGC", "-Djava.awt.headless=true", `-Dlog4j.configuration=file:${f.log4j}`, "-cp", `${ensureKafkaJars()}/*`];
}

/** Waits until the broker answers metadata requests (a listening port is not enough). */
async function waitReady(brokers: string, pid: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  const kafka = new Kafka({ clientId: "ledgerflow-broker-probe", brokers: [brokers], connectionTimeout: 1_000, requestTimeout: 3_000, retry: { retries: 0 }, logLevel: logLevel.NOTHING });
  while (Date.now() < until) {
    if (!isAlive(pid)) throw new Error("the Kafka broker exited during start-up (see broker.log in its data directory)");
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.controller !== null && cluster.brokers.length > 0) return;
    } catch {
      // Not ready yet.
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await Bun.sleep(250);
  }
  throw new Error(`the Kafka broker at ${brokers} was not ready within ${timeoutMs} ms`);
}

/**
 * Starts the broker of `dataDir` (formatting KRaft storage on first use) as a detached process,
 * and waits until it is ready. Idempotent: a broker already running there is returned as is.
 */
export async function startBroker(o: BrokerOptions): Promise<BrokerInfo> {
  const dataDir = path.resolve(o.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const f = files(dataDir);
  const { port, controllerPort, securePort } = await loadOrChoosePorts({ ...o, dataDir });
  const secureBrokers = securePort ? `127.0.0.1:${securePort}` : undefined;
  const brokers = `127.0.0.1:${port}`;
  const running = readPid(dataDir);
  if (running !== undefined) {
    await waitReady(brokers, running, READY_TIMEOUT_MS);
    return { brokers, secureBrokers, port, controllerPort, dataDir, pid: running };
  }
  writeConfig(dataDir, port, controllerPort, o.partitions ?? 3, o.saslSsl && securePort ? { port: securePort, ...o.saslSsl } : undefined);
  const java = javaArgs(dataDir, o.heapMb ?? 512);
  if (!fs.existsSync(path.join(f.logs, "meta.properties"))) {
    const scramUsers = Object.entries(o.saslSsl?.users ?? {}).flatMap(([name, password]) => ["SCRAM-SHA-512", "SCRAM-SHA-256"].flatMap((m) => ["--add-scram", `${m}=[name=${name},password=${password}]`]));
    const format = spawnSync("java", [...java, "kafka.tools.StorageTool", "format", "-t", "ledgerflow-local-cluster-0001", "-c", f.config, ...scramUsers], { encoding: "utf8" });
    if (format.status !== 0) throw new Error(`formatting KRaft storage failed: ${format.stderr}${format.stdout}`);
  }
  const out = fs.openSync(f.log, "a");
  const child = spawn("java", [...java, "kafka.Kafka", f.config], { detached: true, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  child.unref();
  if (child.pid === undefined) throw new Error("could not start java");
  fs.writeFileSync(f.pid, String(child.pid));
  await waitReady(brokers, child.pid, READY_TIMEOUT_MS);
  return { brokers, secureBrokers, port, controllerPort, dataDir, pid: child.pid };
}

/** Stops the broker of `dataDir` (SIGTERM, or SIGKILL when `hard`), keeping its data. */
export async function stopBroker(dataDir: string, options: { hard?: boolean } = {}): Promise<boolean> {
  const pid = readPid(path.resolve(dataDir));
  if (pid === undefined) return false;
  process.kill(pid, options.hard ? "SIGKILL" : "SIGTERM");
  const until = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid)) {
    if (Date.now() > until) process.kill(pid, "SIGKILL");
    await Bun.sleep(50);
  }
  fs.rmSync(files(dataDir).pid, { force: true });
  return true;
}

export function brokerStatus(dataDir: string): { running: boolean; pid?: number; brokers?: string } {
  const f = files(path.resolve(dataDir));
  const pid = readPid(dataDir);
  if (!fs.existsSync(f.info)) return { running: false };
  const { port } = JSON.parse(fs.readFileSync(f.info, "utf8")) as { port: number };
  return { running: pid !== undefined, pid, brokers: `127.0.0.1:${port}` };
}
