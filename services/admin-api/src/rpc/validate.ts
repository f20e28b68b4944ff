// Request checks that give the caller a precise error (the services behind check again).
import type { ConnectError } from "@connectrpc/connect";
import { invalid as invalidField, type ServiceError, toConnectError } from "@ledgerflow/platform/errors";
import { LEDGER_NAME, LEDGER_NAME_RULE } from "@ledgerflow/platform/wire";

/** ErrorInfo.domain of the errors the gateway itself raises (docs/errors.md). */
export const ERROR_DOMAIN = "admin.ledgerflow";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AMOUNT_PATTERN = /^(0|[1-9][0-9]{0,37})$/;
export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 200;
const TOKEN_LENGTH_MAX = 512;

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
  if (!UUID_PATTERN.test(value)) throw invalid(field, "must be a UUID");
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

export function pageSize(value: number): number {
  if (value === 0) return PAGE_SIZE_DEFAULT;
  if (value > PAGE_SIZE_MAX) throw invalid("page_size", `must be at most ${PAGE_SIZE_MAX}`);
  return value;
}

/** Page tokens are opaque to callers: base64url JSON of the position after the page. */
export function encodeToken(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

export function decodeToken<T extends Record<string, unknown>>(token: string, check: (v: Record<string, unknown>) => v is T): T | null {
  if (!token) return null;
  if (token.length > TOKEN_LENGTH_MAX || !/^[A-Za-z0-9_-]+$/.test(token)) throw invalid("page_token", "is not a token this API returned");
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalid("page_token", "is not a token this API returned");
  }
  if (!value || typeof value !== "object" || !check(value as Record<string, unknown>)) throw invalid("page_token", "is not a token this API returned");
  return value as T;
}

/** A LIKE pattern matching the text anywhere, with the text's own wildcards escaped. */
export function containsPattern(text: string): string | null {
  if (!text) return null;
  if (text.length > 128) throw invalid("query", "must be at most 128 characters");
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
