// REST/JSON for people with curl, plus /healthz, /readyz and /metrics. The routes decode JSON into
// the same protobuf request messages and call the same handlers as gRPC and Connect, so there is
// one implementation of every operation. Field names follow the proto (snake_case accepted, and
// lowerCamelCase too); responses use the proto field names.
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { create, fromJson, toJson, type DescMessage, type JsonValue, type MessageShape } from "@bufbuild/protobuf";
import { Code, ConnectError, createContextValues, type HandlerContext } from "@connectrpc/connect";
import * as pb from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import type { Logger } from "@ledgerflow/platform/log";
import type { LedgerMetrics } from "../metrics.ts";
import { httpStatus, restCode } from "@ledgerflow/platform/errors";
import { toConnectError } from "../rpc/errors.ts";
import { type ChainVerdict, type VerifyOptions, verdictJson } from "../chain/verify.ts";
import { authenticate, callerKey, checkRequest, REQUEST_ID_HEADER, requestId, rootCause } from "@ledgerflow/platform/rpc";
import { LEDGER_NAME, LEDGER_NAME_RULE } from "@ledgerflow/platform/wire";

/** The handler functions of LedgerService (the object given to router.service). */
// biome-ignore lint/suspicious/noExplicitAny: one table over the handlers of every method, each with its own request and response types
export type Handlers = Record<string, (req: any, ctx: HandlerContext) => Promise<any>>;

export interface RestOptions {
  handlers: Handlers;
  metrics: LedgerMetrics;
  log: Logger;
  authTokens: Map<string, string>;
  requestBytesMax: number;
  timeoutMaxMs: number;
  version: string;
  ready: () => Promise<{ ok: boolean; checks: Record<string, string> }>;
  /** Recomputes the hash chains (GET /v1/chain/verify). */
  verifyChains: (o: VerifyOptions) => Promise<ChainVerdict[]>;
}

const JSON_OPTIONS = { useProtoFieldName: true } as const;

/** The authenticated caller's name, set by the auth middleware for the handlers to record. */
type Api = { Variables: { caller: string } };

