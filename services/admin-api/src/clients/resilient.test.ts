// The gateway's calls to the services behind it, against a real Connect server that fails on
// purpose: calls without side effects are retried on UNAVAILABLE (and only those), deadlines
// hold, the breaker opens after repeated failures and then answers at once, and a recovered
// backend closes it again.
import { afterAll, beforeAll, beforeEach, expect, test } from "bun:test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Code, ConnectError } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { LedgerService } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { callOptions, createBackend } from "./resilient.ts";

let server: http.Server;
let baseUrl: string;
const state = { failuresLeft: 0, calls: { listCurrencies: 0, postTransaction: 0 }, delayMs: 0, headers: new Headers() };

beforeAll(async () => {
  const unavailable = () => {
    if (state.failuresLeft > 0) {
      state.failuresLeft -= 1;
      throw new ConnectError("down for the test", Code.Unavailable);
    }
  };
  const adapter = connectNodeAdapter({
    routes: (router) =>
      router.service(LedgerService, {
        async listCurrencies(_req, ctx) {
          state.calls.listCurrencies += 1;
          state.headers = ctx.requestHeader;
          if (state.delayMs) await Bun.sleep(state.delayMs);
          unavailable();
          return { currencies: [{ code: "USD", scale: 2 }] };
        },
        async postTransaction() {
          state.calls.postTransaction += 1;
          unavailable();
          return {};
        },
      }),
  });
  server = http.createServer(adapter);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  Object.assign(state, { failuresLeft: 0, calls: { listCurrencies: 0, postTransaction: 0 }, delayMs: 0 });
});

const who = { actor: "operator@example.com", requestId: "req-1" };
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e) => Code[ConnectError.from(e).code],
  );

test("a call without side effects is retried on UNAVAILABLE, with the token, actor and request id", async () => {
  const backend = createBackend(LedgerService, { name: "ledger", baseUrl, token: "secret-token-0123456789", timeoutMs: 2_000, retriesMax: 2 });
  state.failuresLeft = 2;
  expect(await codeOf(backend.client.listCurrencies({}, callOptions(who, 2_000)))).toBe("ok");
  expect(state.calls.listCurrencies).toBe(3);
  expect(state.headers.get("authorization")).toBe("Bearer secret-token-0123456789");
  expect(state.headers.get("x-ledgerflow-actor")).toBe("operator@example.com");
  expect(state.headers.get("x-request-id")).toBe("req-1");
  state.failuresLeft = 3;
  expect(await codeOf(backend.client.listCurrencies({}, callOptions(who, 2_000)))).toBe("Unavailable");
  expect(state.calls.listCurrencies).toBe(3 + 3);
});

test("a call with side effects is never retried", async () => {
  const backend = createBackend(LedgerService, { name: "ledger", baseUrl, timeoutMs: 2_000, retriesMax: 2 });
  state.failuresLeft = 1;
  expect(await codeOf(backend.client.postTransaction({ idempotencyKey: "k" }, callOptions(who, 2_000)))).toBe("Unavailable");
  expect(state.calls.postTransaction).toBe(1);
});

test("the deadline is the caller's remaining time when that is shorter", async () => {
  const backend = createBackend(LedgerService, { name: "ledger", baseUrl, timeoutMs: 5_000, retriesMax: 0 });
  state.delayMs = 500;
  const started = performance.now();
  expect(await codeOf(backend.client.listCurrencies({}, callOptions({ ...who, remainingMs: 100 }, 5_000)))).toBe("DeadlineExceeded");
  expect(performance.now() - started).toBeLessThan(450);
});

test("the breaker opens after repeated failures, answers at once while open, and closes after recovery", async () => {
  const states: string[] = [];
  const backend = createBackend(LedgerService, { name: "ledger", baseUrl, timeoutMs: 2_000, retriesMax: 0, onBreakerChange: (s) => states.push(s) });
  state.failuresLeft = 5;
  for (let i = 0; i < 5; i++) expect(await codeOf(backend.client.postTransaction({}, callOptions(who, 2_000)))).toBe("Unavailable");
  expect(backend.breaker.current).toBe("open");
  const before = state.calls.postTransaction;
  const error = await backend.client.postTransaction({}, callOptions(who, 2_000)).then(
    () => undefined,
    (e) => ConnectError.from(e),
  );
  expect(error?.code).toBe(Code.Unavailable);
  expect(error?.rawMessage).toContain("circuit open");
  expect(state.calls.postTransaction).toBe(before);
  // After the open period one probe goes through; it succeeds, and the breaker closes.
  await Bun.sleep(3_100);
  expect(await codeOf(backend.client.postTransaction({}, callOptions(who, 2_000)))).toBe("ok");
  expect(states).toEqual(["open", "half_open", "closed"]);
}, 15_000);

test("a backend that is not there at all answers UNAVAILABLE quickly", async () => {
  const backend = createBackend(LedgerService, { name: "ledger", baseUrl: "http://127.0.0.1:9", timeoutMs: 2_000, retriesMax: 1 });
  const started = performance.now();
  expect(await codeOf(backend.client.listCurrencies({}, callOptions(who, 2_000)))).toBe("Unavailable");
  expect(performance.now() - started).toBeLessThan(1_500);
});
