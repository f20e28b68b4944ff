// The dashboard's built files (web/dist): hashed assets cached for a year, index.html never
// cached, and index.html for any other path without a file extension so that client-side
// routes survive a reload. Paths cannot leave the directory.
import fs from "node:fs";
import path from "node:path";
import type { Context } from "hono";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
};

export function staticFiles(dir: string) {
  const root = path.resolve(dir);
  const index = path.join(root, "index.html");
  return async (c: Context) => {
    const rel = decodeURIComponent(new URL(c.req.url).pathname);
    const file = path.resolve(root, `.${rel}`);
    if (!file.startsWith(root + path.sep) && file !== root) return c.text("not found", 404);
    const isFile = fs.existsSync(file) && fs.statSync(file).isFile();
    if (isFile) {
      const immutable = rel.startsWith("/assets/");
      return new Response(Bun.file(file), {
        headers: { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache" },
      });
    }
    if (path.extname(rel) !== "") return c.text("not found", 404);
    if (!fs.existsSync(index)) {
      return c.html("<!DOCTYPE html><title>LedgerFlow</title><p>The dashboard is not built. Run <code>npm run build -w web</code> (npm start does it for you).</p>", 503);
    }
    return new Response(Bun.file(index), { headers: { "content-type": TYPES[".html"]!, "cache-control": "no-cache" } });
  };
}

/** Headers on every response of the gateway. */
export const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
};
