// Grants on ledgers, without a platform: how mappings merge into a caller's grants, the role on
// one ledger, and the ledgers a method may touch.
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { allows, allowedMethodsOn, describeGrants, type Grant, grantLedgersProblem, grantsFor, ledgersFor, METHOD_POLICY, ROLES, type Role, roleOn } from "./policy.ts";

const mappings = new Map<string, Grant>([
  ["all-viewers", { role: "viewer", ledgers: ["*"] }],
  ["acme-operators", { role: "operator", ledgers: ["acme"] }],
  ["acme-globex-admins", { role: "admin", ledgers: ["acme", "globex"] }],
  ["globex-viewers", { role: "viewer", ledgers: ["globex"] }],
]);

describe("grants", () => {
  test("per ledger the highest role of any value; a ledger's own entry goes when '*' gives as much", () => {
    expect([...grantsFor(["acme-operators", "globex-viewers"], mappings)]).toEqual([
      ["acme", "operator"],
      ["globex", "viewer"],
    ]);
    expect([...grantsFor(["acme-operators", "acme-globex-admins"], mappings)]).toEqual([
      ["acme", "admin"],
      ["globex", "admin"],
    ]);
    expect([...grantsFor(["all-viewers", "globex-viewers", "acme-operators"], mappings)]).toEqual([
      ["*", "viewer"],
      ["acme", "operator"],
    ]);
    expect(grantsFor(["unknown"], mappings).size).toBe(0);
    expect(describeGrants(grantsFor(["all-viewers", "acme-operators"], mappings))).toBe("viewer, operator on acme");
  });

  test("the role on a ledger is at least the role on '*', and nothing on a ledger not held", () => {
    const grants = grantsFor(["acme-operators", "globex-viewers"], mappings);
    expect([roleOn(grants, "acme"), roleOn(grants, "globex"), roleOn(grants, "main")]).toEqual(["operator", "viewer", null]);
    const role = fc.constantFrom<Role>(...ROLES);
    fc.assert(
      fc.property(role, fc.dictionary(fc.constantFrom("acme", "globex", "main"), role), fc.constantFrom("acme", "globex", "main", "initech"), (every, own, ledger) => {
        const g = new Map<string, Role>([["*", every], ...Object.entries(own)]);
        const r = roleOn(g, ledger)!;
        expect(ROLES.indexOf(r)).toBeGreaterThanOrEqual(ROLES.indexOf(every));
        expect(ROLES.indexOf(r)).toBeGreaterThanOrEqual(ROLES.indexOf(own[ledger] ?? "viewer"));
      }),
    );
  });

  test("the ledgers a method may touch: '*' when held everywhere, the ledgers where its role is held, none for '*'-only methods", () => {
    const tenant = grantsFor(["acme-operators", "globex-viewers"], mappings);
    expect(ledgersFor(tenant, "PostTransaction")).toEqual(["acme"]);
    expect(ledgersFor(tenant, "ListAccounts")).toEqual(["acme", "globex"]);
    expect(ledgersFor(tenant, "ListDeadLetters")).toEqual([]);
    expect(ledgersFor(tenant, "ListAuditLog")).toEqual([]);
    expect(ledgersFor(grantsFor(["all-viewers", "acme-operators"], mappings), "ListAccounts")).toEqual(["*"]);
    expect(allowedMethodsOn(tenant, "globex").every((m) => allows("viewer", m))).toBe(true);
    expect(allowedMethodsOn(tenant, "acme")).toContain("PostTransaction");
    expect(allowedMethodsOn(tenant, "acme")).not.toContain("ReplayDeadLetter");
    expect(allowedMethodsOn(tenant, "main")).toEqual([]);
    expect(Object.keys(METHOD_POLICY).length).toBeGreaterThan(30);
  });

  test("ledger lists: '*' alone, or 1-100 ledger names", () => {
    expect(grantLedgersProblem(["*"])).toBeUndefined();
    expect(grantLedgersProblem(["acme", "globex-2"])).toBeUndefined();
    for (const bad of [[], ["*", "acme"], ["Acme"], ["a b"], Array.from({ length: 101 }, (_, i) => `l${i}`)]) expect(grantLedgersProblem(bad)).toBeDefined();
  });
});
