// Alert rules (promtool check + unit tests), the generated PrometheusRule, dashboards, and the
// metrics catalog that every query must stay within.
import { beforeAll, describe, expect, test } from "bun:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureInfraTools, type InfraTools } from "../scripts/infra-tools.ts";
import { renderPrometheusRule, PROMETHEUS_RULE } from "./observability/sync-rules.ts";
import { INSTALL_TIMEOUT_MS, ROOT, inCatalog, metricNames, ok, run, type K8sObject } from "./testing/tools.ts";

const OBS = path.join(ROOT, "k8s/observability");
const RULES = path.join(OBS, "prometheus/alerts.rules.yml");
const DASHBOARDS = path.join(OBS, "grafana/dashboards");
const PREFIX: Record<string, string> = { ledger: "ledger", relay: "relay", projector: "projector", billing: "billing", "admin-api": "admin" };

const catalogByService: Record<string, string[]> = JSON.parse(fs.readFileSync(path.join(OBS, "metrics-catalog.json"), "utf8"));
const catalog = new Set(Object.values(catalogByService).flat());
const rules = Bun.YAML.parse(fs.readFileSync(RULES, "utf8")) as { groups: { name: string; rules: { alert?: string; expr: string }[] }[] };
const alerts = rules.groups.flatMap((g) => g.rules);
const dashboardFiles = fs
  .readdirSync(DASHBOARDS)
  .filter((f) => f.endsWith(".json"))
  .sort();

let tools: InfraTools;
beforeAll(() => {
  tools = ensureInfraTools();
}, INSTALL_TIMEOUT_MS);

describe("metrics catalog", () => {
  test("lists every service, each metric once, under the service's prefix, in base units", () => {
    expect(Object.keys(catalogByService).sort()).toEqual(Object.keys(PREFIX).sort());
    for (const [service, names] of Object.entries(catalogByService)) {
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) {
        expect(name).toMatch(new RegExp(`^ledgerflow_${PREFIX[service]}_[a-z0-9_]+$`));
        expect(name).not.toMatch(/_(milliseconds|ms|kilobytes|mb)(_|$)/);
      }
      expect(names, service).toContain(`ledgerflow_${PREFIX[service]}_process_resident_memory_bytes`);
    }
  });

  test("holds the metrics the platform is built around", () => {
    for (const name of [
      "ledgerflow_ledger_rpc_requests_total",
      "ledgerflow_ledger_rpc_duration_seconds",
      "ledgerflow_ledger_circuit_breaker_state",
      "ledgerflow_relay_outbox_oldest_age_seconds",
      "ledgerflow_projector_consumer_lag_messages",
      "ledgerflow_projector_drift",
      "ledgerflow_projector_dlq_events_total",
      "ledgerflow_billing_consumer_lag_messages",
      "ledgerflow_admin_http_request_duration_seconds",
    ]) {
      expect(catalog.has(name), name).toBe(true);
    }
  });

  test("the query check rejects names outside the catalog", () => {
    expect(inCatalog("ledgerflow_ledger_rpc_duration_seconds_bucket", catalog)).toBe(true);
    expect(inCatalog("ledgerflow_ledger_rpc_duration_second_bucket", catalog)).toBe(false);
    expect(inCatalog("ledgerflow_relay_outbox_backlog_total", catalog)).toBe(false);
    expect(metricNames('sum(rate(ledgerflow_a_b_total{code="x"}[5m])) / ledgerflow_c')).toEqual(["ledgerflow_a_b_total", "ledgerflow_c"]);
  });
});

