// Who may call what. Deny by default: an RPC or a route without an entry here is refused for
// everyone (and a test fails for it). Roles are ordered; each entry names the least role needed.

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

export function allows(role: Role | null, method: string): boolean {
  const needed = METHOD_POLICY[method];
  if (!needed || !role) return false;
  return RANK[role] >= RANK[needed];
}

export function allowedMethods(role: Role | null): string[] {
  return Object.keys(METHOD_POLICY)
    .filter((m) => allows(role, m))
    .sort();
}

/** The highest role any of the values maps to, or null. */
export function highestRole(values: readonly string[], mappings: ReadonlyMap<string, Role>): Role | null {
  let best: Role | null = null;
  for (const v of values) {
    const role = mappings.get(v);
    if (role && (!best || RANK[role] > RANK[best])) best = role;
  }
  return best;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
