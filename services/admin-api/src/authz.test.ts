// Authorization is enforced on the server for every RPC and route, deny by default: every
// AdminService method × every role (and no sign-in, and a bearer token) against the policy;
// every method × role × ledger, for a user who holds the role on one ledger only; and every
// HTTP route of the gateway must have an explicit rule.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { Code, ConnectError, type Client } from "@connectrpc/connect";
import { AdminService, Role as RoleEnum } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { Direction, NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { allows, METHOD_POLICY, METHOD_SCOPE, ROLES, ROUTE_POLICY, type Role } from "./authz/policy.ts";
import { bearerClient, scriptToken, sessionClient, signIn, startTestPlatform, type TestPlatform } from "@ledgerflow/testing/platform";

let p: TestPlatform;
beforeAll(async () => {
  // The matrices make a few hundred calls in a few seconds: no rate limit in the way.
  p = await startTestPlatform({ ADMIN_RATE_LIMIT_PER_SECOND: "10000", ADMIN_RATE_LIMIT_BURST: "100000" });
}, 60_000);
afterAll(async () => {
  await p.stop();
});

const refused = (code: Code | undefined) => code === Code.PermissionDenied || code === Code.Unauthenticated;

test("every AdminService method has exactly one access rule, and no rule names a method that does not exist", () => {
  const methods = AdminService.methods.map((m) => m.name).sort();
  expect(Object.keys(METHOD_POLICY).sort()).toEqual(methods);
  expect(methods.length).toBeGreaterThan(30);
});

test("the route × role matrix: each method answers for exactly the roles the policy allows", async () => {
  const callers: [string, Role | null, Client<typeof AdminService>][] = [
    [
      "nobody",
      null,
      sessionClient(
        p,
        () => "",
        () => "",
      ),
    ],
    ["viewer", "viewer", (await signIn(p, "viewer@ledgerflow.local")).client],
    ["operator", "operator", (await signIn(p, "operator@ledgerflow.local")).client],
    ["admin", "admin", (await signIn(p, "admin@ledgerflow.local")).client],
    ["script (operator)", "operator", bearerClient(p, await scriptToken(p))],
  ];
  const mismatches: string[] = [];
  let allowedCalls = 0;
  for (const [who, role, client] of callers) {
    for (const method of AdminService.methods) {
      // Empty requests: an allowed call fails validation or reaches a backend; a refused one never gets that far.
      const call = (client as unknown as Record<string, (req: object) => Promise<unknown>>)[method.localName]!;
      const code = await call({}).then(
        () => undefined,
        (e) => ConnectError.from(e).code,
      );
      const expected = allows(role, method.name);
      if (expected === refused(code)) mismatches.push(`${who} ${method.name}: expected ${expected ? "allowed" : "refused"}, got ${code === undefined ? "ok" : Code[code]}`);
      if (expected) allowedCalls += 1;
    }
  }
  expect(mismatches).toEqual([]);
  expect(allowedCalls).toBeGreaterThan(80);
}, 60_000);

test("every HTTP route of the gateway has an explicit rule, and session routes refuse strangers", async () => {
  const missing = p.admin.routes.filter((r) => !(r in ROUTE_POLICY));
  expect(missing).toEqual([]);
  expect(p.admin.routes.length).toBeGreaterThanOrEqual(8);
  for (const [route, access] of Object.entries(ROUTE_POLICY)) {
    const [method, path] = route.split(" ") as [string, string];
    if (method === "ALL" || path.includes("*")) continue;
    const res = await fetch(`${p.url}${path}`, { method, redirect: "manual" });
    if (access === "session") expect(res.status).toBe(401);
    else expect(res.status).not.toBe(401);
  }
});

const ROLE_ENUM: Record<Role, RoleEnum> = { viewer: RoleEnum.VIEWER, operator: RoleEnum.OPERATOR, admin: RoleEnum.ADMIN };

async function until<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await Bun.sleep(50);
  }
}

