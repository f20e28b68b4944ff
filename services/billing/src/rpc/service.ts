// BillingService handlers: thin — convert the wire shape, call the billing operations, convert back.
import type { ServiceImpl } from "@connectrpc/connect";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { BillingService } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import type { Billing } from "../billing.ts";
import { accrualMessage, assignmentMessage, invoiceMessage, planMessage, toBasis, toInvoiceStatus, toPeriod, toPlanStatus } from "./convert.ts";

export function billingHandlers(billing: Billing): ServiceImpl<typeof BillingService> {
  return {
    async listPlans(req) {
      const page = await billing.listPlans({ ledger: req.ledger, status: toPlanStatus(req.status), pageSize: req.pageSize, pageToken: req.pageToken });
      return { plans: page.items.map(planMessage), nextPageToken: page.nextPageToken };
    },
    async getPlan(req) {
      return { plan: planMessage(await billing.getPlan(req.planId)) };
    },
    async createPlan(req) {
      const plan = await billing.createPlan({
        ledger: req.ledger,
        name: req.name,
        currency: req.currency,
        fixedFee: req.fixedFee,
        rateBps: req.rateBps,
        minimumFee: req.minimumFee,
        maximumFee: req.maximumFee,
        basis: toBasis(req.basis),
        period: toPeriod(req.period),
        revenueAccountCode: req.revenueAccountCode,
      });
      return { plan: planMessage(plan) };
    },
    async updatePlan(req) {
      const plan = await billing.updatePlan(
        req.planId,
        {
          name: req.name,
          fixedFee: req.fixedFee,
          rateBps: req.rateBps,
          minimumFee: req.minimumFee,
          maximumFee: req.maximumFee,
          clearMinimumFee: req.clearMinimumFee,
          clearMaximumFee: req.clearMaximumFee,
        },
        toPlanStatus(req.status),
      );
      return { plan: planMessage(plan) };
    },
    async assignPlan(req) {
      const assignment = await billing.assign({ ledger: req.ledger, accountId: req.accountId || undefined, accountCode: req.accountCode || undefined, planId: req.planId });
      return { assignment: assignmentMessage(assignment) };
    },
    async unassignPlan(req) {
      await billing.unassign({ ledger: req.ledger, accountId: req.accountId });
      return {};
    },
    async listAssignments(req) {
      const page = await billing.listAssignments({ ledger: req.ledger, planId: req.planId || undefined, accountId: req.accountId || undefined, pageSize: req.pageSize, pageToken: req.pageToken });
      return { assignments: page.items.map(assignmentMessage), nextPageToken: page.nextPageToken };
    },
    async listAccruals(req) {
      const page = await billing.listAccruals({ ledger: req.ledger, accountId: req.accountId || undefined, invoiceId: req.invoiceId || undefined, pageSize: req.pageSize, pageToken: req.pageToken });
      return { accruals: page.items.map(accrualMessage), nextPageToken: page.nextPageToken };
    },
    async listInvoices(req) {
      const page = await billing.listInvoices({ ledger: req.ledger, accountId: req.accountId || undefined, status: toInvoiceStatus(req.status), pageSize: req.pageSize, pageToken: req.pageToken });
      return { invoices: page.items.map(invoiceMessage), nextPageToken: page.nextPageToken };
    },
    async getInvoice(req) {
      return { invoice: invoiceMessage(await billing.getInvoice(req.invoiceId)) };
    },
    async closeInvoice(req) {
      return { invoice: invoiceMessage(await billing.closeInvoice(req.invoiceId)) };
    },
    async getBillingStatus() {
      const s = await billing.status();
      return {
        lagMessages: BigInt(s.lagMessages),
        lastEventAt: s.lastEventAt ? timestampFromDate(s.lastEventAt) : undefined,
        eventsProcessed: s.eventsProcessed,
        accruals: s.accruals,
        invoicesOpen: s.invoicesOpen,
        invoicesFailed: s.invoicesFailed,
        deadLetters: s.deadLetters,
      };
    },
  };
}
