// Opaque page tokens: the keyset position of the last row, tagged with what it pages through so
// a token from one listing is refused by another.
import { invalid } from "@ledgerflow/platform/errors";

export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 500;
const TOKEN_LENGTH_MAX = 512;

export function pageSize(requested: number | undefined): number {
  if (requested === undefined || requested === 0) return PAGE_SIZE_DEFAULT;
  if (!Number.isInteger(requested) || requested < 0 || requested > PAGE_SIZE_MAX) throw invalid("page_size", `must be between 0 and ${PAGE_SIZE_MAX}`);
  return requested;
}

export function encodePageToken(kind: string, position: string[]): string {
  return Buffer.from(JSON.stringify([kind, ...position])).toString("base64url");
}

/** The position in a token, or undefined for no token; a foreign or damaged token is refused. */
export function decodePageToken(kind: string, token: string | undefined, arity: number): string[] | undefined {
  if (!token) return undefined;
  try {
    if (token.length > TOKEN_LENGTH_MAX) throw new Error("too long");
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed[0] !== kind || parsed.length !== arity + 1 || !parsed.every((p) => typeof p === "string")) throw new Error("foreign");
    return parsed.slice(1) as string[];
  } catch {
    // The reason a token is bad does not matter to the caller: it did not come from this listing.
    throw invalid("page_token", "is not a token from this listing");
  }
}

/** A page of `size` from `size + 1` fetched rows, with the token for the next page. */
export function page<T>(rows: T[], size: number, kind: string, position: (last: T) => string[]): { items: T[]; nextPageToken: string } {
  if (rows.length <= size) return { items: rows, nextPageToken: "" };
  const items = rows.slice(0, size);
  return { items, nextPageToken: encodePageToken(kind, position(items[items.length - 1]!)) };
}
