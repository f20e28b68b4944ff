// Builds every overlay with kustomize, validates every object strictly against the Kubernetes
// API types of the target cluster version (k8s/validate), then checks the references between
// objects that the API server would accept but that would break the platform at run time.
import { beforeAll, describe, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureInfraTools, type InfraTools } from "../scripts/infra-tools.ts";
import { podOf, reachable, reachesOutside, type Pod } from "./testing/network.ts";
import { SERVICE_ROLES, serviceLoginsFromEnv } from "@ledgerflow/platform/db";
import { PLATFORM_ENV, environmentUse, serviceSources } from "./testing/sources.ts";
import { DATABASE_SERVICE, INSTALL_TIMEOUT_MS, ROOT, ok, run, type K8sObject } from "./testing/tools.ts";

const SERVICES = ["ledger", "relay", "projector", "billing", "admin-api"] as const;
const CONSUMERS = ["projector", "billing"];
const OVERLAYS = ["dev", "prod"];
/** Services that kube-prometheus-stack (Helm) creates; the monitoring routes point at them. */
const HELM_SERVICES = new Set(["monitoring/kube-prometheus-stack-grafana", "monitoring/kube-prometheus-stack-prometheus"]);
/** Variables that hold credentials: only ever in an ExternalSecret, never in a ConfigMap. */
const SECRET_KEY = /(^|_)DATABASE_URL$|_SECRET$|_TOKENS?$/;
/** Each service's own configuration loader (the projector's lives in its main module). */
const CONFIG_LOADERS: Record<string, () => Promise<(env: Record<string, string>) => unknown>> = {
  ledger: async () => (await import("@ledgerflow/ledger/config")).loadConfig,
  relay: async () => (await import("@ledgerflow/relay/config")).relayConfigFromEnv,
  billing: async () => (await import("@ledgerflow/billing/config")).loadConfig,
  "admin-api": async () => (await import("@ledgerflow/admin-api/config")).loadConfig,
};
/** Pods outside the platform's namespace that its policies name. */
/** An Envoy proxy that Envoy Gateway runs for the platform's Gateway (in its controller's namespace). */
const GATEWAY_PROXY: Pod = {
  namespace: "envoy-gateway-system",
  labels: { "app.kubernetes.io/name": "envoy", "app.kubernetes.io/component": "proxy", "gateway.envoyproxy.io/owning-gateway-name": "ledgerflow", "gateway.envoyproxy.io/owning-gateway-namespace": "ledgerflow" },
  ports: [],
};
const ENVOY_GATEWAY_CONTROLLER = "gateway.envoyproxy.io/gatewayclass-controller";
const ROUTE_KINDS = ["HTTPRoute", "GRPCRoute"];
const PROMETHEUS: Pod = { namespace: "monitoring", labels: { "app.kubernetes.io/name": "prometheus" }, ports: [] };
const CLUSTER_DNS: Pod = { namespace: "kube-system", labels: { "k8s-app": "kube-dns" }, ports: [{ name: "dns-tcp", containerPort: 53 }] };

/** A stand-in value of the right shape for a secret the test cannot read; each password its own. */
function secretStandIn(key: string): string {
  if (/DATABASE_URL$/.test(key)) return "postgres://user:password@postgres.internal:5432/ledgerflow";
  // The names Terraform writes (each needs a scope in the ledger's LEDGER_TOKEN_SCOPES).
  if (key === "LEDGER_AUTH_TOKENS") return "admin-api=0123456789abcdef0123456789,billing=abcdef01234567890123456789";
  if (/_TOKENS$/.test(key)) return "caller=0123456789abcdef0123456789";
  if (key === "username") return "ledgerflow_master";
  // RDS generates the master password with punctuation: the URL must encode it.
  if (key === "password") return "m@ster:pass/word#0123456789?";
  if (key.startsWith("DB_PASSWORD_")) return `${key.slice("DB_PASSWORD_".length).toLowerCase()}-0123456789abcdef`;
  return "0123456789abcdef0123456789";
}

/** The Secret holding the migration step's credentials: the RDS master user's and every role's password. */
const MIGRATE_SECRET = "ledger-migrate-secrets";

/** The keys of the Secret an ExternalSecret writes: its template's when it has one (those only), else what it fetches. */
function secretKeys(external: K8sObject): string[] {
  const template = external.spec.target.template?.data;
  return template ? Object.keys(template) : external.spec.data.map((d: any) => d.secretKey);
}

/**
 * The Secret an ExternalSecret writes, from stand-ins of what it fetches. Renders the subset of
 * External Secrets' templates used here: `{{ .KEY }}`, `{{ .KEY | urlquery }}`, `{{ "literal" }}`.
 */
function renderedSecret(external: K8sObject): Record<string, string> {
  const fetched = Object.fromEntries(external.spec.data.map((d: any) => [d.secretKey, secretStandIn(d.secretKey)]));
  const template: Record<string, string> | undefined = external.spec.target.template?.data;
  if (!template) return fetched;
  const name = external.metadata.name;
  return Object.fromEntries(
    Object.entries(template).map(([key, text]) => {
      const value = text.replace(/\{\{\s*(?:\.([A-Za-z0-9_]+)\s*(\|\s*urlquery\s*)?|"([^"]*)"\s*)\}\}/g, (_all, ref: string, query: string, literal: string) => {
        if (literal !== undefined) return literal;
        expect(fetched[ref], `${name} ${key}: {{ .${ref} }} is fetched`).toBeDefined();
        return query ? encodeURIComponent(fetched[ref]!) : fetched[ref]!;
      });
      expect(value, `${name} ${key}: rendered`).not.toContain("{{");
      return [key, value];
    }),
  );
}

/** The Secrets a container reads, by name. */
function secretsOf(container: any): string[] {
  const names = [...(container.envFrom ?? []).map((f: any) => f.secretRef?.name), ...(container.env ?? []).map((e: any) => e.valueFrom?.secretKeyRef?.name)];
  return [...new Set(names.filter(Boolean))].sort();
}

/** Placeholders in k8s/base that every overlay must replace. */
const PLACEHOLDERS = ["IRSA_ROLE_ARN", "KAFKA_BROKERS", "AWS_REGION", "OIDC_ISSUER", "ADMIN_PUBLIC_URL", "DATABASE_ADDRESS", "RDS_MASTER_USER_SECRET_ARN"];

let tools: InfraTools;
const builds = new Map<string, K8sObject[]>();
const catalog: Record<string, string[]> = JSON.parse(fs.readFileSync(path.join(ROOT, "k8s/observability/metrics-catalog.json"), "utf8"));

