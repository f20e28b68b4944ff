// Static checks of the service images and docker-compose.yml: every service has an image
// definition, images are pinned, the paths they reference exist, and ports agree between the
// Dockerfiles, docker-compose, Prometheus' scrape targets and the Kubernetes Deployments.
import { describe, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { PLATFORM_ENV, environmentUse, serviceSources } from "./testing/sources.ts";
import { ROOT } from "./testing/tools.ts";

const SERVICES = ["ledger", "relay", "projector", "billing", "admin-api"] as const;
const HTTP_PORT: Record<string, number> = { ledger: 8081, relay: 8084, projector: 8082, billing: 8083, "admin-api": 8080 };
const REQUIRED_ENV: Record<string, string[]> = {
  ledger: ["DATABASE_URL"],
  relay: ["DATABASE_URL", "KAFKA_BROKERS"],
  projector: ["DATABASE_URL", "READ_DATABASE_URL", "KAFKA_BROKERS"],
  billing: ["DATABASE_URL", "KAFKA_BROKERS", "LEDGER_URL"],
  "admin-api": ["DATABASE_URL", "LEDGER_URL", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"],
};

const compose = Bun.YAML.parse(fs.readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8")) as any;
const bunVersion: string = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).dependencies.bun;

interface Dockerfile {
  from: string[];
  user: string | undefined;
  expose: number[];
  healthcheck: string | undefined;
  cmd: string[] | undefined;
  copies: string[];
  runs: string;
}

/** Reads the instructions the checks need; continuation lines are joined first. */
function parseDockerfile(file: string): Dockerfile {
  const lines = fs.readFileSync(file, "utf8").replace(/\\\n/g, " ").split("\n").filter((l) => l.trim() && !l.trim().startsWith("#"));
  const args = (instruction: string) => lines.filter((l) => l.startsWith(`${instruction} `)).map((l) => l.slice(instruction.length + 1).trim());
  const cmd = args("CMD").at(-1);
  return {
    from: args("FROM").map((f) => f.split(/\s+/)[0]!),
    user: args("USER").at(-1),
    expose: args("EXPOSE").flatMap((e) => e.split(/\s+/).map(Number)),
    healthcheck: args("HEALTHCHECK").at(-1),
    cmd: cmd ? (JSON.parse(cmd) as string[]) : undefined,
    copies: args("COPY").filter((c) => !c.startsWith("--from")).map((c) => c.split(/\s+/).filter((p) => !p.startsWith("--"))).flatMap((parts) => parts.slice(0, -1)),
    runs: args("RUN").join("\n"),
  };
}

function pinned(image: string): boolean {
  const tag = /^[^@]+:([\w][\w.-]*)$/.exec(image)?.[1];
  return /@sha256:[a-f0-9]{64}$/.test(image) || (tag !== undefined && tag !== "latest" && /\d/.test(tag));
}

describe.each(SERVICES)("image of %s", (name) => {
  const file = path.join(ROOT, "services", name, "Dockerfile");
  const dockerfile = () => parseDockerfile(file);

  test("is multi-stage on pinned bases, the runtime on the project's Bun version", () => {
    expect(fs.existsSync(file)).toBe(true);
    const { from } = dockerfile();
    expect(from.length).toBeGreaterThanOrEqual(2);
    for (const image of from) expect(pinned(image), image).toBe(true);
    expect(from.at(-1)).toMatch(new RegExp(`^oven/bun:${bunVersion.replace(/\./g, "\\.")}(-slim|-alpine|-distroless)?$`));
  });

  test("installs production dependencies only, exactly as locked", () => {
    expect(dockerfile().runs).toMatch(/npm ci [^\n]*--omit=dev/);
  });

  test("runs as a numeric non-root user", () => {
    const user = dockerfile().user ?? "0";
    expect(user).toMatch(/^\d+(:\d+)?$/);
    expect(Number(user.split(":")[0])).toBeGreaterThan(0);
  });

  test("exposes the ports its Deployment declares, and checks its health on the HTTP port", () => {
    const { expose, healthcheck } = dockerfile();
    const deployment = Bun.YAML.parse(fs.readFileSync(path.join(ROOT, "k8s/base", name, "deployment.yaml"), "utf8")) as any;
    const declared = deployment.spec.template.spec.containers[0].ports.map((p: any) => p.containerPort);
    expect(expose.sort()).toEqual(declared.sort());
    expect(healthcheck).toContain(`http://127.0.0.1:${HTTP_PORT[name]}/healthz`);
  });

  test("starts the service's main module, and copies only paths that exist", () => {
    const { cmd, copies } = dockerfile();
    expect(cmd).toEqual(["bun", `services/${name}/src/main.ts`]);
    const sourceWritten = fs.existsSync(path.join(ROOT, "services", name, "src"));
    if (sourceWritten) expect(fs.existsSync(path.join(ROOT, "services", name, "src/main.ts")), `services/${name}/src/main.ts`).toBe(true);
    for (const source of copies) {
      // A service's own directory is written by its engineers; until then only its Dockerfile is there.
      if (/^services\/[a-z-]+\/?$/.test(source) && !fs.existsSync(path.join(ROOT, source, "src"))) continue;
      expect(fs.existsSync(path.join(ROOT, source)), `COPY ${source}`).toBe(true);
    }
  });
});

describe("docker-compose.yml", () => {
  test("builds every service from its Dockerfile, with the environment it needs", () => {
    for (const name of SERVICES) {
      const service = compose.services[name];
      expect(service, name).toBeDefined();
      expect(service.build).toEqual({ context: ".", dockerfile: `services/${name}/Dockerfile` });
      for (const key of REQUIRED_ENV[name]!) expect(service.environment[key], `${name} ${key}`).toBeDefined();
      expect(service.environment.LOG_LEVEL).toBeDefined();
      expect(service.read_only).toBe(true);
    }
    expect(compose.services.billing.environment.LEDGER_URL).toBe(`http://ledger:${HTTP_PORT.ledger}`);
  });

  test("every variable a service is given is read by its code, and every one its code requires is given", () => {
    for (const name of SERVICES) {
      const { read, required } = environmentUse(serviceSources(name).files);
      const provided = Object.keys(compose.services[name].environment);
      for (const key of provided) expect(read.has(key) || PLATFORM_ENV.has(key), `${name}: ${key} is read by nothing in its code`).toBe(true);
      for (const key of required) expect(provided, `${name} requires ${key}`).toContain(key);
    }
  });

  test("brings up Postgres, Kafka in KRaft mode, Prometheus, Grafana, Loki and Promtail on pinned images", () => {
    for (const name of ["postgres", "kafka", "prometheus", "grafana", "loki", "promtail"]) expect(compose.services[name], name).toBeDefined();
    expect(compose.services.kafka.image).toMatch(/^apache\/kafka:\d/);
    expect(compose.services.kafka.environment.KAFKA_PROCESS_ROLES).toBe("broker,controller");
    expect(compose.services.kafka.environment.CLUSTER_ID).toMatch(/^[A-Za-z0-9_-]{22}$/);
    for (const [name, service] of Object.entries<any>(compose.services)) {
      if (service.build) expect(service.image, name).toMatch(/^ledgerflow\/[a-z-]+:[\w.-]+$/);
      else expect(pinned(service.image), `${name}: ${service.image}`).toBe(true);
    }
  });

  test("creates the platform's topics", () => {
    const script = compose.services["kafka-topics"].command.join("\n");
    for (const topic of ["ledgerflow.ledger.accounts.v1", "ledgerflow.ledger.transactions.v1", "ledgerflow.ledger.dlq.v1"]) expect(script).toContain(topic);
  });

  test("runs migrations before every service, with the ledger's image", () => {
    expect(compose.services.migrate.command).toEqual(["bun", "services/ledger/src/migrate-cli.ts"]);
    expect(compose.services.migrate.image).toBe(compose.services.ledger.image);
    for (const name of SERVICES) expect(compose.services[name].depends_on.migrate.condition, name).toBe("service_completed_successfully");
    // One relay (its own service) and one migration step: the ledger does neither.
    expect(compose.services.ledger.environment.RELAY_ENABLED).toBe("false");
    expect(compose.services.ledger.environment.LEDGER_MIGRATE).toBe("false");
  });

  test("mounted files exist; observability comes from k8s/observability", () => {
    for (const [name, service] of Object.entries<any>(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = String(volume).split(":")[0]!;
        if (!source.startsWith("./")) continue;
        expect(fs.existsSync(path.join(ROOT, source)), `${name}: ${source}`).toBe(true);
        expect(source.startsWith("./k8s/observability/"), `${name}: ${source}`).toBe(true);
      }
    }
  });

  test("published and scraped ports are the ports the images expose", () => {
    const prometheus = Bun.YAML.parse(fs.readFileSync(path.join(ROOT, "k8s/observability/prometheus/prometheus.yml"), "utf8")) as any;
    for (const job of prometheus.scrape_configs) {
      const [host, port] = job.static_configs[0].targets[0].split(":");
      expect(compose.services[host], host).toBeDefined();
      expect(Number(port)).toBe(HTTP_PORT[host]!);
    }
    for (const name of SERVICES) {
      const exposed = parseDockerfile(path.join(ROOT, "services", name, "Dockerfile")).expose;
      const service = compose.services[name];
      const published = (service.ports ?? []).map((p: string) => Number(String(p).split(":").at(-1)));
      const internal = (service.expose ?? []).map(Number);
      for (const port of [...published, ...internal]) expect(exposed, `${name}:${port}`).toContain(port);
      expect([...published, ...internal], name).toContain(HTTP_PORT[name]);
    }
  });
});

test(".dockerignore keeps local state and dependencies out of the build context", () => {
  const ignored = fs.readFileSync(path.join(ROOT, ".dockerignore"), "utf8").split("\n").map((l) => l.trim());
  for (const entry of [".git", ".cache", "**/node_modules"]) expect(ignored).toContain(entry);
});
