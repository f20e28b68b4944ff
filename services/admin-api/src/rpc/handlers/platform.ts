// Session, health, outbox and dead letters.
import { create, toJsonString } from "@bufbuild/protobuf";
import { Code, ConnectError, type HandlerContext, type ServiceImpl } from "@connectrpc/connect";
import * as admin from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { decodeEvent, schemaOf } from "@ledgerflow/platform/events";
import { allowedMethodsAnywhere, allowedMethodsOn, type Role } from "../../authz/policy.ts";
import type { ComponentReport, Status } from "../../health/monitor.ts";
import { worst } from "../../health/monitor.ts";
import * as readDb from "../../db/read.queries.ts";
import { queryInLedgers } from "../../db/scope.ts";
import { ledgersOf, principalOf, who } from "../context.ts";
import { ts } from "../convert.ts";
import type { Deps } from "../deps.ts";
import { decodePageToken, encodePageToken, pageSize, POSITION } from "@ledgerflow/platform/paging";

type Impl = Partial<ServiceImpl<typeof admin.AdminService>>;

export const ROLE: Record<Role, admin.Role> = { viewer: admin.Role.VIEWER, operator: admin.Role.OPERATOR, admin: admin.Role.ADMIN };
const HEALTH: Record<Status, admin.HealthStatus> = {
  healthy: admin.HealthStatus.HEALTHY,
  degraded: admin.HealthStatus.DEGRADED,
  down: admin.HealthStatus.DOWN,
  disabled: admin.HealthStatus.DISABLED,
};
const DLQ_STATUS: Record<string, admin.DeadLetterStatus> = {
  pending: admin.DeadLetterStatus.PENDING,
  replayed: admin.DeadLetterStatus.REPLAYED,
  discarded: admin.DeadLetterStatus.DISCARDED,
};
const DLQ_STATUS_NAME = new Map(Object.entries(DLQ_STATUS).map(([k, v]) => [v, k]));

export function platformHandlers(d: Deps): Impl {
  return {
    async getSession(_req, ctx) {
      const p = principalOf(ctx);
      return {
        user: { subject: p.subject, name: p.name, email: p.email, issuer: p.issuer },
        role: p.role ? ROLE[p.role] : admin.Role.UNSPECIFIED,
        allowedMethods: allowedMethodsAnywhere(p.grants),
        grants: [...p.grants].sort(([a], [b]) => a.localeCompare(b)).map(([ledger, role]) => ({ ledger, role: ROLE[role], allowedMethods: allowedMethodsOn(p.grants, ledger) })),
        csrfToken: p.session?.csrfToken ?? "",
        expiresAt: ts(p.session?.expiresAt ?? p.tokenExpiresAt),
        idleExpiresAt: ts(p.session ? new Date(Math.min(Date.now() + d.sessionIdleSeconds * 1000, p.session.expiresAt.getTime())) : p.tokenExpiresAt),
        authentication: p.authentication,
      };
    },

    async getHealth() {
      const components = await d.health.snapshot();
      return {
        overall: HEALTH[worst(components.map((c) => c.status))],
        components: components.map(componentMessage),
        checkedAt: ts(components[0]?.checkedAt ?? new Date()),
      };
    },

    async getOutboxStatus() {
      const s = await d.outbox.status();
      return {
        backlog: BigInt(s.backlog),
        oldestUnpublishedAgeSeconds: s.oldestUnpublishedAgeSeconds,
        publishedPerSecond: s.publishedPerSecond,
        breakerState: s.breakerState,
        transport: s.transport,
        lastPublishedAt: ts(s.lastPublishedAt),
        publishedTotal: s.publishedTotal,
        samples: s.samples.map((x) => ({ at: ts(x.at), publishedPerSecond: x.publishedPerSecond, backlog: BigInt(x.backlog) })),
        deadLettersPending: BigInt(s.deadLettersPending),
        projectorLagSeconds: s.projectorLagSeconds,
        projectorLagMessages: BigInt(Math.max(0, Math.round(s.projectorLagMessages))),
      };
    },

    async listDeadLetters(req, ctx) {
      const size = pageSize(req.pageSize);
      const after = decodePageToken("dead-letters", req.pageToken, [POSITION.sequence]);
      const rows = await queryInLedgers(d.readSql, ledgersOf(ctx), (db) =>
        readDb.listDeadLetters.run(
          {
            status: DLQ_STATUS_NAME.get(req.status) ?? null,
            eventType: req.eventType || null,
            topic: req.topic || null,
            beforeId: after ? BigInt(after[0]!) : null,
            limit: BigInt(size + 1),
          },
          db,
        ),
      );
      const page = rows.slice(0, size);
      return { deadLetters: page.map(deadLetterMessage), nextPageToken: rows.length > size ? encodePageToken("dead-letters", [String(page[page.length - 1]!.id)]) : "" };
    },

    async getDeadLetter(req, ctx) {
      const row = await readDeadLetter(d, ctx, letterId(req.id));
      const payload = row.value;
      let payloadJson = "";
      let decodeError = "";
      try {
        const { type, message } = decodeEvent({ value: new Uint8Array(payload), headers: row.headers as Record<string, string> });
        payloadJson = toJsonString(schemaOf(type), message, { prettySpaces: 2 });
      } catch (error) {
        decodeError = (error as Error).message;
      }
      return { deadLetter: deadLetterMessage(row), payloadJson, decodeError, payload: new Uint8Array(payload) };
    },

    async replayDeadLetter(req, ctx) {
      const id = letterId(req.id);
      await d.projector.resolve(id, "replay", who(ctx));
      return { deadLetter: deadLetterMessage(await readDeadLetter(d, ctx, id)) };
    },

    async discardDeadLetter(req, ctx) {
      const id = letterId(req.id);
      await d.projector.resolve(id, "discard", who(ctx));
      return { deadLetter: deadLetterMessage(await readDeadLetter(d, ctx, id)) };
    },
  };
}

