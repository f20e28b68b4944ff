import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { MethodOptions_IdempotencyLevel } from "@bufbuild/protobuf/wkt";
import { AccountSummarySchema, AdminService, DeadLetterSchema, DeadLetterStatus, GetSessionResponseSchema, Role, type AccountSummary, type DeadLetter, type GetSessionResponse } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { NormalBalance } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { toTimestamp } from "../lib/dates.ts";

/** The method names each role may call, as the gateway reports them in allowed_methods. */
const readMethods = AdminService.methods.filter((m) => m.idempotency === MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS).map((m) => m.name);
const adminOnlyReads = ["ListAuditLog", "ListRoleMappings"];
const operatorWrites = ["PostTransaction", "CommitTransaction", "VoidTransaction", "ReverseTransaction", "ReplayDeadLetter", "DiscardDeadLetter", "CloseInvoice"];

export function allowedMethodsFor(role: Role): string[] {
  const viewer = readMethods.filter((m) => !adminOnlyReads.includes(m));
  if (role === Role.VIEWER) return viewer;
  if (role === Role.OPERATOR) return [...viewer, ...operatorWrites];
  if (role === Role.ADMIN) return AdminService.methods.map((m) => m.name);
  return [];
}

export const testCsrfToken = "csrf-token-for-tests";

export function sessionFor(role: Role, name = "Ada Lovelace"): GetSessionResponse {
  return create(GetSessionResponseSchema, {
    user: { subject: "sub-1", name, email: "ada@example.test", issuer: "https://id.example.test" },
    role,
    allowedMethods: allowedMethodsFor(role),
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
