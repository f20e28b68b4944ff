// Billing: plans, assignments, accruals and invoices, through the billing service. When billing
// is down these calls answer UNAVAILABLE and the rest of the API is unaffected. A plan or an
// invoice named by its id is looked up first: the caller needs the role on its ledger.
import type { ServiceImpl } from "@connectrpc/connect";
import type * as admin from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { callOptions } from "../../clients/resilient.ts";
import { authorizeLedger, who } from "../context.ts";
import type { Deps } from "../deps.ts";
import { invalid } from "../validate.ts";

type Impl = Partial<ServiceImpl<typeof admin.AdminService>>;

export function billingHandlers(d: Deps): Impl {
  const billing = d.billing.client;
  const opts = (ctx: Parameters<NonNullable<Impl["listPlans"]>>[1]) => callOptions(who(ctx), d.backendTimeoutMs);
  return {
    async listPlans(req, ctx) {
      const r = await billing.listPlans({ ledger: req.ledger, status: req.status, pageSize: req.pageSize, pageToken: req.pageToken }, opts(ctx));
      return { plans: r.plans, nextPageToken: r.nextPageToken };
    },
    async createPlan(req, ctx) {
      if (!req.plan) throw invalid("plan", "is required");
      return { plan: (await billing.createPlan(req.plan, opts(ctx))).plan };
    },
    async updatePlan(req, ctx) {
      if (!req.update) throw invalid("update", "is required");
      const { plan } = await billing.getPlan({ planId: req.update.planId }, opts(ctx));
      authorizeLedger(ctx, "UpdatePlan", plan!.ledger);
      return { plan: (await billing.updatePlan(req.update, opts(ctx))).plan };
    },
    async assignPlan(req, ctx) {
      return { assignment: (await billing.assignPlan({ ledger: req.ledger, accountId: req.accountId, accountCode: req.accountCode, planId: req.planId }, opts(ctx))).assignment };
    },
    async unassignPlan(req, ctx) {
      await billing.unassignPlan({ ledger: req.ledger, accountId: req.accountId }, opts(ctx));
      return {};
    },
    async listAssignments(req, ctx) {
      const r = await billing.listAssignments({ ledger: req.ledger, planId: req.planId, accountId: req.accountId, pageSize: req.pageSize, pageToken: req.pageToken }, opts(ctx));
      return { assignments: r.assignments, nextPageToken: r.nextPageToken };
    },
    async listAccruals(req, ctx) {
      const r = await billing.listAccruals({ ledger: req.ledger, accountId: req.accountId, invoiceId: req.invoiceId, pageSize: req.pageSize, pageToken: req.pageToken }, opts(ctx));
      return { accruals: r.accruals, nextPageToken: r.nextPageToken };
    },
    async listInvoices(req, ctx) {
      const r = await billing.listInvoices({ ledger: req.ledger, accountId: req.accountId, status: req.status, pageSize: req.pageSize, pageToken: req.pageToken }, opts(ctx));
      return { invoices: r.invoices, nextPageToken: r.nextPageToken };
    },
    async getBillingStatus(_req, ctx) {
      return { status: await billing.getBillingStatus({}, opts(ctx)) };
    },
    async closeInvoice(req, ctx) {
      const { invoice } = await billing.getInvoice({ invoiceId: req.invoiceId }, opts(ctx));
      authorizeLedger(ctx, "CloseInvoice", invoice!.ledger);
      return { invoice: (await billing.closeInvoice({ invoiceId: req.invoiceId }, opts(ctx))).invoice };
    },
  };
}
