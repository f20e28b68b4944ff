// Terraform without providers or network: HCL parsed by terraform/wiring (formatting, types and
// descriptions, module inputs and outputs), `terraform fmt -check` where terraform is installed,
// and the platform's requirements on the roots and modules.
import { beforeAll, describe, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureInfraTools, type InfraTools } from "../scripts/infra-tools.ts";
import { INSTALL_TIMEOUT_MS, ROOT, run } from "../k8s/testing/tools.ts";

const TF = path.join(ROOT, "terraform");
const MODULES = ["eks", "iam", "msk", "rds", "secrets", "security-groups", "vpc"];
const ENVS = ["dev", "prod"];
/** The one root module, applied once per environment with its <env>.tfvars and <env>.s3.tfbackend. */
const ROOT_DIR = "live";
/** Required inputs that belong to the operator's account, set in <env>.local.tfvars (not committed). */
const OPERATOR_INPUTS = ["oidc_issuer"];
const SERVICES = ["ledger", "relay", "projector", "billing", "admin-api"];

interface Module {
  dir: string;
  varFiles: Record<string, Record<string, string>>;
  backendFiles: Record<string, Record<string, string>>;
  variables: Record<string, { type?: string; description?: string; hasDefault: boolean }>;
  outputs: Record<string, { description?: string }>;
  moduleCalls: Record<string, { source: string; inputs: string[] }>;
  requiredVersion?: string;
  requiredProviders: Record<string, { source: string; version: string }>;
  backend?: { type: string; attributes: Record<string, string> };
  resources: string[];
}

let tools: InfraTools;
let modules: Map<string, Module>;

function tfCheck(dir: string) {
  const result = run(tools.tfCheck, [dir]);
  const report = JSON.parse(result.stdout) as { modules: Module[]; problems: string[] };
  return { status: result.status, report };
}

const read = (file: string) => fs.readFileSync(path.join(TF, file), "utf8");

/** local.service_tokens of a root: per secret, the key of the accepted list and each caller's key. */
function serviceTokens(main: string): Record<string, { accepted: string; callers: Record<string, string> }> {
  const entries = main.matchAll(/^ {4}([a-z0-9-]+)\s+= \{ description = "[^"]*", accepted_key = "([A-Z0-9_]+)", callers = \{ ([^}]*) \} \}/gm);
  return Object.fromEntries(
    [...entries].map((m) => [
      m[1],
      {
        accepted: m[2]!,
        callers: Object.fromEntries([...m[3]!.matchAll(/([a-z0-9-]+)\s*= "([A-Z0-9_]+)"/g)].map((c) => [c[1], c[2]])),
      },
    ]),
  );
}

/** Each workload's block in the root's module "iam" call, by workload name. */
function workloadBlocks(main: string): Record<string, string> {
  const workloads = /workloads = \{([\s\S]*?)\n {2}\}\n\}/.exec(main)![1]!;
  return Object.fromEntries([...workloads.matchAll(/^ {4}([a-z-]+) = \{\n([\s\S]*?)^ {4}\}/gm)].map((m) => [m[1], m[2]!]));
}

/** A variable's value in an environment: its <env>.tfvars, else the root's default. */
function tfVariable(env: string, name: string): string {
  const set = modules.get(ROOT_DIR)!.varFiles[`${env}.tfvars`]?.[name];
  if (set !== undefined) return set;
  return new RegExp(`variable "${name}" \\{[\\s\\S]*?default\\s+= "([^"]+)"`).exec(read(`${ROOT_DIR}/variables.tf`))![1]!;
}

beforeAll(() => {
  tools = ensureInfraTools();
  const { report } = tfCheck(TF);
  modules = new Map(report.modules.map((m) => [m.dir, m]));
}, INSTALL_TIMEOUT_MS);

test("HCL is formatted, typed, described and wired (tf-check)", () => {
  const { status, report } = tfCheck(TF);
  expect(report.problems).toEqual([]);
  expect(status).toBe(0);
  expect([...modules.keys()].sort()).toEqual([ROOT_DIR, ...MODULES.map((m) => `modules/${m}`)].sort());
});

