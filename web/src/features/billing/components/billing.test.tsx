import { Code, ConnectError } from "@connectrpc/connect";
import { Role } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { BillingPeriod, FeeBasis, InvoiceStatus, PlanStatus, type CreatePlanRequest } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { account } from "../../../test/fixtures.ts";
import { callsOf, renderApp, type Handlers } from "../../../test/render-app.tsx";

const down = () => {
  throw new ConnectError("billing: connection refused", Code.Unavailable);
};

const base: Handlers = {
  listCurrencies: () => ({ currencies: [{ code: "USD", scale: 2 }] }),
  listAccounts: ({ query }) => ({ accounts: [account({ id: "acc-rev", code: "revenue:fees" })].filter((a) => a.code.includes(query)) }),
  getHealth: () => ({ components: [] }),
};

describe("billing", () => {
  it("shows the billing consumer's figures, marking what needs attention", async () => {
    renderApp({
      path: "/billing",
      handlers: {
        ...base,
        listPlans: () => ({ plans: [] }),
        getBillingStatus: () => ({ status: { lagMessages: 0n, eventsProcessed: 1234n, accruals: 56n, invoicesOpen: 3n, invoicesFailed: 1n, deadLetters: 0n } }),
      },
    });
    const tiles = await screen.findByTestId("billing-status");
    expect(tiles.textContent).toContain("1,234");
    const failed = within(tiles).getByText("Failed invoices").closest(".tile");
    expect(failed?.className).toContain("tile-attention");
    const dead = within(tiles).getByText("Dead letters").closest(".tile");
    expect(dead?.className).not.toContain("tile-attention");
  });

  it("says so when billing is down, and the rest of the app keeps working", async () => {
    const { user } = renderApp({
      path: "/billing",
      handlers: { ...base, listPlans: down, listAssignments: down, listAccruals: down, listInvoices: down },
    });
    expect((await screen.findByTestId("billing-down")).textContent).toContain("Billing is unavailable right now");
    await user.click(screen.getByRole("link", { name: "Health" }));
    expect(await screen.findByTestId("overall-status")).toBeTruthy();
    expect(screen.queryByTestId("page-error")).toBeNull();
  });

  it("lets an admin create a plan with fees in minor units", async () => {
    const requests: CreatePlanRequest[] = [];
    const { user } = renderApp({
      path: "/billing",
      session: Role.ADMIN,
      handlers: {
        ...base,
        listPlans: () => ({ plans: [] }),
        createPlan: ({ plan }) => {
          if (plan === undefined) throw new ConnectError("no plan", Code.InvalidArgument);
          requests.push(plan);
          const { $typeName: _request, ...fields } = plan;
          return { plan: { ...fields, id: "plan-1", status: PlanStatus.ACTIVE } };
        },
      },
    });
    await user.click(await screen.findByRole("button", { name: "Create plan" }));
    const dialog = screen.getByRole("dialog", { name: "Create plan" });
    await user.type(within(dialog).getByLabelText("Name"), "Merchant standard");
    await user.type(within(dialog).getByLabelText("Fixed fee per transaction (USD)"), "0.30");
    await user.clear(within(dialog).getByLabelText("Rate (basis points)"));
    await user.type(within(dialog).getByLabelText("Rate (basis points)"), "290");
    await user.type(within(dialog).getByLabelText("Maximum fee (USD)"), "15");
    await user.type(within(dialog).getByLabelText("Revenue account"), "revenue:fees");
    await within(dialog).findByText("USD account");
    await user.click(within(dialog).getByRole("button", { name: "Create plan" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(requests[0]).toMatchObject({
      ledger: "main",
      name: "Merchant standard",
      currency: "USD",
      fixedFee: "30",
      rateBps: 290,
      maximumFee: "1500",
      basis: FeeBasis.INCOMING,
      period: BillingPeriod.MONTH,
      revenueAccountCode: "revenue:fees",
    });
    expect(requests[0]?.minimumFee).toBeUndefined();
  });

  it("lets an operator retry a failed invoice after confirming", async () => {
    const { user, calls } = renderApp({
      path: "/billing",
      session: Role.OPERATOR,
      handlers: {
        ...base,
        listPlans: () => ({ plans: [] }),
        listInvoices: () => ({
          invoices: [{ id: "inv-9", ledger: "main", accountId: "acc-1", accountCode: "merchant:1", currency: "USD", status: InvoiceStatus.FAILED, total: "1234", accrualCount: 3, error: "insufficient funds" }],
        }),
        closeInvoice: ({ invoiceId }) => ({ invoice: { id: invoiceId, status: InvoiceStatus.POSTED, total: "1234", currency: "USD", feeTransactionId: "tx-fee" } }),
      },
    });
    await user.click(await screen.findByRole("tab", { name: "Invoices" }));
    const row = await screen.findByTestId("invoice-row-inv-9");
    expect(row.textContent).toContain("12.34\u00a0USD");
    await user.click(within(row).getByRole("button", { name: "Retry: invoice inv-9" }));
    await user.click(screen.getByTestId("confirm-dialog-confirm"));
    expect(await screen.findByText("Invoice posted.")).toBeTruthy();
    expect(callsOf(calls, "CloseInvoice")[0]?.message).toMatchObject({ invoiceId: "inv-9" });
  });
});
