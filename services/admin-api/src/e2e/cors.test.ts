// A browser app on another origin (a page served from a port of its own) calls the ledger's HTTP
// port and the admin gateway with Connect (JSON) and gRPC-Web in real Chromium: allowed when its
// origin is configured (preflight, bearer token, the exposed request id and gRPC-Web status),
// blocked by the browser when it is not, and no CORS headers at all when none is configured.
import { afterAll, beforeAll, expect, test } from "bun:test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type Page } from "playwright-core";
import { create, toBinary } from "@bufbuild/protobuf";
import { GetAccountRequestSchema } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { startTestLedger, type TestLedger } from "@ledgerflow/ledger/testing";
import { scriptToken, startTestPlatform, type TestPlatform } from "@ledgerflow/testing/platform";

const LEDGER_TOKEN = "cors-test-ledger-token";

/** A page server: an empty page at "/" is all an app origin needs here. */
async function appOrigin(host: string): Promise<{ origin: string; close(): void }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>app</title>"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { origin: `http://${host}:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

let allowed: { origin: string; close(): void };
let other: { origin: string; close(): void };
let ledger: TestLedger;
let closedLedger: TestLedger;
let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  allowed = await appOrigin("127.0.0.1");
  // Another origin of the same machine: "localhost" is a different host to the browser.
  other = await appOrigin("localhost");
  ledger = await startTestLedger({ authTokens: new Map([["web", LEDGER_TOKEN]]), corsOrigins: new Set([allowed.origin]) });
  closedLedger = await startTestLedger({ authTokens: new Map([["web", LEDGER_TOKEN]]) });
  platform = await startTestPlatform({ ADMIN_CORS_ORIGINS: allowed.origin });
  browser = await chromium.launch({
    executablePath: process.env.LEDGERFLOW_TEST_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await ledger?.stop();
  await closedLedger?.stop();
  allowed?.close();
  other?.close();
}, 30_000);

async function pageAt(origin: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${origin}/`);
  return page;
}

type CallResult = { ok: true; status: number; body: any; text: string; requestId: string | null } | { ok: false; error: string };

/** fetch() from the page's origin, as an app's own code does it. */
function call(page: Page, url: string, init: { headers: Record<string, string>; body: string | number[] }): Promise<CallResult> {
  return page.evaluate(
    async ({ url, init }) => {
      try {
        const body = typeof init.body === "string" ? init.body : new Uint8Array(init.body);
        const res = await fetch(url, { method: "POST", headers: init.headers, body });
        const json = (res.headers.get("content-type") ?? "").includes("json");
        const text = new TextDecoder("latin1").decode(await res.arrayBuffer());
        return { ok: true as const, status: res.status, body: json && text ? JSON.parse(text) : null, text, requestId: res.headers.get("x-request-id") };
      } catch (error) {
        return { ok: false as const, error: String(error) };
      }
    },
    { url, init },
  );
}

const json = (token?: string) => ({ "content-type": "application/json", "connect-protocol-version": "1", ...(token ? { authorization: `Bearer ${token}` } : {}) });

test("an allowed origin calls the ledger with Connect JSON and gRPC-Web, with a token, and reads the request id and errors", async () => {
  const page = await pageAt(allowed.origin);
  const base = `${ledger.handle.httpUrl}/ledgerflow.ledger.v1.LedgerService`;
  const created = await call(page, `${base}/CreateAccount`, { headers: json(LEDGER_TOKEN), body: JSON.stringify({ code: "cors:wallet", currency: "USD", normalBalance: "NORMAL_BALANCE_CREDIT" }) });
  expect(created).toMatchObject({ ok: true, status: 200, body: { account: { code: "cors:wallet" } } });
  expect((created as { requestId: string }).requestId).toBeTruthy();
  const refused = await call(page, `${base}/GetAccount`, { headers: json(), body: JSON.stringify({ accountCode: "cors:wallet" }) });
  expect(refused).toMatchObject({ ok: true, status: 401, body: { code: "unauthenticated" } });
  // gRPC-Web, binary: one length-prefixed GetAccountRequest frame; the answer ends in a trailer frame.
  const message = toBinary(GetAccountRequestSchema, create(GetAccountRequestSchema, { accountCode: "cors:wallet" }));
  const frame = [0, 0, 0, 0, message.length, ...message];
  const grpcWeb = await call(page, `${base}/GetAccount`, { headers: { "content-type": "application/grpc-web+proto", "x-grpc-web": "1", authorization: `Bearer ${LEDGER_TOKEN}` }, body: frame });
  expect(grpcWeb).toMatchObject({ ok: true, status: 200 });
  expect((grpcWeb as { text: string }).text).toContain("cors:wallet");
  expect((grpcWeb as { text: string }).text).toContain("grpc-status: 0");
}, 60_000);

test("the browser blocks an origin that is not configured, and a ledger with no origins sends no CORS headers", async () => {
  const page = await pageAt(other.origin);
  const blocked = await call(page, `${ledger.handle.httpUrl}/ledgerflow.ledger.v1.LedgerService/GetAccount`, { headers: json(LEDGER_TOKEN), body: "{}" });
  expect(blocked).toMatchObject({ ok: false });
  const closed = await call(await pageAt(allowed.origin), `${closedLedger.handle.httpUrl}/ledgerflow.ledger.v1.LedgerService/GetAccount`, { headers: json(LEDGER_TOKEN), body: "{}" });
  expect(closed).toMatchObject({ ok: false });
  const preflight = await fetch(`${closedLedger.handle.httpUrl}/ledgerflow.ledger.v1.LedgerService/GetAccount`, { method: "OPTIONS", headers: { origin: allowed.origin, "access-control-request-method": "POST" } });
  expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
}, 60_000);

test("an allowed origin calls the admin gateway with a bearer token; cookies are not allowed cross-origin", async () => {
  const page = await pageAt(allowed.origin);
  const token = await scriptToken(platform);
  const health = await call(page, `${platform.url}/ledgerflow.admin.v1.AdminService/GetHealth`, { headers: json(token), body: "{}" });
  expect(health).toMatchObject({ ok: true, status: 200 });
  expect((health as { body: { components: unknown[] } }).body.components.length).toBeGreaterThan(0);
  const anonymous = await call(page, `${platform.url}/ledgerflow.admin.v1.AdminService/GetHealth`, { headers: json(), body: "{}" });
  expect(anonymous).toMatchObject({ ok: true, status: 401, body: { code: "unauthenticated" } });
  const preflight = await fetch(`${platform.url}/ledgerflow.admin.v1.AdminService/GetHealth`, {
    method: "OPTIONS",
    headers: { origin: allowed.origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type,connect-protocol-version" },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get("access-control-allow-origin")).toBe(allowed.origin);
  expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
  const blocked = await call(await pageAt(other.origin), `${platform.url}/ledgerflow.admin.v1.AdminService/GetHealth`, { headers: json(token), body: "{}" });
  expect(blocked).toMatchObject({ ok: false });
}, 60_000);
