/**
 * A fresh idempotency key: "web-" and 128 random bits in hex. Uses getRandomValues, which (unlike
 * randomUUID) also exists on plain-http origins such as a gateway reached by its LAN address.
 */
export function newIdempotencyKey(prefix = "web"): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${prefix}-${hex}`;
}
