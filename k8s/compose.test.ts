// Static checks of the service images and docker-compose.yml: every service has an image
// definition, images are pinned, the paths they reference exist, and ports agree between the
// Dockerfiles, docker-compose, Prometheus' scrape targets and the Kubernetes Deployments.
import { describe, expect, test } from "bun:test";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import os from "node:os";
import { SERVICE_ROLES, serviceLoginsFromEnv, type Service } from "@ledgerflow/platform/db";
import { PLATFORM_ENV, environmentUse, resolveWorkspaceImport, serviceSources, workspaces } from "./testing/sources.ts";
import { DATABASE_SERVICE, ROOT } from "./testing/tools.ts";

const SERVICES = ["ledger", "relay", "projector", "billing", "admin-api"] as const;
const HTTP_PORT: Record<string, number> = { ledger: 8081, relay: 8084, projector: 8082, billing: 8083, "admin-api": 8080 };
const REQUIRED_ENV: Record<string, string[]> = {
  ledger: ["DATABASE_URL", "LEDGER_AUTH_TOKENS", "LEDGER_TOKEN_SCOPES"],
  relay: ["DATABASE_URL", "KAFKA_BROKERS"],
  projector: ["DATABASE_URL", "READ_DATABASE_URL", "KAFKA_BROKERS"],
  billing: ["DATABASE_URL", "KAFKA_BROKERS", "LEDGER_URL", "LEDGER_TOKEN", "BILLING_AUTH_TOKENS", "BILLING_MIGRATE"],
  "admin-api": [
    "DATABASE_URL",
    "READ_DATABASE_URL",
    "ADMIN_PUBLIC_URL",
    "LEDGER_URL",
    "LEDGER_TOKEN",
    "PROJECTOR_URL",
    "BILLING_URL",
    "BILLING_TOKEN",
    "RELAY_URL",
    "KAFKA_BROKERS",
    "OIDC_ISSUER",
    "OIDC_CLIENT_ID",
    "OIDC_CLIENT_SECRET",
    "ADMIN_ROLE_MAPPINGS",
    "DEV_OIDC_HOST",
    "DEV_OIDC_PORT",
  ],
};
/** Each service's own configuration loader (the projector's lives in its main module). */
const CONFIG_LOADERS: Record<string, () => Promise<(env: Record<string, string>) => unknown>> = {
  ledger: async () => (await import("@ledgerflow/ledger/config")).loadConfig,
  relay: async () => (await import("@ledgerflow/relay/config")).relayConfigFromEnv,
  billing: async () => (await import("@ledgerflow/billing/config")).loadConfig,
  "admin-api": async () => (await import("@ledgerflow/admin-api/config")).loadConfig,
};

/** A compose environment as the containers get it when .env sets nothing (defaults applied). */
function environment(name: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries<unknown>(compose.services[name].environment)) {
    env[key] = String(value).replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_all, _variable, fallback) => fallback ?? "");
  }
  return env;
}

/** name → token of a name=token,… list. */
function tokenList(raw: string): Map<string, string> {
  return new Map(
    raw
      .split(",")
      .filter(Boolean)
      .map((pair) => pair.split("=") as [string, string]),
  );
}

const compose = Bun.YAML.parse(fs.readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8")) as any;
const bunVersion: string = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).devDependencies.bun;

interface Copy {
  /** The stage it copies from (--from), or undefined for the build context. */
  from?: string;
  sources: string[];
  dest: string;
}

interface Stage {
  name: string;
  copies: Copy[];
  runs: string[];
}

interface Dockerfile {
  from: string[];
  user: string | undefined;
  expose: number[];
  healthcheck: string | undefined;
  cmd: string[] | undefined;
  copies: string[];
  runs: string;
  stages: Stage[];
}

