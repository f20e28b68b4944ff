// The audit log and the role mappings (admins only, see authz/policy.ts).
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type ServiceImpl } from "@connectrpc/connect";
import * as admin from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { EVERY_LEDGER, grantLedgersProblem, isRole, type Role } from "../../authz/policy.ts";
import { ledgersOf, principalOf } from "../context.ts";
import { ts } from "../convert.ts";
import type { RoleMapping } from "../../authz/roles.ts";
import type { Deps } from "../deps.ts";
import { decodePageToken, encodePageToken, pageSize, POSITION } from "@ledgerflow/platform/paging";
import { invalid } from "../validate.ts";
import { ROLE } from "./platform.ts";

type Impl = Partial<ServiceImpl<typeof admin.AdminService>>;
const ROLE_NAME = new Map<admin.Role, Role>(Object.entries(ROLE).map(([k, v]) => [v, k as Role]));
const FILTER_LENGTH_MAX = 255;

export function administrationHandlers(d: Deps): Impl {
  return {
    async listAuditLog(req, ctx) {
      const size = pageSize(req.pageSize);
      for (const [field, value] of Object.entries({ actor: req.actor, action: req.action, target: req.target, result: req.result })) {
        if (value.length > FILTER_LENGTH_MAX) throw invalid(field, `must be at most ${FILTER_LENGTH_MAX} characters`);
      }
      const after = decodePageToken("audit", req.pageToken, [POSITION.sequence]);
      const rows = await d.audit.list({
        actor: req.actor,
        action: req.action,
        target: req.target,
        result: req.result,
        after: req.after ? timestampDate(req.after) : undefined,
        before: req.before ? timestampDate(req.before) : undefined,
        beforeId: after ? BigInt(after[0]!) : undefined,
        limit: size,
        ledgers: ledgersOf(ctx),
      });
      const page = rows.slice(0, size);
      return {
        entries: page.map((r) => ({
          id: r.id,
          at: ts(r.at),
          actorSubject: r.actor_subject,
          actorEmail: r.actor_email,
          actorName: r.actor_name,
          role: isRole(r.role) ? ROLE[r.role] : admin.Role.UNSPECIFIED,
          ledger: r.ledger,
          authentication: r.authentication,
          action: r.action,
          target: r.target,
          requestId: r.request_id,
          result: r.result,
          detail: r.detail,
          clientIp: r.client_ip,
        })),
        nextPageToken: rows.length > size ? encodePageToken("audit", [String(page[page.length - 1]!.id)]) : "",
      };
    },

    async listRoleMappings() {
      const mappings = await d.roles.list();
      return { claim: d.roles.claim, mappings: mappings.map(mappingMessage) };
    },

    async setRoleMapping(req, ctx) {
      const claimValue = checkedClaimValue(req.claimValue);
      const role = ROLE_NAME.get(req.role);
      if (!role) throw invalid("role", "must be ROLE_VIEWER, ROLE_OPERATOR or ROLE_ADMIN");
      // No ledgers: every ledger, as a mapping meant before ledgers were named.
      const ledgers = req.ledgers.length === 0 ? [EVERY_LEDGER] : [...new Set(req.ledgers)];
      const problem = grantLedgersProblem(ledgers);
      if (problem) throw invalid("ledgers", problem);
      if (role !== "admin" || ledgers[0] !== EVERY_LEDGER) await refuseLosingLastAdmin(d, claimValue);
      const p = principalOf(ctx);
      const m = await d.roles.set(claimValue, { role, ledgers }, p.email || p.subject, ledgersOf(ctx));
      return { mapping: mappingMessage(m) };
    },

    async deleteRoleMapping(req, ctx) {
      const claimValue = checkedClaimValue(req.claimValue);
      await refuseLosingLastAdmin(d, claimValue);
      if (!(await d.roles.delete(claimValue, ledgersOf(ctx)))) throw new ConnectError(`no role mapping for ${JSON.stringify(claimValue)}`, Code.NotFound);
      return {};
    },
  };
}

function checkedClaimValue(value: string): string {
  if (!value || value.length > FILTER_LENGTH_MAX) throw invalid("claim_value", `must be 1-${FILTER_LENGTH_MAX} characters`);
  return value;
}

/** Nobody could administer roles any more if the last mapping to admin on every ledger went. */
async function refuseLosingLastAdmin(d: Deps, claimValue: string): Promise<void> {
  const admins = (await d.roles.list()).filter((m) => m.role === "admin" && m.ledgers.includes(EVERY_LEDGER));
  if (admins.length === 1 && admins[0]!.claimValue === claimValue) {
    throw new ConnectError(`${JSON.stringify(claimValue)} is the last value mapped to admin on every ledger; map another one to admin on "*" first`, Code.FailedPrecondition);
  }
}

function mappingMessage(m: RoleMapping) {
  return { claimValue: m.claimValue, role: ROLE[m.role], ledgers: [...m.ledgers], updatedAt: ts(m.updatedAt), updatedBy: m.updatedBy };
}
