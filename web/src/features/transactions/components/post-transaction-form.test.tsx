import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { Role, type PostTransactionRequest } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { Direction, EntryEffect, InsufficientFundsSchema, TransactionSchema, TransactionStatus, TransactionType } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { account } from "../../../test/fixtures.ts";
import { renderApp, type Handlers } from "../../../test/render-app.tsx";

const accounts = [
  account({ id: "acc-bank", code: "bank:usd", currency: "USD", scale: 2 }),
  account({ id: "acc-alice", code: "wallet:alice", currency: "USD", scale: 2, available: "750" }),
  account({ id: "acc-eur", code: "bank:eur", currency: "EUR", scale: 2 }),
  account({ id: "acc-eur2", code: "wallet:eur", currency: "EUR", scale: 2 }),
];

const ledgerHandlers: Handlers = {
  listAccounts: ({ query }) => ({ accounts: accounts.filter((a) => a.code.includes(query)) }),
  listCurrencies: () => ({
    currencies: [
      { code: "USD", scale: 2 },
      { code: "EUR", scale: 2 },
    ],
  }),
};

function posted(req: PostTransactionRequest) {
  return {
    transaction: create(TransactionSchema, {
      id: "tx-0001",
      ledger: req.ledger,
      type: TransactionType.STANDARD,
      status: TransactionStatus.POSTED,
      idempotencyKey: req.idempotencyKey,
      entries: req.entries.map((e, i) => ({ leg: i, accountCode: e.accountCode, direction: e.direction, amount: e.amount, currency: "USD", effect: EntryEffect.POST })),
    }),
    replayed: false,
  };
}

async function fillLeg(user: ReturnType<typeof renderApp>["user"], index: number, code: string, direction: "Debit" | "Credit", amount: string) {
  const row = screen.getByTestId(`leg-${index}`);
  const accountInput = within(row).getByLabelText(`Leg ${index} account`);
  await user.clear(accountInput);
  await user.type(accountInput, code);
  await user.selectOptions(within(row).getByLabelText(`Leg ${index} direction`), direction);
  const amountInput = within(row).getByTestId(`leg-${index}-amount`);
  await user.clear(amountInput);
  await user.type(amountInput, amount);
}

function submitButton(): HTMLButtonElement {
  return screen.getByTestId("post-submit") as HTMLButtonElement;
}