export function restApp(o: RestOptions): Hono {
  const app = new Hono();
  const started = Date.now();

  app.get("/healthz", (c) => c.json({ status: "ok", service: "ledger", version: o.version, uptime_seconds: Math.round((Date.now() - started) / 1000) }));
  app.get("/readyz", async (c) => {
    const r = await o.ready();
    return c.json({ status: r.ok ? "ready" : "not_ready", checks: r.checks }, r.ok ? 200 : 503);
  });
  app.get("/metrics", async (c) => c.text(await o.metrics.registry.metrics(), 200, { "content-type": o.metrics.registry.contentType }));

  const api = new Hono<Api>();
  api.use("*", async (c, next) => {
    const id = requestId(c.req.raw.headers);
    c.header(REQUEST_ID_HEADER, id);
    const caller = authenticate(o.authTokens, c.req.header("authorization") ?? null);
    if (!caller) throw new ConnectError("a valid bearer token is required", Code.Unauthenticated);
    c.set("caller", caller);
    await next();
  });
  api.use(
    "*",
    bodyLimit({
      maxSize: o.requestBytesMax,
      onError: () => {
        throw new HTTPException(413, { message: `request body larger than ${o.requestBytesMax} bytes` });
      },
    }),
  );

  const call = async <I extends DescMessage, O extends DescMessage>(c: Context<Api>, method: string, input: I, output: O, body: JsonValue) => {
    let req: MessageShape<I>;
    try {
      req = fromJson(input, body, { ignoreUnknownFields: false });
    } catch (error) {
      throw new ConnectError(`malformed request: ${(error as Error).message}`, Code.InvalidArgument);
    }
    const started = performance.now();
    let code = "ok";
    try {
      // The proto's field rules, as the RPC interceptor checks them for gRPC and Connect.
      checkRequest(input, req);
      const timeoutMs = Math.min(Number(c.req.header("x-timeout-ms") ?? o.timeoutMaxMs) || o.timeoutMaxMs, o.timeoutMaxMs);
      const values = createContextValues().set(callerKey, c.get("caller"));
      const ctx = { timeoutMs: () => timeoutMs, requestHeader: c.req.raw.headers, signal: c.req.raw.signal, values } as unknown as HandlerContext;
      const res = await o.handlers[method]!(req, ctx);
      return c.json(toJson(output, create(output, res), JSON_OPTIONS) as object);
    } catch (error) {
      code = Code[toConnectError(error).code]?.toLowerCase() ?? "unknown";
      throw error;
    } finally {
      o.metrics.rpcRequests.inc({ method: `rest.${method}`, code });
      o.metrics.rpcDuration.observe({ method: `rest.${method}` }, (performance.now() - started) / 1000);
    }
  };
  const json = async (c: Context): Promise<Record<string, JsonValue>> => {
    const text = await c.req.text();
    if (text.trim() === "") return {};
    try {
      const value = JSON.parse(text);
      if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("expected a JSON object");
      return value;
    } catch (error) {
      throw new ConnectError(`body is not valid JSON: ${(error as Error).message}`, Code.InvalidArgument);
    }
  };
  const query = (c: Context, names: string[]): Record<string, JsonValue> => {
    const out: Record<string, JsonValue> = {};
    for (const name of names) {
      const v = c.req.query(name);
      if (v !== undefined && v !== "") out[name] = name === "page_size" ? Number(v) : v;
    }
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(c.req.queries() ?? {})) if (k.startsWith("metadata.") && v[0] !== undefined) metadata[k.slice(9)] = v[0];
    if (Object.keys(metadata).length > 0) out.metadata = metadata;
    return out;
  };

  api.post("/accounts", async (c) => call(c, "createAccount", pb.CreateAccountRequestSchema, pb.CreateAccountResponseSchema, await json(c)));
  api.get("/accounts", (c) => call(c, "listAccounts", pb.ListAccountsRequestSchema, pb.ListAccountsResponseSchema, query(c, ["ledger", "currency", "code_prefix", "page_size", "page_token"])));
  api.get("/accounts/:id", (c) => call(c, "getAccount", pb.GetAccountRequestSchema, pb.GetAccountResponseSchema, { ...query(c, ["ledger"]), account_id: c.req.param("id") }));
  api.patch("/accounts/:id", async (c) => call(c, "updateAccountPolicy", pb.UpdateAccountPolicyRequestSchema, pb.UpdateAccountPolicyResponseSchema, { ...(await json(c)), account_id: c.req.param("id") }));
  api.get("/accounts/:id/balance", (c) => call(c, "getBalance", pb.GetBalanceRequestSchema, pb.GetBalanceResponseSchema, { ...query(c, ["ledger", "as_of"]), account_id: c.req.param("id") }));
  api.post("/transactions", async (c) => call(c, "postTransaction", pb.PostTransactionRequestSchema, pb.PostTransactionResponseSchema, await json(c)));
  api.post("/transactions/batch", async (c) => call(c, "postTransactions", pb.PostTransactionsRequestSchema, pb.PostTransactionsResponseSchema, await json(c)));
  api.get("/transactions", (c) => call(c, "listTransactions", pb.ListTransactionsRequestSchema, pb.ListTransactionsResponseSchema, query(c, ["ledger", "account_id", "created_after", "created_before", "page_size", "page_token"])));
  api.get("/transactions/:id", (c) => call(c, "getTransaction", pb.GetTransactionRequestSchema, pb.GetTransactionResponseSchema, { ...query(c, ["ledger"]), transaction_id: c.req.param("id") }));
  api.post("/transactions/:id/commit", async (c) => call(c, "commitTransaction", pb.CommitTransactionRequestSchema, pb.CommitTransactionResponseSchema, { ...(await json(c)), transaction_id: c.req.param("id") }));
  api.post("/transactions/:id/void", async (c) => call(c, "voidTransaction", pb.VoidTransactionRequestSchema, pb.VoidTransactionResponseSchema, { ...(await json(c)), transaction_id: c.req.param("id") }));
  api.post("/transactions/:id/reverse", async (c) => call(c, "reverseTransaction", pb.ReverseTransactionRequestSchema, pb.ReverseTransactionResponseSchema, { ...(await json(c)), transaction_id: c.req.param("id") }));
  // The hash chain over each ledger's transactions, recomputed now (from its first link, or after
  // a position already verified): 200 with intact false and the first broken link when it fails.
  api.get("/chain/verify", async (c) => {
    const ledger = c.req.query("ledger") || undefined;
    const after = c.req.query("after_position") || undefined;
    if (ledger !== undefined && !LEDGER_NAME.test(ledger)) throw new ConnectError(`ledger: ${LEDGER_NAME_RULE}`, Code.InvalidArgument);
    if (after !== undefined && (!/^[0-9]{1,18}$/.test(after) || ledger === undefined)) throw new ConnectError("after_position: a position, with ledger", Code.InvalidArgument);
    const started = performance.now();
    let code = "ok";
    try {
      const verdicts = await o.verifyChains({ ledger, from: after !== undefined && ledger !== undefined ? new Map([[ledger, BigInt(after)]]) : undefined });
      return c.json({ intact: verdicts.every((v) => !v.broken), ledgers: verdicts.map(verdictJson) });
    } catch (error) {
      code = Code[toConnectError(error).code]?.toLowerCase() ?? "unknown";
      throw error;
    } finally {
      o.metrics.rpcRequests.inc({ method: "rest.verifyChain", code });
      o.metrics.rpcDuration.observe({ method: "rest.verifyChain" }, (performance.now() - started) / 1000);
    }
  });
  app.route("/v1", api);

  app.notFound((c) => c.json({ error: { code: "not_found", message: `no route for ${c.req.method} ${c.req.path}` } }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      return c.json({ error: { code: error.status === 413 ? "resource_exhausted" : "invalid_argument", message: error.message } }, error.status);
    }
    const e = toConnectError(error);
    if (e.code === Code.Internal || e.code === Code.Unknown) o.log.error("rest call failed", { path: c.req.path, error: e.rawMessage, cause: rootCause(e) });
    const details = e.details.map((d) => ("desc" in d ? { type: d.desc.typeName, value: toJson(d.desc, d.value as never, JSON_OPTIONS) } : { type: d.type }));
    return c.json({ error: { code: restCode(e.code), message: e.rawMessage, details } }, httpStatus(e.code) as 500);
  });
  return app;
}
