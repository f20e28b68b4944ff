// End to end through the gateway, on the real platform: an operator posts through it, the
// posting reaches the ledger with the operator recorded, lands in the audit log, and shows up in
// the read model; holds, commits, voids, reversals; searches; point-in-time history; the dead
// letters an operator replays or discards; health, outbox, rate limits, files and headers.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { DeadLetterStatus, HealthStatus } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { Direction, InsufficientFundsSchema, NormalBalance, TransactionStatus, TransactionType } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { connectJson } from "@ledgerflow/ledger/testing";
import { PAGE_SIZE_MAX } from "@ledgerflow/platform/paging";
import { ErrorInfoSchema, RetryInfoSchema } from "@ledgerflow/proto/gen/google/rpc/error_details_pb.ts";
import { LEDGER_TOKEN, signIn, startTestPlatform, type Session, type TestPlatform } from "@ledgerflow/testing/platform";

let p: TestPlatform;
let operator: Session;
let viewer: Session;
let admin: Session;
let bank: string;
let alice: string;
let bob: string;

async function until<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await Bun.sleep(25);
  }
}
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (e) => Code[ConnectError.from(e).code],
  );
/** The error a call fails with (the test fails if it succeeds). */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e) => ConnectError.from(e),
  );
const entry = (accountId: string, direction: Direction, amount: string) => ({ accountId, direction, amount });

