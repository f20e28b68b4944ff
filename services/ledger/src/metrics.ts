// The ledger's Prometheus metrics, in base units, prefixed ledgerflow_ledger_.
import client from "prom-client";

export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "ledgerflow_ledger_" });
  const m = {
    registry,
    rpcRequests: new client.Counter({ name: "ledgerflow_ledger_rpc_requests_total", help: "RPCs and REST calls by method and result code", labelNames: ["method", "code"], registers: [registry] }),
    rpcDuration: new client.Histogram({ name: "ledgerflow_ledger_rpc_duration_seconds", help: "RPC latency", labelNames: ["method"], buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry] }),
    batchSize: new client.Histogram({ name: "ledgerflow_ledger_post_batch_size", help: "Transactions per database transaction in the group-commit writer", buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000], registers: [registry] }),
    dbQuery: new client.Histogram({
      name: "ledgerflow_ledger_db_query_duration_seconds",
      help: "Database work per kind",
      labelNames: ["query"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    dbPoolSize: new client.Gauge({ name: "ledgerflow_ledger_db_pool_size", help: "Configured database connections", registers: [registry] }),
    breakerState: new client.Gauge({ name: "ledgerflow_ledger_circuit_breaker_state", help: "0 closed, 1 half-open, 2 open", labelNames: ["breaker"], registers: [registry] }),
    holdsExpired: new client.Counter({ name: "ledgerflow_ledger_holds_expired_total", help: "Pending transactions voided at expiry", registers: [registry] }),
    posted: new client.Counter({ name: "ledgerflow_ledger_transactions_posted_total", help: "Transactions written, by kind", labelNames: ["kind"], registers: [registry] }),
    writerQueue: new client.Gauge({ name: "ledgerflow_ledger_writer_queue_items", help: "Transactions waiting for the group-commit writer", registers: [registry] }),
    chainBrokenLinks: new client.Gauge({
      name: "ledgerflow_ledger_chain_broken_links",
      help: "1 when the last check of a ledger's hash chain found a broken link (an edit behind the journal's triggers), else 0",
      labelNames: ["ledger"],
      registers: [registry],
    }),
    chainVerifiedPosition: new client.Gauge({ name: "ledgerflow_ledger_chain_verified_position", help: "Position through which a ledger's hash chain was last verified", labelNames: ["ledger"], registers: [registry] }),
    chainLastVerified: new client.Gauge({ name: "ledgerflow_ledger_chain_last_verified_timestamp_seconds", help: "When the hash chains were last checked to the end (Unix time)", registers: [registry] }),
    chainVerifyFailures: new client.Counter({ name: "ledgerflow_ledger_chain_verify_failures_total", help: "Checks of the hash chains that could not run (database errors)", registers: [registry] }),
  };
  return m;
}

export type LedgerMetrics = ReturnType<typeof createMetrics>;
