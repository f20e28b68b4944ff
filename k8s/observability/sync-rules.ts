// Writes prometheus-rule.yaml (the Prometheus Operator's PrometheusRule) from the one rules file,
// prometheus/alerts.rules.yml, so docker-compose and Kubernetes alert on the same rules.
// k8s/observability.test.ts fails when the generated file is out of date.
//
//   bun k8s/observability/sync-rules.ts
import fs from "node:fs";
import path from "node:path";

const RULES = path.join(import.meta.dir, "prometheus", "alerts.rules.yml");
export const PROMETHEUS_RULE = path.join(import.meta.dir, "prometheus-rule.yaml");

/** The PrometheusRule manifest: a fixed header, then the rules file's `groups` under `spec`. */
export function renderPrometheusRule(rules: string = fs.readFileSync(RULES, "utf8")): string {
  const body = rules
    .split("\n")
    .filter((line) => !line.startsWith("#"))
    .join("\n")
    .trim();
  if (!body.startsWith("groups:")) throw new Error(`${RULES} must start with "groups:" after its comments`);
  const indented = body
    .split("\n")
    .map((line) => (line === "" ? "" : `  ${line}`))
    .join("\n");
  return `# Generated from prometheus/alerts.rules.yml by sync-rules.ts: edit the rules file, not this one.
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: ledgerflow-alerts
  labels:
    release: kube-prometheus-stack
spec:
${indented}
`;
}

if (import.meta.main) {
  fs.writeFileSync(PROMETHEUS_RULE, renderPrometheusRule());
  console.log(`wrote ${path.relative(process.cwd(), PROMETHEUS_RULE)}`);
}
