// Request checks that give the caller a precise error (the services behind check again).
import type { ConnectError } from "@connectrpc/connect";
import { invalid as invalidField, type ServiceError, toConnectError } from "@ledgerflow/platform/errors";
import { LEDGER_NAME, LEDGER_NAME_RULE } from "@ledgerflow/platform/wire";

/** ErrorInfo.domain of the errors the gateway itself raises (docs/errors.md). */
export const ERROR_DOMAIN = "admin.ledgerflow";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AMOUNT_PATTERN = /^(0|[1-9][0-9]{0,37})$/;

/** The gateway's own errors on the wire: the platform's mapping under the gateway's ErrorInfo domain. */
export function gatewayError(error: ServiceError): ConnectError {
  return toConnectError(error, { domain: ERROR_DOMAIN, fromUnknown: () => error });
}

export function invalid(field: string, message: string): ConnectError {
  return gatewayError(invalidField(field, message));
}

export function ledgerName(value: string): string {
  const ledger = value || "main";
  if (!LEDGER_NAME.test(ledger)) throw invalid("ledger", LEDGER_NAME_RULE);
  return ledger;
}

export function uuid(value: string, field: string): string {
  if (!value) throw invalid(field, "is required");
  if (!UUID_PATTERN.test(value)) throw invalid(field, "must be a valid UUID");
  return value.toLowerCase();
}

export function optionalUuid(value: string, field: string): string | null {
  return value ? uuid(value, field) : null;
}

export function amount(value: string, field: string): string | null {
  if (!value) return null;
  if (!AMOUNT_PATTERN.test(value)) throw invalid(field, 'must be a whole number of minor units (e.g. "1050")');
  return value;
}

/** A LIKE pattern matching the text anywhere, with the text's own wildcards escaped. */
export function containsPattern(text: string): string | null {
  if (!text) return null;
  if (text.length > 128) throw invalid("query", "must be at most 128 characters");
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
