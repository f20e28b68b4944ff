// How the Kafka clients authenticate and encrypt, from the environment (validated when the first
// client is made, i.e. at start): PLAINTEXT for local brokers; SSL (TLS, optionally with a CA
// file); SASL_SSL with SCRAM-SHA-512/256 (user and password) or AWS IAM (MSK's
// OAUTHBEARER, tokens signed from the pod's role credentials, e.g. IRSA).
//   KAFKA_SECURITY_PROTOCOL  PLAINTEXT (default) | SSL | SASL_SSL
//   KAFKA_SSL_CA_FILE        PEM bundle to trust instead of the system's CAs (optional)
//   KAFKA_SASL_MECHANISM     SCRAM-SHA-512 | SCRAM-SHA-256 | AWS_MSK_IAM (SASL_SSL only)
//   KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD  for SCRAM
//   AWS_REGION               for AWS_MSK_IAM (credentials from the default provider chain)
import fs from "node:fs";
import type { KafkaConfig, SASLOptions } from "kafkajs";
import { ConfigError } from "../config.ts";

export type KafkaSecurity =
  | { protocol: "PLAINTEXT" }
  | { protocol: "SSL"; caPem?: string }
  | { protocol: "SASL_SSL"; caPem?: string; sasl: { mechanism: "scram-sha-512" | "scram-sha-256"; username: string; password: string } | { mechanism: "aws-msk-iam"; region: string } };

/** Signs an MSK IAM token; swappable so tests need no AWS account. */
export type IamTokenSigner = (region: string) => Promise<{ token: string; expiryTime: number }>;

const PROTOCOLS = ["PLAINTEXT", "SSL", "SASL_SSL"] as const;
const MECHANISMS = { "SCRAM-SHA-512": "scram-sha-512", "SCRAM-SHA-256": "scram-sha-256", AWS_MSK_IAM: "aws-msk-iam" } as const;

export function kafkaSecurityFromEnv(env: Record<string, string | undefined>): KafkaSecurity {
  const protocol = (env.KAFKA_SECURITY_PROTOCOL || "PLAINTEXT").toUpperCase();
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) throw new ConfigError(`KAFKA_SECURITY_PROTOCOL must be one of ${PROTOCOLS.join(", ")}, got ${JSON.stringify(env.KAFKA_SECURITY_PROTOCOL)}`);
  if (protocol !== "SASL_SSL" && env.KAFKA_SASL_MECHANISM) throw new ConfigError("KAFKA_SASL_MECHANISM needs KAFKA_SECURITY_PROTOCOL=SASL_SSL");
  if (protocol === "PLAINTEXT") {
    if (env.KAFKA_SSL_CA_FILE) throw new ConfigError("KAFKA_SSL_CA_FILE needs KAFKA_SECURITY_PROTOCOL=SSL or SASL_SSL");
    return { protocol: "PLAINTEXT" };
  }
  let caPem: string | undefined;
  if (env.KAFKA_SSL_CA_FILE) {
    try {
      caPem = fs.readFileSync(env.KAFKA_SSL_CA_FILE, "utf8");
    } catch (error) {
      throw new ConfigError(`KAFKA_SSL_CA_FILE: cannot read ${env.KAFKA_SSL_CA_FILE}: ${(error as Error).message}`);
    }
    if (!caPem.includes("-----BEGIN CERTIFICATE-----")) throw new ConfigError(`KAFKA_SSL_CA_FILE: ${env.KAFKA_SSL_CA_FILE} holds no PEM certificate`);
  }
  if (protocol === "SSL") return { protocol: "SSL", caPem };
  const name = (env.KAFKA_SASL_MECHANISM ?? "").toUpperCase();
  const mechanism = MECHANISMS[name as keyof typeof MECHANISMS];
  if (!mechanism) throw new ConfigError(`KAFKA_SASL_MECHANISM must be one of ${Object.keys(MECHANISMS).join(", ")} with SASL_SSL, got ${JSON.stringify(env.KAFKA_SASL_MECHANISM)}`);
  if (mechanism === "aws-msk-iam") {
    if (!env.AWS_REGION) throw new ConfigError("AWS_MSK_IAM needs AWS_REGION");
    return { protocol: "SASL_SSL", caPem, sasl: { mechanism, region: env.AWS_REGION } };
  }
  if (!env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD) throw new ConfigError(`${name} needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD`);
  return { protocol: "SASL_SSL", caPem, sasl: { mechanism, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD } };
}

/** The MSK IAM signer of aws-msk-iam-sasl-signer-js, loaded only when IAM is configured. */
export const mskIamSigner: IamTokenSigner = async (region) => {
  const { generateAuthToken } = await import("aws-msk-iam-sasl-signer-js");
  return generateAuthToken({ region });
};

/** The ssl and sasl options of kafkajs for `security`. */
export function kafkaSecurityOptions(security: KafkaSecurity, signer: IamTokenSigner = mskIamSigner): Pick<KafkaConfig, "ssl" | "sasl"> {
  if (security.protocol === "PLAINTEXT") return {};
  const ssl = security.caPem ? { ca: [security.caPem], rejectUnauthorized: true } : true;
  if (security.protocol === "SSL") return { ssl };
  const s = security.sasl;
  const sasl: SASLOptions = s.mechanism === "aws-msk-iam" ? { mechanism: "oauthbearer", oauthBearerProvider: async () => ({ value: (await signer(s.region)).token }) } : { mechanism: s.mechanism, username: s.username, password: s.password };
  return { ssl, sasl };
}
