// The gateway's Prometheus metrics (names are part of the dashboards' and alerts' contract).
import client from "prom-client";

export type AdminMetrics = ReturnType<typeof createMetrics>;

export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "ledgerflow_admin_" });
  const registers = [registry];
  return {
    registry,
    requests: new client.Counter({ name: "ledgerflow_admin_http_requests_total", help: "HTTP requests (RPCs by method, other routes by path) by status code", labelNames: ["route", "code"], registers }),
    duration: new client.Histogram({ name: "ledgerflow_admin_http_request_duration_seconds", help: "HTTP request latency", labelNames: ["route"], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers }),
    logins: new client.Counter({ name: "ledgerflow_admin_logins_total", help: "Sign-ins by result", labelNames: ["result"], registers }),
    sessions: new client.Gauge({ name: "ledgerflow_admin_sessions", help: "Live sessions", registers }),
    backendBreaker: new client.Gauge({ name: "ledgerflow_admin_backend_circuit_breaker_state", help: "Circuit breaker per backend: 0 closed, 1 half-open, 2 open", labelNames: ["backend"], registers }),
  };
}
