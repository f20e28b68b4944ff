// The ledger's RPC interceptor: the shared one (request id, bearer tokens, logging, RED metrics)
// with this service's error mapping.
import type { Interceptor } from "@connectrpc/connect";
import type { Logger } from "@ledgerflow/platform/log";
import { observability as shared, type RpcMetrics } from "@ledgerflow/platform/rpc";
import { toConnectError } from "./errors.ts";

export function observability(log: Logger, metrics: RpcMetrics, tokens: Map<string, string>): Interceptor {
  return shared(log, metrics, tokens, toConnectError);
}
