// @ledgerflow/relay/embedded: the outbox relay hosted inside another process (the ledger's
// RELAY_ENABLED mode): the relay itself, its default settings and its metrics.
export { LEADER_LOCK, Relay, type RelayOptions } from "./relay.ts";
export { RELAY_DEFAULTS, type RelayConfig } from "./config.ts";
export { relayMetrics, type RelayMetrics } from "./metrics.ts";
