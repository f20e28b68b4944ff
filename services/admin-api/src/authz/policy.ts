// Who may call what. Deny by default: an RPC or a route without an entry here is refused for
// everyone (and a test fails for it). Roles are ordered; each entry names the least role needed.
// A role is held on a set of ledgers ("*": every ledger); each method also says which ledger
// the role must be held on (METHOD_SCOPE).
import { LEDGER_NAME } from "@ledgerflow/platform/wire";

export type Role = "viewer" | "operator" | "admin";
export const ROLES: readonly Role[] = ["viewer", "operator", "admin"];
const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

/** The least role each AdminService method needs. */
export const METHOD_POLICY: Readonly<Record<string, Role>> = {
  GetSession: "viewer",
  GetHealth: "viewer",
  GetOutboxStatus: "viewer",
  ListDeadLetters: "viewer",
  GetDeadLetter: "viewer",
  ReplayDeadLetter: "operator",
  DiscardDeadLetter: "operator",
  ListCurrencies: "viewer",
  ListAccounts: "viewer",
  GetAccount: "viewer",
  GetBalanceHistory: "viewer",
  GetTransactionVolumes: "viewer",
  ListAccountEntries: "viewer",
  ListAccountHolds: "viewer",
  CreateAccount: "admin",
  UpdateAccountPolicy: "admin",
  SearchTransactions: "viewer",
  GetTransaction: "viewer",
  PostTransaction: "operator",
  CommitTransaction: "operator",
  VoidTransaction: "operator",
  ReverseTransaction: "operator",
  ListPlans: "viewer",
  CreatePlan: "admin",
  UpdatePlan: "admin",
  AssignPlan: "admin",
  UnassignPlan: "admin",
  ListAssignments: "viewer",
  ListAccruals: "viewer",
  ListInvoices: "viewer",
  CloseInvoice: "operator",
  GetBillingStatus: "viewer",
  ListAuditLog: "admin",
  ListRoleMappings: "admin",
  SetRoleMapping: "admin",
  DeleteRoleMapping: "admin",
};

/**
 * Which ledger a method needs its role on:
 * - "request": the ledger the request names (`ledger`, or `plan.ledger`; empty means "main");
 * - "object": the ledger of the object it names (a plan, an invoice), looked up by the handler;
 * - "platform": any ledger; the method shows no ledger's rows (health, currencies, the session);
 * - "filtered": any ledger; it lists rows of the ledgers the caller holds the role on only;
 * - "every": "*"; it acts on the platform or on rows of every ledger (dead letters, role mappings).
 */
export type LedgerScope = "request" | "object" | "platform" | "filtered" | "every";
export const METHOD_SCOPE: Readonly<Record<string, LedgerScope>> = {
  GetSession: "platform",
  GetHealth: "platform",
  GetOutboxStatus: "platform",
  ListDeadLetters: "every",
  GetDeadLetter: "every",
  ReplayDeadLetter: "every",
  DiscardDeadLetter: "every",
  ListCurrencies: "platform",
  ListAccounts: "request",
  GetAccount: "request",
  GetBalanceHistory: "request",
  GetTransactionVolumes: "request",
  ListAccountEntries: "request",
  ListAccountHolds: "request",
  CreateAccount: "request",
  UpdateAccountPolicy: "request",
  SearchTransactions: "request",
  GetTransaction: "request",
  PostTransaction: "request",
  CommitTransaction: "request",
  VoidTransaction: "request",
  ReverseTransaction: "request",
  ListPlans: "request",
  CreatePlan: "request",
  UpdatePlan: "object",
  AssignPlan: "request",
  UnassignPlan: "request",
  ListAssignments: "request",
  ListAccruals: "request",
  ListInvoices: "request",
  CloseInvoice: "object",
  GetBillingStatus: "platform",
  ListAuditLog: "filtered",
  ListRoleMappings: "every",
  SetRoleMapping: "every",
  DeleteRoleMapping: "every",
};

/** HTTP routes beside the RPCs: "public" needs no sign-in, "session" any signed-in browser. */
export type RouteAccess = "public" | "session";
export const ROUTE_POLICY: Readonly<Record<string, RouteAccess>> = {
  // Rate limit per client address in front of the sign-in routes.
  "ALL /auth/*": "public",
  "GET /auth/login": "public",
  "GET /auth/callback": "public",
  "POST /auth/logout": "session",
  "GET /healthz": "public",
  "GET /readyz": "public",
  "GET /metrics": "public",
  // The dashboard's static files: the app itself holds no data; everything it shows comes
  // through the RPCs above.
  "GET /*": "public",
  // Anything else: a JSON 404.
  "ALL /*": "public",
};

