// The relay's Prometheus metrics (names are part of the dashboards' and alerts' contract).
import client from "prom-client";

export type RelayMetrics = ReturnType<typeof relayMetrics>;

export function relayMetrics(registry: client.Registry) {
  const registers = [registry];
  return {
    backlog: new client.Gauge({ name: "ledgerflow_relay_outbox_backlog", help: "Unpublished outbox rows", registers }),
    oldestAge: new client.Gauge({ name: "ledgerflow_relay_outbox_oldest_age_seconds", help: "Age of the oldest unpublished outbox row, in seconds", registers }),
    published: new client.Counter({ name: "ledgerflow_relay_published_total", help: "Events published", registers }),
    errors: new client.Counter({ name: "ledgerflow_relay_publish_errors_total", help: "Failed publish attempts", registers }),
    breaker: new client.Gauge({ name: "ledgerflow_relay_circuit_breaker_state", help: "Circuit breaker around the transport: 0 closed, 1 half-open, 2 open", registers }),
    pruned: new client.Counter({ name: "ledgerflow_relay_pruned_total", help: "Published outbox rows pruned after the retention", registers }),
    leader: new client.Gauge({ name: "ledgerflow_relay_leader", help: "1 while this process is the publishing relay", registers }),
  };
}
