import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { BillingPeriod, FeeBasis, InvoiceStatus, PlanStatus } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import type { AdminClient } from "../../../lib/api-client.ts";

export const billingPageSize = 50;
/** Plans offered in pickers (the API's maximum page). */
export const planChoicesMax = 500;

export const billingKeys = {
  all: ["billing"] as const,
  planLists: () => [...billingKeys.all, "plans"] as const,
  plans: (ledger: string, status: PlanStatus, pageToken: string) => [...billingKeys.planLists(), { ledger, status, pageToken }] as const,
  planChoices: (ledger: string) => [...billingKeys.planLists(), { ledger, choices: true }] as const,
  assignmentLists: () => [...billingKeys.all, "assignments"] as const,
  assignments: (ledger: string, planId: string, pageToken: string) => [...billingKeys.assignmentLists(), { ledger, planId, pageToken }] as const,
  accrualLists: () => [...billingKeys.all, "accruals"] as const,
  accruals: (ledger: string, accountId: string, invoiceId: string, pageToken: string) => [...billingKeys.accrualLists(), { ledger, accountId, invoiceId, pageToken }] as const,
  status: () => [...billingKeys.all, "status"] as const,
  invoiceLists: () => [...billingKeys.all, "invoices"] as const,
  invoices: (ledger: string, accountId: string, status: InvoiceStatus, pageToken: string) => [...billingKeys.invoiceLists(), { ledger, accountId, status, pageToken }] as const,
};

export function plansQueryOptions(client: AdminClient, ledger: string, status: PlanStatus, pageToken: string) {
  return queryOptions({
    queryKey: billingKeys.plans(ledger, status, pageToken),
    queryFn: ({ signal }) => client.listPlans({ ledger, status, pageSize: billingPageSize, pageToken }, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every plan (first page of the largest size) for pickers and plan names. */
export function planChoicesQueryOptions(client: AdminClient, ledger: string) {
  return queryOptions({
    queryKey: billingKeys.planChoices(ledger),
    queryFn: ({ signal }) => client.listPlans({ ledger, pageSize: planChoicesMax }, { signal }),
    staleTime: 60_000,
  });
}

export function assignmentsQueryOptions(client: AdminClient, ledger: string, planId: string, pageToken: string) {
  return queryOptions({
    queryKey: billingKeys.assignments(ledger, planId, pageToken),
    queryFn: ({ signal }) => client.listAssignments({ ledger, planId, pageSize: billingPageSize, pageToken }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function accrualsQueryOptions(client: AdminClient, ledger: string, accountId: string, invoiceId: string, pageToken: string) {
  return queryOptions({
    queryKey: billingKeys.accruals(ledger, accountId, invoiceId, pageToken),
    queryFn: ({ signal }) => client.listAccruals({ ledger, accountId, invoiceId, pageSize: billingPageSize, pageToken }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function invoicesQueryOptions(client: AdminClient, ledger: string, accountId: string, status: InvoiceStatus, pageToken: string) {
  return queryOptions({
    queryKey: billingKeys.invoices(ledger, accountId, status, pageToken),
    queryFn: ({ signal }) => client.listInvoices({ ledger, accountId, status, pageSize: billingPageSize, pageToken }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function planStatusLabel(status: PlanStatus): string {
  return status === PlanStatus.ACTIVE ? "Active" : status === PlanStatus.ARCHIVED ? "Archived" : "Unknown";
}

export function feeBasisLabel(basis: FeeBasis): string {
  switch (basis) {
    case FeeBasis.INCOMING:
      return "Incoming";
    case FeeBasis.OUTGOING:
      return "Outgoing";
    case FeeBasis.ALL:
      return "Incoming and outgoing";
    default:
      return "Unknown";
  }
}

export function periodLabel(period: BillingPeriod): string {
  return period === BillingPeriod.DAY ? "Daily" : period === BillingPeriod.MONTH ? "Monthly" : "Unknown";
}

export function invoiceStatusLabel(status: InvoiceStatus): string {
  switch (status) {
    case InvoiceStatus.OPEN:
      return "Open";
    case InvoiceStatus.POSTING:
      return "Posting";
    case InvoiceStatus.POSTED:
      return "Posted";
    case InvoiceStatus.FAILED:
      return "Failed";
    default:
      return "Unknown";
  }
}

/** 125 bps → "1.25 %"; exact, from the integer. */
export function formatBps(bps: number): string {
  const whole = Math.floor(bps / 100);
  const rest = (bps % 100).toString().padStart(2, "0");
  return `${whole}.${rest} %`;
}

/** The billing consumer's figures; refreshed with the page's other live data. */
export function billingStatusQueryOptions(client: AdminClient, refetchIntervalMs: number | false) {
  return queryOptions({
    queryKey: billingKeys.status(),
    queryFn: ({ signal }) => client.getBillingStatus({}, { signal }),
    refetchInterval: refetchIntervalMs,
    refetchIntervalInBackground: false,
  });
}
