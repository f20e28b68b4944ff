import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { GetTransactionResponseSchema, Role, type CommitTransactionRequest } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { Direction, EntryEffect, TransactionSchema, TransactionStatus, TransactionType, type Transaction } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { callsOf, renderApp, type Handlers } from "../../../test/render-app.tsx";

function hold(): Transaction {
  return create(TransactionSchema, {
    id: "tx-hold",
    ledger: "main",
    type: TransactionType.PENDING,
    status: TransactionStatus.PENDING,
    description: "Hold for order 8812",
    parentTransactionId: "",
    caller: "admin-gateway",
    actor: "ada@example.test",
    metadata: { order: "8812" },
    entries: [
      { leg: 0, accountId: "acc-alice", accountCode: "wallet:alice", currency: "USD", direction: Direction.DEBIT, effect: EntryEffect.HOLD, amount: "5000" },
      { leg: 1, accountId: "acc-bank", accountCode: "bank:usd", currency: "USD", direction: Direction.CREDIT, effect: EntryEffect.HOLD, amount: "5000" },
    ],
  });
}

function service(tx: Transaction): Handlers {
  return {
    listCurrencies: () => ({ currencies: [{ code: "USD", scale: 2 }] }),
    getTransaction: () => create(GetTransactionResponseSchema, { transaction: tx }),
  };
}

describe("transaction page", () => {
  it("shows legs, metadata, caller and actor", async () => {
    renderApp({ path: "/transactions/tx-hold", session: Role.VIEWER, handlers: service(hold()) });
    const legs = await screen.findByTestId("transaction-legs");
    await waitFor(() => expect([...legs.querySelectorAll(".money")].map((m) => m.textContent)).toEqual(["50.00\u00a0USD", "50.00\u00a0USD"]));
    expect(within(legs).getByRole("link", { name: "wallet:alice" }).getAttribute("href")).toBe("/accounts/acc-alice");
    const details = screen.getByTestId("transaction-details");
    expect(details.textContent).toContain("admin-gateway");
    expect(details.textContent).toContain("ada@example.test");
    expect(screen.getByRole("region", { name: "Transaction metadata" }).textContent).toContain("8812");
  });

  it("commits part of a hold, only when the committed legs balance", async () => {
    const requests: CommitTransactionRequest[] = [];
    const { user } = renderApp({
      path: "/transactions/tx-hold",
      session: Role.OPERATOR,
      handlers: {
        ...service(hold()),
        commitTransaction: (req) => {
          requests.push(req);
          return { transaction: { ...hold(), status: TransactionStatus.POSTED }, commit: { id: "tx-commit", ledger: "main" } };
        },
      },
    });
    await user.click(await screen.findByRole("button", { name: "Commit" }));
    const dialog = screen.getByRole("dialog", { name: "Commit this hold?" });
    const first = within(dialog).getByLabelText(/Leg 0/);
    const second = within(dialog).getByLabelText(/Leg 1/);
    expect((first as HTMLInputElement).value).toBe("50.00");
    await user.clear(first);
    await user.type(first, "30");
    const confirm = within(dialog).getByTestId("confirm-dialog-confirm") as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    expect(within(dialog).getByRole("alert").textContent).toContain("USD: debits and credits differ by 20.00");
    await user.clear(second);
    await user.type(second, "30.00");
    expect(confirm.disabled).toBe(false);
    expect(confirm.textContent).toBe("Commit partially");
    await user.click(confirm);
    expect((await screen.findByTestId("transaction-action-result")).textContent).toContain("tx-commit");
    expect(requests[0]?.amounts.map((a) => [a.leg, a.amount])).toEqual([
      [0, "3000"],
      [1, "3000"],
    ]);
  });

  it("refuses more than the hold", async () => {
    const { user } = renderApp({ path: "/transactions/tx-hold", session: Role.OPERATOR, handlers: service(hold()) });
    await user.click(await screen.findByRole("button", { name: "Commit" }));
    const dialog = screen.getByRole("dialog");
    const first = within(dialog).getByLabelText(/Leg 0/);
    await user.clear(first);
    await user.type(first, "50.01");
    expect(within(dialog).getByText("More than the hold.")).toBeTruthy();
    expect((within(dialog).getByTestId("confirm-dialog-confirm") as HTMLButtonElement).disabled).toBe(true);
  });

  it("voids after confirmation and shows the server's refusal when there is one", async () => {
    const { user, calls } = renderApp({
      path: "/transactions/tx-hold",
      session: Role.OPERATOR,
      handlers: {
        ...service(hold()),
        voidTransaction: () => {
          throw new ConnectError("transaction tx-hold is no longer pending (expired)", Code.FailedPrecondition);
        },
      },
    });
    await user.click(await screen.findByRole("button", { name: "Void" }));
    await user.click(screen.getByTestId("confirm-dialog-confirm"));
    const dialog = screen.getByRole("dialog", { name: "Void this hold?" });
    expect((await within(dialog).findByRole("alert")).textContent).toContain("no longer pending (expired)");
    expect(callsOf(calls, "VoidTransaction")[0]?.message).toMatchObject({ ledger: "main", transactionId: "tx-hold" });
  });

  it("reverses a posted transaction with a description", async () => {
    const posted = { ...hold(), id: "tx-posted", type: TransactionType.STANDARD, status: TransactionStatus.POSTED };
    const { user, calls } = renderApp({
      path: "/transactions/tx-posted",
      session: Role.OPERATOR,
      handlers: {
        ...service(posted),
        reverseTransaction: () => ({ transaction: { ...posted, status: TransactionStatus.REVERSED }, reversal: { id: "tx-reversal", ledger: "main" } }),
      },
    });
    await user.click(await screen.findByRole("button", { name: "Reverse" }));
    const dialog = screen.getByRole("dialog", { name: "Reverse this transaction?" });
    await user.type(within(dialog).getByLabelText("Description of the reversal"), "refund requested");
    await user.click(within(dialog).getByTestId("confirm-dialog-confirm"));
    await waitFor(() => expect(screen.getByTestId("transaction-action-result").textContent).toContain("tx-reversal"));
    expect(callsOf(calls, "ReverseTransaction")[0]?.message).toMatchObject({ transactionId: "tx-posted", description: "refund requested" });
  });
});
