// @ledgerflow/platform/paging: the page size and the page tokens of every listing (ledger, billing,
// the admin gateway, the projector's read model). One default and one cap, documented in the
// proto beside each page_size; tokens are opaque to callers: base64url JSON of the listing's name
// and the keyset position after the page, so a token from one listing is refused by another. A
// bad page size or token is INVALID_ARGUMENT.
import { invalid } from "./errors.ts";

/** The page size when a request leaves page_size 0 (or unset). */
export const PAGE_SIZE_DEFAULT = 50;
/** The largest page a listing returns. */
export const PAGE_SIZE_MAX = 500;
/** The most rows a listing reads for one page: the page and one more that says another follows. */
export const PAGE_ROWS_MAX = PAGE_SIZE_MAX + 1;
export const PAGE_TOKEN_LENGTH_MAX = 512;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]+$/;
const TOKEN_REFUSED = "is not a token this API returned";

/** The requested page size: 0 or unset means the default; above the cap (or not a count) is refused. */
export function pageSize(requested: number | undefined): number {
  if (requested === undefined || requested === 0) return PAGE_SIZE_DEFAULT;
  if (!Number.isInteger(requested) || requested < 0 || requested > PAGE_SIZE_MAX) throw invalid("page_size", `must be between 0 and ${PAGE_SIZE_MAX} (0 means ${PAGE_SIZE_DEFAULT})`);
  return requested;
}

/** The token for the page after the one that ends at `position` (the last row's keyset values). */
export function encodePageToken(listing: string, position: readonly string[]): string {
  return Buffer.from(JSON.stringify([listing, ...position])).toString("base64url");
}

/**
 * The position in a token, or undefined for no token. `parts` checks each value of the position
 * (and gives their number); a token from another listing, damaged or too long is refused.
 */
export function decodePageToken(listing: string, token: string | undefined, parts: readonly RegExp[]): string[] | undefined {
  if (!token) return undefined;
  if (token.length > PAGE_TOKEN_LENGTH_MAX || !TOKEN_PATTERN.test(token)) throw invalid("page_token", TOKEN_REFUSED);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    // Why a token is bad does not matter to the caller: it did not come from this listing.
    throw invalid("page_token", TOKEN_REFUSED);
  }
  if (!Array.isArray(parsed) || parsed[0] !== listing || parsed.length !== parts.length + 1) throw invalid("page_token", TOKEN_REFUSED);
  const position = parsed.slice(1);
  if (!position.every((p, i): p is string => typeof p === "string" && parts[i]!.test(p))) throw invalid("page_token", TOKEN_REFUSED);
  return position;
}

/** A page of `size` from up to `size + 1` fetched rows, with the token for the next page ("" after the last). */
export function page<T>(rows: readonly T[], size: number, listing: string, position: (last: T) => string[]): { items: T[]; nextPageToken: string } {
  if (rows.length <= size) return { items: [...rows], nextPageToken: "" };
  const items = rows.slice(0, size);
  return { items, nextPageToken: encodePageToken(listing, position(items[items.length - 1]!)) };
}

/** Keyset values that tokens commonly carry. */
export const POSITION = {
  /** Any text (a code, a name, a timestamp as written by the service). */
  text: /^[\s\S]*$/,
  /** A non-negative 64-bit sequence or id. */
  sequence: /^\d{1,19}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /** An instant as Date.toISOString() writes it. */
  timestamp: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
} as const;
