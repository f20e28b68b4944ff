// Bad input gets a clear error with the right status, and nothing is written.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { Direction, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { connectJson, startTestLedger, type TestLedger } from "./testing/ledger-server.ts";

let t: TestLedger;
let a: string, b: string;
beforeAll(async () => {
  t = await startTestLedger({ requestBytesMax: 1024 * 1024 });
  a = (await t.grpc.createAccount({ code: "bad:a", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
  b = (await t.grpc.createAccount({ code: "bad:b", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
});
afterAll(async () => {
  await t.stop();
});

const journalSize = async () => (await t.db.sql`SELECT (SELECT count(*) FROM ledger.transactions)::int AS t, (SELECT count(*) FROM ledger.entries)::int AS e, (SELECT count(*) FROM ledger.outbox)::int AS o`)[0];
const transfer = (amount: string, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: `k-${Math.random()}`,
  entries: [
    { accountId: a, direction: "DIRECTION_DEBIT", amount },
    { accountId: b, direction: "DIRECTION_CREDIT", amount },
  ],
  ...extra,
});

describe("PostTransaction refuses malformed requests", () => {
  const cases: [string, () => unknown, string][] = [
    ["missing idempotency key", () => ({ entries: transfer("1").entries }), "idempotency_key"],
    ["no entries", () => ({ idempotencyKey: "x1" }), "entries"],
    ["one entry", () => ({ idempotencyKey: "x2", entries: [transfer("1").entries[0]] }), "entries"],
    ["negative amount", () => transfer("-5"), "entries[0].amount"],
    ["zero amount", () => transfer("0"), "entries[0].amount"],
    ["decimal amount", () => transfer("12.50"), "entries[0].amount"],
    ["exponent amount", () => transfer("1e3"), "entries[0].amount"],
    ["non-numeric amount", () => transfer("ten"), "entries[0].amount"],
    ["leading zeros", () => transfer("007"), "entries[0].amount"],
    ["39-digit amount", () => transfer("1".repeat(39)), "entries[0].amount"],
    ["empty amount", () => transfer(""), "entries[0].amount"],
    [
      "missing direction",
      () => ({
        idempotencyKey: "x3",
        entries: [
          { accountId: a, amount: "1" },
          { accountId: b, direction: "DIRECTION_CREDIT", amount: "1" },
        ],
      }),
      "entries[0].direction",
    ],
    [
      "account id not a uuid",
      () => ({
        idempotencyKey: "x4",
        entries: [
          { accountId: "42", direction: "DIRECTION_DEBIT", amount: "1" },
          { accountId: b, direction: "DIRECTION_CREDIT", amount: "1" },
        ],
      }),
      "entries[0].account_id",
    ],
    [
      "no account",
      () => ({
        idempotencyKey: "x5",
        entries: [
          { direction: "DIRECTION_DEBIT", amount: "1" },
          { accountId: b, direction: "DIRECTION_CREDIT", amount: "1" },
        ],
      }),
      "entries[0].account_id",
    ],
    [
      "unbalanced",
      () => ({
        idempotencyKey: "x6",
        entries: [
          { accountId: a, direction: "DIRECTION_DEBIT", amount: "2" },
          { accountId: b, direction: "DIRECTION_CREDIT", amount: "1" },
        ],
      }),
      "entries",
    ],
    ["bad ledger name", () => transfer("1", { ledger: "Not A Ledger!" }), "ledger"],
    ["expiry on a posted transaction", () => transfer("1", { expiresAt: new Date(Date.now() + 60_000).toISOString() }), "expires_at"],
    ["expiry in the past", () => transfer("1", { pending: true, expiresAt: "2001-01-01T00:00:00Z" }), "expires_at"],
    ["oversized description", () => transfer("1", { description: "x".repeat(2000) }), "description"],
  ];
  for (const [name, body, field] of cases) {
    test(name, async () => {
      const before = await journalSize();
      const res = await connectJson(t.handle.httpUrl, "PostTransaction", body());
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("invalid_argument");
      expect(res.body.message).toContain(field);
      expect(await journalSize()).toEqual(before);
    });
  }

  test("an amount of exactly 38 digits is accepted by validation and refused only by the floor", async () => {
    const res = await connectJson(t.handle.httpUrl, "PostTransaction", {
      idempotencyKey: "max-digits",
      entries: [
        { accountId: b, direction: "DIRECTION_DEBIT", amount: "9".repeat(38) },
        { accountId: a, direction: "DIRECTION_CREDIT", amount: "9".repeat(38) },
      ],
    });
    expect(res.body.code).toBe("failed_precondition");
  });

  test("unknown fields and wrong JSON types are refused", async () => {
    expect((await connectJson(t.handle.httpUrl, "PostTransaction", { ...transfer("1"), surprise: true })).status).toBe(400);
    expect((await connectJson(t.handle.httpUrl, "PostTransaction", { ...transfer("1"), entries: "none" })).status).toBe(400);
    expect((await connectJson(t.handle.httpUrl, "PostTransaction", "{not json")).status).toBe(400);
  });
});

describe("ledgers are isolated", () => {
  test("an account of another ledger is not found, by id or by code", async () => {
    const other = await connectJson(t.handle.httpUrl, "CreateAccount", { ledger: "tenant-b", code: "bad:a", currency: "USD", normalBalance: "NORMAL_BALANCE_CREDIT" });
    expect(other.status).toBe(200);
    const otherId = other.body.account.id;
    const byId = await connectJson(t.handle.httpUrl, "PostTransaction", {
      idempotencyKey: "cross-1",
      entries: [
        { accountId: a, direction: "DIRECTION_DEBIT", amount: "1" },
        { accountId: otherId, direction: "DIRECTION_CREDIT", amount: "1" },
      ],
    });
    expect(byId.body.code).toBe("not_found");
    const inB = await connectJson(t.handle.httpUrl, "PostTransaction", {
      ledger: "tenant-b",
      idempotencyKey: "cross-2",
      entries: [
        { accountId: a, direction: "DIRECTION_DEBIT", amount: "1" },
        { accountCode: "bad:a", direction: "DIRECTION_CREDIT", amount: "1" },
      ],
    });
    expect(inB.body.code).toBe("not_found");
    expect((await connectJson(t.handle.httpUrl, "GetAccount", { ledger: "tenant-b", accountId: a })).body.code).toBe("not_found");
    const listed = await connectJson(t.handle.httpUrl, "ListAccounts", { ledger: "tenant-b" });
    expect(listed.body.accounts.map((x: { id: string }) => x.id)).toEqual([otherId]);
  });
});

describe("CreateAccount refuses malformed requests", () => {
  test("unknown currency, missing normal balance, bad code, limit without overdraft", async () => {
    const bad = [
      [{ code: "c1", currency: "XXX", normalBalance: "NORMAL_BALANCE_DEBIT" }, "currency"],
      [{ code: "c2", currency: "usd", normalBalance: "NORMAL_BALANCE_DEBIT" }, "currency"],
      [{ code: "c3", currency: "USD" }, "normal_balance"],
      [{ code: "has space", currency: "USD", normalBalance: "NORMAL_BALANCE_DEBIT" }, "code"],
      [{ currency: "USD", normalBalance: "NORMAL_BALANCE_DEBIT" }, "code"],
      [{ code: "c4", currency: "USD", normalBalance: "NORMAL_BALANCE_CREDIT", overdraftLimit: "100" }, "overdraft_limit"],
      [{ code: "c5", currency: "USD", normalBalance: "NORMAL_BALANCE_CREDIT", allowOverdraft: true, overdraftLimit: "-1" }, "overdraft_limit"],
    ] as const;
    for (const [body, field] of bad) {
      const res = await connectJson(t.handle.httpUrl, "CreateAccount", body);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(field);
    }
    const [count] = await t.db.sql`SELECT count(*)::int AS n FROM ledger.accounts WHERE code LIKE 'c%' OR code = 'has space'`;
    expect(count!.n).toBe(0);
  });
});

describe("size limits and unicode", () => {
  test("a 10 MB request is refused by Connect, gRPC and REST without writing", async () => {
    const before = await journalSize();
    const huge = "x".repeat(10 * 1024 * 1024);
    const connect = await connectJson(t.handle.httpUrl, "PostTransaction", transfer("1", { description: huge }));
    expect(connect.body.code).toBe("resource_exhausted");
    let grpcError: ConnectError | undefined;
    try {
      await t.grpc.postTransaction({
        idempotencyKey: "huge",
        description: huge,
        entries: [
          { accountId: a, direction: Direction.DEBIT, amount: "1" },
          { accountId: b, direction: Direction.CREDIT, amount: "1" },
        ],
      });
    } catch (error) {
      grpcError = ConnectError.from(error);
    }
    expect(grpcError?.code).toBe(Code.ResourceExhausted);
    const rest = await fetch(`${t.handle.httpUrl}/v1/transactions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(transfer("1", { description: huge })) });
    expect(rest.status).toBe(413);
    expect(await journalSize()).toEqual(before);
  });

  test("unicode metadata round-trips exactly", async () => {
    const metadata = { 名前: "山田 太郎", emoji: "💸🏦✓", rtl: "مرحبا", combining: "e\u0301", quote: "\"'\\<>&" };
    const res = await connectJson(t.handle.httpUrl, "PostTransaction", transfer("1", { metadata, description: "Überweisung — ☃" }));
    expect(res.status).toBe(200);
    const got = await connectJson(t.handle.httpUrl, "GetTransaction", { transactionId: res.body.transaction.id });
    expect(got.body.transaction.metadata).toEqual(metadata);
    expect(got.body.transaction.description).toBe("Überweisung — ☃");
    const bad = await connectJson(t.handle.httpUrl, "PostTransaction", transfer("1", { metadata: { k: "nul\u0000byte" } }));
    expect(bad.status).toBe(400);
  });
});

describe("REST/JSON", () => {
  test("accounts, transactions, balance and errors with HTTP statuses", async () => {
    const url = t.handle.httpUrl;
    const created = await fetch(`${url}/v1/accounts`, { method: "POST", body: JSON.stringify({ code: "rest:x", currency: "USD", normal_balance: "NORMAL_BALANCE_CREDIT" }) });
    expect(created.status).toBe(200);
    const account = (await created.json()).account;
    expect(account.normal_balance).toBe("NORMAL_BALANCE_CREDIT");
    const posted = await fetch(`${url}/v1/transactions`, {
      method: "POST",
      body: JSON.stringify({
        idempotency_key: "rest-1",
        entries: [
          { account_code: "bad:a", direction: "DIRECTION_DEBIT", amount: "5" },
          { account_code: "bad:b", direction: "DIRECTION_CREDIT", amount: "5" },
        ],
      }),
    });
    expect(posted.status).toBe(200);
    const tx = (await posted.json()).transaction;
    expect((await (await fetch(`${url}/v1/transactions/${tx.id}`)).json()).transaction.status).toBe("TRANSACTION_STATUS_POSTED");
    const listed = await (await fetch(`${url}/v1/transactions?account_id=${b}&page_size=1`)).json();
    expect(listed.transactions).toHaveLength(1);
    expect(listed.next_page_token).toBeTruthy();
    const balance = await (await fetch(`${url}/v1/accounts/${b}/balance`)).json();
    expect(BigInt(balance.balance.posted)).toBeGreaterThan(0n);

    const overdraft = await fetch(`${url}/v1/transactions`, {
      method: "POST",
      body: JSON.stringify({
        idempotency_key: "rest-2",
        entries: [
          { account_id: account.id, direction: "DIRECTION_DEBIT", amount: "5" },
          { account_id: a, direction: "DIRECTION_CREDIT", amount: "5" },
        ],
      }),
    });
    expect(overdraft.status).toBe(422);
    const body = await overdraft.json();
    expect(body.error.code).toBe("failed_precondition");
    expect(body.error.details[0].value).toMatchObject({ account_id: account.id, available: "0", requested: "5" });
    expect((await fetch(`${url}/v1/transactions/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await fetch(`${url}/v1/accounts`, { method: "POST", body: "{oops" })).status).toBe(400);
    expect((await fetch(`${url}/v1/nothing-here`)).status).toBe(404);
    const health = await fetch(`${url}/healthz`);
    expect((await health.json()).status).toBe("ok");
    const ready = await (await fetch(`${url}/readyz`)).json();
    expect(ready.checks.postgres).toBe("ok");
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('ledgerflow_ledger_rpc_requests_total{method="rest.postTransaction",code="ok"}');
  });
});

// Doubtful input, decided: refused with a precise error, or allowed for a stated reason.
describe("doubtful input: the decisions", () => {
  const post = (body: unknown) => connectJson(t.handle.httpUrl, "PostTransaction", body);

  test("a transaction that debits and credits the same account is refused", async () => {
    const before = await journalSize();
    const res = await post({
      idempotencyKey: "same-1",
      entries: [
        { accountId: a, direction: "DIRECTION_DEBIT", amount: "3" },
        { accountId: a, direction: "DIRECTION_CREDIT", amount: "3" },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("entries[1].account_id");
    expect(res.body.message).toContain("debits and credits");
    const byCode = await post({
      idempotencyKey: "same-2",
      entries: [
        { accountCode: "bad:b", direction: "DIRECTION_DEBIT", amount: "3" },
        { accountId: a, direction: "DIRECTION_CREDIT", amount: "6" },
        { accountCode: "bad:b", direction: "DIRECTION_CREDIT", amount: "3" },
      ],
    });
    expect(byCode.status).toBe(400);
    expect(byCode.body.message).toContain("entries[2].account_code");
    expect(await journalSize()).toEqual(before);
    // The same account twice on the same side is two legs of one movement: allowed.
    const split = await post({
      idempotencyKey: "same-3",
      entries: [
        { accountId: a, direction: "DIRECTION_DEBIT", amount: "1" },
        { accountId: a, direction: "DIRECTION_DEBIT", amount: "2" },
        { accountId: b, direction: "DIRECTION_CREDIT", amount: "3" },
      ],
    });
    expect(split.status).toBe(200);
  });

  test("invalid UTF-8 (and lone surrogates) are refused, not stored as U+FFFD", async () => {
    const before = await journalSize();
    const json = JSON.stringify(transfer("1", { description: "AB" }));
    const bytes = new TextEncoder().encode(json);
    const at = json.indexOf("AB");
    bytes[at] = 0xc3; // a lead byte followed by "B" (0x42): not UTF-8
    const raw = await fetch(`${t.handle.httpUrl}/ledgerflow.ledger.v1.LedgerService/PostTransaction`, { method: "POST", headers: { "content-type": "application/json", "connect-protocol-version": "1" }, body: bytes });
    expect(raw.status).toBe(400);
    expect((await raw.json()).message).toContain("description: is not valid UTF-8");
    const lone = await post(JSON.stringify(transfer("1")).replace(/"k-[^"]+"/, '"key-\\ud800"'));
    expect(lone.status).toBe(400);
    // (The JSON decoder refuses a lone surrogate itself; the domain's check covers other paths.)
    expect(lone.body.message).toContain("idempotency_key");
    const meta = await post(transfer("1", { metadata: { note: "bad \ufffd" } }));
    expect(meta.body.message).toContain("metadata.note");
    expect(await journalSize()).toEqual(before);
  });

  test("effective dates before 1970 are refused; backdating after that is allowed", async () => {
    const year1 = await post(transfer("1", { effectiveAt: "0001-01-01T00:00:00Z" }));
    expect(year1.status).toBe(400);
    expect(year1.body.message).toContain("effective_at: must not be before 1970-01-01T00:00:00.000Z");
    expect((await post(transfer("1", { effectiveAt: "1969-12-31T23:59:59Z" }))).status).toBe(400);
    const backdated = await post(transfer("1", { effectiveAt: "1999-06-30T12:00:00Z" }));
    expect(backdated.status).toBe(200);
    expect(backdated.body.transaction.effectiveAt).toBe("1999-06-30T12:00:00Z");
  });

  test("a ledger comes into being with its first account (documented: ledgers are namespaces)", async () => {
    const res = await connectJson(t.handle.httpUrl, "CreateAccount", { ledger: "implicit-tenant", code: "first", currency: "EUR", normalBalance: "NORMAL_BALANCE_CREDIT" });
    expect(res.status).toBe(200);
    const [row] = await t.db.sql`SELECT count(*)::int AS n FROM ledger.ledgers WHERE name = 'implicit-tenant'`;
    expect(row!.n).toBe(1);
    // Only well-formed names: a typo in case or spacing is refused, never a second ledger.
    for (const ledger of ["Implicit-Tenant", "implicit tenant", "-x", "x".repeat(64)]) {
      const bad = await connectJson(t.handle.httpUrl, "CreateAccount", { ledger, code: "first", currency: "EUR", normalBalance: "NORMAL_BALANCE_CREDIT" });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain("ledger");
    }
  });

  test("length limits count characters (code points), as the database does, not UTF-16 units", async () => {
    const emoji = "💸";
    const ok = await post({ ...transfer("1"), idempotencyKey: emoji.repeat(255), description: emoji.repeat(1024), metadata: { [emoji.repeat(128)]: emoji.repeat(2048) } });
    expect(ok.status).toBe(200);
    const [stored] = await t.db.sql`SELECT length(idempotency_key)::int AS k, length(description)::int AS d FROM ledger.transactions WHERE id = ${ok.body.transaction.id}`;
    expect(stored).toEqual({ k: 255, d: 1024 });
    const long = await post({ ...transfer("1"), idempotencyKey: emoji.repeat(256) });
    expect(long.body.message).toContain("idempotency_key: must be at most 255 characters");
    expect((await post(transfer("1", { description: emoji.repeat(1025) }))).body.message).toContain("description: must be at most 1024 characters");
  });

  test("a balance that would pass 38 digits gets a precise error, not 'numeric field overflow'", async () => {
    const src = (await t.grpc.createAccount({ code: "big:src", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
    const dst = (await t.grpc.createAccount({ code: "big:dst", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
    const max = "9".repeat(38);
    const big = (key: string) =>
      post({
        idempotencyKey: key,
        entries: [
          { accountId: src, direction: "DIRECTION_DEBIT", amount: max },
          { accountId: dst, direction: "DIRECTION_CREDIT", amount: max },
        ],
      });
    expect((await big("big-1")).status).toBe(200);
    const before = await journalSize();
    const over = await big("big-2");
    expect(over.body.code).toBe("failed_precondition");
    expect(over.body.message).toContain("beyond 38 digits");
    expect(over.body.message).not.toContain("numeric field overflow");
    expect(await journalSize()).toEqual(before);
  });
});

describe("the proto's field rules", () => {
  // protovalidate's wording ("less than or equal to") tells its refusal from the service's own check behind it.
  const message = "page_size: must be less than or equal to 500";

  test("are checked before the handler, the same for gRPC, Connect, gRPC-Web and REST", async () => {
    for (const client of [t.grpc, t.connect, t.grpcWeb]) {
      const e = await client.listAccounts({ pageSize: 501 }).then(
        () => undefined,
        (error) => ConnectError.from(error),
      );
      expect([e?.code, e?.rawMessage]).toEqual([Code.InvalidArgument, message]);
    }
    const json = await connectJson(t.handle.httpUrl, "ListAccounts", { pageSize: 501 });
    expect([json.status, json.body.message]).toEqual([400, message]);
    const rest = await fetch(`${t.handle.httpUrl}/v1/accounts?page_size=501`);
    expect([rest.status, (await rest.json()).error.message]).toEqual([400, message]);
  });
});