beforeAll(async () => {
  p = await startTestPlatform();
  [operator, viewer, admin] = await Promise.all([signIn(p, "operator@ledgerflow.local"), signIn(p, "viewer@ledgerflow.local"), signIn(p, "admin@ledgerflow.local")]);
  bank = (await admin.client.createAccount({ code: "bank:usd", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
  alice = (await admin.client.createAccount({ code: "wallet:alice", currency: "USD", normalBalance: NormalBalance.CREDIT, metadata: { tier: "gold" } })).account!.id;
  bob = (await admin.client.createAccount({ code: "wallet:bob", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
}, 60_000);
afterAll(async () => {
  await p.stop();
});

describe("posting through the gateway", () => {
  test("reaches the ledger as the operator, is audited, and shows up in the read model", async () => {
    const posted = await operator.client.postTransaction({
      idempotencyKey: "gw-topup-1",
      description: "top-up",
      metadata: { channel: "card" },
      entries: [entry(bank, Direction.DEBIT, "10050"), entry(alice, Direction.CREDIT, "10050")],
    });
    const t = posted.transaction!;
    expect([t.caller, t.actor]).toEqual(["admin-api", "operator@ledgerflow.local"]);
    const [journal] = await p.ledger.db.sql`SELECT caller, actor FROM ledger.transactions WHERE id = ${t.id}`;
    expect(journal).toEqual({ caller: "admin-api", actor: "operator@ledgerflow.local" });

    const audit = await admin.client.listAuditLog({ action: "PostTransaction", result: "ok" });
    const row = audit.entries.find((e) => e.target === t.id)!;
    expect(row.actorEmail).toBe("operator@ledgerflow.local");
    expect(row.role).toBe(2);
    expect(row.requestId).not.toBe("");
    expect(row.detail).toContain("gw-topup-1");

    const found = await until(async () => (await viewer.client.searchTransactions({ query: "gw-topup-1" })).transactions[0]);
    expect(found.id).toBe(t.id);
    expect(found.actor).toBe("operator@ledgerflow.local via admin-api");
    expect(found.legs.map((l) => [l.accountCode, l.direction, l.amount])).toEqual([
      ["bank:usd", Direction.DEBIT, "10050"],
      ["wallet:alice", Direction.CREDIT, "10050"],
    ]);
    const accounts = await until(async () => {
      const list = (await viewer.client.listAccounts({ query: "wallet" })).accounts;
      return list.find((a) => a.code === "wallet:alice" && a.posted === "10050") ? list : undefined;
    });
    expect(accounts.map((a) => a.code)).toEqual(["wallet:alice", "wallet:bob"]);
    expect(accounts[0]!.scale).toBe(2);
    expect(accounts[0]!.available).toBe("10050");
  });

  test("a refusal from the ledger keeps its code, message and details, and is audited", async () => {
    const error = await failure(operator.client.postTransaction({ idempotencyKey: "gw-overdraw", entries: [entry(bob, Direction.DEBIT, "1"), entry(alice, Direction.CREDIT, "1")] }));
    expect(error.code).toBe(Code.FailedPrecondition);
    expect(error.rawMessage).toContain("insufficient funds in account wallet:bob");
    const [funds] = error.findDetails(InsufficientFundsSchema);
    expect([funds?.available, funds?.requested]).toEqual(["0", "1"]);
    const audit = await admin.client.listAuditLog({ action: "PostTransaction", result: "failed_precondition" });
    expect(audit.entries[0]!.detail).toContain("insufficient funds");
  });

  test("a viewer cannot post, and the attempt is audited as refused", async () => {
    expect(await codeOf(viewer.client.postTransaction({ idempotencyKey: "gw-viewer", entries: [entry(bank, Direction.DEBIT, "1"), entry(alice, Direction.CREDIT, "1")] }))).toBe("PermissionDenied");
    const audit = await admin.client.listAuditLog({ actor: "viewer@ledgerflow.local", result: "permission_denied" });
    expect(audit.entries.map((e) => e.action)).toContain("PostTransaction");
  });

  test("holds: commit partially, void, reverse; the transaction page shows relatives and events", async () => {
    const expiresAt = timestampFromDate(new Date(Date.now() + 3600_000));
    const hold = (await operator.client.postTransaction({ idempotencyKey: "gw-hold", pending: true, expiresAt, entries: [entry(alice, Direction.DEBIT, "3000"), entry(bob, Direction.CREDIT, "3000")] })).transaction!;
    const holds = await until(async () => (await viewer.client.listAccountHolds({ accountId: alice })).holds.find((h) => h.id === hold.id));
    expect(holds.status).toBe(TransactionStatus.PENDING);
    expect(holds.expiresAt?.seconds).toBe(expiresAt.seconds);
    const committed = await operator.client.commitTransaction({
      transactionId: hold.id,
      amounts: [
        { leg: 0, amount: "1000" },
        { leg: 1, amount: "1000" },
      ],
    });
    expect(committed.commit!.actor).toBe("operator@ledgerflow.local");
    const hold2 = (await operator.client.postTransaction({ idempotencyKey: "gw-hold-2", pending: true, entries: [entry(alice, Direction.DEBIT, "50"), entry(bob, Direction.CREDIT, "50")] })).transaction!;
    expect((await operator.client.voidTransaction({ transactionId: hold2.id })).transaction!.status).toBe(TransactionStatus.VOIDED);
    const reversed = await operator.client.reverseTransaction({ transactionId: committed.commit!.id });
    expect(reversed.transaction!.status).toBe(TransactionStatus.REVERSED);

    const page = await until(async () => {
      const r = await viewer.client.getTransaction({ transactionId: hold.id });
      return r.events.length === 2 ? r : undefined;
    });
    expect(page.transaction!.status).toBe(TransactionStatus.POSTED);
    expect(page.related.map((t) => t.type)).toEqual([TransactionType.COMMIT]);
    expect(page.events.map((e) => e.eventType)).toEqual(["ledgerflow.events.v1.TransactionPending", "ledgerflow.events.v1.PendingTransactionCommitted"]);
    await until(async () => (await viewer.client.listAccountHolds({ accountId: alice })).holds.length === 0);
    const search = await until(async () => {
      const r = await viewer.client.searchTransactions({ accountId: alice, status: TransactionStatus.REVERSED });
      return r.transactions.length === 1 ? r : undefined;
    });
    expect(search.transactions[0]!.id).toBe(committed.commit!.id);
  });

  test("searches by amount, metadata, type and time, with pagination", async () => {
    for (let i = 0; i < 5; i++) {
      await operator.client.postTransaction({ idempotencyKey: `gw-page-${i}`, metadata: { batch: "paging" }, entries: [entry(bank, Direction.DEBIT, String(100 + i)), entry(bob, Direction.CREDIT, String(100 + i))] });
    }
    await until(async () => (await viewer.client.searchTransactions({ metadata: { batch: "paging" } })).transactions.length === 5);
    const first = await viewer.client.searchTransactions({ metadata: { batch: "paging" }, pageSize: 2 });
    const second = await viewer.client.searchTransactions({ metadata: { batch: "paging" }, pageSize: 2, pageToken: first.nextPageToken });
    const third = await viewer.client.searchTransactions({ metadata: { batch: "paging" }, pageSize: 2, pageToken: second.nextPageToken });
    expect([...first.transactions, ...second.transactions, ...third.transactions].map((t) => t.idempotencyKey)).toEqual(["gw-page-4", "gw-page-3", "gw-page-2", "gw-page-1", "gw-page-0"]);
    expect(third.nextPageToken).toBe("");
    const byAmount = await viewer.client.searchTransactions({ minAmount: "102", maxAmount: "103" });
    expect(byAmount.transactions.map((t) => t.total).sort()).toEqual(["102", "103"]);
    const reversals = await viewer.client.searchTransactions({ type: TransactionType.REVERSAL });
    expect(reversals.transactions.length).toBe(1);
    const none = await viewer.client.searchTransactions({ createdBefore: timestampFromDate(new Date(Date.now() - 3600_000)) });
    expect(none.transactions).toEqual([]);
    expect(await codeOf(viewer.client.searchTransactions({ minAmount: "1.5" }))).toBe("InvalidArgument");
    expect(await codeOf(viewer.client.searchTransactions({ pageToken: "garbage!" }))).toBe("InvalidArgument");
    expect(await codeOf(viewer.client.searchTransactions({ pageSize: PAGE_SIZE_MAX + 1 }))).toBe("InvalidArgument");
  });

  test("an account: authoritative balances, entries newest first, point-in-time history", async () => {
    const { account } = await viewer.client.getAccount({ accountId: alice });
    expect(account!.code).toBe("wallet:alice");
    expect((await viewer.client.getAccount({ accountCode: "wallet:alice" })).account!.id).toBe(alice);
    expect(await codeOf(viewer.client.getAccount({}))).toBe("InvalidArgument");
    expect(account!.metadata).toEqual({ tier: "gold" });
    const entries = await until(async () => {
      const r = await viewer.client.listAccountEntries({ accountId: alice, pageSize: 100 });
      return r.entries.length >= 6 ? r : undefined;
    });
    expect(entries.entries[entries.entries.length - 1]!.amount).toBe("10050");
    const history = await viewer.client.getBalanceHistory({ accountId: alice, points: 5 });
    expect(history.points.length).toBe(5);
    expect(history.scale).toBe(2);
    expect(history.points[0]!.posted).toBe("0");
    expect(history.points[4]!.posted).toBe(account!.posted);
    expect(await codeOf(viewer.client.getBalanceHistory({ accountId: alice, points: 1 }))).toBe("InvalidArgument");
    expect(await codeOf(viewer.client.getAccount({ accountId: "00000000-0000-0000-0000-000000000000" }))).toBe("NotFound");
  });

  test("daily volumes and transaction counts per currency, by effective date, every day of the period", async () => {
    const day = (n: number) => new Date(Date.now() - n * 86_400_000);
    for (const [key, amount] of [
      ["gw-vol-1", "700"],
      ["gw-vol-2", "55"],
    ] as const) {
      // Back-dated through the ledger itself: the gateway's form posts with today's date.
      const posted = await connectJson(
        p.ledger.handle.httpUrl,
        "PostTransaction",
        {
          idempotencyKey: key,
          effectiveAt: day(9).toISOString(),
          entries: [
            { accountId: bank, direction: "DIRECTION_DEBIT", amount },
            { accountId: alice, direction: "DIRECTION_CREDIT", amount },
          ],
        },
        { authorization: `Bearer ${LEDGER_TOKEN}` },
      );
      expect(posted.status).toBe(200);
    }
    const r = await until(async () => {
      const v = await viewer.client.getTransactionVolumes({ days: 10 });
      return v.currencies.find((c) => c.currency === "USD")?.days[0]?.transactions === 2n ? v : undefined;
    });
    const usd = r.currencies.find((c) => c.currency === "USD")!;
    expect(usd.scale).toBe(2);
    expect(usd.days.map((d) => d.day)).toEqual(
      Array.from({ length: 10 }, (_, i) =>
        day(9 - i)
          .toISOString()
          .slice(0, 10),
      ),
    );
    expect(usd.days[0]).toMatchObject({ volume: "755", transactions: 2n });
    expect(usd.days[8]).toMatchObject({ volume: "0", transactions: 0n });
    expect(usd.days[9]!.transactions).toBeGreaterThan(0n);
    expect(await codeOf(viewer.client.getTransactionVolumes({ days: 367 }))).toBe("InvalidArgument");
  });

  test("admins change account policies; operators may not", async () => {
    expect(await codeOf(operator.client.updateAccountPolicy({ accountId: bob, allowOverdraft: true }))).toBe("PermissionDenied");
    const updated = await admin.client.updateAccountPolicy({ accountId: bob, allowOverdraft: true, overdraftLimit: "500" });
    expect([updated.account!.allowOverdraft, updated.account!.overdraftLimit]).toEqual([true, "500"]);
    const audit = await admin.client.listAuditLog({ action: "UpdateAccountPolicy" });
    expect(audit.entries.map((e) => e.result)).toEqual(["ok", "permission_denied"]);
    expect(audit.entries[0]!.target).toBe(bob);
  });
});

describe("dead letters", () => {
  test("a poison event appears with its error; an operator discards it, a viewer cannot; a fixed one replays", async () => {
    await p.ledger.db.sql`INSERT INTO events.log (topic, partition_key, event_id, event_type, value, headers)
      VALUES ('ledgerflow.ledger.transactions.v1', 'main', gen_random_uuid(), 'ledgerflow.events.v1.TransactionPosted', '\\xdeadbeef', '{"ce_type":"ledgerflow.events.v1.TransactionPosted"}')`;
    await p.ledger.db.sql.unsafe(`CREATE FUNCTION read.refuse_bad() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      IF NEW.idempotency_key = 'gw-bad' THEN RAISE EXCEPTION 'read model refuses this transaction'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_bad BEFORE INSERT ON read.transactions FOR EACH ROW EXECUTE FUNCTION read.refuse_bad()`);
    const bad = (await operator.client.postTransaction({ idempotencyKey: "gw-bad", entries: [entry(bank, Direction.DEBIT, "7"), entry(bob, Direction.CREDIT, "7")] })).transaction!;
    const letters = await until(async () => {
      const r = await viewer.client.listDeadLetters({ status: DeadLetterStatus.PENDING });
      return r.deadLetters.length === 2 ? r.deadLetters : undefined;
    }, 30_000);
    const junk = letters.find((l) => l.eventId !== bad.id)!;
    const poisoned = letters.find((l) => l.eventId === bad.id)!;
    expect(poisoned.error).toContain("read model refuses this transaction");

    const junkDetail = await viewer.client.getDeadLetter({ id: junk.id });
    expect(junkDetail.decodeError).not.toBe("");
    expect(Buffer.from(junkDetail.payload).toString("hex")).toBe("deadbeef");
    const badDetail = await viewer.client.getDeadLetter({ id: poisoned.id });
    expect(JSON.parse(badDetail.payloadJson).transaction.idempotencyKey).toBe("gw-bad");

    expect(await codeOf(viewer.client.discardDeadLetter({ id: junk.id }))).toBe("PermissionDenied");
    expect(await codeOf(viewer.client.replayDeadLetter({ id: poisoned.id }))).toBe("PermissionDenied");
    const discarded = await operator.client.discardDeadLetter({ id: junk.id });
    expect([discarded.deadLetter!.status, discarded.deadLetter!.resolvedBy]).toEqual([DeadLetterStatus.DISCARDED, "operator@ledgerflow.local"]);
    expect(await codeOf(operator.client.replayDeadLetter({ id: junk.id }))).toBe("FailedPrecondition");

    // Still failing: the replay is refused and the letter stays pending.
    const stillFails = await failure(operator.client.replayDeadLetter({ id: poisoned.id }));
    expect(stillFails.code).toBe(Code.FailedPrecondition);
    expect(stillFails.rawMessage).toContain("still fails");
    await p.ledger.db.sql.unsafe("DROP TRIGGER refuse_bad ON read.transactions; DROP FUNCTION read.refuse_bad()");
    const replayed = await operator.client.replayDeadLetter({ id: poisoned.id });
    expect(replayed.deadLetter!.status).toBe(DeadLetterStatus.REPLAYED);
    expect((await viewer.client.searchTransactions({ query: "gw-bad" })).transactions.map((t) => t.id)).toEqual([bad.id]);
    // Newest first: the replay that worked, the one that still failed, the one of a discarded letter.
    const audit = await admin.client.listAuditLog({ actor: "operator@ledgerflow.local", action: "ReplayDeadLetter" });
    expect(audit.entries.map((e) => e.result)).toEqual(["ok", "failed_precondition", "failed_precondition"]);
    expect(await codeOf(operator.client.getDeadLetter({ id: 0n }))).toBe("InvalidArgument");
    expect(await codeOf(operator.client.getDeadLetter({ id: 999_999n }))).toBe("NotFound");
  }, 60_000);
});

describe("platform status", () => {
  test("health lists every component with its figures: all healthy, Kafka not configured", async () => {
    const health = await until(async () => {
      const h = await viewer.client.getHealth({});
      return h.components.find((c) => c.name === "ledger")?.requestRatePerSecond !== undefined ? h : undefined;
    });
    const by = Object.fromEntries(health.components.map((c) => [c.name, c]));
    expect(Object.keys(by).sort()).toEqual(["admin-api", "billing", "kafka", "ledger", "postgres", "projector", "relay"]);
    for (const name of ["admin-api", "ledger", "relay", "projector", "billing", "postgres"]) expect([name, by[name]!.status]).toEqual([name, HealthStatus.HEALTHY]);
    expect(by.kafka!.status).toBe(HealthStatus.DISABLED);
    expect(health.overall).toBe(HealthStatus.HEALTHY);
    expect(by.billing!.consumerLagMessages).toBeGreaterThanOrEqual(0);
    expect(by.ledger!.version).toBe("0.1.0");
    expect(by.postgres!.version).toMatch(/^15\./);
    expect(by.projector!.consumerLagMessages).toBeGreaterThanOrEqual(0);
    expect(by.relay!.checks.circuit_breaker).toBe("closed");
  });

  test("outbox status: an empty backlog after the postings, publish rate samples, the breaker", async () => {
    const status = await until(async () => {
      const s = await viewer.client.getOutboxStatus({});
      // The figures trail the pipeline by a sample or two (the projector records them every second).
      return s.samples.length >= 2 && s.lastPublishedAt && s.backlog === 0n && s.deadLettersPending === 0n ? s : undefined;
    });
    expect(status.backlog).toBe(0n);
    expect(status.transport).toBe("postgres");
    expect(status.breakerState).toBe("closed");
    expect(status.samples.length).toBeLessThanOrEqual(720);
    expect(status.deadLettersPending).toBe(0n);
  });
});

describe("billing through the gateway", () => {
  test("an admin sets up a plan, the account accrues fees as the operator posts, the operator closes the invoice into one fee", async () => {
    const revenue = (await admin.client.createAccount({ code: "revenue:fees", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
    expect(await codeOf(operator.client.createPlan({ plan: { name: "nope", currency: "USD", fixedFee: "1", period: 1, basis: 1, revenueAccountCode: "revenue:fees" } }))).toBe("PermissionDenied");
    const plan = (await admin.client.createPlan({ plan: { name: "Standard", currency: "USD", fixedFee: "30", rateBps: 290, period: 1, basis: 1, revenueAccountCode: "revenue:fees" } })).plan!;
    await admin.client.assignPlan({ accountId: alice, planId: plan.id });
    expect((await viewer.client.getAccount({ accountId: alice })).billing?.planId).toBe(plan.id);
    const paid = (await operator.client.postTransaction({ idempotencyKey: "gw-billed", entries: [entry(bank, Direction.DEBIT, "10000"), entry(alice, Direction.CREDIT, "10000")] })).transaction!;
    const accrual = await until(async () => (await viewer.client.listAccruals({ accountId: alice })).accruals.find((a) => a.sourceTransactionId === paid.id));
    expect([accrual.baseAmount, accrual.fee]).toEqual(["10000", "320"]); // 30 + 2.90 % of 100.00
    const [invoice] = (await viewer.client.listInvoices({ accountId: alice })).invoices;
    expect(invoice!.total).toBe("320");
    expect(await codeOf(viewer.client.closeInvoice({ invoiceId: invoice!.id }))).toBe("PermissionDenied");
    const closed = (await operator.client.closeInvoice({ invoiceId: invoice!.id })).invoice!;
    expect(closed.feeTransactionId).not.toBe("");
    const fee = (await viewer.client.getTransaction({ transactionId: closed.feeTransactionId })).transaction!;
    expect(fee.entries.map((e) => [e.accountId, e.direction, e.amount])).toEqual([
      [alice, Direction.DEBIT, "320"],
      [revenue, Direction.CREDIT, "320"],
    ]);
    expect((await viewer.client.listPlans({})).plans.map((p) => p.name)).toContain("Standard");
    const audit = await admin.client.listAuditLog({ action: "CloseInvoice" });
    expect(audit.entries.map((e) => [e.result, e.target])).toEqual([
      ["ok", invoice!.id],
      ["permission_denied", invoice!.id],
    ]);
    const hourAgo = timestampFromDate(new Date(Date.now() - 3600_000));
    expect((await admin.client.listAuditLog({ action: "CloseInvoice", before: hourAgo })).entries).toEqual([]);
    expect((await admin.client.listAuditLog({ action: "CloseInvoice", after: hourAgo })).entries.length).toBe(2);
    const status = (await viewer.client.getBillingStatus({})).status!;
    expect(status.accruals).toBeGreaterThanOrEqual(1n);
    expect(status.eventsProcessed).toBeGreaterThan(0n);
  }, 30_000);

  test("with billing down, its calls answer UNAVAILABLE and everything else keeps working", async () => {
    const degraded = await startTestPlatform({}, { billing: false });
    try {
      const s = await signIn(degraded, "viewer@ledgerflow.local");
      expect(await codeOf(s.client.listPlans({}))).toBe("Unavailable");
      expect(await codeOf(s.client.searchTransactions({}))).toBe("ok");
      const health = await until(async () => {
        const h = await s.client.getHealth({});
        return h.components.find((c) => c.name === "billing")?.status === HealthStatus.DOWN ? h : undefined;
      });
      expect(health.components.find((c) => c.name === "billing")!.detail).toContain("connection refused");
      expect(health.overall).toBe(HealthStatus.DOWN);
    } finally {
      await degraded.stop();
    }
  }, 60_000);
});

describe("HTTP surface", () => {
  test("health endpoints, metrics in the dashboards' names, security headers", async () => {
    expect((await fetch(`${p.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${p.url}/readyz`);
    expect(ready.status).toBe(200);
    expect((await ready.json()).checks).toEqual({ database: "ok", identity_provider: "ok" });
    const metrics = await (await fetch(`${p.url}/metrics`)).text();
    for (const name of ["ledgerflow_admin_http_requests_total", "ledgerflow_admin_http_request_duration_seconds", "ledgerflow_admin_process_resident_memory_bytes", "ledgerflow_admin_logins_total"]) {
      expect(metrics).toContain(`# TYPE ${name}`);
    }
    expect(metrics).toMatch(/ledgerflow_admin_http_requests_total\{route="PostTransaction",code="200"\} \d+/);
    const res = await fetch(`${p.url}/accounts/some-id`);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await fetch(`${p.url}/assets/..%2f..%2f..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${p.url}/no-such-file.js`)).status).toBe(404);
  });

  test("request bodies are bounded", async () => {
    const huge = JSON.stringify({ idempotencyKey: "x", description: "y".repeat(2 * 1024 * 1024) });
    const res = await fetch(`${p.url}/ledgerflow.admin.v1.AdminService/PostTransaction`, {
      method: "POST",
      headers: { cookie: operator.cookie, "x-csrf-token": operator.csrf, "content-type": "application/json" },
      body: huge,
    });
    expect(res.status).toBe(429);
    expect((await res.json()).code).toBe("resource_exhausted");
  });
});

describe("rate limits", () => {
  test("a session that calls too fast is refused with RESOURCE_EXHAUSTED, others are not affected", async () => {
    const limited = await startTestPlatform({ ADMIN_RATE_LIMIT_PER_SECOND: "1", ADMIN_RATE_LIMIT_BURST: "5" });
    try {
      const s = await signIn(limited, "viewer@ledgerflow.local");
      const codes = [];
      for (let i = 0; i < 8; i++) codes.push(await codeOf(s.client.getHealth({})));
      expect(codes.slice(0, 4)).toEqual(["ok", "ok", "ok", "ok"]);
      expect(codes.slice(-2)).toEqual(["ResourceExhausted", "ResourceExhausted"]);
      const refused = await s.client.getHealth({}).then(
        () => undefined,
        (error) => ConnectError.from(error),
      );
      expect(refused?.findDetails(ErrorInfoSchema)).toMatchObject([{ reason: "RATE_LIMITED", domain: "admin.ledgerflow" }]);
      const [retry] = refused?.findDetails(RetryInfoSchema) ?? [];
      expect(Number(retry!.retryDelay!.seconds) * 1000 + retry!.retryDelay!.nanos / 1e6).toBeGreaterThan(0);
      const other = await signIn(limited, "operator@ledgerflow.local");
      expect(await codeOf(other.client.getHealth({}))).toBe("ok");
    } finally {
      await limited.stop();
    }
  }, 60_000);
});
