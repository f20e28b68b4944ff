import { Code, ConnectError } from "@connectrpc/connect";
import { Role, type UpdateAccountPolicyRequest, type CreateAccountRequest } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { Direction, EntryEffect, NormalBalance, TransactionStatus, TransactionType } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { toTimestamp } from "../../../lib/dates.ts";
import { account } from "../../../test/fixtures.ts";
import { callsOf, renderApp, type Handlers } from "../../../test/render-app.tsx";

const alice = account({ id: "acc-alice", code: "wallet:alice", posted: "123456789", pending: "-2500", available: "-1050" });
const btc = account({ id: "acc-btc", code: "vault:btc", currency: "BTC", scale: 8, posted: "2100000000000000", pending: "0", available: "1" });
const wei = account({ id: "acc-eth", code: "vault:eth", currency: "ETH", scale: 18, posted: "-123456789012345678901234567890", available: "0" });
const yen = account({ id: "acc-jpy", code: "wallet:jpy", currency: "JPY", scale: 0, posted: "1500000", available: "1500000" });
const all = [alice, btc, wei, yen];

const handlers: Handlers = {
  listCurrencies: () => ({
    currencies: [
      { code: "USD", scale: 2 },
      { code: "BTC", scale: 8 },
      { code: "ETH", scale: 18 },
      { code: "JPY", scale: 0 },
    ],
  }),
  listAccounts: ({ query, currency }) => ({ accounts: all.filter((a) => a.code.includes(query) && (currency === "" || a.currency === currency)) }),
  getAccount: ({ accountId }) => ({ account: all.find((a) => a.id === accountId) }),
  getBalanceHistory: () => ({
    currency: "USD",
    scale: 2,
    points: [
      { at: toTimestamp(new Date("2026-01-01T00:00:00Z")), posted: "0", available: "0", pending: "0" },
      { at: toTimestamp(new Date("2026-01-02T00:00:00Z")), posted: "123456789", available: "-1050", pending: "-2500" },
    ],
  }),
  listAccountEntries: () => ({ entries: [] }),
  listAccountHolds: () => ({ holds: [] }),
  getTransactionVolumes: () => ({ currencies: [] }),
};

