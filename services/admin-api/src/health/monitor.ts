// The platform's health as the dashboard shows it: every few seconds each service's /healthz,
// /readyz and /metrics are read (in parallel, each bounded by a timeout), Postgres and Kafka are
// asked directly, and key figures are computed from the metrics' increase since the previous
// sample. GetHealth answers from the latest sample, so a slow backend never slows the page.
import type { Sql } from "postgres";
import { type Admin, Kafka, kafkaSecurityFromEnv, kafkaSecurityOptions, logLevel } from "@ledgerflow/platform/events";
import type { Logger } from "@ledgerflow/platform/log";
import { withTimeout } from "@ledgerflow/platform/resilience";
import { parseMetrics, quantile, rate, ratio, sum, type Scrape } from "./prom.ts";

export type Status = "healthy" | "degraded" | "down" | "disabled";

export interface ComponentReport {
  name: string;
  status: Status;
  version: string;
  uptimeSeconds: number;
  detail: string;
  requestRatePerSecond?: number;
  errorRatio?: number;
  p99LatencySeconds?: number;
  consumerLagMessages?: number;
  checks: Record<string, string>;
  checkedAt: Date;
  endpoint: string;
}

export interface HealthTargets {
  ledgerUrl: string;
  projectorUrl: string;
  billingUrl: string;
  /** Unset: the relay runs inside the ledger process. */
  relayUrl?: string;
  kafkaBrokers?: string;
  sql: Sql;
  /** This process's own metrics (Prometheus text). */
  selfMetrics: () => Promise<string>;
  version: string;
  startedAt: number;
}

const SERVER_ERRORS = new Set(["internal", "unknown", "unavailable", "deadline_exceeded", "data_loss", "unimplemented"]);
const isServerErrorCode = (l: Record<string, string>) => SERVER_ERRORS.has(l.code ?? "");
const isHttp5xx = (l: Record<string, string>) => /^5\d\d$/.test(l.code ?? "");
// A component that is not configured here (disabled) does not make the platform unhealthy.
const ORDER: Status[] = ["disabled", "healthy", "degraded", "down"];

export function worst(statuses: Status[]): Status {
  return statuses.reduce<Status>((w, s) => (ORDER.indexOf(s) > ORDER.indexOf(w) ? s : w), "healthy");
}

interface HttpProbe {
  // biome-ignore lint/suspicious/noExplicitAny: another service's JSON, read field by field
  health?: Record<string, any>;
  // biome-ignore lint/suspicious/noExplicitAny: another service's JSON, read field by field
  ready?: { ok: boolean; body: Record<string, any> };
  metrics?: Scrape;
  error?: string;
}

export class HealthMonitor {
  private latest: ComponentReport[] = [];
  private previousScrapes = new Map<string, Scrape>();
  private timer?: ReturnType<typeof setInterval>;
  private kafka?: Admin;
  private kafkaConnected = false;
  private running?: Promise<void>;

  constructor(
    private readonly t: HealthTargets,
    private readonly log: Logger,
    private readonly timeoutMs = 2_000,
  ) {}

