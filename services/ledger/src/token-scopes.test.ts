// Each bearer token reaches the ledgers of its scope only, and only the tokens allowed to act for
// people may name an actor (billing's may not post as admin@…): refused with PERMISSION_DENIED
// on gRPC, Connect and REST, and nothing is written. A token without a scope stops the start.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Code, ConnectError, createClient, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { BatchMode, Direction, LedgerService, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { ConfigError } from "@ledgerflow/platform/config";
import { startLedger } from "./app.ts";
import { loadConfig } from "./config.ts";
import { parseTokenScopes } from "./rpc/scopes.ts";
import { startTestLedger, type TestLedger } from "./testing/ledger-server.ts";

const TOKENS = {
  gateway: "gateway-token-0123456789abcdef",
  billing: "billing-token-0123456789abcdef",
  acme: "acme-only-token-0123456789abcd",
} as const;
let t: TestLedger;
const accounts: Record<string, { bank: string; wallet: string }> = {};

const headers =
  (token: string, actor?: string): Interceptor =>
  (next) =>
  (req) => {
    req.header.set("authorization", `Bearer ${token}`);
    if (actor !== undefined) req.header.set("x-ledgerflow-actor", actor);
    return next(req);
  };
const grpcAs = (token: string, actor?: string) => createClient(LedgerService, createGrpcTransport({ baseUrl: t.handle.grpcUrl, interceptors: [headers(token, actor)] }));
const connectAs = (token: string, actor?: string) => createClient(LedgerService, createConnectTransport({ baseUrl: t.handle.httpUrl, httpVersion: "1.1", interceptors: [headers(token, actor)] }));
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e) => ConnectError.from(e),
  );
const transfer = (ledger: string, key: string) => ({
  ledger,
  idempotencyKey: key,
  entries: [
    { accountId: accounts[ledger]!.bank, direction: Direction.DEBIT, amount: "10" },
    { accountId: accounts[ledger]!.wallet, direction: Direction.CREDIT, amount: "10" },
  ],
});
const journalCount = async () => Number((await t.db.sql`SELECT count(*) AS n FROM ledger.transactions`)[0]!.n);

