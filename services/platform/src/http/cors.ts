// CORS for browser apps on other origins calling Connect, gRPC-Web or REST: off unless origins are
// configured (an exact list, no wildcard). Wraps a Node request listener so that preflights are
// answered before the Connect adapter (which would refuse OPTIONS). Requests are allowed with the
// headers Connect's protocols use (@connectrpc/connect's `cors` lists them) plus ours; credentials
// (cookies) are never allowed cross-origin: callers there authenticate with a bearer token.
import type http from "node:http";
import { cors as connectCors } from "@connectrpc/connect";
import { ConfigError } from "../config.ts";

export const CORS_MAX_AGE_SECONDS = 7200;
const ORIGINS_MAX = 64;

const ALLOWED_HEADERS = [...connectCors.allowedHeaders, "authorization", "x-request-id", "x-timeout-ms", "x-ledgerflow-actor"].join(", ");
const EXPOSED_HEADERS = [...connectCors.exposedHeaders, "x-request-id"].join(", ");
const ALLOWED_METHODS = [...new Set([...connectCors.allowedMethods, "GET", "POST", "PATCH", "DELETE"])].join(", ");

/** Origins from `name` (comma-separated, e.g. "https://app.example.com,http://localhost:5173"); unset: none. */
export function corsOrigins(env: Record<string, string | undefined>, name: string): ReadonlySet<string> {
  const raw = env[name]?.trim();
  if (!raw) return new Set();
  const origins = raw
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  if (origins.length > ORIGINS_MAX) throw new ConfigError(`${name}: at most ${ORIGINS_MAX} origins`);
  for (const o of origins) {
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?$/.test(o)) throw new ConfigError(`${name}: ${JSON.stringify(o)} is not an origin such as https://app.example.com`);
  }
  return new Set(origins);
}

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export function withCors(origins: ReadonlySet<string>, next: Listener): Listener {
  if (origins.size === 0) return next;
  return (req, res) => {
    const origin = req.headers.origin;
    // Responses differ by Origin: caches must keep them apart.
    res.setHeader("vary", "Origin");
    if (!origin || !origins.has(origin)) return next(req, res);
    res.setHeader("access-control-allow-origin", origin);
    if (req.method === "OPTIONS" && req.headers["access-control-request-method"]) {
      res.writeHead(204, {
        "access-control-allow-methods": ALLOWED_METHODS,
        "access-control-allow-headers": ALLOWED_HEADERS,
        "access-control-max-age": String(CORS_MAX_AGE_SECONDS),
        "content-length": "0",
      });
      res.end();
      return;
    }
    res.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
    next(req, res);
  };
}