describe("alert rules", () => {
  test("promtool check rules passes", () => {
    const out = ok(tools.promtool, ["check", "rules", RULES]);
    expect(out).toContain(`SUCCESS: ${alerts.length} rules found`);
  });

  test("promtool unit tests pass", () => {
    const out = ok(tools.promtool, ["test", "rules", "alerts.rules.test.yml"], undefined, path.join(OBS, "prometheus"));
    expect(out).toContain("SUCCESS");
  });

  test("promtool fails on a broken rule and on a failing unit test", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledgerflow-rules-"));
    try {
      const broken = path.join(dir, "broken.yml");
      fs.writeFileSync(broken, "groups:\n  - name: x\n    rules:\n      - alert: X\n        expr: sum(rate(ledgerflow_relay_published_total[5m]) >\n");
      expect(run(tools.promtool, ["check", "rules", broken]).status).not.toBe(0);
      // The outbox alert must not fire on a healthy backlog: a test expecting it to fails.
      fs.copyFileSync(RULES, path.join(dir, "alerts.rules.yml"));
      fs.writeFileSync(
        path.join(dir, "t.yml"),
        `rule_files: [alerts.rules.yml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'ledgerflow_relay_outbox_oldest_age_seconds{service="relay"}'
        values: "1x10"
    alert_rule_test:
      - eval_time: 10m
        alertname: LedgerflowOutboxEventStuck
        exp_alerts: [{ exp_labels: { severity: critical, service: relay } }]
`,
      );
      expect(run(tools.promtool, ["test", "rules", "t.yml"], undefined, dir).status).not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("cover outbox age, consumer lag, dead letters, error rate, p99 latency, drift, open breakers", () => {
    const exprFor = (name: string) => alerts.find((a) => a.alert === name)?.expr ?? "";
    expect(exprFor("LedgerflowOutboxEventStuck")).toContain("ledgerflow_relay_outbox_oldest_age_seconds");
    expect(exprFor("LedgerflowProjectorConsumerLag")).toContain("ledgerflow_projector_consumer_lag_messages");
    expect(exprFor("LedgerflowBillingConsumerLag")).toContain("ledgerflow_billing_consumer_lag_messages");
    expect(exprFor("LedgerflowDeadLettersGrowing")).toContain("ledgerflow_projector_dlq_events_total");
    expect(exprFor("LedgerflowLedgerErrorRate")).toContain("ledgerflow_ledger_rpc_requests_total");
    expect(exprFor("LedgerflowLedgerLatencyP99")).toMatch(/histogram_quantile\(0\.99,.*ledgerflow_ledger_rpc_duration_seconds_bucket/);
    expect(exprFor("LedgerflowReadModelDrift")).toMatch(/ledgerflow_projector_drift\) != 0/);
    expect(exprFor("LedgerflowCircuitBreakerOpen")).toMatch(/circuit_breaker_state\) == 2/);
  });

  test("every alert has a severity, a summary and a runbook link, and queries only catalogued metrics", () => {
    const unit = fs.readFileSync(path.join(OBS, "prometheus/alerts.rules.test.yml"), "utf8");
    for (const rule of alerts) {
      const r = rule as any;
      expect(["warning", "critical"]).toContain(r.labels.severity);
      expect(r.annotations.summary.length).toBeGreaterThan(0);
      expect(r.annotations.runbook).toMatch(/^k8s\/README\.md#runbook-/);
      for (const name of metricNames(rule.expr)) expect(inCatalog(name, catalog), `${rule.alert}: ${name}`).toBe(true);
      expect(unit, `${rule.alert} has a unit test`).toContain(`alertname: ${rule.alert}`);
    }
  });

  test("the runbook anchors exist in k8s/README.md", () => {
    const readme = fs.readFileSync(path.join(ROOT, "k8s/README.md"), "utf8");
    const anchors = new Set([...readme.matchAll(/<a id="([a-z0-9-]+)"><\/a>/g)].map((m) => m[1]));
    for (const rule of alerts as any[]) expect(anchors.has(rule.annotations.runbook.split("#")[1]), rule.annotations.runbook).toBe(true);
  });

  test("prometheus-rule.yaml is generated from the rules file (bun k8s/observability/sync-rules.ts)", () => {
    expect(fs.readFileSync(PROMETHEUS_RULE, "utf8")).toBe(renderPrometheusRule());
    const rule = Bun.YAML.parse(fs.readFileSync(PROMETHEUS_RULE, "utf8")) as K8sObject;
    expect(rule.spec.groups).toEqual(rules.groups);
  });

  test("the compose Prometheus configuration is valid and scrapes every service", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledgerflow-prom-"));
    try {
      const config = fs.readFileSync(path.join(OBS, "prometheus/prometheus.yml"), "utf8");
      fs.copyFileSync(RULES, path.join(dir, "alerts.rules.yml"));
      fs.writeFileSync(path.join(dir, "prometheus.yml"), config.replace("/etc/prometheus/alerts.rules.yml", path.join(dir, "alerts.rules.yml")));
      ok(tools.promtool, ["check", "config", path.join(dir, "prometheus.yml")]);
      const parsed = Bun.YAML.parse(config) as any;
      const services = parsed.scrape_configs.map((c: any) => c.static_configs[0].labels.service).sort();
      expect(services).toEqual(Object.keys(PREFIX).sort());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("dashboards", () => {
  test("platform overview, ledger, pipeline and billing exist", () => {
    expect(dashboardFiles).toEqual(["billing.json", "ledger.json", "pipeline.json", "platform-overview.json"]);
  });

  test.each(dashboardFiles)("%s parses, has unique panel ids, known data sources and catalogued metrics", (file) => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(DASHBOARDS, file), "utf8"));
    expect(dashboard.uid).toMatch(/^ledgerflow-/);
    expect(dashboard.title).toMatch(/^LedgerFlow \/ /);
    const ids = dashboard.panels.map((p: any) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    let queried = 0;
    for (const panel of dashboard.panels) {
      expect(["prometheus", "loki"]).toContain(panel.datasource.uid);
      for (const target of panel.targets) {
        expect(target.expr.length).toBeGreaterThan(0);
        for (const name of metricNames(target.expr)) {
          expect(inCatalog(name, catalog), `${file} "${panel.title}": ${name}`).toBe(true);
          queried++;
        }
      }
    }
    expect(queried).toBeGreaterThan(0);
  });

  test("every dashboard file is shipped to Grafana in Kubernetes, and the uids are unique", () => {
    const objects = JSON.parse(ok(tools.k8sValidate, ["-json"], ok(tools.kustomize, ["build", OBS]))) as K8sObject[];
    const dashboards = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === "grafana-dashboards-ledgerflow")!;
    expect(dashboards.metadata.labels!.grafana_dashboard).toBe("1");
    expect(Object.keys(dashboards.data!).sort()).toEqual(dashboardFiles);
    for (const file of dashboardFiles) expect(dashboards.data![file]).toBe(fs.readFileSync(path.join(DASHBOARDS, file), "utf8"));
    const uids = dashboardFiles.map((f) => JSON.parse(fs.readFileSync(path.join(DASHBOARDS, f), "utf8")).uid);
    expect(new Set(uids).size).toBe(uids.length);
    const alloy = objects.find((o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("alloy-config"))!;
    expect(alloy.data!["config.alloy"]).toBe(fs.readFileSync(path.join(OBS, "alloy/config.alloy"), "utf8"));
    const daemonSet = objects.find((o) => o.kind === "DaemonSet" && o.metadata.name === "alloy")!;
    const container = daemonSet.spec.template.spec.containers[0];
    expect(container.args.slice(0, 2)).toEqual(["run", "/etc/alloy/config.alloy"]);
    expect(container.env.find((e: any) => e.name === "NODE_NAME").valueFrom.fieldRef.fieldPath).toBe("spec.nodeName");
    expect(objects.some((o) => /promtail/.test(o.metadata.name))).toBe(false);
  });
});

/**
 * An Alloy configuration's top-level components, by reference (`loki.write.loki`), with their
 * bodies. Not Alloy's parser (its Go module is not on the module proxy here): enough to catch an
 * unbalanced block, text outside any component, and a reference to a component that is missing.
 */
function alloyComponents(text: string): Map<string, string> {
  // Strings blanked (URLs and regexes hold `//` and braces), comments as spaces: same offsets.
  const code = text.replace(/"(?:[^"\\\n]|\\.)*"|\/\/[^\n]*/g, (m) => (m.startsWith("//") ? " ".repeat(m.length) : `"${"_".repeat(m.length - 2)}"`));
  const components = new Map<string, string>();
  const header = /([a-z_]+(?:\.[a-z_]+)+)\s+"([a-z0-9_]+)"\s*\{/y;
  let at = 0;
  for (;;) {
    while (at < code.length && /\s/.test(code[at]!)) at++;
    if (at >= code.length) break;
    header.lastIndex = at;
    const match = header.exec(code);
    expect(match, `text outside a component at ${JSON.stringify(code.slice(at, at + 30))}`).not.toBeNull();
    let depth = 1;
    let end = header.lastIndex;
    for (; end < code.length && depth > 0; end++) {
      if (code[end] === "{" || code[end] === "[") depth++;
      else if (code[end] === "}" || code[end] === "]") depth--;
    }
    expect(depth, `${match![1]} "${match![2]}": unbalanced`).toBe(0);
    // Same offsets in the original text (strings kept their length), where the label is readable.
    header.lastIndex = at;
    const named = header.exec(text)!;
    components.set(`${named[1]}.${named[2]}`, text.slice(header.lastIndex, end - 1));
    at = end;
  }
  return components;
}

/** Label names in the stream selectors of the dashboards' Loki queries. */
function lokiSelectorLabels(): Set<string> {
  const labels = new Set<string>();
  const visit = (node: any): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      if (node.datasource?.type === "loki") for (const t of node.targets ?? []) for (const [, name] of /^\{([^}]*)\}/.exec(t.expr)?.[1]?.matchAll(/([a-z_]+)\s*(?:=~|!=|!~|=)/g) ?? []) labels.add(name!);
      Object.values(node).forEach(visit);
    }
  };
  for (const file of dashboardFiles) visit(JSON.parse(fs.readFileSync(path.join(DASHBOARDS, file), "utf8")));
  return labels;
}

describe("logs", () => {
  test("Loki and the Alloy configurations parse, wire their components together, and keep the labels the queries use", () => {
    const loki = Bun.YAML.parse(fs.readFileSync(path.join(OBS, "loki/loki.yml"), "utf8")) as any;
    expect(loki.server.http_listen_port).toBe(3100);
    const queried = lokiSelectorLabels();
    expect([...queried].sort()).toEqual(["app", "namespace"]);
    const expected: Record<string, string[]> = { "alloy/config.alloy": ["namespace", "app", "pod", "container"], "alloy/config-compose.alloy": ["namespace", "app"] };
    for (const [file, labels] of Object.entries(expected)) {
      const components = alloyComponents(fs.readFileSync(path.join(OBS, file), "utf8"));
      const all = [...components.values()].join("\n");
      // Every component referenced (`kind.name.export`) is declared in the file.
      for (const [, ref] of all.matchAll(/\b((?:discovery|local|loki)\.[a-z_]+\.[a-z0-9_]+)\.[a-z_]+\b/g)) expect(components.has(ref!), `${file}: ${ref}`).toBe(true);
      const writers = [...components].filter(([name]) => name.startsWith("loki.write."));
      expect(writers.length, file).toBe(1);
      expect(writers[0]![1]).toMatch(/url\s*=\s*"http:\/\/[^"]+\/loki\/api\/v1\/push"/);
      const targets = new Set([...all.matchAll(/target_label\s*=\s*"([^"]+)"/g)].map((m) => m[1]));
      for (const label of [...labels, ...queried]) expect(targets.has(label), `${file}: ${label}`).toBe(true);
      // `level` from the services' JSON lines, as a label.
      const process = [...components].find(([name]) => name.startsWith("loki.process."))![1];
      expect(process).toMatch(/stage\.json\s*\{\s*expressions\s*=\s*\{\s*level\s*=\s*"level"\s*\}/);
      expect(process).toMatch(/stage\.labels\s*\{\s*values\s*=\s*\{\s*level\s*=\s*""\s*\}/);
    }
  });

  test("the Alloy structure check rejects what Alloy would", () => {
    expect(() => alloyComponents('loki.write "a" {\n  endpoint {\n    url = "http://x/}"\n  }\n')).toThrow();
    expect(() => alloyComponents('stray = 1\nloki.write "a" { }\n')).toThrow();
    expect([...alloyComponents('// c {\nloki.write "a" {\n  endpoint { url = "http://x/{" }\n}\n').keys()]).toEqual(["loki.write.a"]);
  });
});
