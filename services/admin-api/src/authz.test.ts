// Authorization is enforced on the server for every RPC and route, deny by default: every
// AdminService method × every role (and no sign-in, and a bearer token) against the policy, and
// every HTTP route of the gateway must have an explicit rule.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { Code, ConnectError, type Client } from "@connectrpc/connect";
import { AdminService } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { allows, METHOD_POLICY, ROUTE_POLICY, type Role } from "./authz/policy.ts";
import { bearerClient, scriptToken, sessionClient, signIn, startTestPlatform, type TestPlatform } from "./testing/platform.ts";

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
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
