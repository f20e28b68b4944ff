// The Kafka clients over TLS with SASL/SCRAM against a real broker of this test's own, with a
// SASL_SSL listener (certificate made here with Java's keytool, SCRAM users created when the
// storage is formatted): configured by environment only, events go through and come back; a
// wrong password, an untrusted certificate and bad settings fail clearly. MSK's IAM mechanism
// is checked as far as it goes without AWS: the OAUTHBEARER provider hands kafkajs a token the
// signer made from the credentials in the environment.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startBroker, stopBroker } from "../../../../scripts/lib/kafka-broker.ts";
import { ConfigError } from "../config.ts";
import { KafkaEventConsumer, KafkaPublisher, kafkaClient } from "./kafka.ts";
import { kafkaSecurityFromEnv, kafkaSecurityOptions, mskIamSigner, type KafkaSecurity } from "./kafka-security.ts";
import type { ConsumedEvent } from "./types.ts";

const USER = "ledgerflow-relay";
const PASSWORD = "scram-secret-0123456789";
let dir: string;
let secureBrokers: string;
let caFile: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(process.env.LEDGERFLOW_TEST_RUN_DIR ?? os.tmpdir(), "kafka-sasl-ssl-"));
  const keystore = path.join(dir, "broker.p12");
  const keytool = (args: string[]) => {
    const r = spawnSync("keytool", args, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`keytool ${args[0]} failed: ${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  keytool([
    "-genkeypair",
    "-alias",
    "broker",
    "-keyalg",
    "RSA",
    "-keysize",
    "2048",
    "-validity",
    "2",
    "-dname",
    "CN=127.0.0.1",
    "-ext",
    "SAN=ip:127.0.0.1,dns:localhost",
    "-storetype",
    "PKCS12",
    "-keystore",
    keystore,
    "-storepass",
    "broker-keystore",
    "-keypass",
    "broker-keystore",
  ]);
  caFile = path.join(dir, "ca.pem");
  fs.writeFileSync(caFile, keytool(["-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore, "-storepass", "broker-keystore"]));
  const broker = await startBroker({ dataDir: path.join(dir, "broker"), heapMb: 384, partitions: 1, saslSsl: { keystoreFile: keystore, keystorePassword: "broker-keystore", users: { [USER]: PASSWORD } } });
  secureBrokers = broker.secureBrokers!;
}, 120_000);
afterAll(async () => {
  await stopBroker(path.join(dir, "broker"), { hard: true });
  fs.rmSync(dir, { recursive: true, force: true });
}, 30_000);

const env = (extra: Record<string, string>) => ({ KAFKA_SECURITY_PROTOCOL: "SASL_SSL", KAFKA_SSL_CA_FILE: caFile, KAFKA_SASL_MECHANISM: "SCRAM-SHA-512", KAFKA_SASL_USERNAME: USER, KAFKA_SASL_PASSWORD: PASSWORD, ...extra });

async function roundTrip(security: KafkaSecurity, topic: string): Promise<string[]> {
  const publisher = new KafkaPublisher(kafkaClient(secureBrokers, "sasl-test", security));
  const ids = [crypto.randomUUID(), crypto.randomUUID()];
  try {
    await publisher.publish(ids.map((id) => ({ topic, key: "k", value: new TextEncoder().encode(id), headers: { ce_id: id } })));
  } finally {
    await publisher.close();
  }
  const seen: ConsumedEvent[] = [];
  const consumer = new KafkaEventConsumer(kafkaClient(secureBrokers, "sasl-test", security), { groupId: `sasl-${crypto.randomUUID()}`, topics: [topic] });
  await consumer.start(async (batch) => void seen.push(...batch));
  for (let i = 0; i < 200 && seen.length < ids.length; i++) await Bun.sleep(100);
  await consumer.close();
  expect(seen.map((e) => e.headers.ce_id)).toEqual(ids);
  return ids;
}

test("SASL_SSL with SCRAM-SHA-512 and SCRAM-SHA-256, configured by environment: events go and come back", async () => {
  await roundTrip(kafkaSecurityFromEnv(env({})), "secure.sha512");
  await roundTrip(kafkaSecurityFromEnv(env({ KAFKA_SASL_MECHANISM: "SCRAM-SHA-256" })), "secure.sha256");
}, 120_000);

test("a wrong password and an untrusted certificate are refused", async () => {
  const publish = async (security: KafkaSecurity) => {
    const publisher = new KafkaPublisher(kafkaClient(secureBrokers, "sasl-test", security));
    try {
      await publisher.publish([{ topic: "secure.refused", key: "k", value: new Uint8Array([1]), headers: {} }]);
    } finally {
      await publisher.close().catch(() => undefined);
    }
  };
  await expect(publish(kafkaSecurityFromEnv(env({ KAFKA_SASL_PASSWORD: "wrong-password" })))).rejects.toThrow(/SASL|authenticat/i);
  // Without the CA file the system's CAs are trusted, and they do not know this certificate.
  const { KAFKA_SSL_CA_FILE: _, ...systemCas } = env({});
  await expect(publish(kafkaSecurityFromEnv(systemCas))).rejects.toThrow();
}, 120_000);

test("bad settings stop the start with a message naming the variable", () => {
  const bad: Record<string, string>[] = [
    { KAFKA_SECURITY_PROTOCOL: "SASL_PLAINTEXT" },
    { KAFKA_SECURITY_PROTOCOL: "SASL_SSL", KAFKA_SASL_MECHANISM: "PLAIN" },
    { KAFKA_SECURITY_PROTOCOL: "SASL_SSL", KAFKA_SASL_MECHANISM: "SCRAM-SHA-512", KAFKA_SASL_USERNAME: USER },
    { KAFKA_SECURITY_PROTOCOL: "SASL_SSL", KAFKA_SASL_MECHANISM: "AWS_MSK_IAM" },
    { KAFKA_SASL_MECHANISM: "SCRAM-SHA-512" },
    { KAFKA_SECURITY_PROTOCOL: "SSL", KAFKA_SSL_CA_FILE: path.join(dir, "missing.pem") },
  ];
  for (const e of bad) expect(() => kafkaSecurityFromEnv(e), JSON.stringify(e)).toThrow(ConfigError);
  expect(kafkaSecurityFromEnv({})).toEqual({ protocol: "PLAINTEXT" });
  expect(kafkaSecurityOptions({ protocol: "SSL" })).toEqual({ ssl: true });
});

test("AWS_MSK_IAM: OAUTHBEARER with a token signed from the environment's credentials", async () => {
  const security = kafkaSecurityFromEnv({ KAFKA_SECURITY_PROTOCOL: "SASL_SSL", KAFKA_SASL_MECHANISM: "AWS_MSK_IAM", AWS_REGION: "eu-central-1" });
  const options = kafkaSecurityOptions(security);
  expect(options.ssl).toBe(true);
  const sasl = options.sasl as { mechanism: string; oauthBearerProvider: () => Promise<{ value: string }> };
  expect(sasl.mechanism).toBe("oauthbearer");
  // The signer presigns locally (no network) with whatever credentials the provider chain finds.
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  process.env.AWS_ACCESS_KEY_ID = "AKIDEXAMPLE";
  process.env.AWS_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  try {
    const { value } = await sasl.oauthBearerProvider();
    const url = new URL(Buffer.from(value, "base64url").toString("utf8"));
    expect(url.hostname).toBe("kafka.eu-central-1.amazonaws.com");
    expect(url.searchParams.get("Action")).toBe("kafka-cluster:Connect");
    expect(url.searchParams.get("X-Amz-Credential")).toStartWith("AKIDEXAMPLE/");
    expect((await mskIamSigner("eu-central-1")).expiryTime).toBeGreaterThan(Date.now());
  } finally {
    if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
    else process.env.AWS_ACCESS_KEY_ID = saved.id;
    if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
  }
}, 30_000);