  start(intervalMs: number): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    if (this.kafkaConnected) await this.kafka?.disconnect().catch(() => undefined);
  }

  /** The latest sample (taking one first if there is none yet). */
  async snapshot(): Promise<ComponentReport[]> {
    if (this.latest.length === 0) await this.refresh();
    return this.latest;
  }

  refresh(): Promise<void> {
    // One sample at a time: a slow round is not overlapped by the next.
    this.running ??= this.sample()
      .catch((error) => this.log.warn("health sample failed", { error }))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async sample(): Promise<void> {
    const [ledger, projector, billing, relay, self, postgres, kafka] = await Promise.all([
      this.probe(this.t.ledgerUrl),
      this.probe(this.t.projectorUrl),
      this.probe(this.t.billingUrl),
      this.t.relayUrl ? this.probe(this.t.relayUrl) : Promise.resolve(undefined),
      this.t.selfMetrics().then((text) => parseMetrics(text)),
      this.postgres(),
      this.kafkaReport(),
    ]);
    const reports: ComponentReport[] = [
      this.selfReport(self),
      this.serviceReport("ledger", this.t.ledgerUrl, ledger, (p, c) => ({
        requestRatePerSecond: rate(p, c, "ledgerflow_ledger_rpc_requests_total"),
        errorRatio: ratio(p, c, "ledgerflow_ledger_rpc_requests_total", isServerErrorCode),
        p99LatencySeconds: quantile(p, c, "ledgerflow_ledger_rpc_duration_seconds", 0.99),
      })),
      relay ? this.serviceReport("relay", this.t.relayUrl!, relay, relayFigures) : this.inLedgerRelay(ledger),
      this.serviceReport("projector", this.t.projectorUrl, projector, (p, c) => ({
        requestRatePerSecond: rate(p, c, "ledgerflow_projector_events_applied_total"),
        errorRatio: ratioOf(p, c, "ledgerflow_projector_dlq_events_total", "ledgerflow_projector_events_applied_total"),
        consumerLagMessages: sum(c, "ledgerflow_projector_consumer_lag_messages"),
      })),
      this.serviceReport("billing", this.t.billingUrl, billing, (p, c) => ({
        requestRatePerSecond: rate(p, c, "ledgerflow_billing_events_processed_total"),
        consumerLagMessages: sum(c, "ledgerflow_billing_consumer_lag_messages"),
      })),
      postgres,
      kafka,
    ];
    this.latest = reports;
  }

  private async probe(baseUrl: string): Promise<HttpProbe> {
    const get = async (path: string) => fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(this.timeoutMs) });
    const [health, ready, metrics] = await Promise.allSettled([
      // biome-ignore lint/suspicious/noExplicitAny: the health body is another service's JSON, read field by field
      get("/healthz").then(async (r) => (r.ok ? ((await r.json()) as Record<string, any>) : Promise.reject(new Error(`healthz answered ${r.status}`)))),
      // biome-ignore lint/suspicious/noExplicitAny: the ready body is another service's JSON, read field by field
      get("/readyz").then(async (r) => ({ ok: r.ok, body: (await r.json().catch(() => ({}))) as Record<string, any> })),
      get("/metrics").then(async (r) => parseMetrics(await r.text())),
    ]);
    if (health.status === "rejected") return { error: describeFetchError(health.reason) };
    return { health: health.value, ready: ready.status === "fulfilled" ? ready.value : undefined, metrics: metrics.status === "fulfilled" ? metrics.value : undefined };
  }

  private figures(name: string, cur: Scrape | undefined, compute: Figures): Partial<ComponentReport> {
    if (!cur) return {};
    const prev = this.previousScrapes.get(name);
    this.previousScrapes.set(name, cur);
    if (!prev) return {};
    return stripUndefined(compute(prev, cur));
  }

  private serviceReport(name: string, endpoint: string, p: HttpProbe, compute: Figures): ComponentReport {
    const base = { name, endpoint, checkedAt: new Date(), checks: {} as Record<string, string> };
    if (p.error || !p.health) return { ...base, status: "down", version: "", uptimeSeconds: 0, detail: `not answering: ${p.error ?? "no health"}` };
    const body = p.ready?.body ?? {};
    const checks = flattenChecks(body.checks ?? body);
    const ready = p.ready?.ok === true;
    const uptime = Number(p.health.uptime_seconds ?? body.uptime_seconds ?? 0);
    return {
      ...base,
      ...this.figures(name, p.metrics, compute),
      checks,
      status: ready ? "healthy" : "degraded",
      version: String(p.health.version ?? body.version ?? ""),
      uptimeSeconds: Number.isFinite(uptime) ? uptime : 0,
      detail: ready ? "" : p.ready ? `not ready: ${notReadyReason(checks)}` : "readiness unknown (readyz did not answer)",
    };
  }

  /** Without RELAY_URL the relay runs inside the ledger: its figures are in the ledger's metrics. */
  private inLedgerRelay(ledger: HttpProbe): ComponentReport {
    const report = this.serviceReport("relay", `${this.t.ledgerUrl} (in the ledger process)`, ledger, relayFigures);
    if (report.status === "down") return report;
    const breaker = ledger.metrics ? sum(ledger.metrics, "ledgerflow_relay_circuit_breaker_state") : undefined;
    const checks = { circuit_breaker: breaker === 2 ? "open" : breaker === 1 ? "half_open" : breaker === 0 ? "closed" : "unknown", leader: String(ledger.metrics ? sum(ledger.metrics, "ledgerflow_relay_leader") === 1 : "unknown") };
    const open = breaker === 2;
    return { ...report, checks, status: open ? "degraded" : report.status, detail: open ? "publishing is failing: the relay's circuit breaker is open" : report.detail };
  }

  private selfReport(scrape: Scrape): ComponentReport {
    const figures = this.figures("admin-api", scrape, (p, c) => ({
      requestRatePerSecond: rate(p, c, "ledgerflow_admin_http_requests_total"),
      errorRatio: ratio(p, c, "ledgerflow_admin_http_requests_total", isHttp5xx),
      p99LatencySeconds: quantile(p, c, "ledgerflow_admin_http_request_duration_seconds", 0.99),
    }));
    return {
      name: "admin-api",
      status: "healthy",
      version: this.t.version,
      uptimeSeconds: (Date.now() - this.t.startedAt) / 1000,
      detail: "",
      checks: {},
      checkedAt: new Date(),
      endpoint: "this process",
      ...figures,
    };
  }

  private async postgres(): Promise<ComponentReport> {
    const base = { name: "postgres", checkedAt: new Date(), endpoint: "DATABASE_URL" };
    try {
      const started = performance.now();
      const [row] = await withTimeout(
        this.t.sql`SELECT current_setting('server_version') AS version, extract(epoch FROM now() - pg_postmaster_start_time())::float8 AS uptime,
                          (SELECT count(*)::int FROM pg_stat_activity) AS connections`,
        this.timeoutMs,
        "no answer in time",
      );
      return {
        ...base,
        status: "healthy",
        version: String(row!.version),
        uptimeSeconds: Number(row!.uptime),
        detail: "",
        checks: { connections: String(row!.connections), round_trip_ms: (performance.now() - started).toFixed(1) },
      };
    } catch (error) {
      return { ...base, status: "down", version: "", uptimeSeconds: 0, detail: `unreachable: ${(error as Error).message}`, checks: {} };
    }
  }

  private async kafkaReport(): Promise<ComponentReport> {
    const base = { name: "kafka", checkedAt: new Date(), version: "", uptimeSeconds: 0 };
    if (!this.t.kafkaBrokers) {
      return { ...base, status: "disabled", endpoint: "", detail: "not configured: events go through the embedded Postgres event log", checks: {} };
    }
    try {
      // The same TLS and SASL settings as every other Kafka client (KAFKA_SECURITY_PROTOCOL, …).
      this.kafka ??= new Kafka({
        clientId: "ledgerflow-admin-health",
        brokers: this.t.kafkaBrokers.split(","),
        ...kafkaSecurityOptions(kafkaSecurityFromEnv(process.env)),
        logLevel: logLevel.NOTHING,
        connectionTimeout: this.timeoutMs,
        requestTimeout: this.timeoutMs,
        retry: { retries: 0 },
      }).admin();
      if (!this.kafkaConnected) {
        await this.kafka.connect();
        this.kafkaConnected = true;
      }
      const cluster = await withTimeout(this.kafka.describeCluster(), this.timeoutMs, "no answer in time");
      return { ...base, status: "healthy", endpoint: this.t.kafkaBrokers, detail: "", checks: { brokers: String(cluster.brokers.length), controller: String(cluster.controller), cluster_id: cluster.clusterId } };
    } catch (error) {
      this.kafkaConnected = false;
      await this.kafka?.disconnect().catch(() => undefined);
      this.kafka = undefined;
      return { ...base, status: "down", endpoint: this.t.kafkaBrokers, detail: `unreachable: ${(error as Error).message}`, checks: {} };
    }
  }
}