beforeAll(async () => {
  t = await startTestLedger({
    authTokens: new Map(Object.entries(TOKENS)),
    tokenScopes: parseTokenScopes(`gateway=*+actor,billing=*,acme=acme`),
  });
  const gateway = grpcAs(TOKENS.gateway);
  for (const ledger of ["acme", "globex"]) {
    accounts[ledger] = {
      bank: (await gateway.createAccount({ ledger, code: "bank", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id,
      wallet: (await gateway.createAccount({ ledger, code: "wallet", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id,
    };
  }
});
afterAll(async () => {
  await t.stop();
});

describe("ledgers", () => {
  test("a token scoped to acme reads and writes acme, and nothing of globex or main, on gRPC and Connect", async () => {
    for (const client of [grpcAs(TOKENS.acme), connectAs(TOKENS.acme)]) {
      expect((await client.listAccounts({ ledger: "acme" })).accounts.length).toBe(2);
      for (const call of [
        client.listAccounts({ ledger: "globex" }),
        client.listAccounts({}),
        client.getAccount({ ledger: "globex", accountId: accounts.globex!.wallet }),
        client.getBalance({ ledger: "globex", accountId: accounts.globex!.wallet }),
        client.listTransactions({ ledger: "globex" }),
        client.createAccount({ ledger: "globex", code: "x", currency: "USD", normalBalance: NormalBalance.DEBIT }),
        client.postTransaction(transfer("globex", "acme-token-on-globex")),
      ]) {
        const e = await failure(call);
        expect(e?.code).toBe(Code.PermissionDenied);
      }
      expect((await client.listCurrencies({})).currencies.length).toBeGreaterThan(0);
    }
    const e = await failure(grpcAs(TOKENS.acme).listAccounts({ ledger: "globex" }));
    expect(e?.rawMessage).toBe("the token acme may not touch ledger globex");
    const posted = (await grpcAs(TOKENS.acme).postTransaction(transfer("acme", "acme-token-on-acme"))).transaction!;
    expect([posted.ledger, posted.caller, posted.actor]).toEqual(["acme", "acme", ""]);
  });

  test("a batch with one item outside the token's ledgers is refused whole; nothing is written", async () => {
    const before = await journalCount();
    const e = await failure(grpcAs(TOKENS.acme).postTransactions({ mode: BatchMode.INDEPENDENT, transactions: [transfer("acme", "batch-acme"), transfer("globex", "batch-globex")] }));
    expect(e?.code).toBe(Code.PermissionDenied);
    expect(await journalCount()).toBe(before);
  });

  test("REST answers 403 for a ledger outside the token's scope", async () => {
    const get = (path: string) => fetch(`${t.handle.httpUrl}${path}`, { headers: { authorization: `Bearer ${TOKENS.acme}` } });
    expect((await get("/v1/accounts?ledger=acme")).status).toBe(200);
    expect((await get("/v1/accounts?ledger=globex")).status).toBe(403);
    expect((await get(`/v1/accounts/${accounts.globex!.wallet}?ledger=globex`)).status).toBe(403);
    const post = await fetch(`${t.handle.httpUrl}/v1/transactions`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKENS.acme}`, "content-type": "application/json" },
      body: JSON.stringify({
        ledger: "globex",
        idempotency_key: "rest-globex",
        entries: [
          { account_id: accounts.globex!.bank, direction: "DIRECTION_DEBIT", amount: "10" },
          { account_id: accounts.globex!.wallet, direction: "DIRECTION_CREDIT", amount: "10" },
        ],
      }),
    });
    expect(post.status).toBe(403);
    expect((await t.db.sql`SELECT 1 FROM ledger.transactions WHERE idempotency_key = 'rest-globex'`).length).toBe(0);
  });
});

describe("actors", () => {
  test("billing's token may not post as admin@…; the gateway's may; nothing is written for the refusal", async () => {
    const before = await journalCount();
    for (const client of [grpcAs(TOKENS.billing, "admin@ledgerflow.local"), connectAs(TOKENS.billing, "admin@ledgerflow.local")]) {
      const e = await failure(client.postTransaction(transfer("acme", "billing-as-admin")));
      expect(e?.code).toBe(Code.PermissionDenied);
      expect(e?.rawMessage).toBe("the token billing may not act for people: remove the x-ledgerflow-actor header");
    }
    const e = await failure(grpcAs(TOKENS.acme, "someone@example.com").postTransaction(transfer("acme", "acme-as-someone")));
    expect(e?.code).toBe(Code.PermissionDenied);
    expect(await journalCount()).toBe(before);
    const rest = await fetch(`${t.handle.httpUrl}/v1/accounts?ledger=acme`, { headers: { authorization: `Bearer ${TOKENS.billing}`, "x-ledgerflow-actor": "admin@ledgerflow.local" } });
    expect(rest.status).toBe(403);

    const byGateway = (await grpcAs(TOKENS.gateway, "admin@ledgerflow.local").postTransaction(transfer("acme", "gateway-as-admin"))).transaction!;
    expect([byGateway.caller, byGateway.actor]).toEqual(["gateway", "admin@ledgerflow.local"]);
  });

  test("a token naming itself is not acting for a person: billing records its own name", async () => {
    const own = (await grpcAs(TOKENS.billing, "billing").postTransaction(transfer("globex", "billing-as-billing"))).transaction!;
    expect([own.caller, own.actor]).toEqual(["billing", "billing"]);
    const none = (await connectAs(TOKENS.billing).postTransaction(transfer("globex", "billing-plain"))).transaction!;
    expect([none.caller, none.actor]).toEqual(["billing", ""]);
  });
});

describe("configuration", () => {
  test("every token needs a scope, written out; malformed scopes are refused", async () => {
    const env = { DATABASE_URL: "postgres://x/y", LEDGER_AUTH_TOKENS: `gateway=${TOKENS.gateway},billing=${TOKENS.billing}` };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow("LEDGER_TOKEN_SCOPES has no entry for the token(s) gateway, billing");
    expect(() => loadConfig({ ...env, LEDGER_TOKEN_SCOPES: "gateway=*+actor" })).toThrow("token(s) billing");
    const c = loadConfig({ ...env, LEDGER_TOKEN_SCOPES: "gateway=*+actor,billing=acme|globex" });
    expect([...c.tokenScopes]).toEqual([
      ["gateway", { ledgers: ["*"], actsForPeople: true }],
      ["billing", { ledgers: ["acme", "globex"], actsForPeople: false }],
    ]);
    // Without tokens (the embedded mode) there is nothing to scope.
    expect(loadConfig({ DATABASE_URL: "postgres://x/y" }).tokenScopes.size).toBe(0);
    for (const bad of ["gateway", "gateway=", "gateway=*|acme", "gateway=Acme", "gateway=acme+people", "gateway=acme globex"]) {
      expect(() => parseTokenScopes(bad)).toThrow(ConfigError);
    }
    await expect(startLedger({ databaseUrl: t.db.urlFor("ledger"), migrate: false, relayEnabled: false, authTokens: new Map([["x", TOKENS.acme]]) })).rejects.toThrow("LEDGER_TOKEN_SCOPES has no entry for the token(s) x");
  });
});
