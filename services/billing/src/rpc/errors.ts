// Billing's errors on the wire: the platform's mapping (canonical code, message, google.rpc
// details; docs/errors.md) under billing's ErrorInfo domain.
import type { ConnectError } from "@connectrpc/connect";
import { toConnectError as platformToConnectError } from "@ledgerflow/platform/errors";
import { toBillingError } from "../db-errors.ts";

/** ErrorInfo.domain of billing's errors. */
export const ERROR_DOMAIN = "billing.ledgerflow";

export function toConnectError(error: unknown): ConnectError {
  return platformToConnectError(error, { domain: ERROR_DOMAIN, fromUnknown: toBillingError });
}
