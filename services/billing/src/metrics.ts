// Billing's Prometheus metrics, in base units, prefixed ledgerflow_billing_. The first three are
// the names dashboards and alerts query.
import client from "prom-client";

export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "ledgerflow_billing_" });
  const registers = [registry];
  return {
    registry,
    lag: new client.Gauge({ name: "ledgerflow_billing_consumer_lag_messages", help: "Messages waiting for the billing consumer, per partition", labelNames: ["topic", "partition"], registers }),
    eventsProcessed: new client.Counter({ name: "ledgerflow_billing_events_processed_total", help: "Ledger events processed (first delivery), by type", labelNames: ["type"], registers }),
    feesPosted: new client.Counter({ name: "ledgerflow_billing_fees_posted_total", help: "Invoice fee postings, by result (posted, failed, zero)", labelNames: ["result"], registers }),
    lagSeconds: new client.Gauge({ name: "ledgerflow_billing_consumer_lag_seconds", help: "Age of the last event processed while messages wait (0 when caught up)", registers }),
    duplicates: new client.Counter({ name: "ledgerflow_billing_events_duplicate_total", help: "Redelivered events skipped by their id", registers }),
    accruals: new client.Counter({ name: "ledgerflow_billing_accruals_total", help: "Accruals written, by source type (standard, commit, reversal)", labelNames: ["source_type"], registers }),
    deadLetters: new client.Counter({ name: "ledgerflow_billing_dead_letters_total", help: "Events sent to the dead letters", registers }),
    deadLettersPending: new client.Gauge({ name: "ledgerflow_billing_dead_letters_pending", help: "Dead letters waiting for an operator", registers }),
    invoices: new client.Gauge({ name: "ledgerflow_billing_invoices", help: "Invoices not yet posted, by status", labelNames: ["status"], registers }),
    invoicesClosed: new client.Counter({ name: "ledgerflow_billing_invoices_closed_total", help: "Invoices closed, by trigger (schedule, request)", labelNames: ["trigger"], registers }),
    sweepDuration: new client.Histogram({ name: "ledgerflow_billing_sweep_duration_seconds", help: "Invoice scheduler sweeps", buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30], registers }),
    ledgerCalls: new client.Counter({ name: "ledgerflow_billing_ledger_requests_total", help: "Calls to the ledger, by method and result code", labelNames: ["method", "code"], registers }),
    ledgerDuration: new client.Histogram({ name: "ledgerflow_billing_ledger_request_duration_seconds", help: "Ledger call latency", labelNames: ["method"], buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers }),
    breakerState: new client.Gauge({ name: "ledgerflow_billing_circuit_breaker_state", help: "0 closed, 1 half-open, 2 open", labelNames: ["breaker"], registers }),
    rpcRequests: new client.Counter({ name: "ledgerflow_billing_rpc_requests_total", help: "RPCs by method and result code", labelNames: ["method", "code"], registers }),
    rpcDuration: new client.Histogram({ name: "ledgerflow_billing_rpc_duration_seconds", help: "RPC latency", labelNames: ["method"], buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers }),
  };
}

export type BillingMetrics = ReturnType<typeof createMetrics>;