test("terraform fmt -check agrees, where terraform is installed", () => {
  if (!tools.terraform) {
    console.log("terraform not installed: formatting checked by tf-check (the same HCL formatter) only");
    return;
  }
  const result = run(tools.terraform, ["fmt", "-check", "-recursive", "-diff", TF]);
  expect(result.stdout).toBe("");
  expect(result.status).toBe(0);
});

describe("tf-check catches", () => {
  const cases: [string, (dir: string) => void, string][] = [
    ["an input the module does not declare", (d) => edit(d, "live/main.tf", "single_nat_gateway = var.single_nat_gateway", "single_nat_gatway  = var.single_nat_gateway"), 'passes "single_nat_gatway"'],
    ["a missing required input", (d) => edit(d, "live/main.tf", "  instance_class        = var.rds_instance_class\n", ""), 'does not pass required variable "instance_class"'],
    ["an output the module does not declare", (d) => edit(d, "live/outputs.tf", "module.eks.cluster_name", "module.eks.name"), "module.eks.name: ../modules/eks declares no such output"],
    ["a variable file setting an undeclared variable", (d) => edit(d, "live/prod.tfvars", "kafka_partitions         = 12", "kafka_partition          = 12"), 'prod.tfvars sets "kafka_partition", which the module does not declare'],
    ["an unformatted variable file", (d) => edit(d, "live/dev.tfvars", "kafka_partitions         = 6", "kafka_partitions = 6"), "dev.tfvars: not in canonical format"],
    ["an unformatted backend file", (d) => edit(d, "live/dev.s3.tfbackend", 'key = "', 'key  = "'), "dev.s3.tfbackend: not in canonical format"],
    ["an undeclared variable", (d) => edit(d, "modules/vpc/main.tf", "var.single_nat_gateway ? 1", "var.one_nat ? 1"), "var.one_nat is not declared"],
    ["a variable without a description", (d) => edit(d, "modules/msk/variables.tf", '  description = "Name of the MSK cluster."\n', ""), 'variable "name" has no description'],
    ["a variable without a type", (d) => edit(d, "modules/rds/variables.tf", '  type        = bool\n  description = "Keep a synchronous', '  description = "Keep a synchronous'), 'variable "multi_az" has no type'],
    ["an output without a description", (d) => edit(d, "modules/iam/outputs.tf", '  description = "IRSA role ARN for External Secrets Operator\'s controller."\n', ""), 'output "external_secrets_role_arn" has no description'],
    [
      "unformatted HCL",
      (d) => edit(d, "modules/secrets/main.tf", "  for_each                = merge(var.secrets, local.token_secrets, var.passwords)", "  for_each = merge(var.secrets, local.token_secrets, var.passwords)"),
      "not in canonical format",
    ],
  ];

  function edit(dir: string, file: string, from: string, to: string): void {
    const target = path.join(dir, file);
    const text = fs.readFileSync(target, "utf8");
    if (!text.includes(from)) throw new Error(`${file} no longer contains ${JSON.stringify(from)}: update the test`);
    fs.writeFileSync(target, text.replace(from, to));
  }

  test.each(cases)("%s", (_name, breakIt, message) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledgerflow-tf-"));
    try {
      fs.cpSync(TF, dir, { recursive: true, filter: (source) => !source.includes(".terraform") });
      breakIt(dir);
      const { status, report } = tfCheck(dir);
      expect(status).toBe(1);
      expect(report.problems.join("\n")).toContain(message);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the root (terraform/live)", () => {
  const root = () => modules.get(ROOT_DIR)!;

  test("pins Terraform and the AWS provider", () => {
    expect(root().requiredVersion).toMatch(/>= 1\.1\d/);
    expect(root().requiredProviders.aws).toEqual({ source: "hashicorp/aws", version: expect.stringMatching(/^(~>|=)\s*\d+\.\d+/) });
  });

  test("keeps state in S3 with native locking and encryption, without committed bucket names", () => {
    const backend = root().backend!;
    expect(backend.type).toBe("s3");
    expect(backend.attributes.use_lockfile).toBe("true");
    expect(backend.attributes.encrypt).toBe("true");
    // The key is per environment (its .tfbackend file); bucket and region are the operator's.
    expect(backend.attributes.key).toBeUndefined();
    expect(backend.attributes.bucket).toBeUndefined();
    expect(backend.attributes.dynamodb_table).toBeUndefined();
  });

  test("has exactly one variable file and one backend file per environment, and nothing else environment-specific", () => {
    expect(Object.keys(root().varFiles).sort()).toEqual(ENVS.map((e) => `${e}.tfvars`).sort());
    expect(Object.keys(root().backendFiles).sort()).toEqual(ENVS.map((e) => `${e}.s3.tfbackend`).sort());
    const files = fs
      .readdirSync(path.join(TF, ROOT_DIR))
      .filter((f) => !f.startsWith("."))
      .sort();
    expect(files).toEqual(["dev.s3.tfbackend", "dev.tfvars", "local.tfvars.example", "main.tf", "outputs.tf", "prod.s3.tfbackend", "prod.tfvars", "variables.tf", "versions.tf"]);
  });

  test("describes every variable and output", () => {
    for (const [name, v] of Object.entries(root().variables)) expect(v.description?.trim(), name).toBeTruthy();
    for (const [name, o] of Object.entries(root().outputs)) expect(o.description?.trim(), name).toBeTruthy();
  });

  test("uses every module", () => {
    const sources = Object.values(root().moduleCalls)
      .map((c) => c.source)
      .sort();
    expect(sources).toEqual(MODULES.map((m) => `../modules/${m}`).sort());
  });

  test("creates exactly the secrets, with the keys, that the ExternalSecrets read", () => {
    const main = read(`${ROOT_DIR}/main.tf`);
    // The operator's secrets and the generated passwords share one line format.
    const declared = Object.fromEntries(
      [...main.matchAll(/^ {4}([a-z0-9-]+)\s+= \{ description = "[^"]*", keys = \[([^\]]*)\] \}/gm)].map((m) => [
        m[1],
        m[2]!
          .split(",")
          .map((k) => k.trim().replace(/"/g, ""))
          .sort(),
      ]),
    );
    // The generated token secrets hold the accepted list and each caller's own token.
    for (const [name, tokens] of Object.entries(serviceTokens(main))) declared[name] = [tokens.accepted, ...Object.values(tokens.callers)].sort();
    const external: Record<string, string[]> = {};
    // Secrets read by a key that the deploy settings replace (the RDS master user's), by reader.
    const other: Record<string, string[]> = {};
    for (const dir of ["k8s/base", "k8s/observability"]) {
      for (const file of fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yaml"))) {
        for (const doc of [Bun.YAML.parse(fs.readFileSync(path.join(ROOT, dir, file), "utf8"))].flat() as any[]) {
          if (doc?.kind !== "ExternalSecret") continue;
          for (const d of doc.spec.data) {
            const key: string = d.remoteRef.key;
            if (!key.startsWith("ledgerflow/")) {
              other[`${doc.metadata.name}:${key}`] = [...(other[`${doc.metadata.name}:${key}`] ?? []), d.remoteRef.property].sort();
              continue;
            }
            const name = key.replace(/^ledgerflow\//, "");
            external[name] = [...(external[name] ?? []), d.remoteRef.property];
          }
        }
      }
    }
    // A key may have several readers (the migration step reads every service's password).
    for (const [name, keys] of Object.entries(external)) external[name] = [...new Set(keys)].sort();
    expect(declared).toEqual(external);
    // Only the migration step reads the RDS master user's secret, named by the deploy settings.
    expect(other).toEqual({ "ledger-migrate-secrets:RDS_MASTER_USER_SECRET_ARN": ["password", "username"] });
    expect(read(`${ROOT_DIR}/outputs.tf`)).toContain('"RDS_MASTER_USER_SECRET_ARN=${module.rds.master_user_secret_arn}"');
  });

  test("generates each service role's database password into ledgerflow/database, and keeps no database URL in a secret", async () => {
    const main = read(`${ROOT_DIR}/main.tf`);
    const { SERVICES: ROLE_SERVICES } = await import("@ledgerflow/platform/db");
    const passwords = /^ {2}passwords = \{\n {4}database = \{ description = "[^"]+", keys = \[([^\]]*)\] \}\n {2}\}$/m.exec(main);
    expect(passwords, "local.passwords holds the one secret `database`").not.toBeNull();
    const keys = passwords![1]!.split(",").map((k) => k.trim().replace(/"/g, ""));
    // The keys the migration step reads (serviceLoginsFromEnv): one per service role.
    expect(keys.sort()).toEqual(ROLE_SERVICES.map((service) => `DB_PASSWORD_${service.toUpperCase()}`).sort());
    const call = /module "secrets" \{([\s\S]*?)\n\}/.exec(main)![1]!;
    expect(call).toMatch(/^ {2}passwords\s+= local\.passwords$/m);
    expect(call).toMatch(/^ {2}passwords_version\s+= var\.db_passwords_version$/m);
    const version = modules.get(ROOT_DIR)!.variables.db_passwords_version!;
    expect(version.type).toBe("number");
    expect(version.hasDefault).toBe(true);
    // A service's values are its own password's rendering, no secret of its own holds a URL.
    expect(main).not.toContain("DATABASE_URL");
    for (const service of ["ledger", "relay", "projector", "billing"]) expect(main, service).not.toMatch(new RegExp(`^ {4}${service}\\s+= \\{ description`, "m"));
  });
  test("generates the service tokens, the callee's list and each caller's copy, without putting them in the state", () => {
    const tokens = serviceTokens(read(`${ROOT_DIR}/main.tf`));
    expect(Object.keys(tokens).sort()).toEqual(["billing-auth", "ledger-auth"]);
    for (const { accepted, callers } of Object.values(tokens)) {
      const callee = /^([A-Z]+)_AUTH_TOKENS$/.exec(accepted)![1];
      for (const [caller, key] of Object.entries(callers)) expect(key).toBe(`${caller.toUpperCase().replace(/-/g, "_")}_${callee}_TOKEN`);
    }
    expect(tokens["ledger-auth"]!.accepted).toBe("LEDGER_AUTH_TOKENS");
    expect(Object.keys(tokens["ledger-auth"]!.callers).sort()).toEqual(["admin-api", "billing"]);
    expect(Object.keys(tokens["billing-auth"]!.callers)).toEqual(["admin-api"]);
    expect(root().moduleCalls.secrets!.inputs).toContain("service_tokens");
  });

  test("consumers use the consumer group their IAM role grants", async () => {
    const main = read(`${ROOT_DIR}/main.tf`);
    const defaults: Record<string, [string, string]> = {
      projector: ["PROJECTOR_GROUP", (await import("@ledgerflow/projector/app")).PROJECTOR_DEFAULTS.groupId],
      billing: ["BILLING_GROUP", (await import("@ledgerflow/billing/config")).BILLING_DEFAULTS.groupId],
    };
    for (const [workload, [variable, fallback]] of Object.entries(defaults)) {
      const granted = new RegExp(`^    ${workload} = \\{[\\s\\S]*?consumer_group = "([^"]+)"`, "m").exec(main)?.[1];
      const config = Bun.YAML.parse(fs.readFileSync(path.join(ROOT, "k8s/base", workload, "configmap.yaml"), "utf8")) as { data: Record<string, string> };
      expect(config.data[variable] ?? fallback, workload).toBe(granted!);
    }
  });
});

describe.each(ENVS)("environment %s", (env) => {
  const root = () => modules.get(ROOT_DIR)!;
  const vars = () => root().varFiles[`${env}.tfvars`]!;

  test("its variable file names it and sets every input without a default, except the operator's own", () => {
    expect(vars().environment).toBe(env);
    const required = Object.entries(root().variables)
      .filter(([, v]) => !v.hasDefault)
      .map(([name]) => name);
    expect(Object.keys(vars()).sort()).toEqual(required.filter((name) => !OPERATOR_INPUTS.includes(name)).sort());
  });

  test("its state has a key of its own in the S3 backend", () => {
    expect(root().backendFiles[`${env}.s3.tfbackend`]).toEqual({ key: `ledgerflow/${env}/terraform.tfstate` });
  });

  test("gives every workload an IRSA role, and Kubernetes its deploy settings", () => {
    const names = Object.keys(workloadBlocks(read(`${ROOT_DIR}/main.tf`))).sort();
    expect(names).toEqual([...SERVICES].sort());
    // Keys of deploy-settings.env that the kustomize overlay of this environment reads.
    const settings = fs
      .readFileSync(path.join(ROOT, "k8s/overlays", env, "deploy-settings.env"), "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split("=")[0])
      .sort();
    const produced = ["AWS_REGION", "KAFKA_BROKERS", "OIDC_ISSUER", ...SERVICES.map((s) => `${s.toUpperCase().replace("-", "_")}_ROLE_ARN`), "DATABASE_ADDRESS", "RDS_MASTER_USER_SECRET_ARN"].sort();
    expect(settings).toEqual(produced);
    const outputs = read(`${ROOT_DIR}/outputs.tf`);
    expect(outputs).toContain('"${upper(replace(workload, "-", "_"))}_ROLE_ARN=${arn}"');
    expect(outputs).toContain('"DATABASE_ADDRESS=${module.rds.address}"');
    expect(outputs).toContain('"RDS_MASTER_USER_SECRET_ARN=${module.rds.master_user_secret_arn}"');
  });

  test("keeps the VPC CIDR in step with the NetworkPolicies", () => {
    const policy = fs.readFileSync(path.join(ROOT, "k8s/base/ledger/networkpolicy.yaml"), "utf8");
    expect(policy).toContain(`cidr: ${tfVariable(env, "vpc_cidr")}`);
  });
});

describe("modules", () => {
  test("VPC: public and private subnets per zone, NAT gateways, three zones", () => {
    expect(modules.get("modules/vpc")!.resources).toEqual(expect.arrayContaining(["aws_subnet.public", "aws_subnet.private", "aws_subnet.database", "aws_nat_gateway.this", "aws_internet_gateway.this"]));
    expect(read(`${ROOT_DIR}/main.tf`)).toContain("slice(data.aws_availability_zones.available.names, 0, 3)");
    expect(tfVariable("prod", "single_nat_gateway")).toBe("false");
  });

  test("EKS: managed node groups and the OIDC provider for IRSA", () => {
    expect(modules.get("modules/eks")!.resources).toEqual(expect.arrayContaining(["aws_eks_cluster.this", "aws_eks_node_group.this", "aws_iam_openid_connect_provider.this"]));
    expect(read("modules/eks/main.tf")).toMatch(/encryption_config \{\s+resources = \["secrets"\]/);
  });

  test("RDS: PostgreSQL, Multi-AZ, encrypted, parameter group, backups, IAM auth option, no password in state", () => {
    const rds = read("modules/rds/main.tf");
    for (const line of [
      /engine\s+= "postgres"/,
      /storage_encrypted\s+= true/,
      /multi_az\s+= var\.multi_az/,
      /parameter_group_name\s+= aws_db_parameter_group\.this\.name/,
      /backup_retention_period\s+= var\.backup_retention_days/,
      /iam_database_authentication_enabled = var\.iam_database_authentication/,
      /manage_master_user_password\s+= true/,
      /publicly_accessible\s+= false/,
    ]) {
      expect(rds).toMatch(line);
    }
    expect(read("modules/rds/variables.tf")).toMatch(/variable "multi_az" \{[\s\S]*?default\s+= true/);
    expect(rds).not.toMatch(/^\s*password\s*=/m);
  });

  test("MSK: TLS in transit, IAM authentication only, encryption at rest", () => {
    const msk = read("modules/msk/main.tf");
    expect(msk).toMatch(/client_broker = "TLS"/);
    expect(msk).toMatch(/in_cluster\s+= true/);
    expect(msk).toMatch(/unauthenticated = false/);
    expect(msk).toMatch(/sasl \{\s+iam = true/);
    expect(msk).toMatch(/encryption_at_rest_kms_key_arn = aws_kms_key\.msk\.arn/);
  });

  test("IAM: roles trust only their own service account; Kafka access per topic and group", () => {
    const iam = read("modules/iam/main.tf");
    expect(iam).toContain('values   = ["system:serviceaccount:${var.namespace}:${each.key}"]');
    expect(iam).toContain('"${local.kafka_arn}:topic/${local.cluster}/${topic}"');
    expect(iam).toContain('"${local.kafka_arn}:group/${local.cluster}/${statement.value}"');
    expect(iam).not.toMatch(/"kafka-cluster:\*"|"secretsmanager:\*"|"rds-db:\*"|resources\s+= \["\*"\]/);
  });

  test("IAM: a workload's own-secret statements only where it has a secret; database logins as its own role", async () => {
    const iam = read("modules/iam/main.tf");
    // No statement without resources: OwnSecret and its kms:Decrypt exist only with a secret.
    for (const sid of ["OwnSecret", "DecryptOwnSecret"]) {
      expect(iam).toMatch(new RegExp(`for_each = length\\(each\\.value\\.secret_arns\\) > 0 \\? \\[1\\] : \\[\\]\\n\\s+content \\{\\n\\s+sid\\s+= "${sid}"`));
    }
    // A policy needs a statement: roles with nothing to grant get none.
    expect(iam).toMatch(/resource "aws_iam_role_policy" "workload" \{\n {2}for_each = local\.granted/);
    // rds-db:connect only with database_iam_auth, on the workload's own database user.
    expect(iam).toContain('db_user   = "arn:${local.partition}:rds-db:${local.region}:${local.account}:dbuser:${var.rds_resource_id}"');
    expect(iam).toMatch(
      /for_each = var\.database_iam_auth && each\.value\.database_role != null \? \[each\.value\.database_role\] : \[\]\n\s+content \{\n\s+sid\s+= "DatabaseConnect"\n\s+actions\s+= \["rds-db:connect"\]\n\s+resources = \["\$\{local\.db_user\}\/\$\{statement\.value\}"\]/,
    );

    const main = read(`${ROOT_DIR}/main.tf`);
    const { SERVICE_ROLES } = await import("@ledgerflow/platform/db");
    const roles: Record<string, string> = { ...SERVICE_ROLES };
    for (const [workload, block] of Object.entries(workloadBlocks(main))) {
      expect(/database_role\s+= "([a-z_]+)"/.exec(block)?.[1], workload).toBe(roles[workload === "admin-api" ? "admin" : workload]);
      // Only admin-api keeps a secret of its own (its OIDC client secret); the others' values
      // come from the shared secrets, which External Secrets reads for them.
      const secrets = /secret_arns\s+= \[(.*)\]$/m.exec(block)![1]!;
      expect(secrets, workload).toBe(workload === "admin-api" ? 'module.secrets.secret_arns["admin-api"]' : "");
    }
    expect(main).toMatch(/^ {2}database_iam_auth\s+= var\.database_iam_auth$/m);
    expect(main).toMatch(/^ {2}rds_resource_id\s+= module\.rds\.resource_id$/m);
    expect(read(`${ROOT_DIR}/variables.tf`)).toMatch(/variable "database_iam_auth" \{\n {2}type\s+= bool\n {2}description = "[^"]+"\n {2}default\s+= false\n\}/);
  });

  test("IAM: External Secrets reads the platform's secrets, ledgerflow/database among them, and the RDS master user's", () => {
    const iam = read("modules/iam/main.tf");
    const policy = /data "aws_iam_policy_document" "external_secrets" \{([\s\S]*?)\n\}/.exec(iam)![1]!;
    expect(policy).toMatch(/sid\s+= "PlatformSecrets"\n\s+actions\s+= \["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds"\]\n\s+resources = var\.external_secrets_arns/);
    expect(policy).toMatch(/sid\s+= "RdsMasterUserSecret"\n\s+actions\s+= \["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"\]\n\s+resources = \[var\.rds_master_user_secret_arn\]/);
    expect(policy).toMatch(/actions\s+= \["kms:Decrypt"\]\n\s+resources = distinct\(\[var\.secrets_kms_key_arn, var\.rds_master_user_secret_kms_key_arn\]\)/);
    const main = read(`${ROOT_DIR}/main.tf`);
    // Every secret of the secrets module (the generated `database` included) and the master user's.
    expect(main).toMatch(/^ {2}external_secrets_arns\s+= values\(module\.secrets\.secret_arns\)$/m);
    expect(main).toMatch(/^ {2}rds_master_user_secret_arn\s+= module\.rds\.master_user_secret_arn$/m);
    expect(main).toMatch(/^ {2}rds_master_user_secret_kms_key_arn\s+= module\.rds\.master_user_secret_kms_key_arn$/m);
    // The master user's secret is encrypted with a key of the stack, the platform secrets' one.
    expect(main).toMatch(/^ {2}master_user_secret_kms_key_arn\s+= module\.secrets\.kms_key_arn$/m);
    expect(read("modules/rds/main.tf")).toMatch(/master_user_secret_kms_key_id\s+= var\.master_user_secret_kms_key_arn/);
    expect(read("modules/rds/variables.tf")).toMatch(/variable "master_username" \{[\s\S]*?default\s+= "ledgerflow_admin"/);
  });

  test("security groups admit PostgreSQL and Kafka from the cluster only", () => {
    const sg = read("modules/security-groups/main.tf");
    expect(sg).not.toContain("0.0.0.0/0");
    expect([...sg.matchAll(/referenced_security_group_id/g)].length).toBe(3);
  });

  test("secrets: service tokens are generated ephemeral and written write-only, never kept in the state", () => {
    const secrets = read("modules/secrets/main.tf");
    expect(modules.get("modules/secrets")!.resources).toEqual(expect.arrayContaining(["ephemeral.aws_secretsmanager_random_password.token", "aws_secretsmanager_secret_version.tokens"]));
    expect(secrets).toMatch(/secret_string_wo\s+= jsonencode\(/);
    expect(secrets).toMatch(/secret_string_wo_version = var\.service_tokens_version/);
    // Letters and digits: a token stands in name=token,… lists.
    expect(secrets).toMatch(/exclude_punctuation = true/);
    // The generated passwords alike: ephemeral, write-only, letters and digits, 32 or more.
    expect(modules.get("modules/secrets")!.resources).toEqual(expect.arrayContaining(["ephemeral.aws_secretsmanager_random_password.password", "aws_secretsmanager_secret_version.passwords"]));
    const ephemeralPassword = /ephemeral "aws_secretsmanager_random_password" "password" \{([\s\S]*?)\n\}/.exec(secrets)![1]!;
    expect(ephemeralPassword).toMatch(/password_length\s+= var\.password_length/);
    expect(ephemeralPassword).toMatch(/exclude_punctuation = true/);
    expect(ephemeralPassword).toMatch(/include_space\s+= false/);
    const version = /resource "aws_secretsmanager_secret_version" "passwords" \{([\s\S]*?)\n\}/.exec(secrets)![1]!;
    expect(version).toMatch(/secret_string_wo\s+= jsonencode\(/);
    expect(version).toMatch(/secret_string_wo_version = var\.passwords_version/);
    expect(read("modules/secrets/variables.tf")).toMatch(/variable "password_length" \{[\s\S]*?default\s+= (\d+)[\s\S]*?condition\s+= var\.password_length >= 32 /);
    for (const file of fs.readdirSync(TF, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".tf"))) {
      expect(read(file), file).not.toMatch(/resource "random_(password|string)"|data "aws_secretsmanager_random_password"/);
    }
    expect(modules.get(ROOT_DIR)!.requiredVersion).toMatch(/>= 1\.(1[1-9]|[2-9]\d)\./);
  });

  test("no account id, secret value or access key is committed", () => {
    for (const file of fs.readdirSync(TF, { recursive: true, encoding: "utf8" }).filter((f) => /\.(tf|tfvars|tfbackend|example|hcl)$/.test(f))) {
      const text = read(file);
      expect(text, file).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
      expect(text, file).not.toMatch(/AKIA[0-9A-Z]{16}/);
      expect(text, file).not.toMatch(/secret_string\s*=/);
    }
  });
});

test("the validators' Go modules are tidy and pinned", () => {
  for (const dir of ["terraform/wiring", "k8s/validate"]) {
    const mod = fs.readFileSync(path.join(ROOT, dir, "go.mod"), "utf8");
    expect(fs.existsSync(path.join(ROOT, dir, "go.sum")), dir).toBe(true);
    expect(mod).not.toMatch(/\blatest\b/);
  }
  expect(fs.readFileSync(path.join(ROOT, "k8s/validate/go.mod"), "utf8")).toMatch(/k8s\.io\/api v0\.34\.\d+/);
});