describe("accounts", () => {
  it("formats balances by each currency's scale, negatives marked", async () => {
    renderApp({ path: "/accounts", session: Role.VIEWER, handlers });
    const row = await screen.findByTestId("account-row-wallet:alice");
    const cells = within(row).getAllByRole("cell");
    expect(cells.map((c) => c.textContent)).toContain("1,234,567.89");
    const negative = within(row).getByText("\u221210.50");
    expect(negative.className).toContain("money-negative");
    expect(within(screen.getByTestId("account-row-vault:btc")).getByText("21,000,000.00000000")).toBeTruthy();
    expect(within(screen.getByTestId("account-row-vault:eth")).getByText("\u2212123,456,789,012.345678901234567890")).toBeTruthy();
    expect(within(screen.getByTestId("account-row-wallet:jpy")).getAllByText("1,500,000")).toHaveLength(2);
  });

  it("searches by code", async () => {
    const { user, calls } = renderApp({ path: "/accounts", session: Role.VIEWER, handlers });
    await screen.findByTestId("account-row-vault:btc");
    await user.type(screen.getByLabelText("Search accounts"), "vault");
    await waitFor(() => expect(screen.queryByTestId("account-row-wallet:alice")).toBeNull());
    expect(screen.getByTestId("account-row-vault:eth")).toBeTruthy();
    expect(callsOf(calls, "ListAccounts").some((c) => (c.message as { query?: string }).query === "vault")).toBe(true);
  });

  it("offers a retry when the list fails, and recovers", async () => {
    let fail = true;
    const { user } = renderApp({
      path: "/accounts",
      handlers: {
        ...handlers,
        listAccounts: (req, ctx) => {
          if (fail) throw new ConnectError("projector read model unavailable", Code.Unavailable);
          return handlers.listAccounts!(req, ctx);
        },
      },
    });
    expect(screen.getByRole("status").textContent).toContain("Loading");
    expect((await screen.findByRole("alert")).textContent).toContain("projector read model unavailable");
    fail = false;
    await user.click(screen.getByRole("button", { name: "Retry" }));
    expect(await screen.findByTestId("account-row-wallet:alice")).toBeTruthy();
  });

  it("shows an account's balances and history from the ledger", async () => {
    renderApp({ path: "/accounts/acc-alice", session: Role.VIEWER, handlers });
    const posted = await screen.findByTestId("balance-posted");
    expect(posted.textContent).toBe("1,234,567.89\u00a0USD");
    expect(posted.getAttribute("data-minor")).toBe("123456789");
    expect(screen.getByTestId("balance-available").textContent).toBe("\u221210.50\u00a0USD");
    expect(screen.getByTestId("balance-pending").textContent).toBe("\u221225.00\u00a0USD");
    const chart = await screen.findByTestId("balance-history-chart");
    expect(chart.querySelectorAll("path.chart-line")).toHaveLength(2);
    expect(chart.textContent).toContain("Available: ");
  });

  it("lets an admin change the overdraft limit, sent in minor units", async () => {
    const requests: UpdateAccountPolicyRequest[] = [];
    let current = alice;
    const { user } = renderApp({
      path: "/accounts/acc-alice",
      session: Role.ADMIN,
      handlers: {
        ...handlers,
        getAccount: () => ({ account: current }),
        updateAccountPolicy: (req) => {
          requests.push(req);
          current = { ...alice, allowOverdraft: true, overdraftLimit: req.overdraftLimit };
          return { account: current };
        },
      },
    });
    const form = await screen.findByRole("form", { name: "Account policy" });
    await user.click(within(form).getByLabelText("Allow overdraft"));
    await user.click(within(form).getByLabelText("Unlimited overdraft"));
    await user.type(within(form).getByLabelText("Overdraft limit (USD)"), "250.5");
    await user.click(within(form).getByRole("button", { name: "Save policy" }));
    expect(await screen.findByText("Policy of wallet:alice saved.")).toBeTruthy();
    expect(requests[0]).toMatchObject({ ledger: "main", accountId: "acc-alice", allowOverdraft: true, overdraftLimit: "25050", clearOverdraftLimit: false });
    expect(requests[0]?.metadata).toBeUndefined();
    await waitFor(() => expect(screen.getByTestId("account-details").textContent).toContain("Overdraft up to 250.50\u00a0USD"));
  });

  it("lets an admin create an account and shows the server's refusal", async () => {
    const requests: CreateAccountRequest[] = [];
    const { user } = renderApp({
      path: "/accounts",
      session: Role.ADMIN,
      handlers: {
        ...handlers,
        createAccount: (req) => {
          requests.push(req);
          throw new ConnectError("account wallet:alice already exists in ledger main", Code.AlreadyExists);
        },
      },
    });
    await screen.findByTestId("account-row-wallet:alice");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    const dialog = screen.getByRole("dialog", { name: "Create account" });
    await user.type(within(dialog).getByLabelText("Code"), "wallet:alice");
    await user.selectOptions(within(dialog).getByLabelText("Normal balance"), String(NormalBalance.DEBIT));
    await user.click(within(dialog).getByRole("button", { name: "Create account" }));
    expect((await within(dialog).findByRole("alert")).textContent).toContain("account wallet:alice already exists in ledger main");
    expect(requests[0]).toMatchObject({ ledger: "main", code: "wallet:alice", currency: "USD", normalBalance: NormalBalance.DEBIT, allowOverdraft: false });
  });

  it("an open hold shows the amount it holds, not the net of its legs", async () => {
    const leg = (n: number, accountId: string, accountCode: string, direction: Direction) => ({ leg: n, accountId, accountCode, currency: "USD", direction, effect: EntryEffect.HOLD, amount: "75" });
    renderApp({
      path: "/accounts/acc-alice",
      session: Role.VIEWER,
      handlers: {
        ...handlers,
        listAccountHolds: () => ({
          holds: [
            {
              id: "hold-1",
              ledger: "main",
              type: TransactionType.PENDING,
              status: TransactionStatus.PENDING,
              total: "0",
              currencies: ["USD"],
              legs: [leg(0, "acc-alice", "wallet:alice", Direction.DEBIT), leg(1, "acc-bank", "bank:usd", Direction.CREDIT)],
              createdAt: toTimestamp(new Date("2026-01-02T00:00:00Z")),
            },
          ],
        }),
      },
    });
    const held = await screen.findByTestId("hold-amount-hold-1");
    expect(held.textContent).toBe("0.75 USD");
    expect(within(screen.getByTestId("account-holds")).getByRole("columnheader", { name: "Held" })).toBeTruthy();
  });

  it("charts posted volume and transaction count per day for each currency, over the chosen period", async () => {
    const days = (n: number) => Array.from({ length: n }, (_, i) => ({ day: `2026-03-${String(i + 1).padStart(2, "0")}`, volume: String((i + 1) * 1000), transactions: BigInt(i + 1) }));
    const { user, calls } = renderApp({
      path: "/accounts",
      session: Role.VIEWER,
      handlers: {
        ...handlers,
        getTransactionVolumes: ({ days: n }) => ({
          currencies: [
            { currency: "USD", scale: 2, days: days(Math.min(n, 9)) },
            { currency: "JPY", scale: 0, days: days(3).map((d) => ({ ...d, volume: "5" })) },
          ],
        }),
      },
    });
    const usd = await screen.findByTestId("volumes-USD");
    expect(within(usd).getByTestId("volumes-USD-total").textContent).toBe("USD: 45 transactions, 450.00 USD posted");
    expect(within(usd).getByTestId("volume-chart-USD").textContent).toContain("Posted volume per day (USD)");
    expect(within(usd).getByTestId("count-chart-USD").textContent).toContain("Transactions latest 9");
    expect(screen.getByTestId("volumes-JPY-total").textContent).toBe("JPY: 6 transactions, 15 JPY posted");
    expect(callsOf(calls, "GetTransactionVolumes").map((c) => (c.message as { days: number }).days)).toEqual([30]);
    await user.selectOptions(screen.getByLabelText("Period"), "Last 7 days");
    await waitFor(() => expect(screen.getByTestId("volumes-USD-total").textContent).toBe("USD: 28 transactions, 280.00 USD posted"));
    expect(callsOf(calls, "GetTransactionVolumes").map((c) => (c.message as { days: number }).days)).toEqual([30, 7]);
  });
});