describe("post transaction form", () => {
  it("keeps submit disabled until debits equal credits, showing the imbalance", async () => {
    const { user } = renderApp({ path: "/transactions/new", handlers: ledgerHandlers });
    await screen.findByRole("form", { name: "Post transaction" });
    expect(submitButton().disabled).toBe(true);
    await fillLeg(user, 0, "bank:usd", "Debit", "10.00");
    await fillLeg(user, 1, "wallet:alice", "Credit", "9.99");
    await waitFor(() => expect(screen.getByTestId("imbalance-USD").textContent).toContain("Debits exceed credits by 0.01"));
    expect(submitButton().disabled).toBe(true);
    expect(screen.getByText("USD does not balance: debits and credits differ.")).toBeTruthy();

    const amount = screen.getByTestId("leg-1-amount");
    await user.clear(amount);
    await user.type(amount, "10");
    await waitFor(() => expect(submitButton().disabled).toBe(false));
    expect(within(screen.getByTestId("balance-USD")).getByText("Balanced")).toBeTruthy();
  });

  it("checks each currency separately", async () => {
    const { user } = renderApp({ path: "/transactions/new", handlers: ledgerHandlers });
    await screen.findByRole("form", { name: "Post transaction" });
    await fillLeg(user, 0, "bank:usd", "Debit", "5");
    await fillLeg(user, 1, "wallet:alice", "Credit", "5");
    await user.click(screen.getByRole("button", { name: "Add leg" }));
    await user.click(screen.getByRole("button", { name: "Add leg" }));
    await fillLeg(user, 2, "bank:eur", "Debit", "3");
    await fillLeg(user, 3, "wallet:eur", "Credit", "2.50");
    await waitFor(() => expect(screen.getByTestId("imbalance-EUR").textContent).toContain("Debits exceed credits by 0.50"));
    expect(within(screen.getByTestId("balance-USD")).getByText("Balanced")).toBeTruthy();
    expect(submitButton().disabled).toBe(true);

    await user.click(screen.getByRole("button", { name: "Remove leg 3" }));
    await user.click(screen.getByRole("button", { name: "Remove leg 2" }));
    await waitFor(() => expect(submitButton().disabled).toBe(false));
    expect(screen.queryByTestId("balance-EUR")).toBeNull();
  });

  it("refuses an amount with more decimals than the currency has", async () => {
    const { user } = renderApp({ path: "/transactions/new", handlers: ledgerHandlers });
    await screen.findByRole("form", { name: "Post transaction" });
    await fillLeg(user, 0, "bank:usd", "Debit", "1.005");
    await fillLeg(user, 1, "wallet:alice", "Credit", "1.005");
    expect((await screen.findAllByText("At most 2 decimal places.")).length).toBe(2);
    expect(submitButton().disabled).toBe(true);
  });

  it("retries with the same idempotency key, and posts exact minor units", async () => {
    const requests: PostTransactionRequest[] = [];
    const { user } = renderApp({
      path: "/transactions/new",
      handlers: {
        ...ledgerHandlers,
        postTransaction: (req) => {
          requests.push(req);
          if (requests.length === 1) throw new ConnectError("ledger unreachable", Code.Unavailable);
          return posted(req);
        },
      },
    });
    await screen.findByRole("form", { name: "Post transaction" });
    const key = screen.getByTestId("idempotency-key").textContent ?? "";
    expect(key).toMatch(/^web-post-[0-9a-f]{32}$/);
    await fillLeg(user, 0, "bank:usd", "Debit", "10.50");
    await fillLeg(user, 1, "wallet:alice", "Credit", "10.50");
    await waitFor(() => expect(submitButton().disabled).toBe(false));
    await user.click(submitButton());
    expect((await screen.findByRole("alert")).textContent).toContain("ledger unreachable");

    await user.click(screen.getByRole("button", { name: "Retry posting" }));
    expect(await screen.findByTestId("post-result")).toBeTruthy();
    expect(requests).toHaveLength(2);
    expect(requests[0]?.idempotencyKey).toBe(key);
    expect(requests[1]?.idempotencyKey).toBe(key);
    expect(requests[1]?.ledger).toBe("main");
    expect(requests[1]?.entries.map((e) => [e.accountCode, e.direction, e.amount])).toEqual([
      ["bank:usd", Direction.DEBIT, "1050"],
      ["wallet:alice", Direction.CREDIT, "1050"],
    ]);
    expect(screen.getByTestId("posted-transaction-link").getAttribute("href")).toBe("/transactions/tx-0001");

    // A new form is a new transaction: a new key.
    await user.click(screen.getByRole("button", { name: "Post another transaction" }));
    expect(screen.getByTestId("idempotency-key").textContent).not.toBe(key);
  });

  it("cannot post twice on a double click", async () => {
    let release: () => void = () => undefined;
    const requests: PostTransactionRequest[] = [];
    const { user } = renderApp({
      path: "/transactions/new",
      handlers: {
        ...ledgerHandlers,
        postTransaction: async (req) => {
          requests.push(req);
          await new Promise<void>((resolve) => (release = resolve));
          return posted(req);
        },
      },
    });
    await screen.findByRole("form", { name: "Post transaction" });
    await fillLeg(user, 0, "bank:usd", "Debit", "1");
    await fillLeg(user, 1, "wallet:alice", "Credit", "1");
    await waitFor(() => expect(submitButton().disabled).toBe(false));
    await user.dblClick(submitButton());
    await waitFor(() => expect(submitButton().textContent).toBe("Posting…"));
    release();
    await screen.findByTestId("post-result");
    expect(requests).toHaveLength(1);
  });

  it("starts a fresh form when the Post transaction link is followed after posting", async () => {
    const { user } = renderApp({ path: "/transactions/new", handlers: { ...ledgerHandlers, postTransaction: async (req) => posted(req) } });
    await screen.findByRole("form", { name: "Post transaction" });
    await fillLeg(user, 0, "bank:usd", "Debit", "2");
    await fillLeg(user, 1, "wallet:alice", "Credit", "2");
    await waitFor(() => expect(submitButton().disabled).toBe(false));
    const firstKey = screen.getByTestId("idempotency-key").textContent;
    await user.click(submitButton());
    await screen.findByTestId("post-result");
    await user.click(screen.getByRole("link", { name: "Post transaction" }));
    expect(await screen.findByRole("form", { name: "Post transaction" })).toBeTruthy();
    expect(screen.queryByTestId("post-result")).toBeNull();
    expect((screen.getByTestId("leg-0-amount") as HTMLInputElement).value).toBe("");
    expect(screen.getByTestId("idempotency-key").textContent).not.toBe(firstKey);
  });

  it("shows the server's refusal with the available and requested amounts", async () => {
    const { user } = renderApp({
      path: "/transactions/new",
      handlers: {
        ...ledgerHandlers,
        postTransaction: () => {
          throw new ConnectError("insufficient funds in account wallet:alice: available 750, requested 5000", Code.FailedPrecondition, undefined, [
            { desc: InsufficientFundsSchema, value: { accountId: "acc-alice", accountCode: "wallet:alice", available: "750", requested: "5000", floor: "0" } },
          ]);
        },
      },
    });
    await screen.findByRole("form", { name: "Post transaction" });
    await fillLeg(user, 0, "wallet:alice", "Debit", "50");
    await fillLeg(user, 1, "bank:usd", "Credit", "50");
    await waitFor(() => expect(submitButton().disabled).toBe(false));
    await user.click(submitButton());
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("insufficient funds in account wallet:alice: available 750, requested 5000");
    const funds = screen.getByTestId("insufficient-funds");
    expect(funds.textContent).toContain("available 7.50");
    expect(funds.textContent).toContain("requested 50.00");
    // The form stays as it was, ready to be corrected.
    expect((screen.getByTestId("leg-0-amount") as HTMLInputElement).value).toBe("50");
  });

  it("is not offered to a viewer", async () => {
    renderApp({ path: "/transactions/new", session: Role.VIEWER, handlers: ledgerHandlers });
    expect(await screen.findByText("Your role cannot post transactions.")).toBeTruthy();
    expect(screen.queryByRole("form", { name: "Post transaction" })).toBeNull();
    expect(screen.queryByRole("link", { name: "Post transaction" })).toBeNull();
  });
});
