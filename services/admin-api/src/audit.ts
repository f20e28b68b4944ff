// The audit log (admin.audit_log, append-only in Postgres): every state-changing call through
// the gateway, every sign-in and sign-out, and every refusal, with who, role, on which ledger,
// what, target, request id, result and when.
import type { Sql } from "postgres";
import { pgtyped } from "@ledgerflow/platform/db";
import type { Logger } from "@ledgerflow/platform/log";
import * as auditDb from "./db/audit.queries.ts";
import { inLedgers } from "./db/scope.ts";
import type { Role } from "./authz/policy.ts";

export interface AuditRecord {
  actorSubject: string;
  actorEmail?: string;
  actorName?: string;
  role: Role | null;
  /** The ledger the call acted on; "" (or absent) for the platform. */
  ledger?: string;
  authentication: "session" | "bearer" | "none";
  action: string;
  target?: string;
  requestId: string;
  /** "ok" or a canonical error code. */
  result: string;
  detail?: string;
  clientIp?: string;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  result?: string;
  after?: Date;
  before?: Date;
  beforeId?: bigint;
  limit: number;
  /** Only entries of these ledgers (["*"]: all, with the platform's). */
  ledgers: readonly string[];
}

const DETAIL_MAX = 2048;

export class AuditLog {
  constructor(
    private readonly sql: Sql,
    private readonly log: Logger,
  ) {}

  /**
   * Writes one entry. A state-changing call is not answered as done before its entry is
   * written; if the write fails the caller sees the failure (nothing happens unaudited).
   */
  async record(r: AuditRecord): Promise<void> {
    await auditDb.insertAuditEntry.run(
      {
        actorSubject: r.actorSubject.slice(0, 255),
        actorEmail: (r.actorEmail ?? "").slice(0, 255),
        actorName: (r.actorName ?? "").slice(0, 255),
        role: r.role ?? "",
        ledger: r.ledger ?? "",
        authentication: r.authentication,
        action: r.action,
        target: (r.target ?? "").slice(0, 512),
        requestId: r.requestId,
        result: r.result,
        detail: (r.detail ?? "").slice(0, DETAIL_MAX),
        clientIp: r.clientIp ?? "",
      },
      pgtyped(this.sql),
    );
    this.log.info("audit", { actor: r.actorEmail || r.actorSubject, role: r.role, action: r.action, target: r.target, result: r.result, requestId: r.requestId });
  }

  /** Entries of the filter's ledgers, newest first: filtered here and by row-level security. */
  async list(f: AuditFilter) {
    return inLedgers(this.sql, f.ledgers, (tx) =>
      auditDb.listAuditEntries.run(
        {
          ledgers: [...f.ledgers],
          actor: f.actor || null,
          action: f.action || null,
          target: f.target || null,
          result: f.result || null,
          after: f.after ?? null,
          before: f.before ?? null,
          beforeId: f.beforeId ?? null,
          limit: BigInt(f.limit + 1),
        },
        pgtyped(tx),
      ),
    );
  }
}