test("the method × role × ledger matrix: a role held on acme only allows nothing on globex, and on acme exactly what the policy allows", async () => {
  const admin = (await signIn(p, "admin@ledgerflow.local")).client;
  // On each ledger: accounts, a plan, and an invoice (a posting accrues a fee on it).
  const objects: Record<string, { plan: string; invoice: string }> = {};
  for (const ledger of ["acme", "globex"]) {
    const bank = (await admin.createAccount({ ledger, code: "bank:usd", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: true })).account!.id;
    const wallet = (await admin.createAccount({ ledger, code: "wallet:one", currency: "USD", normalBalance: NormalBalance.CREDIT })).account!.id;
    await admin.createAccount({ ledger, code: "revenue:fees", currency: "USD", normalBalance: NormalBalance.CREDIT });
    const plan = (await admin.createPlan({ plan: { ledger, name: `plan-${ledger}`, currency: "USD", fixedFee: "10", period: 1, basis: 1, revenueAccountCode: "revenue:fees" } })).plan!;
    await admin.assignPlan({ ledger, accountId: wallet, planId: plan.id });
    await admin.postTransaction({
      ledger,
      idempotencyKey: `matrix-${ledger}`,
      entries: [
        { accountId: bank, direction: Direction.DEBIT, amount: "1000" },
        { accountId: wallet, direction: Direction.CREDIT, amount: "1000" },
      ],
    });
    const invoice = await until(async () => (await admin.listInvoices({ ledger, accountId: wallet })).invoices[0]);
    objects[ledger] = { plan: plan.id, invoice: invoice.id };
  }
  /** A request on `ledger`: the ledger it names, or the plan or invoice of that ledger it names. */
  const requestOn = (method: string, ledger: string): object => {
    if (method === "CreatePlan") return { plan: { ledger } };
    if (method === "UpdatePlan") return { update: { planId: objects[ledger]!.plan } };
    if (method === "CloseInvoice") return { invoiceId: objects[ledger]!.invoice };
    return METHOD_SCOPE[method] === "request" ? { ledger } : {};
  };
  const user = await signIn(p, "operator@ledgerflow.local");
  const mismatches: string[] = [];
  let allowedCalls = 0;
  let refusedOnOther = 0;
  try {
    for (const role of ROLES) {
      // The operators' group now holds `role` on acme only (roles are read on every request).
      await admin.setRoleMapping({ claimValue: "ledgerflow-operators", role: ROLE_ENUM[role], ledgers: ["acme"] });
      const session = await user.client.getSession({});
      expect(session.grants.map((g) => [g.ledger, g.role])).toEqual([["acme", ROLE_ENUM[role]]]);
      for (const method of AdminService.methods) {
        const call = (user.client as unknown as Record<string, (req: object) => Promise<unknown>>)[method.localName]!;
        const scope = METHOD_SCOPE[method.name]!;
        for (const ledger of ["globex", "acme"]) {
          const code = await call(requestOn(method.name, ledger)).then(
            () => undefined,
            (e) => ConnectError.from(e).code,
          );
          // Methods that show no ledger's rows need the role on some ledger; the others on this one.
          const heldHere = ledger === "acme" || scope === "platform" || scope === "filtered";
          const expected = allows(role, method.name) && scope !== "every" && heldHere;
          if (expected ? code === Code.PermissionDenied || code === Code.Unauthenticated : code !== Code.PermissionDenied) {
            mismatches.push(`${role} on acme, ${method.name} on ${ledger}: expected ${expected ? "allowed" : "PERMISSION_DENIED"}, got ${code === undefined ? "ok" : Code[code]}`);
          }
          if (expected) allowedCalls += 1;
          if (ledger === "globex" && !expected) refusedOnOther += 1;
        }
      }
      // The audit log, filtered: an admin of acme sees acme's entries only, never the platform's or globex's.
      if (role === "admin") {
        const entries = (await user.client.listAuditLog({ pageSize: 200 })).entries;
        expect(entries.length).toBeGreaterThan(0);
        expect([...new Set(entries.map((e) => e.ledger))]).toEqual(["acme"]);
      }
    }
  } finally {
    await admin.setRoleMapping({ claimValue: "ledgerflow-operators", role: RoleEnum.OPERATOR, ledgers: ["*"] });
  }
  expect(mismatches).toEqual([]);
  // Every method on globex is refused for every role, but the few that show no ledger's rows.
  expect(refusedOnOther).toBeGreaterThan(3 * 25);
  expect(allowedCalls).toBeGreaterThan(60);
  // The refusals on globex are in the audit log under globex, for the admin of every ledger.
  const refused = (await admin.listAuditLog({ actor: "operator@ledgerflow.local", result: "permission_denied", pageSize: 200 })).entries;
  expect(refused.some((e) => e.ledger === "globex" && e.action === "PostTransaction")).toBe(true);
  // An invoice's ledger is the one looked up, not one the caller holds.
  expect(refused.filter((e) => e.action === "CloseInvoice").map((e) => [e.ledger, e.target])).toContainEqual(["globex", objects.globex!.invoice]);
}, 120_000);

test("the seeded tenant user holds operator on acme and viewer on globex, and nothing else", async () => {
  const tenant = await signIn(p, "tenant@ledgerflow.local");
  const session = await tenant.client.getSession({});
  expect(session.role).toBe(RoleEnum.OPERATOR);
  expect(session.grants.map((g) => [g.ledger, g.role])).toEqual([
    ["acme", RoleEnum.OPERATOR],
    ["globex", RoleEnum.VIEWER],
  ]);
  expect(session.grants[0]!.allowedMethods).toContain("PostTransaction");
  expect(session.grants[1]!.allowedMethods).not.toContain("PostTransaction");
  expect(session.grants[1]!.allowedMethods).toContain("SearchTransactions");
  expect(session.allowedMethods).not.toContain("ListDeadLetters");
  const denied = await tenant.client.listAccounts({ ledger: "main" }).then(
    () => undefined,
    (e) => ConnectError.from(e),
  );
  expect(denied?.code).toBe(Code.PermissionDenied);
  expect(denied?.rawMessage).toBe("ListAccounts needs the viewer role on ledger main; you have none there");
  expect((await tenant.client.listAccounts({ ledger: "globex" })).accounts.map((a) => a.ledger)).not.toContain("main");
  expect(
    await tenant.client.postTransaction({ ledger: "globex", idempotencyKey: "x", entries: [] }).then(
      () => "ok",
      (e) => Code[ConnectError.from(e).code],
    ),
  ).toBe("PermissionDenied");
});