/** Reads the instructions the checks need; continuation lines are joined first. */
function parseDockerfile(file: string): Dockerfile {
  const lines = fs
    .readFileSync(file, "utf8")
    .replace(/\\\n/g, " ")
    .split("\n")
    .filter((l) => l.trim() && !l.trim().startsWith("#"));
  const args = (instruction: string) => lines.filter((l) => l.startsWith(`${instruction} `)).map((l) => l.slice(instruction.length + 1).trim());
  const cmd = args("CMD").at(-1);
  return {
    from: args("FROM").map((f) => f.split(/\s+/)[0]!),
    user: args("USER").at(-1),
    expose: args("EXPOSE").flatMap((e) => e.split(/\s+/).map(Number)),
    healthcheck: args("HEALTHCHECK").at(-1),
    cmd: cmd ? (JSON.parse(cmd) as string[]) : undefined,
    copies: args("COPY")
      .filter((c) => !c.startsWith("--from"))
      .map((c) => c.split(/\s+/).filter((p) => !p.startsWith("--")))
      .flatMap((parts) => parts.slice(0, -1)),
    runs: args("RUN").join("\n"),
    stages: stagesOf(lines),
  };
}

function stagesOf(lines: string[]): Stage[] {
  const stages: Stage[] = [];
  for (const line of lines) {
    const [instruction, ...rest] = line.trim().split(/\s+/);
    if (instruction === "FROM") stages.push({ name: rest.at(-1)!, copies: [], runs: [] });
    else if (instruction === "RUN") stages.at(-1)!.runs.push(rest.join(" "));
    else if (instruction === "COPY") {
      const from = rest.find((p) => p.startsWith("--from="))?.slice("--from=".length);
      const paths = rest.filter((p) => !p.startsWith("--"));
      stages.at(-1)!.copies.push({ from, sources: paths.slice(0, -1), dest: paths.at(-1)! });
    }
  }
  return stages;
}

