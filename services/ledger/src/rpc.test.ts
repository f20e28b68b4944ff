// Every RPC through a real gRPC client over HTTP/2, Connect over HTTP/1.1 and gRPC-Web, against
// a real ledger on a real Postgres.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Code, ConnectError, type Client } from "@connectrpc/connect";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { BatchMode, Direction, InsufficientFundsSchema, FieldViolationSchema, type LedgerService, NormalBalance, TransactionStatus, TransactionType, EntryEffect } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { BadRequestSchema, ErrorInfoSchema, RetryInfoSchema } from "@ledgerflow/proto/gen/google/rpc/error_details_pb.ts";
import { connectJson, startTestLedger, type TestLedger } from "./testing/ledger-server.ts";

let t: TestLedger;
beforeAll(async () => {
  t = await startTestLedger();
});
afterAll(async () => {
  await t.stop();
});

async function rejects(promise: Promise<unknown>): Promise<ConnectError> {
  try {
    await promise;
  } catch (error) {
    return ConnectError.from(error);
  }
  throw new Error("expected the call to fail");
}

const protocols = ["grpc", "connect", "grpcWeb"] as const;

describe.each(protocols)("LedgerService over %s", (protocol) => {
  let c: Client<typeof LedgerService>;
  const p = `${protocol}-${Date.now().toString(36)}`;
  let cash: string, alice: string, bob: string;

  beforeAll(() => {
    c = t[protocol];
  });

  test("CreateAccount, GetAccount, ListAccounts, UpdateAccountPolicy", async () => {
    const created = await c.createAccount({ code: `${p}:cash`, currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true, metadata: { kind: "cash", p } });
    cash = created.account!.id;
    expect(created.account!.ledger).toBe("main");
    expect(created.account!.balance!.posted).toBe("0");
    alice = (await c.createAccount({ code: `${p}:wallet:alice`, currency: "USD", normalBalance: NormalBalance.CREDIT, metadata: { owner: "alice", p } })).account!.id;
    bob = (await c.createAccount({ code: `${p}:wallet:bob`, currency: "USD", normalBalance: NormalBalance.CREDIT, metadata: { owner: "bob", p } })).account!.id;

    const dup = await rejects(c.createAccount({ code: `${p}:cash`, currency: "USD", normalBalance: NormalBalance.DEBIT }));
    expect(dup.code).toBe(Code.AlreadyExists);

    expect((await c.getAccount({ accountId: alice })).account!.code).toBe(`${p}:wallet:alice`);
    expect((await c.getAccount({ accountCode: `${p}:wallet:bob` })).account!.id).toBe(bob);
    expect((await rejects(c.getAccount({ accountId: "00000000-0000-4000-8000-000000000000" }))).code).toBe(Code.NotFound);

    const wallets = await c.listAccounts({ codePrefix: `${p}:wallet:` });
    expect(wallets.accounts.map((a) => a.code)).toEqual([`${p}:wallet:alice`, `${p}:wallet:bob`]);
    const byMeta = await c.listAccounts({ metadata: { owner: "bob", p } });
    expect(byMeta.accounts.map((a) => a.id)).toEqual([bob]);
    const page1 = await c.listAccounts({ codePrefix: `${p}:`, pageSize: 2 });
    expect(page1.accounts).toHaveLength(2);
    expect(page1.nextPageToken).not.toBe("");
    const page2 = await c.listAccounts({ codePrefix: `${p}:`, pageSize: 2, pageToken: page1.nextPageToken });
    expect(page2.accounts.map((a) => a.code)).toEqual([`${p}:wallet:bob`]);
    expect(page2.nextPageToken).toBe("");

    const updated = await c.updateAccountPolicy({ accountId: bob, allowOverdraft: true, overdraftLimit: "100" });
    expect(updated.account!.allowOverdraft).toBe(true);
    expect(updated.account!.overdraftLimit).toBe("100");
    const back = await c.updateAccountPolicy({ accountId: bob, allowOverdraft: false });
    expect(back.account!.allowOverdraft).toBe(false);
    expect(back.account!.overdraftLimit).toBeUndefined();
  });

  test("PostTransaction posts, replays and refuses a reused key", async () => {
    const req = {
      idempotencyKey: `${p}-fund-alice`,
      entries: [
        { accountId: cash, direction: Direction.DEBIT, amount: "10000" },
        { accountCode: `${p}:wallet:alice`, direction: Direction.CREDIT, amount: "10000" },
      ],
      description: "top-up",
      metadata: { channel: "card", "note-ü": "café ☕" },
    };
    const first = await c.postTransaction(req);
    expect(first.replayed).toBe(false);
    expect(first.transaction!.status).toBe(TransactionStatus.POSTED);
    expect(first.transaction!.type).toBe(TransactionType.STANDARD);
    expect(first.transaction!.entries.map((e) => [e.accountId, e.amount, e.effect])).toEqual([
      [cash, "10000", EntryEffect.POST],
      [alice, "10000", EntryEffect.POST],
    ]);
    expect(first.transaction!.metadata["note-ü"]).toBe("café ☕");

    const again = await c.postTransaction(req);
    expect(again.replayed).toBe(true);
    expect(again.transaction!.id).toBe(first.transaction!.id);

    const reused = await rejects(c.postTransaction({ ...req, description: "something else" }));
    expect(reused.code).toBe(Code.AlreadyExists);
    expect((await c.getBalance({ accountId: alice })).balance!.posted).toBe("10000");
  });

  test("errors carry canonical codes and details", async () => {
    const overdraft = await rejects(
      c.postTransaction({
        idempotencyKey: `${p}-too-much`,
        entries: [
          { accountId: alice, direction: Direction.DEBIT, amount: "10001" },
          { accountId: bob, direction: Direction.CREDIT, amount: "10001" },
        ],
      }),
    );
    expect(overdraft.code).toBe(Code.FailedPrecondition);
    const [detail] = overdraft.findDetails(InsufficientFundsSchema);
    expect(detail).toMatchObject({ accountId: alice, available: "10000", requested: "10001", floor: "0" });
    expect(overdraft.findDetails(ErrorInfoSchema)).toMatchObject([{ reason: "INSUFFICIENT_FUNDS", domain: "ledger.ledgerflow", metadata: { account_id: alice, available: "10000", requested: "10001", floor: "0", field: "entries[0]" } }]);
    // A refused precondition is not a bad request: no BadRequest (the deprecated detail stays as it was).
    expect(overdraft.findDetails(BadRequestSchema)).toEqual([]);
    expect(overdraft.findDetails(FieldViolationSchema).map((v) => v.field)).toEqual(["entries[0]"]);

    const unbalanced = await rejects(
      c.postTransaction({
        idempotencyKey: `${p}-unbalanced`,
        entries: [
          { accountId: alice, direction: Direction.DEBIT, amount: "5" },
          { accountId: bob, direction: Direction.CREDIT, amount: "4" },
        ],
      }),
    );
    expect(unbalanced.code).toBe(Code.InvalidArgument);
    expect(unbalanced.findDetails(BadRequestSchema)[0]!.fieldViolations.map((v) => v.field)).toEqual(["entries"]);
    expect(unbalanced.findDetails(ErrorInfoSchema)).toMatchObject([{ reason: "INVALID_ARGUMENT", domain: "ledger.ledgerflow", metadata: { field: "entries" } }]);
    // The deprecated FieldViolation stays for one release.
    expect(unbalanced.findDetails(FieldViolationSchema)[0]!.field).toBe("entries");

    const unknown = await rejects(
      c.postTransaction({
        idempotencyKey: `${p}-unknown`,
        entries: [
          { accountId: alice, direction: Direction.DEBIT, amount: "5" },
          { accountCode: "no-such-account", direction: Direction.CREDIT, amount: "5" },
        ],
      }),
    );
    expect(unknown.code).toBe(Code.NotFound);
    expect(unknown.findDetails(ErrorInfoSchema)[0]!.metadata.field).toBe("entries[1].account_code");
    expect(unknown.findDetails(BadRequestSchema)).toEqual([]);
    expect(unknown.findDetails(FieldViolationSchema)[0]!.field).toBe("entries[1].account_code");

    const negative = await rejects(
      c.postTransaction({
        idempotencyKey: `${p}-negative`,
        entries: [
          { accountId: alice, direction: Direction.DEBIT, amount: "-5" },
          { accountId: bob, direction: Direction.CREDIT, amount: "-5" },
        ],
      }),
    );
    expect(negative.code).toBe(Code.InvalidArgument);
    expect(negative.findDetails(BadRequestSchema)[0]!.fieldViolations).toMatchObject([{ field: "entries[0].amount", description: negative.rawMessage }]);
    expect(negative.findDetails(RetryInfoSchema)).toEqual([]);
    expect((await c.getBalance({ accountId: alice })).balance!.posted).toBe("10000");
  });

  test("pending holds: partial commit, void, expiry", async () => {
    const hold = await c.postTransaction({
      idempotencyKey: `${p}-hold-1`,
      pending: true,
      entries: [
        { accountId: alice, direction: Direction.DEBIT, amount: "3000" },
        { accountId: bob, direction: Direction.CREDIT, amount: "3000" },
      ],
    });
    expect(hold.transaction!.status).toBe(TransactionStatus.PENDING);
    let balance = (await c.getBalance({ accountId: alice })).balance!;
    expect([balance.posted, balance.available, balance.pendingDebits]).toEqual(["10000", "7000", "3000"]);

    const committed = await c.commitTransaction({
      transactionId: hold.transaction!.id,
      amounts: [
        { leg: 0, amount: "2500" },
        { leg: 1, amount: "2500" },
      ],
    });
    expect(committed.transaction!.status).toBe(TransactionStatus.POSTED);
    expect(committed.transaction!.resolvedByTransactionId).toBe(committed.commit!.id);
    expect(committed.commit!.type).toBe(TransactionType.COMMIT);
    balance = (await c.getBalance({ accountId: alice })).balance!;
    expect([balance.posted, balance.available, balance.pendingDebits]).toEqual(["7500", "7500", "0"]);
    const repeat = await c.commitTransaction({
      transactionId: hold.transaction!.id,
      amounts: [
        { leg: 0, amount: "2500" },
        { leg: 1, amount: "2500" },
      ],
    });
    expect(repeat.commit!.id).toBe(committed.commit!.id);
    expect((await rejects(c.voidTransaction({ transactionId: hold.transaction!.id }))).code).toBe(Code.FailedPrecondition);

    const hold2 = await c.postTransaction({
      idempotencyKey: `${p}-hold-2`,
      pending: true,
      entries: [
        { accountId: alice, direction: Direction.DEBIT, amount: "1000" },
        { accountId: bob, direction: Direction.CREDIT, amount: "1000" },
      ],
    });
    const voided = await c.voidTransaction({ transactionId: hold2.transaction!.id });
    expect(voided.transaction!.status).toBe(TransactionStatus.VOIDED);
    expect(voided.void!.voidReason).toBe("requested");
    expect((await rejects(c.commitTransaction({ transactionId: hold2.transaction!.id }))).code).toBe(Code.FailedPrecondition);

    const hold3 = await c.postTransaction({
      idempotencyKey: `${p}-hold-3`,
      pending: true,
      expiresAt: timestampFromDate(new Date(Date.now() + 300)),
      entries: [
        { accountId: alice, direction: Direction.DEBIT, amount: "500" },
        { accountId: bob, direction: Direction.CREDIT, amount: "500" },
      ],
    });
    expect((await c.getBalance({ accountId: alice })).balance!.available).toBe("7000");
    let status = TransactionStatus.PENDING;
    for (let i = 0; i < 50 && status === TransactionStatus.PENDING; i++) {
      await Bun.sleep(100);
      status = (await c.getTransaction({ transactionId: hold3.transaction!.id })).transaction!.status;
    }
    expect(status).toBe(TransactionStatus.VOIDED);
    const expired = (await c.getTransaction({ transactionId: hold3.transaction!.id })).transaction!;
    const sweep = (await c.getTransaction({ transactionId: expired.resolvedByTransactionId })).transaction!;
    expect(sweep.voidReason).toBe("expired");
    expect((await c.getBalance({ accountId: alice })).balance!.available).toBe("7500");
  });

  test("ReverseTransaction, GetTransaction, ListTransactions, point-in-time GetBalance", async () => {
    const before = new Date();
    await Bun.sleep(5);
    const pay = await c.postTransaction({
      idempotencyKey: `${p}-pay`,
      metadata: { order: `${p}-42` },
      entries: [
        { accountId: alice, direction: Direction.DEBIT, amount: "700" },
        { accountId: bob, direction: Direction.CREDIT, amount: "700" },
      ],
    });
    const afterPay = new Date();
    await Bun.sleep(5);
    const reversed = await c.reverseTransaction({ transactionId: pay.transaction!.id });
    expect(reversed.transaction!.status).toBe(TransactionStatus.REVERSED);
    expect(reversed.reversal!.parentTransactionId).toBe(pay.transaction!.id);
    expect(reversed.reversal!.entries.map((e) => [e.accountId, e.direction])).toEqual([
      [alice, Direction.CREDIT],
      [bob, Direction.DEBIT],
    ]);
    expect((await rejects(c.reverseTransaction({ transactionId: pay.transaction!.id, idempotencyKey: `${p}-other` }))).code).toBe(Code.FailedPrecondition);

    const got = await c.getTransaction({ transactionId: pay.transaction!.id });
    expect(got.transaction!.reversedByTransactionId).toBe(reversed.reversal!.id);

    const byMeta = await c.listTransactions({ metadata: { order: `${p}-42` } });
    expect(byMeta.transactions.map((x) => x.id)).toEqual([pay.transaction!.id]);
    const forAlice = await c.listTransactions({ accountId: alice, pageSize: 3 });
    expect(forAlice.transactions).toHaveLength(3);
    expect(forAlice.transactions[0]!.id).toBe(reversed.reversal!.id);
    const rest = await c.listTransactions({ accountId: alice, pageSize: 100, pageToken: forAlice.nextPageToken });
    const seqs = [...forAlice.transactions, ...rest.transactions].map((x) => x.sequence);
    expect([...seqs].sort((a, b) => (a > b ? -1 : 1))).toEqual(seqs);
    const window = await c.listTransactions({ accountId: alice, createdAfter: timestampFromDate(before), createdBefore: timestampFromDate(afterPay) });
    expect(window.transactions.map((x) => x.id)).toEqual([pay.transaction!.id]);

    const then = await c.getBalance({ accountId: alice, asOf: timestampFromDate(afterPay) });
    const now = await c.getBalance({ accountId: alice });
    expect(BigInt(then.balance!.posted)).toBe(BigInt(now.balance!.posted) - 700n);
    const atStart = await c.getBalance({ accountId: alice, asOf: timestampFromDate(new Date(Date.now() - 3600_000)) });
    expect(atStart.balance!.posted).toBe("0");
  });

  test("PostTransactions: atomic all-or-nothing, independent per item", async () => {
    const item = (k: string, amount: string) => ({
      idempotencyKey: `${p}-${k}`,
      entries: [
        { accountId: cash, direction: Direction.DEBIT, amount },
        { accountId: bob, direction: Direction.CREDIT, amount },
      ],
    });
    const bad = {
      idempotencyKey: `${p}-b-bad`,
      entries: [
        { accountId: bob, direction: Direction.DEBIT, amount: "999999999" },
        { accountId: cash, direction: Direction.CREDIT, amount: "999999999" },
      ],
    };
    const bobBefore = (await c.getBalance({ accountId: bob })).balance!.posted;
    const atomic = await rejects(c.postTransactions({ mode: BatchMode.ATOMIC, transactions: [item("a1", "1"), bad, item("a2", "1")] }));
    expect(atomic.code).toBe(Code.FailedPrecondition);
    expect(atomic.rawMessage).toContain("transactions[1]");
    expect((await c.getBalance({ accountId: bob })).balance!.posted).toBe(bobBefore);

    const independent = await c.postTransactions({ mode: BatchMode.INDEPENDENT, transactions: [item("i1", "2"), bad, item("i2", "3"), { idempotencyKey: "" }] });
    expect(independent.results.map((r) => r.error?.code ?? "ok")).toEqual(["ok", "failed_precondition", "ok", "invalid_argument"]);
    expect(independent.results[1]!.error!.insufficientFunds!.accountId).toBe(bob);
    expect((await c.getBalance({ accountId: bob })).balance!.posted).toBe(String(BigInt(bobBefore) + 5n));

    const ok = await c.postTransactions({ mode: BatchMode.ATOMIC, transactions: [item("a3", "1"), item("a4", "1")] });
    expect(ok.results.every((r) => r.transaction?.status === TransactionStatus.POSTED)).toBe(true);
  });
});

