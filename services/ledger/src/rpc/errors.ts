// The ledger's errors on the wire: the platform's mapping (canonical code, message, google.rpc
// details, InsufficientFunds on an overdraft; docs/errors.md) under the ledger's ErrorInfo domain.
import type { ConnectError } from "@connectrpc/connect";
import { toConnectError as platformToConnectError } from "@ledgerflow/platform/errors";
import { toLedgerError } from "../posting/db-errors.ts";

/** ErrorInfo.domain of the ledger's errors. */
export const ERROR_DOMAIN = "ledger.ledgerflow";

export function toConnectError(error: unknown): ConnectError {
  return platformToConnectError(error, { domain: ERROR_DOMAIN, fromUnknown: toLedgerError });
}