/** Paths from the build context that a stage holds, checked to land where they are in the repository. */
function shippedPaths(stage: Stage): string[] {
  const shipped: string[] = [];
  for (const copy of stage.copies.filter((c) => !c.from)) {
    for (const source of copy.sources) {
      const dest = copy.dest.replace(/^\.\//, "");
      const landed = source.endsWith("/") ? dest : dest === "" || dest.endsWith("/") ? `${dest}${path.basename(source)}` : dest;
      expect(landed, `${stage.name}: COPY ${source} ${copy.dest} lands elsewhere than in the repository`).toBe(source);
      shipped.push(source);
    }
  }
  return shipped;
}

function ships(shipped: string[], file: string): boolean {
  return shipped.some((s) => file === s.replace(/\/$/, "") || (s.endsWith("/") && file.startsWith(s)));
}

/** The directory of the workspace a path is in, if any. */
function workspaceOf(file: string): string | undefined {
  return [...workspaces().values()].find((dir) => file === dir || file.startsWith(`${dir}/`));
}

/** What .dockerignore keeps out of every image (test code). */
const IGNORED = /(^|\/)testing\/|\.test\.ts$/;

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

describe.each(SERVICES)("runtime image of %s", (name) => {
  const file = path.join(ROOT, "services", name, "Dockerfile");
  const dockerfile = parseDockerfile(file);
  const runtime = dockerfile.stages.at(-1)!;
  const deps = dockerfile.stages.find((s) => s.name === "deps")!;
  const sources = serviceSources(name);

  test("holds every module its main module reaches, and only the workspaces those are in", () => {
    const shipped = shippedPaths(runtime);
    for (const f of sources.files) {
      expect(ships(shipped, f), `${f} is imported at run time but not copied`).toBe(true);
      expect(IGNORED.test(f), `${f} is imported at run time but .dockerignore leaves it out`).toBe(false);
    }
    const needed = new Set(sources.files.map(workspaceOf).filter(Boolean));
    const copied = new Set(shipped.map(workspaceOf).filter(Boolean));
    expect([...copied].sort()).toEqual([...needed].sort());
    // Every @ledgerflow/<pkg>/… path its code imports, spelled out.
    for (const spec of sources.workspaceImports) expect(ships(shipped, resolveWorkspaceImport(spec)), spec).toBe(true);
  });

  test("has each shipped workspace's package.json, linked by npm in the dependency stage, and no other", () => {
    const shipped = shippedPaths(runtime);
    const needed = [...new Set(sources.files.map(workspaceOf).filter(Boolean))].sort() as string[];
    for (const dir of needed) expect(ships(shipped, `${dir}/package.json`), `${dir}/package.json`).toBe(true);
    expect(runtime.copies.some((c) => c.from === "deps" && c.sources.includes("/app/node_modules/"))).toBe(true);
    const linked = shippedPaths(deps)
      .filter((p) => p.endsWith("/package.json"))
      .map((p) => p.slice(0, -"/package.json".length))
      .sort();
    expect(linked).toEqual(needed);
    expect(shippedPaths(deps).filter((p) => !p.endsWith("package.json"))).toEqual(["package-lock.json"]);
  });

  test("the dependency stage's npm ci resolves from the lock with exactly the workspace files it copies", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ledgerflow-deps-${name}-`));
    try {
      for (const p of shippedPaths(deps)) {
        fs.mkdirSync(path.join(dir, path.dirname(p)), { recursive: true });
        fs.copyFileSync(path.join(ROOT, p), path.join(dir, p));
      }
      const install = deps.runs
        .find((r) => r.startsWith("npm ci "))!
        .split("&&")[0]!
        .trim()
        .split(/\s+/);
      expect(install).toEqual(expect.arrayContaining(["--omit=dev", "--ignore-scripts"]));
      // Offline, with an empty cache: only the lock file's resolution is exercised.
      const result = spawnSync("npm", [...install.slice(1), "--dry-run", "--offline", "--cache", path.join(dir, ".npm")], { cwd: dir, encoding: "utf8", timeout: 60_000 });
      expect(result.status, result.stderr).toBe(0);
      const added = [...result.stdout.matchAll(/^add (@ledgerflow\/[a-z-]+) /gm)].map((m) => workspaces().get(m[1]!)).sort();
      expect(added).toEqual(
        shippedPaths(deps)
          .filter((p) => p !== "package.json" && p.endsWith("/package.json"))
          .map((p) => p.slice(0, -"/package.json".length))
          .sort(),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the npm packages its code imports are production dependencies the dependency stage keeps", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const removed =
      deps.runs
        .join(" ")
        .match(/rm -rf ([^&]+)/)?.[1]
        ?.trim()
        .split(/\s+/)
        .map((p) => p.replace(/^node_modules\//, "")) ?? [];
    for (const pkg of sources.packages) {
      expect(manifest.dependencies[pkg], `${pkg} is not a production dependency`).toBeDefined();
      expect(removed, `${pkg} is removed from the image`).not.toContain(pkg);
    }
  });

  test("holds the data directories its code reads; sql/migrations only in the ledger's, whose migrator the others run", () => {
    const shipped = shippedPaths(runtime);
    for (const dir of sources.dataDirs.filter((d) => d !== "." && d !== "sql/migrations")) expect(ships(shipped, `${dir}/`), dir).toBe(true);
    expect(ships(shipped, "sql/migrations/"), "sql/migrations").toBe(name === "ledger");
    if (name === "admin-api") {
      // The dashboard, built in its own stage by the web workspace's build script.
      const web = dockerfile.stages.find((s) => s.name === "web")!;
      expect(web.runs).toContain("npm run build --workspace web");
      // The dashboard imports the generated protobuf code through its workspace.
      expect(shippedPaths(web)).toEqual(expect.arrayContaining(["package.json", "package-lock.json", "proto/package.json", "proto/gen/", "web/package.json", "web/"]));
      expect(fs.existsSync(path.join(ROOT, "web/index.html"))).toBe(true);
      expect(runtime.copies).toContainEqual({ from: "web", sources: ["/app/web/dist/"], dest: "./web/dist/" });
    }
  });

  test("its runtime tree, assembled as the Dockerfile copies it, resolves every import of its main module", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ledgerflow-image-${name}-`));
    try {
      const shipped = shippedPaths(runtime);
      for (const p of shipped) fs.cpSync(path.join(ROOT, p), path.join(dir, p), { recursive: true, filter: (src) => !IGNORED.test(path.relative(ROOT, src)) && !src.includes("node_modules") });
      // node_modules as the dependency stage leaves it: the installed packages, and links to the
      // workspaces this image ships only.
      fs.mkdirSync(path.join(dir, "node_modules", "@ledgerflow"), { recursive: true });
      for (const entry of fs.readdirSync(path.join(ROOT, "node_modules"))) {
        if (entry !== "@ledgerflow" && !entry.startsWith(".")) fs.symlinkSync(path.join(ROOT, "node_modules", entry), path.join(dir, "node_modules", entry));
      }
      for (const [pkg, ws] of workspaces()) {
        if (ships(shipped, `${ws}/package.json`)) fs.symlinkSync(path.join("..", "..", ws), path.join(dir, "node_modules", pkg));
      }
      const result = spawnSync(process.execPath, ["build", `services/${name}/src/main.ts`, "--target", "bun", "--outdir", path.join(dir, ".bundle")], { cwd: dir, encoding: "utf8", timeout: 60_000 });
      expect(result.status, result.stderr + result.stdout).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
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

  test("each service's own configuration loader accepts its environment", async () => {
    for (const [name, loader] of Object.entries(CONFIG_LOADERS)) {
      const load = await loader();
      expect(() => load(environment(name)), name).not.toThrow();
    }
  });

  test("every service URL the code reads points at a compose service on a port its image exposes", () => {
    for (const name of SERVICES) {
      const env = environment(name);
      for (const key of [...environmentUse(serviceSources(name).files).read].filter((k) => k.endsWith("_URL") && !k.endsWith("DATABASE_URL") && k !== "ADMIN_PUBLIC_URL")) {
        expect(env[key], `${name} ${key}`).toBeDefined();
        const url = new URL(env[key]!);
        expect(compose.services[url.hostname], `${name} ${key}: ${url.hostname}`).toBeDefined();
        expect(parseDockerfile(path.join(ROOT, "services", url.hostname, "Dockerfile")).expose, `${name} ${key}`).toContain(Number(url.port));
      }
    }
  });

  test("callers hold the tokens their callees accept, under their own names", () => {
    const pairs: [caller: string, token: string, callee: string, accepted: string][] = [
      ["billing", "LEDGER_TOKEN", "ledger", "LEDGER_AUTH_TOKENS"],
      ["admin-api", "LEDGER_TOKEN", "ledger", "LEDGER_AUTH_TOKENS"],
      ["admin-api", "BILLING_TOKEN", "billing", "BILLING_AUTH_TOKENS"],
    ];
    for (const [caller, token, callee, accepted] of pairs) {
      const value = environment(caller)[token];
      expect(value, `${caller} ${token}`).toBeTruthy();
      expect(tokenList(environment(callee)[accepted]!).get(caller), `${callee} ${accepted} has no ${caller}`).toBe(value!);
    }
  });

  test("admin-api signs in through its development provider, reachable from the host at its issuer", () => {
    const env = environment("admin-api");
    expect(env.OIDC_ISSUER).toBe("");
    expect(env.NODE_ENV).not.toBe("production");
    expect(env.DEV_OIDC_HOST).toBe("0.0.0.0");
    // The issuer is http://localhost:<port> inside the container and on the host alike.
    expect(compose.services["admin-api"].ports).toContain(`${env.DEV_OIDC_PORT}:${env.DEV_OIDC_PORT}`);
    const published = compose.services["admin-api"].ports.map((p: string) => Number(String(p).split(":")[0]));
    expect(env.ADMIN_PUBLIC_URL).toBe(`http://localhost:${HTTP_PORT["admin-api"]}`);
    expect(published).toContain(HTTP_PORT["admin-api"]);
  });

  test("brings up Postgres, Kafka in KRaft mode, Prometheus, Grafana, Loki and Grafana Alloy on pinned images", () => {
    for (const name of ["postgres", "kafka", "prometheus", "grafana", "loki", "alloy"]) expect(compose.services[name], name).toBeDefined();
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

  test("each service connects as its own role; only migrate holds the superuser's credentials and the services' passwords", () => {
    const superuser = compose.services.postgres.environment.POSTGRES_USER;
    const migrate = environment("migrate");
    expect(new URL(migrate.DATABASE_URL!).username).toBe(superuser);
    // The migration step gives every service role LOGIN with its password (at least 16 characters).
    const logins = serviceLoginsFromEnv(migrate);
    expect(Object.keys(logins).sort()).toEqual(Object.keys(SERVICE_ROLES).sort());
    for (const login of Object.values(logins)) expect(login.password!.length).toBeGreaterThanOrEqual(16);
    const passwordVariable = (service: Service) => `DB_PASSWORD_${service.toUpperCase()}`;
    for (const [name, service] of Object.entries(compose.services) as [string, any][]) {
      if (name === "migrate" || name === "postgres") continue;
      const raw = Object.entries<unknown>(service.environment ?? {}).map(([key, value]) => [key, String(value)] as const);
      const env = SERVICES.includes(name as any) ? environment(name) : {};
      const own = SERVICES.includes(name as any) ? DATABASE_SERVICE[name] : undefined;
      for (const [key, value] of raw) {
        // Neither the superuser's password nor another service's, whether set in .env or left to its default.
        expect(value, `${name} ${key}: the superuser's password`).not.toContain("POSTGRES_PASSWORD");
        for (const other of Object.keys(SERVICE_ROLES) as Service[]) {
          if (other === own) continue;
          expect(value, `${name} ${key}: ${other}'s password`).not.toContain(passwordVariable(other));
          expect(value, `${name} ${key}: ${other}'s password`).not.toContain(logins[other]!.password!);
        }
        if (!key.endsWith("DATABASE_URL")) continue;
        expect(own, `${name} ${key}: only the platform's services connect to its database`).toBeDefined();
        const url = new URL(env[key]!);
        expect(url.username, `${name} ${key}`).toBe(SERVICE_ROLES[own!]);
        expect(url.password, `${name} ${key}`).toBe(logins[own!]!.password!);
        expect(value, `${name} ${key}`).toContain(`\${${passwordVariable(own!)}:-`);
      }
      if (own) expect(env.DATABASE_URL, `${name} DATABASE_URL`).toBeDefined();
    }
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
      // admin-api's development OpenID provider is published in compose only (never in an image's
      // or a Deployment's ports: production never runs it).
      const devProvider = name === "admin-api" ? Number(environment(name).DEV_OIDC_PORT) : undefined;
      const published = (service.ports ?? []).map((p: string) => Number(String(p).split(":").at(-1))).filter((p: number) => p !== devProvider);
      const internal = (service.expose ?? []).map(Number);
      for (const port of [...published, ...internal]) expect(exposed, `${name}:${port}`).toContain(port);
      expect([...published, ...internal], name).toContain(HTTP_PORT[name]);
    }
  });
});

test(".dockerignore keeps local state and dependencies out of the build context", () => {
  const ignored = fs
    .readFileSync(path.join(ROOT, ".dockerignore"), "utf8")
    .split("\n")
    .map((l) => l.trim());
  for (const entry of [".git", ".cache", "**/node_modules"]) expect(ignored).toContain(entry);
});