function build(dir: string): K8sObject[] {
  const yaml = ok(tools.kustomize, ["build", dir]);
  return JSON.parse(ok(tools.k8sValidate, ["-json"], yaml)) as K8sObject[];
}

function find(objects: K8sObject[], kind: string, name: string, namespace = "ledgerflow"): K8sObject | undefined {
  return objects.find((o) => o.kind === kind && o.metadata.name === name && (o.metadata.namespace ?? "") === namespace);
}

function matches(selector: Record<string, string>, labels: Record<string, string> = {}): boolean {
  return Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** Pod templates of the workloads in a build, with the object that owns them. */
function podTemplates(objects: K8sObject[]): { owner: K8sObject; template: any }[] {
  return objects.filter((o) => ["Deployment", "DaemonSet", "StatefulSet", "Job"].includes(o.kind)).map((owner) => ({ owner, template: owner.spec.template }));
}

function routes(objects: K8sObject[]): K8sObject[] {
  return objects.filter((o) => ROUTE_KINDS.includes(o.kind));
}

function containers(template: any): any[] {
  return [...(template.spec.initContainers ?? []), ...template.spec.containers];
}

beforeAll(() => {
  tools = ensureInfraTools();
  for (const overlay of OVERLAYS) builds.set(overlay, build(path.join(ROOT, "k8s/overlays", overlay)));
}, INSTALL_TIMEOUT_MS);

describe("the validator", () => {
  const deployment = (extra: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: x }
spec:
  selector: { matchLabels: { app: x } }
  template:
    metadata: { labels: { app: x } }
    spec:
      containers:
        - name: x
          image: x:1
${extra}`;

  test("accepts a valid object", () => {
    expect(run(tools.k8sValidate, [], deployment("")).status).toBe(0);
  });

  test.each([
    ["an unknown field", deployment("          imagePullPolicyy: Always\n"), "unknown field"],
    ["a field with the wrong case", deployment("          Args: [a]\n"), "unknown field"],
    ["a wrong type", deployment("          ports: [{ containerPort: http }]\n"), "containerPort"],
    ["a duplicate key", deployment("          image: y:2\n"), "already set"],
    ["a removed API version", "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: { name: x }\nspec: {}\n", "not served"],
    ["an invalid port name", deployment("          ports: [{ name: way-too-long-port-name, containerPort: 80 }]\n"), "port name"],
    ["requests above limits", deployment("          resources: { requests: { cpu: '2' }, limits: { cpu: '1' } }\n"), "exceeds limit"],
    ["an unknown ServiceMonitor field", "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: { name: x }\nspec:\n  selector: { matchLabels: { a: b } }\n  endpoints: [{ port: http, intervall: 15s }]\n", "unknown field"],
    ["an ExternalSecret without a store", "apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata: { name: x }\nspec:\n  secretStoreRef: { name: '' }\n  data: [{ secretKey: A, remoteRef: { key: k } }]\n", "secretStoreRef.name"],
    ["a namespaced cluster-scoped object", "apiVersion: v1\nkind: Namespace\nmetadata: { name: x, namespace: other }\n", "cluster-scoped"],
    ["an Ingress (its controller is retired)", "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: x }\nspec: {}\n", "not served"],
    [
      "an Ingress-style field in an HTTPRoute",
      "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: x }\nspec:\n  parentRefs: [{ name: g }]\n  rules: [{ backendRefs: [{ service: { name: s, port: { number: 80 } } }] }]\n",
      "unknown field",
    ],
    ["a Service backend without a port", "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: x }\nspec:\n  parentRefs: [{ name: g }]\n  rules: [{ backendRefs: [{ name: s }] }]\n", "needs a port"],
    [
      "an HTTPS listener without a certificate",
      "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: { name: x }\nspec:\n  gatewayClassName: c\n  listeners: [{ name: https, port: 443, protocol: HTTPS, hostname: a.example.com }]\n",
      "certificateRefs",
    ],
    [
      "external auth with both grpc and http",
      "apiVersion: gateway.envoyproxy.io/v1alpha1\nkind: SecurityPolicy\nmetadata: { name: x }\nspec:\n  targetRefs: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, name: r }]\n  extAuth: { grpc: { backendRefs: [{ name: a, port: 1 }] }, http: { backendRefs: [{ name: a, port: 1 }] } }\n",
      "exactly one of grpc and http",
    ],
  ])("rejects %s", (_name, manifest, message) => {
    const result = run(tools.k8sValidate, [], manifest);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(message);
  });
});

describe.each(OVERLAYS)("overlay %s", (overlay) => {
  const objects = () => builds.get(overlay)!;

  test("every service has its full set of objects", () => {
    for (const name of SERVICES) {
      for (const kind of ["Deployment", "Service", "ServiceAccount", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor"]) {
        expect(find(objects(), kind, name), `${kind}/${name}`).toBeDefined();
      }
      expect(find(objects(), "ConfigMap", `${name}-config`), `${name}-config`).toBeDefined();
      expect(find(objects(), "ExternalSecret", `${name}-secrets`), `${name}-secrets`).toBeDefined();
    }
    expect(find(objects(), "Job", "ledger-migrate")).toBeDefined();
    expect(find(objects(), "ClusterSecretStore", "aws-secrets-manager", "")).toBeDefined();
    expect(find(objects(), "PrometheusRule", "ledgerflow-alerts", "monitoring")).toBeDefined();
  });

  test("namespaced objects have a namespace, cluster-scoped ones none", () => {
    const clusterScoped = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "ClusterSecretStore", "GatewayClass"]);
    for (const o of objects()) {
      expect(Boolean(o.metadata.namespace), `${o.kind}/${o.metadata.name}`).toBe(!clusterScoped.has(o.kind));
    }
  });

  test("no placeholder survives the overlay's deploy settings", () => {
    const strings: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === "string") strings.push(value);
      else if (value && typeof value === "object") for (const v of Object.values(value)) walk(v);
    };
    walk(objects());
    // Whole values, or the quoted literal of an ExternalSecret's template ({{ "DATABASE_ADDRESS" }}).
    expect(strings.filter((v) => PLACEHOLDERS.some((p) => v === p || v.includes(`"${p}"`)))).toEqual([]);
    for (const name of SERVICES) {
      expect(find(objects(), "ServiceAccount", name)!.metadata.annotations!["eks.amazonaws.com/role-arn"]).toMatch(new RegExp(`^arn:aws:iam::[^:]+:role/ledgerflow-${overlay}-${name}$`));
    }
    expect(objects().some((o) => o.metadata.name === "deploy-settings")).toBe(false);
  });

  test("Service selectors match pod labels and target declared container ports", () => {
    for (const service of objects().filter((o) => o.kind === "Service")) {
      const pods = podTemplates(objects()).filter(({ owner, template }) => owner.metadata.namespace === service.metadata.namespace && matches(service.spec.selector, template.metadata.labels));
      expect(pods.length, `pods for Service ${service.metadata.name}`).toBeGreaterThan(0);
      for (const port of service.spec.ports) {
        for (const { template } of pods) {
          const declared = template.spec.containers.flatMap((c: any) => c.ports ?? []);
          const target = port.targetPort ?? port.port;
          expect(
            declared.some((p: any) => p.name === target || p.containerPort === target),
            `${service.metadata.name}:${port.name} -> ${target}`,
          ).toBe(true);
        }
      }
    }
  });

  test("ports are named for their protocol, with appProtocol", () => {
    const ledger = find(objects(), "Service", "ledger")!;
    expect(ledger.spec.ports.map((p: any) => [p.name, p.port, p.appProtocol])).toEqual([
      ["grpc", 9090, "grpc"],
      ["http", 8081, "http"],
    ]);
    const expected: Record<string, number> = { relay: 8084, projector: 8082, billing: 8083, "admin-api": 8080 };
    for (const [name, port] of Object.entries(expected)) {
      expect(find(objects(), "Service", name)!.spec.ports).toEqual([{ name: "http", port, targetPort: "http", protocol: "TCP", appProtocol: "http" }]);
    }
  });

  test("probes: startup, liveness on /healthz, readiness on /readyz, on declared ports", () => {
    for (const name of SERVICES) {
      const container = find(objects(), "Deployment", name)!.spec.template.spec.containers[0];
      const ports = new Set((container.ports ?? []).flatMap((p: any) => [p.name, p.containerPort]));
      expect(container.startupProbe.httpGet.path).toBe("/healthz");
      expect(container.livenessProbe.httpGet.path).toBe("/healthz");
      expect(container.readinessProbe.httpGet.path).toBe("/readyz");
      for (const probe of [container.startupProbe, container.livenessProbe, container.readinessProbe]) {
        expect(ports.has(probe.httpGet.port), `${name} probe port ${probe.httpGet.port}`).toBe(true);
      }
    }
    for (const { owner, template } of podTemplates(objects())) {
      for (const c of containers(template)) {
        const ports = new Set((c.ports ?? []).flatMap((p: any) => [p.name, p.containerPort]));
        for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe].filter(Boolean)) {
          if (probe.httpGet) expect(ports.has(probe.httpGet.port), `${owner.metadata.name}/${c.name}`).toBe(true);
        }
      }
    }
  });

  test("pods run non-root on a read-only root filesystem, with requests and limits", () => {
    for (const { owner, template } of podTemplates(objects()).filter(({ owner }) => owner.metadata.namespace === "ledgerflow")) {
      expect(template.spec.securityContext.runAsNonRoot, owner.metadata.name).toBe(true);
      expect(template.spec.securityContext.seccompProfile.type).toBe("RuntimeDefault");
      for (const c of containers(template)) {
        const where = `${owner.metadata.name}/${c.name}`;
        expect(c.securityContext.readOnlyRootFilesystem, where).toBe(true);
        expect(c.securityContext.allowPrivilegeEscalation, where).toBe(false);
        expect(c.securityContext.capabilities.drop, where).toEqual(["ALL"]);
        for (const resource of ["cpu", "memory"]) {
          expect(c.resources.requests[resource], `${where} request ${resource}`).toBeDefined();
          expect(c.resources.limits[resource], `${where} limit ${resource}`).toBeDefined();
        }
      }
    }
  });

  test("rollouts drain: preStop before SIGTERM, grace period longer than the drain, zone spread", () => {
    for (const name of SERVICES) {
      const spec = find(objects(), "Deployment", name)!.spec;
      const container = spec.template.spec.containers[0];
      const drainSeconds = container.lifecycle.preStop.sleep.seconds;
      expect(drainSeconds).toBeGreaterThan(0);
      expect(spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(drainSeconds + 15);
      expect(spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
      const keys = spec.template.spec.topologySpreadConstraints.map((t: any) => t.topologyKey);
      expect(keys).toContain("topology.kubernetes.io/zone");
      for (const t of spec.template.spec.topologySpreadConstraints) expect(matches(t.labelSelector.matchLabels, spec.template.metadata.labels)).toBe(true);
    }
  });

  test("every referenced ConfigMap, Secret and ServiceAccount exists in the build", () => {
    const secrets = new Set(
      objects()
        .filter((o) => o.kind === "ExternalSecret")
        .map((o) => `${o.metadata.namespace}/${o.spec.target.name ?? o.metadata.name}`),
    );
    for (const o of objects().filter((o) => o.kind === "Secret")) secrets.add(`${o.metadata.namespace}/${o.metadata.name}`);
    const has = (kind: string, ns: string, name: string) => (kind === "Secret" ? secrets.has(`${ns}/${name}`) : Boolean(find(objects(), kind, name, ns)));
    for (const { owner, template } of podTemplates(objects())) {
      const ns = owner.metadata.namespace!;
      const refs: [string, string, string?][] = [];
      const account = template.spec.serviceAccountName;
      if (account) refs.push(["ServiceAccount", account]);
      for (const c of containers(template)) {
        for (const from of c.envFrom ?? []) {
          if (from.configMapRef) refs.push(["ConfigMap", from.configMapRef.name]);
          if (from.secretRef) refs.push(["Secret", from.secretRef.name]);
        }
        for (const env of c.env ?? []) {
          if (env.valueFrom?.configMapKeyRef) refs.push(["ConfigMap", env.valueFrom.configMapKeyRef.name, env.valueFrom.configMapKeyRef.key]);
          if (env.valueFrom?.secretKeyRef) refs.push(["Secret", env.valueFrom.secretKeyRef.name, env.valueFrom.secretKeyRef.key]);
        }
      }
      for (const v of template.spec.volumes ?? []) {
        if (v.configMap) refs.push(["ConfigMap", v.configMap.name]);
        if (v.secret) refs.push(["Secret", v.secret.secretName]);
      }
      for (const [kind, name, key] of refs) {
        expect(has(kind, ns, name), `${owner.kind}/${owner.metadata.name} -> ${kind}/${name}`).toBe(true);
        if (key && kind === "ConfigMap") expect(find(objects(), kind, name, ns)!.data?.[key], `${name}.${key}`).toBeDefined();
        if (key && kind === "Secret") {
          const external = objects().find((o) => o.kind === "ExternalSecret" && o.metadata.namespace === ns && (o.spec.target.name ?? o.metadata.name) === name);
          if (external) expect(secretKeys(external), `${name}.${key}`).toContain(key);
        }
      }
    }
  });

  test("each service gets exactly the environment it needs from its ConfigMap and Secret", () => {
    const required: Record<string, string[]> = {
      ledger: ["DATABASE_URL", "LEDGER_AUTH_TOKENS", "LEDGER_TOKEN_SCOPES"],
      relay: ["DATABASE_URL", "KAFKA_BROKERS"],
      projector: ["DATABASE_URL", "READ_DATABASE_URL", "KAFKA_BROKERS"],
      billing: ["DATABASE_URL", "KAFKA_BROKERS", "LEDGER_URL", "LEDGER_TOKEN", "BILLING_AUTH_TOKENS", "BILLING_GROUP", "BILLING_CLOSE_INTERVAL_MS", "BILLING_MIGRATE"],
      "admin-api": [
        "DATABASE_URL",
        "READ_DATABASE_URL",
        "ADMIN_PUBLIC_URL",
        "ADMIN_TRUST_PROXY",
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
        "OIDC_SCOPES",
        "OIDC_ROLES_CLAIM",
        "OIDC_AUDIENCE",
        "ADMIN_ROLE_MAPPINGS",
      ],
    };
    for (const name of SERVICES) {
      const config = Object.keys(find(objects(), "ConfigMap", `${name}-config`)!.data ?? {});
      const secret = secretKeys(find(objects(), "ExternalSecret", `${name}-secrets`)!);
      const provided = new Set([...config, ...secret]);
      for (const key of [...required[name]!, "LOG_LEVEL", "NODE_ENV"]) expect(provided.has(key), `${name} ${key}`).toBe(true);
      expect(
        config.filter((k) => secret.includes(k)),
        `${name}: a key both in config and secret`,
      ).toEqual([]);
      for (const key of config) expect(SECRET_KEY.test(key), `${name}: ${key} must be a secret`).toBe(false);
    }
    expect(find(objects(), "ConfigMap", "billing-config")!.data!.LEDGER_URL).toBe("http://ledger:8081");
  });

  test("every variable a service is given is read by its code, and every one its code requires is given", () => {
    for (const name of SERVICES) {
      const { read, required } = environmentUse(serviceSources(name).files);
      const container = find(objects(), "Deployment", name)!.spec.template.spec.containers[0];
      const provided = [...Object.keys(find(objects(), "ConfigMap", `${name}-config`)!.data ?? {}), ...secretKeys(find(objects(), "ExternalSecret", `${name}-secrets`)!), ...(container.env ?? []).map((e: any) => e.name)];
      for (const key of provided) expect(read.has(key) || PLATFORM_ENV.has(key), `${name}: ${key} is read by nothing in its code`).toBe(true);
      for (const key of required) expect(provided, `${name} requires ${key}`).toContain(key);
    }
  });

  test("each service's own configuration loader accepts the environment it is given", async () => {
    for (const [name, loader] of Object.entries(CONFIG_LOADERS)) {
      const env: Record<string, string> = { ...find(objects(), "ConfigMap", `${name}-config`)!.data, ...renderedSecret(find(objects(), "ExternalSecret", `${name}-secrets`)!) };
      const load = await loader();
      expect(() => load(env), name).not.toThrow();
    }
  });

  test("every service URL the code reads is set, to a Service port its pods may reach", () => {
    const policies = objects().filter((o) => o.kind === "NetworkPolicy");
    for (const name of SERVICES) {
      const caller = podOf(find(objects(), "Deployment", name)!);
      const config = find(objects(), "ConfigMap", `${name}-config`)!.data ?? {};
      const urls = [...environmentUse(serviceSources(name).files).read].filter((k) => k.endsWith("_URL") && !k.endsWith("DATABASE_URL") && k !== "ADMIN_PUBLIC_URL");
      for (const key of urls) {
        expect(config[key], `${name} ${key}`).toBeDefined();
        const url = new URL(config[key]!);
        const service = find(objects(), "Service", url.hostname);
        expect(service, `${name} ${key}: Service ${url.hostname}`).toBeDefined();
        const port = service!.spec.ports.find((p: any) => p.port === Number(url.port));
        expect(port, `${name} ${key}: Service ${url.hostname} has no port ${url.port}`).toBeDefined();
        const backends = objects().filter((o) => o.kind === "Deployment" && o.metadata.namespace === service!.metadata.namespace && matches(service!.spec.selector, o.spec.template.metadata.labels));
        expect(backends.length, `${key} -> ${url.hostname}`).toBeGreaterThan(0);
        for (const backend of backends) {
          const pod = podOf(backend);
          const target = port.targetPort ?? port.port;
          const containerPort = typeof target === "string" ? pod.ports.find((p) => p.name === target)?.containerPort : target;
          expect(containerPort, `${url.hostname} targetPort ${target}`).toBeDefined();
          expect(reachable(policies, caller, pod, containerPort!), `${name} -> ${config[key]} (NetworkPolicies)`).toBe(true);
        }
      }
    }
  });

  test("a caller's token for a service comes from the secret that holds the tokens that service accepts", () => {
    for (const name of SERVICES) {
      const config = find(objects(), "ConfigMap", `${name}-config`)!.data ?? {};
      const own = find(objects(), "ExternalSecret", `${name}-secrets`)!.spec.data;
      for (const [key, value] of Object.entries(config).filter(([k]) => k.endsWith("_URL") && k !== "ADMIN_PUBLIC_URL")) {
        const prefix = key.slice(0, -"_URL".length);
        const callee = new URL(value).hostname;
        const accepted = find(objects(), "ExternalSecret", `${callee}-secrets`)?.spec.data.find((d: any) => d.secretKey === `${prefix}_AUTH_TOKENS`);
        const token = own.find((d: any) => d.secretKey === `${prefix}_TOKEN`);
        if (!accepted) {
          expect(token, `${name}: ${prefix}_TOKEN for ${callee}, which accepts no tokens`).toBeUndefined();
          continue;
        }
        expect(token, `${name} -> ${callee}: ${prefix}_TOKEN`).toBeDefined();
        expect(token.remoteRef.key, `${name} ${prefix}_TOKEN`).toBe(accepted.remoteRef.key);
        expect(token.remoteRef.property).toBe(`${name.toUpperCase().replace(/-/g, "_")}_${prefix}_TOKEN`);
      }
    }
  });

  test("pods reach the cluster DNS, PostgreSQL, their Kafka brokers and OpenID provider", () => {
    const policies = objects().filter((o) => o.kind === "NetworkPolicy");
    // The environment's VPC CIDR: its terraform/live/<env>.tfvars, else the root's default.
    const tfvars = fs.readFileSync(path.join(ROOT, "terraform/live", `${overlay}.tfvars`), "utf8");
    const variables = fs.readFileSync(path.join(ROOT, "terraform/live/variables.tf"), "utf8");
    const vpc = (/^vpc_cidr\s+= "([^"]+)"/m.exec(tfvars) ?? /variable "vpc_cidr" \{[\s\S]*?default\s+= "([^"]+)"/.exec(variables))![1];
    for (const { owner } of podTemplates(objects()).filter(({ owner }) => owner.metadata.namespace === "ledgerflow")) {
      expect(reachable(policies, podOf(owner), CLUSTER_DNS, 53), `${owner.metadata.name} -> DNS`).toBe(true);
    }
    for (const name of SERVICES) {
      const pod = podOf(find(objects(), "Deployment", name)!);
      const config = find(objects(), "ConfigMap", `${name}-config`)!.data ?? {};
      const secret = secretKeys(find(objects(), "ExternalSecret", `${name}-secrets`)!);
      if (secret.includes("DATABASE_URL")) expect(reachesOutside(policies, pod, 5432, vpc), `${name} -> PostgreSQL`).toBe(true);
      for (const broker of (config.KAFKA_BROKERS ?? "").split(",").filter(Boolean)) {
        expect(reachesOutside(policies, pod, Number(broker.split(":").at(-1)), vpc), `${name} -> ${broker}`).toBe(true);
      }
      if (config.OIDC_ISSUER) expect(reachesOutside(policies, pod, Number(new URL(config.OIDC_ISSUER).port || 443)), `${name} -> ${config.OIDC_ISSUER}`).toBe(true);
    }
  });

  test("admin-api: reached only from the Gateway's proxies and Prometheus, at the https origin of its route's host", () => {
    const policies = objects().filter((o) => o.kind === "NetworkPolicy");
    const admin = podOf(find(objects(), "Deployment", "admin-api")!);
    expect(reachable(policies, GATEWAY_PROXY, admin, 8080)).toBe(true);
    expect(reachable(policies, PROMETHEUS, admin, 8080)).toBe(true);
    for (const { owner } of podTemplates(objects()).filter(({ owner }) => owner.metadata.name !== "admin-api")) {
      expect(reachable(policies, podOf(owner), admin, 8080), `${owner.metadata.namespace}/${owner.metadata.name} -> admin-api`).toBe(false);
    }
    const hosts = routes(objects())
      .filter((r) => r.spec.rules.some((rule: any) => (rule.backendRefs ?? []).some((b: any) => b.name === "admin-api")))
      .flatMap((r) => r.spec.hostnames);
    const config = find(objects(), "ConfigMap", "admin-api-config")!.data!;
    expect(hosts).toEqual([new URL(config.ADMIN_PUBLIC_URL!).host]);
    expect(config.ADMIN_PUBLIC_URL).toBe(`https://${hosts[0]}`);
    expect(config.NODE_ENV).toBe("production");
    expect(config.ADMIN_TRUST_PROXY).toBe("true");
  });

  test("ExternalSecrets read AWS Secrets Manager through the ClusterSecretStore", () => {
    const store = find(objects(), "ClusterSecretStore", "aws-secrets-manager", "")!;
    expect(store.spec.provider.aws.service).toBe("SecretsManager");
    expect(store.spec.provider.aws.region).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
    for (const external of objects().filter((o) => o.kind === "ExternalSecret")) {
      expect(external.spec.secretStoreRef).toEqual({ kind: "ClusterSecretStore", name: "aws-secrets-manager" });
      for (const d of external.spec.data) {
        // The platform's own secrets, and for the migration step the one RDS keeps its master user's in.
        if (external.metadata.name === MIGRATE_SECRET && ["username", "password"].includes(d.secretKey)) {
          expect(d.remoteRef.key).toMatch(/^arn:aws:secretsmanager:[a-z]{2}-[a-z]+-\d:[^:]+:secret:rds!db-[A-Za-z0-9-]+$/);
          expect(d.remoteRef.property).toBe(d.secretKey);
        } else expect(d.remoteRef.key, `${external.metadata.name} ${d.secretKey}`).toMatch(/^ledgerflow\/[a-z0-9-]+$/);
      }
    }
  });

  test("images are pinned and the services run the overlay's tag", () => {
    for (const { owner, template } of podTemplates(objects())) {
      for (const c of containers(template)) {
        expect(c.image, `${owner.metadata.name}/${c.name}`).toMatch(/^[^:@]+(:[\w][\w.-]*|@sha256:[a-f0-9]{64})$/);
        expect(c.image).not.toMatch(/:latest$/);
      }
    }
    for (const name of SERVICES) {
      expect(find(objects(), "Deployment", name)!.spec.template.spec.containers[0].image).toMatch(new RegExp(`^ledgerflow/${name}:\\d+\\.\\d+\\.\\d+`));
    }
  });

  test("HPAs scale existing Deployments; consumers also on consumer lag from the catalog", () => {
    for (const hpa of objects().filter((o) => o.kind === "HorizontalPodAutoscaler")) {
      const target = find(objects(), hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name, hpa.metadata.namespace);
      expect(target, hpa.metadata.name).toBeDefined();
      expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
      expect(hpa.spec.metrics.some((m: any) => m.type === "Resource" && m.resource.name === "cpu")).toBe(true);
      const external = hpa.spec.metrics.filter((m: any) => m.type === "External");
      if (CONSUMERS.includes(hpa.metadata.name)) {
        expect(external.length, hpa.metadata.name).toBe(1);
        expect(catalog[hpa.metadata.name]).toContain(external[0].external.metric.name);
        expect(external[0].external.metric.name).toMatch(/_consumer_lag_messages$/);
      } else {
        expect(external.length, hpa.metadata.name).toBe(0);
      }
    }
  });

  test("PodDisruptionBudgets select running pods", () => {
    for (const pdb of objects().filter((o) => o.kind === "PodDisruptionBudget")) {
      const deployment = find(objects(), "Deployment", pdb.metadata.name, pdb.metadata.namespace)!;
      expect(matches(pdb.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    }
  });

  test("NetworkPolicies: default deny, every pod covered, allowed ports exist", () => {
    const policies = objects().filter((o) => o.kind === "NetworkPolicy" && o.metadata.namespace === "ledgerflow");
    const deny = policies.find((p) => p.metadata.name === "default-deny")!;
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    for (const { owner, template } of podTemplates(objects()).filter(({ owner }) => owner.metadata.namespace === "ledgerflow")) {
      const own = policies.filter((p) => matches(p.spec.podSelector.matchLabels ?? {}, template.metadata.labels));
      expect(own.length, `policy for ${owner.metadata.name}`).toBeGreaterThan(0);
      const named = new Set(template.spec.containers.flatMap((c: any) => (c.ports ?? []).map((p: any) => p.name)));
      for (const rule of own.flatMap((p) => p.spec.ingress ?? [])) {
        for (const port of rule.ports ?? []) if (typeof port.port === "string") expect(named.has(port.port), `${owner.metadata.name} ${port.port}`).toBe(true);
      }
    }
    // Only billing and admin-api call the ledger from inside the namespace.
    const ledgerPeers = find(objects(), "NetworkPolicy", "ledger")!.spec.ingress.flatMap((r: any) => r.from.filter((f: any) => !f.namespaceSelector).map((f: any) => f.podSelector?.matchLabels?.["app.kubernetes.io/name"]));
    expect(ledgerPeers.sort()).toEqual(["admin-api", "billing"]);
  });

  test("the Gateway: Envoy Gateway's class, TLS terminated for every host of the overlay, plain HTTP only redirected", () => {
    const gateway = find(objects(), "Gateway", "ledgerflow")!;
    const gatewayClass = find(objects(), "GatewayClass", gateway.spec.gatewayClassName, "")!;
    expect(gatewayClass.spec.controllerName).toBe(ENVOY_GATEWAY_CONTROLLER);
    expect(gateway.metadata.annotations!["cert-manager.io/cluster-issuer"]).toBe("letsencrypt");
    const domain = overlay === "prod" ? ".ledgerflow.example.com" : ".dev.ledgerflow.example.com";
    const hosts = gateway.spec.listeners.filter((l: any) => l.protocol === "HTTPS").map((l: any) => l.hostname);
    expect(hosts.sort()).toEqual(["admin", "api", "grafana", "grpc", "prometheus"].map((h) => h + domain));
    for (const listener of gateway.spec.listeners) {
      if (listener.protocol === "HTTPS") {
        expect(listener.port, listener.name).toBe(443);
        expect(listener.tls.mode ?? "Terminate").toBe("Terminate");
        expect(listener.tls.certificateRefs.length).toBeGreaterThan(0);
        continue;
      }
      expect(listener.protocol, listener.name).toBe("HTTP");
      const attached = routes(objects()).filter((r) => r.spec.parentRefs.some((p: any) => p.sectionName === listener.name || p.sectionName === undefined));
      expect(attached.map((r) => r.metadata.name)).toEqual(["https-redirect"]);
      expect(attached[0]!.spec.rules).toEqual([{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }]);
    }
  });

  test("routes attach to a listener that admits them, on its hostname, and reach existing Service ports the NetworkPolicies open to the Gateway", () => {
    const policies = objects().filter((o) => o.kind === "NetworkPolicy");
    const all = routes(objects());
    expect(all.map((r) => `${r.metadata.namespace}/${r.kind}/${r.metadata.name}`).sort()).toEqual([
      "ledgerflow/GRPCRoute/ledger-grpc",
      "ledgerflow/HTTPRoute/admin",
      "ledgerflow/HTTPRoute/api",
      "ledgerflow/HTTPRoute/https-redirect",
      "monitoring/HTTPRoute/grafana",
      "monitoring/HTTPRoute/oauth2-proxy",
      "monitoring/HTTPRoute/prometheus",
    ]);
    for (const route of all) {
      const name = `${route.kind}/${route.metadata.namespace}/${route.metadata.name}`;
      const listeners = route.spec.parentRefs.map((parent: any) => {
        const gateway = find(objects(), "Gateway", parent.name, parent.namespace ?? route.metadata.namespace);
        expect(gateway, `${name} -> Gateway ${parent.name}`).toBeDefined();
        const listener = gateway!.spec.listeners.find((l: any) => l.name === parent.sectionName);
        expect(listener, `${name} -> listener ${parent.sectionName}`).toBeDefined();
        const from = listener.allowedRoutes?.namespaces?.from ?? "Same";
        const admitted =
          from === "All" || (from === "Same" ? gateway!.metadata.namespace === route.metadata.namespace : matches(listener.allowedRoutes.namespaces.selector.matchLabels, { "kubernetes.io/metadata.name": route.metadata.namespace! }));
        expect(admitted, `${name}: namespace admitted by ${parent.sectionName}`).toBe(true);
        const kinds = (listener.allowedRoutes?.kinds ?? []).map((k: any) => k.kind);
        expect(kinds.length === 0 || kinds.includes(route.kind), `${name}: kind admitted by ${parent.sectionName}`).toBe(true);
        return listener;
      });
      const listenerHosts = new Set(listeners.map((l: any) => l.hostname).filter(Boolean));
      for (const host of route.spec.hostnames ?? []) expect(listenerHosts.has(host), `${name}: ${host} on its listeners`).toBe(true);
      for (const ref of route.spec.rules.flatMap((rule: any) => rule.backendRefs ?? [])) {
        const key = `${ref.namespace ?? route.metadata.namespace}/${ref.name}`;
        expect(ref.namespace ?? route.metadata.namespace, `${name}: no cross-namespace backend`).toBe(route.metadata.namespace);
        if (HELM_SERVICES.has(key)) continue;
        const service = find(objects(), "Service", ref.name, route.metadata.namespace);
        expect(service, `${name} -> ${key}`).toBeDefined();
        const port = service!.spec.ports.find((p: any) => p.port === ref.port);
        expect(port, `${name} -> ${key}:${ref.port}`).toBeDefined();
        if (route.metadata.namespace !== "ledgerflow") continue;
        for (const backend of objects().filter((o) => o.kind === "Deployment" && o.metadata.namespace === route.metadata.namespace && matches(service!.spec.selector, o.spec.template.metadata.labels))) {
          const pod = podOf(backend);
          const target = port.targetPort ?? port.port;
          const containerPort = typeof target === "string" ? pod.ports.find((p) => p.name === target)?.containerPort : target;
          expect(reachable(policies, GATEWAY_PROXY, pod, containerPort!), `Gateway -> ${key}:${ref.port} (NetworkPolicies)`).toBe(true);
        }
      }
    }
    const grpc = find(objects(), "GRPCRoute", "ledger-grpc")!;
    expect(grpc.spec.rules).toEqual([{ backendRefs: [{ name: "ledger", port: 9090 }] }]);
    expect(find(objects(), "Service", "ledger")!.spec.ports.find((p: any) => p.port === 9090).appProtocol).toBe("grpc");
  });

  test("oauth2-proxy stands in front of the Grafana and Prometheus UIs: every UI route checked by it, its own endpoints not", () => {
    const policies = objects().filter((o) => o.kind === "SecurityPolicy" && o.metadata.namespace === "monitoring");
    const guarded = new Set(policies.filter((p) => p.spec.extAuth).flatMap((p) => p.spec.targetRefs.map((t: any) => `${t.kind}/${t.name}`)));
    const ui = routes(objects()).filter((r) => r.metadata.namespace === "monitoring" && r.spec.rules.some((rule: any) => (rule.backendRefs ?? []).some((b: any) => HELM_SERVICES.has(`monitoring/${b.name}`))));
    expect(ui.map((r) => r.metadata.name).sort()).toEqual(["grafana", "prometheus"]);
    for (const route of ui) expect(guarded.has(`HTTPRoute/${route.metadata.name}`), route.metadata.name).toBe(true);
    expect(guarded.has("HTTPRoute/oauth2-proxy")).toBe(false);
    const auth = policies.find((p) => p.spec.extAuth)!.spec.extAuth;
    expect(auth.failOpen).toBe(false);
    expect(auth.headersToExtAuth).toContain("cookie");
    const service = find(objects(), "Service", auth.http.backendRefs[0].name, "monitoring")!;
    expect(service.spec.ports.map((p: any) => p.port)).toContain(auth.http.backendRefs[0].port);
    expect(auth.http.path).toBeUndefined(); // oauth2-proxy sees the request's own path and redirects to sign-in
    const args: string[] = find(objects(), "Deployment", "oauth2-proxy", "monitoring")!.spec.template.spec.containers[0].args;
    // Envoy's external authorization accepts only a 200; oauth2-proxy's own paths stay under /oauth2.
    expect(args).toContain("--upstream=static://200");
    expect(args).toContain("--ping-path=/oauth2/ping");
    const own = find(objects(), "HTTPRoute", "oauth2-proxy", "monitoring")!;
    expect(own.spec.rules[0].matches).toEqual([{ path: { type: "PathPrefix", value: "/oauth2" } }]);
    expect(new Set(own.spec.hostnames)).toEqual(new Set(ui.flatMap((r) => r.spec.hostnames)));
  });

  test("ServiceMonitors scrape /metrics on a declared Service port", () => {
    for (const monitor of objects().filter((o) => o.kind === "ServiceMonitor")) {
      const services = objects().filter((o) => o.kind === "Service" && o.metadata.namespace === monitor.metadata.namespace && matches(monitor.spec.selector.matchLabels, o.metadata.labels));
      expect(services.length, monitor.metadata.name).toBe(1);
      for (const endpoint of monitor.spec.endpoints) {
        expect(endpoint.path).toBe("/metrics");
        expect(services[0]!.spec.ports.map((p: any) => p.name)).toContain(endpoint.port);
      }
      expect(monitor.metadata.labels!.release).toBe("kube-prometheus-stack");
    }
  });

  test("migrations run before every service: a Job and each pod's init container on the same command, image and credentials", () => {
    const job = find(objects(), "Job", "ledger-migrate")!;
    const migrate = job.spec.template.spec.containers[0];
    const command = ["bun", "services/ledger/src/migrate-cli.ts"];
    expect(migrate.command).toEqual(command);
    expect(job.spec.template.spec.restartPolicy).toBe("Never");
    expect(migrate.image).toBe(find(objects(), "Deployment", "ledger")!.spec.template.spec.containers[0].image);
    const database = migrate.env.find((e: any) => e.name === "DATABASE_URL").valueFrom;
    // Every service reads tables of sql/migrations (billing and admin-api their own schemas).
    for (const name of SERVICES) {
      const init = find(objects(), "Deployment", name)!.spec.template.spec.initContainers ?? [];
      expect(
        init.map((c: any) => c.command),
        name,
      ).toEqual([command]);
      expect(init[0].image, name).toBe(migrate.image);
      expect(init[0].env.find((e: any) => e.name === "DATABASE_URL").valueFrom, name).toEqual(database);
    }
    // The billing image carries no sql/: billing never migrates itself.
    expect(find(objects(), "ConfigMap", "billing-config")!.data!.BILLING_MIGRATE).toBe("false");
  });

  test("each service connects to PostgreSQL as its own role, with its own password and the overlay's endpoint", () => {
    const settings = fs.readFileSync(path.join(ROOT, "k8s/overlays", overlay, "deploy-settings.env"), "utf8");
    const address = /^DATABASE_ADDRESS=(.+)$/m.exec(settings)![1];
    for (const name of SERVICES) {
      const service = DATABASE_SERVICE[name]!;
      const external = find(objects(), "ExternalSecret", `${name}-secrets`)!;
      // Fetched values other than the template's stay out of the Secret (no merge).
      expect(external.spec.target.template?.mergePolicy ?? "Replace", name).toBe("Replace");
      const passwords = external.spec.data.filter((d: any) => d.secretKey.startsWith("DB_PASSWORD_") || d.remoteRef.property?.startsWith("DB_PASSWORD_"));
      const own = `DB_PASSWORD_${service.toUpperCase()}`;
      expect(
        passwords.map((d: any) => [d.secretKey, d.remoteRef.key, d.remoteRef.property]),
        name,
      ).toEqual([[own, "ledgerflow/database", own]]);
      const secret = renderedSecret(external);
      const urls = Object.keys(secret).filter((k) => k.endsWith("DATABASE_URL"));
      expect(urls, name).toContain("DATABASE_URL");
      for (const key of urls) {
        const url = new URL(secret[key]!);
        expect(url.username, `${name} ${key}`).toBe(SERVICE_ROLES[service]);
        expect(decodeURIComponent(url.password), `${name} ${key}`).toBe(secretStandIn(own));
        expect(url.hostname, `${name} ${key}`).toBe(address as string);
        expect(url.searchParams.get("sslmode"), `${name} ${key}`).toBe("verify-full");
      }
      // The service's containers read their own Secret only; the pod's init container the master URL only.
      const spec = find(objects(), "Deployment", name)!.spec.template.spec;
      for (const c of spec.containers) expect(secretsOf(c), `${name}/${c.name}`).toEqual([`${name}-secrets`]);
      for (const c of spec.initContainers ?? []) {
        expect(c.envFrom ?? [], `${name}/${c.name}`).toEqual([]);
        const fromSecrets = c.env.filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => [e.name, e.valueFrom.secretKeyRef.name, e.valueFrom.secretKeyRef.key]);
        expect(fromSecrets, `${name}/${c.name}`).toEqual([["DATABASE_URL", MIGRATE_SECRET, "DATABASE_URL"]]);
      }
    }
  });

  test("only the migration step holds the master user's credentials and the roles' passwords, and it holds all of them", () => {
    const migrate = find(objects(), "ExternalSecret", MIGRATE_SECRET)!;
    expect(migrate.spec.target.template?.mergePolicy ?? "Replace").toBe("Replace");
    // No other Secret reads the master credentials or a password other than its service's own.
    for (const external of objects().filter((o) => o.kind === "ExternalSecret" && o.metadata.name !== MIGRATE_SECRET)) {
      const service = DATABASE_SERVICE[external.metadata.name.replace(/-secrets$/, "")];
      for (const d of external.spec.data) {
        expect(d.remoteRef.key, `${external.metadata.name} ${d.secretKey}`).toMatch(/^ledgerflow\//);
        if (d.remoteRef.key === "ledgerflow/database") expect(d.remoteRef.property, external.metadata.name).toBe(`DB_PASSWORD_${service?.toUpperCase()}`);
      }
    }
    // Its Secret is read by the migration Job and the `migrations` init containers, by nothing else.
    for (const { owner, template } of podTemplates(objects())) {
      const migrator = owner.kind === "Job" && owner.metadata.name === "ledger-migrate";
      for (const c of template.spec.containers) expect(migrator || !secretsOf(c).includes(MIGRATE_SECRET), `${owner.metadata.name}/${c.name}`).toBe(true);
      for (const c of template.spec.initContainers ?? []) if (secretsOf(c).includes(MIGRATE_SECRET)) expect(c.name, owner.metadata.name).toBe("migrations");
      for (const v of template.spec.volumes ?? []) expect(v.secret?.secretName, owner.metadata.name).not.toBe(MIGRATE_SECRET);
    }
    // The Job: the master user's URL and every service role's password, as the migrator reads them.
    const secret = renderedSecret(migrate);
    const job = find(objects(), "Job", "ledger-migrate")!.spec.template.spec.containers[0];
    expect(secretsOf(job)).toEqual([MIGRATE_SECRET]);
    const env: Record<string, string> = Object.fromEntries(job.env.filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => [e.name, secret[e.valueFrom.secretKeyRef.key]!]));
    const url = new URL(env.DATABASE_URL!);
    expect(decodeURIComponent(url.username)).toBe(secretStandIn("username"));
    expect(decodeURIComponent(url.password)).toBe(secretStandIn("password"));
    expect(Object.values(SERVICE_ROLES)).not.toContain(decodeURIComponent(url.username));
    const logins = serviceLoginsFromEnv(env);
    expect(Object.keys(logins).sort()).toEqual(Object.keys(SERVICE_ROLES).sort());
    for (const [service, login] of Object.entries(logins)) expect(login.password, service).toBe(secretStandIn(`DB_PASSWORD_${service.toUpperCase()}`));
    // The same passwords the services' own Secrets are rendered from.
    for (const d of migrate.spec.data.filter((d: any) => d.secretKey.startsWith("DB_PASSWORD_"))) expect([d.remoteRef.key, d.remoteRef.property]).toEqual(["ledgerflow/database", d.secretKey]);
  });

  test("the ledger's main container neither relays nor migrates: the relay Deployment and the migration step do", () => {
    const config = find(objects(), "ConfigMap", "ledger-config")!.data!;
    expect(config.RELAY_ENABLED).toBe("false");
    expect(config.LEDGER_MIGRATE).toBe("false");
    expect(find(objects(), "Deployment", "relay")).toBeDefined();
  });
});

