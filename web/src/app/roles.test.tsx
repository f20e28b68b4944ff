import { create } from "@bufbuild/protobuf";
import { GetTransactionResponseSchema, Role } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { InvoiceStatus } from "@ledgerflow/proto/gen/ledgerflow/billing/v1/billing_pb.ts";
import { Direction, EntryEffect, TransactionStatus, TransactionType } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { account } from "../test/fixtures.ts";
import { renderApp, type Handlers } from "../test/render-app.tsx";

const handlers: Handlers = {
  getHealth: () => ({ components: [] }),
  listCurrencies: () => ({ currencies: [{ code: "USD", scale: 2 }] }),
  listAccounts: () => ({ accounts: [account()] }),
  getAccount: () => ({ account: account() }),
  getBalanceHistory: () => ({ currency: "USD", scale: 2, points: [] }),
  listAccountEntries: () => ({ entries: [] }),
  listAccountHolds: () => ({ holds: [] }),
  searchTransactions: () => ({ transactions: [] }),
  getTransaction: () =>
    create(GetTransactionResponseSchema, {
      transaction: {
        id: "tx-hold",
        ledger: "main",
        type: TransactionType.PENDING,
        status: TransactionStatus.PENDING,
        entries: [
          { leg: 0, accountId: "acc-1", accountCode: "wallet:alice", currency: "USD", direction: Direction.DEBIT, effect: EntryEffect.HOLD, amount: "500" },
          { leg: 1, accountId: "acc-2", accountCode: "bank:usd", currency: "USD", direction: Direction.CREDIT, effect: EntryEffect.HOLD, amount: "500" },
        ],
      },
    }),
  listPlans: () => ({ plans: [] }),
  listInvoices: () => ({
    invoices: [{ id: "inv-1", ledger: "main", accountId: "acc-1", accountCode: "wallet:alice", currency: "USD", status: InvoiceStatus.FAILED, total: "120", error: "insufficient funds" }],
  }),
};

function navLinks(): string[] {
  return within(screen.getByRole("navigation", { name: "Main" }))
    .getAllByRole("link")
    .map((a) => a.textContent ?? "");
}

describe("role-aware UI", () => {
  it("gives a viewer reading only: no post, no create, no audit or roles", async () => {
    const { user } = renderApp({ path: "/accounts", session: Role.VIEWER, handlers });
    await screen.findByTestId("account-row-wallet:alice");
    expect(navLinks()).toEqual(["Health", "Outbox", "Dead letters", "Accounts", "Transactions", "Billing", "Preferences"]);
    expect(screen.queryByRole("button", { name: "Create account" })).toBeNull();

    await user.click(screen.getByRole("link", { name: "wallet:alice" }));
    await screen.findByTestId("balance-posted");
    expect(screen.queryByRole("form", { name: "Account policy" })).toBeNull();
    expect(screen.queryByRole("link", { name: "Post a transaction" })).toBeNull();

    await user.click(screen.getByRole("link", { name: "Transactions" }));
    await screen.findByText("No transactions match this search.");
    expect(screen.queryByRole("link", { name: "Post transaction" })).toBeNull();
  });

  it("shows a viewer a pending transaction without commit or void", async () => {
    renderApp({ path: "/transactions/tx-hold", session: Role.VIEWER, handlers });
    await screen.findByTestId("transaction-legs");
    expect(screen.queryByRole("group", { name: "Transaction actions" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Commit" })).toBeNull();
  });

  it("lets an operator post, commit and void, and retry an invoice, but not manage accounts or plans", async () => {
    const { user } = renderApp({ path: "/transactions/tx-hold", session: Role.OPERATOR, handlers });
    const actions = await screen.findByRole("group", { name: "Transaction actions" });
    expect(within(actions).getByRole("button", { name: "Commit" })).toBeTruthy();
    expect(within(actions).getByRole("button", { name: "Void" })).toBeTruthy();
    expect(within(actions).queryByRole("button", { name: "Reverse" })).toBeNull();
    expect(navLinks()).toContain("Post transaction");
    expect(navLinks()).not.toContain("Audit log");
    expect(navLinks()).not.toContain("Roles");

    await user.click(screen.getByRole("link", { name: "Accounts" }));
    await screen.findByTestId("account-row-wallet:alice");
    expect(screen.queryByRole("button", { name: "Create account" })).toBeNull();

    await user.click(screen.getByRole("link", { name: "Billing" }));
    await screen.findByText("No plans.");
    expect(screen.queryByRole("button", { name: "Create plan" })).toBeNull();
    await user.click(screen.getByRole("tab", { name: "Invoices" }));
    expect(await screen.findByRole("button", { name: "Retry: invoice inv-1" })).toBeTruthy();
  });

  it("gives an admin account creation, policy editing, plans, audit log and roles", async () => {
    const { user } = renderApp({ path: "/accounts", session: Role.ADMIN, handlers });
    await screen.findByTestId("account-row-wallet:alice");
    expect(screen.getByRole("button", { name: "Create account" })).toBeTruthy();
    expect(navLinks()).toEqual(["Health", "Outbox", "Dead letters", "Accounts", "Transactions", "Post transaction", "Billing", "Audit log", "Roles", "Preferences"]);
    await user.click(screen.getByRole("link", { name: "wallet:alice" }));
    expect(await screen.findByRole("form", { name: "Account policy" })).toBeTruthy();
    await user.click(screen.getByRole("link", { name: "Billing" }));
    expect(await screen.findByRole("button", { name: "Create plan" })).toBeTruthy();
  });
});