function letterId(id: bigint): bigint {
  if (id <= 0n) throw new ConnectError("id: must be a dead letter's id (a positive integer)", Code.InvalidArgument);
  return id;
}

function componentMessage(c: ComponentReport): admin.ComponentHealth {
  return create(admin.ComponentHealthSchema, {
    name: c.name,
    status: HEALTH[c.status],
    version: c.version,
    uptimeSeconds: c.uptimeSeconds,
    detail: c.detail,
    requestRatePerSecond: c.requestRatePerSecond,
    errorRatio: c.errorRatio,
    p99LatencySeconds: c.p99LatencySeconds,
    consumerLagMessages: c.consumerLagMessages,
    checks: c.checks,
    checkedAt: ts(c.checkedAt),
    endpoint: c.endpoint,
  });
}

/** The dead letter `id` as the read model holds it (the projector owns it; the gateway reads it like the rest of the read model). */
async function readDeadLetter(d: Deps, ctx: HandlerContext, id: bigint): Promise<readDb.IGetDeadLetterResult> {
  const [row] = await queryInLedgers(d.readSql, ledgersOf(ctx), (db) => readDb.getDeadLetter.run({ id }, db));
  if (!row) throw new ConnectError(`dead letter ${id} not found`, Code.NotFound);
  return row;
}

function deadLetterMessage(r: readDb.IListDeadLettersResult): admin.DeadLetter {
  return create(admin.DeadLetterSchema, {
    id: BigInt(r.id),
    eventId: r.event_id ?? "",
    eventType: r.event_type ?? "",
    topic: r.topic,
    partition: r.partition,
    offset: String(r.offset),
    key: r.key,
    headers: r.headers as Record<string, string>,
    error: r.error,
    attempts: r.attempts,
    status: DLQ_STATUS[r.status] ?? admin.DeadLetterStatus.UNSPECIFIED,
    createdAt: ts(r.created_at),
    resolvedAt: ts(r.resolved_at),
    resolvedBy: r.resolved_by ?? "",
  });
}
