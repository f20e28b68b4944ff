import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { AccountSummarySchema, AdminService, DeadLetterSchema, DeadLetterStatus, GetSessionResponseSchema, Role, type AccountSummary, type DeadLetter, type GetSessionResponse } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { toTimestamp } from "../lib/dates.ts";

/** The method names each role may call, as the gateway reports them in allowed_methods. */
const readMethods = AdminService.methods.filter((m) => m.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS).map((m) => m.name);
const adminOnlyReads = ["ListAuditLog", "ListRoleMappings"];
const operatorWrites = ["PostTransaction", "CommitTransaction", "VoidTransaction", "ReverseTransaction", "ReplayDeadLetter", "DiscardDeadLetter", "CloseInvoice"];
/** Methods that need the role on every ledger ("*"): the dead letters and the role mappings. */
const everyLedgerMethods = ["ListDeadLetters", "GetDeadLetter", "ReplayDeadLetter", "DiscardDeadLetter", "ListRoleMappings", "SetRoleMapping", "DeleteRoleMapping"];

export function allowedMethodsFor(role: Role): string[] {
  const viewer = readMethods.filter((m) => !adminOnlyReads.includes(m));
  if (role === Role.VIEWER) return viewer;
  if (role === Role.OPERATOR) return [...viewer, ...operatorWrites];
  if (role === Role.ADMIN) return AdminService.methods.map((m) => m.name);
  return [];
}

export const testCsrfToken = "csrf-token-for-tests";

/** A session holding `role` on every ledger, as the gateway reports it. */
export function sessionFor(role: Role, name = "Ada Lovelace"): GetSessionResponse {
  return sessionWithGrants({ "*": role }, name);
}

/** A session holding a role per ledger ("*": every ledger); `role` is the highest of them. */
export function sessionWithGrants(grants: Record<string, Role>, name = "Ada Lovelace"): GetSessionResponse {
  const entries = Object.entries(grants).sort(([a], [b]) => a.localeCompare(b));
  const role = Math.max(Role.UNSPECIFIED, ...entries.map(([, r]) => r)) as Role;
  const every = grants["*"];
  // Methods on a ledger: what its own role or the role on every ledger allows.
  const on = (r: Role) => [...new Set([...allowedMethodsFor(r), ...(every === undefined ? [] : allowedMethodsFor(every))])];
  const anywhere = [...new Set(entries.flatMap(([, r]) => allowedMethodsFor(r)))];
  return create(GetSessionResponseSchema, {
    user: { subject: "sub-1", name, email: "ada@example.test", issuer: "https://id.example.test" },
    role,
    allowedMethods: every === undefined ? anywhere.filter((m) => !everyLedgerMethods.includes(m)) : anywhere,
    grants: entries.map(([ledger, r]) => ({ ledger, role: r, allowedMethods: ledger === "*" ? allowedMethodsFor(r) : on(r).filter((m) => every !== undefined || !everyLedgerMethods.includes(m)) })),
    csrfToken: testCsrfToken,
    authentication: "session",
    expiresAt: toTimestamp(new Date(Date.now() + 8 * 3600_000)),
    idleExpiresAt: toTimestamp(new Date(Date.now() + 3600_000)),
  });
}

export function account(init: MessageInitShape<typeof AccountSummarySchema> = {}): AccountSummary {
  return create(AccountSummarySchema, {
    id: "acc-1",
    ledger: "main",
    code: "wallet:alice",
    currency: "USD",
    scale: 2,
    normalBalance: NormalBalance.CREDIT,
    posted: "0",
    pending: "0",
    available: "0",
    postedDebits: "0",
    postedCredits: "0",
    pendingDebits: "0",
    pendingCredits: "0",
    createdAt: toTimestamp(new Date("2026-01-02T03:04:05Z")),
    updatedAt: toTimestamp(new Date("2026-01-02T03:04:05Z")),
    ...init,
  });
}

export function deadLetter(init: MessageInitShape<typeof DeadLetterSchema> = {}): DeadLetter {
  return create(DeadLetterSchema, {
    id: 12n,
    eventId: "evt-12",
    eventType: "ledgerflow.events.v1.TransactionPosted",
    topic: "ledgerflow.ledger.transactions.v1",
    partition: 0,
    offset: "345",
    key: "main",
    headers: { ce_type: "ledgerflow.events.v1.TransactionPosted" },
    error: "account acc-9 not in read model",
    attempts: 3,
    status: DeadLetterStatus.PENDING,
    createdAt: toTimestamp(new Date("2026-01-02T03:04:05Z")),
    ...init,
  });
}