describe("Connect JSON over HTTP/1.1 as a browser sends it", () => {
  test("posting and an error body", async () => {
    const mk = async (code: string, normal: string) => (await connectJson(t.handle.httpUrl, "CreateAccount", { code, currency: "EUR", normalBalance: normal, allowOverdraft: normal === "NORMAL_BALANCE_DEBIT" })).body.account.id;
    const a = await mk(`json-a-${Date.now()}`, "NORMAL_BALANCE_DEBIT");
    const b = await mk(`json-b-${Date.now()}`, "NORMAL_BALANCE_CREDIT");
    const posted = await connectJson(t.handle.httpUrl, "PostTransaction", {
      idempotencyKey: `json-${Date.now()}`,
      entries: [
        { accountId: a, direction: "DIRECTION_DEBIT", amount: "1050" },
        { accountId: b, direction: "DIRECTION_CREDIT", amount: "1050" },
      ],
    });
    expect(posted.status).toBe(200);
    expect(posted.body.transaction.status).toBe("TRANSACTION_STATUS_POSTED");
    const refused = await connectJson(t.handle.httpUrl, "PostTransaction", {
      idempotencyKey: `json-x-${Date.now()}`,
      entries: [
        { accountId: b, direction: "DIRECTION_DEBIT", amount: "2000" },
        { accountId: a, direction: "DIRECTION_CREDIT", amount: "2000" },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("failed_precondition");
    expect(refused.body.details[0].type).toBe("ledgerflow.ledger.v1.InsufficientFunds");
    expect(refused.body.details.map((d: { type: string }) => d.type)).toContain("google.rpc.ErrorInfo");
    expect(refused.headers.get("x-request-id")).toBeTruthy();
  });
});