type Figures = (prev: Scrape, cur: Scrape) => Partial<Pick<ComponentReport, "requestRatePerSecond" | "errorRatio" | "p99LatencySeconds" | "consumerLagMessages">>;

const relayFigures: Figures = (p, c) => ({
  requestRatePerSecond: rate(p, c, "ledgerflow_relay_published_total"),
  errorRatio: ratioOf(p, c, "ledgerflow_relay_publish_errors_total", "ledgerflow_relay_published_total"),
  consumerLagMessages: sum(c, "ledgerflow_relay_outbox_backlog"),
});

/** Increase of one counter over the increase of two (failures over failures plus successes). */
function ratioOf(p: Scrape, c: Scrape, failures: string, successes: string): number | undefined {
  const f = rate(p, c, failures);
  const s = rate(p, c, successes);
  if (f === undefined && s === undefined) return undefined;
  const total = (f ?? 0) + (s ?? 0);
  return total === 0 ? 0 : (f ?? 0) / total;
}

/** What every health body carries besides its checks. */
const SUMMARY_FIELDS = new Set(["status", "service", "version", "uptime_seconds"]);

function flattenChecks(value: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined || typeof v === "object" || SUMMARY_FIELDS.has(k)) continue;
    out[k] = String(v);
  }
  return out;
}

function notReadyReason(checks: Record<string, string>): string {
  const bad = Object.entries(checks).filter(([, v]) => /unreachable|open|fail|timeout|error/i.test(v));
  return bad.length > 0
    ? bad.map(([k, v]) => `${k} ${v}`).join(", ")
    : Object.entries(checks)
        .map(([k, v]) => `${k}=${v}`)
        .join(", ") || "readyz answered 503";
}

function describeFetchError(error: unknown): string {
  const e = error as Error & { code?: string };
  if (e?.name === "TimeoutError") return "no answer in time";
  return e?.code === "ConnectionRefused" || /ECONNREFUSED|Unable to connect/i.test(e?.message ?? "") ? "connection refused" : (e?.message ?? String(error));
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && Number.isFinite(v as number))) as Partial<T>;
}