test("prod runs more replicas than dev and never more consumers than partitions", () => {
  const dev = builds.get("dev")!;
  const prod = builds.get("prod")!;
  expect(find(prod, "Deployment", "ledger")!.spec.replicas).toBe(3);
  expect(find(dev, "Deployment", "ledger")!.spec.replicas).toBe(1);
  expect(find(prod, "HorizontalPodAutoscaler", "projector")!.spec.maxReplicas).toBeLessThanOrEqual(12);
  expect(find(dev, "HorizontalPodAutoscaler", "projector")!.spec.maxReplicas).toBeLessThanOrEqual(6);
});

test("the base and the observability kustomizations build on their own", () => {
  for (const dir of ["k8s/base", "k8s/observability", "k8s/cluster"]) expect(build(path.join(ROOT, dir)).length).toBeGreaterThan(0);
});

test("kustomizations avoid deprecated fields, and no account id is committed", () => {
  const files = fs.readdirSync(path.join(ROOT, "k8s"), { recursive: true, encoding: "utf8" }).filter((f) => /\.(ya?ml|env|json)$/.test(f));
  for (const file of files) {
    const text = fs.readFileSync(path.join(ROOT, "k8s", file), "utf8");
    if (/kustomization\.ya?ml$/.test(file)) {
      for (const field of ["commonLabels", "patchesStrategicMerge", "patchesJson6902", "bases", "vars"]) expect(text, `${file}: ${field}`).not.toMatch(new RegExp(`^${field}:`, "m"));
    }
    expect(text, `${file}: an AWS account id`).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
  }
});

test("a broken cross-reference fails the build checks", () => {
  // The same pipeline the overlays go through must catch a Service whose selector matches nothing.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledgerflow-k8s-"));
  try {
    fs.writeFileSync(path.join(dir, "kustomization.yaml"), "resources: [svc.yaml]\n");
    fs.writeFileSync(path.join(dir, "svc.yaml"), "apiVersion: v1\nkind: Service\nmetadata: { name: x }\nspec:\n  selector: { app: x }\n  ports: [{ name: http, port: 80, targetPorrt: http }]\n");
    const yaml = ok(tools.kustomize, ["build", dir]);
    const result = run(tools.k8sValidate, ["-json"], yaml);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("targetPorrt");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