/** Every ledger, in grants, role mappings and the database setting. */
export const EVERY_LEDGER = "*";
export const DEFAULT_LEDGER = "main";
export const GRANT_LEDGERS_MAX = 100;

/** A role on a set of ledgers: ["*"] or names. */
export interface Grant {
  role: Role;
  ledgers: readonly string[];
}

/** What a caller holds: ledger (or "*") → the highest role held on it. */
export type Grants = ReadonlyMap<string, Role>;

export const higher = (a: Role | null, b: Role | null): Role | null => (!a ? b : !b ? a : RANK[a] >= RANK[b] ? a : b);

/** The caller's role on one ledger: the higher of what it holds on "*" and on that ledger. */
export function roleOn(grants: Grants, ledger: string): Role | null {
  return higher(grants.get(EVERY_LEDGER) ?? null, ledger === EVERY_LEDGER ? null : (grants.get(ledger) ?? null));
}

/** The highest role held on any ledger. */
export function highestRole(grants: Grants): Role | null {
  let best: Role | null = null;
  for (const role of grants.values()) best = higher(best, role);
  return best;
}

/** The grants of all the values that map to one, merged: per ledger the highest role. */
export function grantsFor(values: readonly string[], mappings: ReadonlyMap<string, Grant>): Map<string, Role> {
  const out = new Map<string, Role>();
  for (const v of values) {
    const grant = mappings.get(v);
    if (!grant) continue;
    for (const ledger of grant.ledgers) out.set(ledger, higher(out.get(ledger) ?? null, grant.role)!);
  }
  // A ledger's own entry is dropped when "*" already gives as much.
  const every = out.get(EVERY_LEDGER);
  if (every) for (const [ledger, role] of out) if (ledger !== EVERY_LEDGER && RANK[role] <= RANK[every]) out.delete(ledger);
  return out;
}

/** Whether `role` is at least the one `method` needs. */
export function allows(role: Role | null, method: string): boolean {
  const needed = METHOD_POLICY[method];
  if (!needed || !role) return false;
  return RANK[role] >= RANK[needed];
}

/** The ledgers on which the caller may call `method`: ["*"], names, or none. */
export function ledgersFor(grants: Grants, method: string): string[] {
  if (allows(grants.get(EVERY_LEDGER) ?? null, method)) return [EVERY_LEDGER];
  if (METHOD_SCOPE[method] === "every") return [];
  return [...grants]
    .filter(([ledger, role]) => ledger !== EVERY_LEDGER && allows(role, method))
    .map(([ledger]) => ledger)
    .sort();
}

/** The methods allowed with a role (on some ledger). */
export function allowedMethods(role: Role | null): string[] {
  return Object.keys(METHOD_POLICY)
    .filter((m) => allows(role, m))
    .sort();
}

/** The methods allowed on one ledger (or on every one, "*"). */
export function allowedMethodsOn(grants: Grants, ledger: string): string[] {
  return Object.keys(METHOD_POLICY)
    .filter((m) => (METHOD_SCOPE[m] === "every" ? allows(grants.get(EVERY_LEDGER) ?? null, m) : allows(roleOn(grants, ledger), m)))
    .sort();
}

/** The methods allowed on at least one ledger. */
export function allowedMethodsAnywhere(grants: Grants): string[] {
  return Object.keys(METHOD_POLICY)
    .filter((m) => ledgersFor(grants, m).length > 0)
    .sort();
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Why a list of ledgers cannot be granted, or undefined: ["*"] alone, or 1-100 ledger names. */
export function grantLedgersProblem(ledgers: readonly string[]): string | undefined {
  if (ledgers.length === 0 || ledgers.length > GRANT_LEDGERS_MAX) return `1-${GRANT_LEDGERS_MAX} ledgers, or "*"`;
  if (ledgers.includes(EVERY_LEDGER)) return ledgers.length === 1 ? undefined : `"*" stands alone (it is every ledger)`;
  const bad = ledgers.find((l) => !LEDGER_NAME.test(l));
  return bad === undefined ? undefined : `${JSON.stringify(bad)} is not a ledger name (1-63 lowercase letters, digits, '-' or '_')`;
}

/** "admin" (on every ledger), or "operator on acme, viewer on globex", for logs and the audit log. */
export function describeGrants(grants: Grants): string {
  return [...grants]
    .sort(([a], [b]) => (a === EVERY_LEDGER ? -1 : b === EVERY_LEDGER ? 1 : a.localeCompare(b)))
    .map(([ledger, role]) => (ledger === EVERY_LEDGER ? role : `${role} on ${ledger}`))
    .join(", ");
}
