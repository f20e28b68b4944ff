import { Role } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { account, sessionWithGrants } from "../test/fixtures.ts";
import { callsOf, renderApp, type Handlers } from "../test/render-app.tsx";

const handlers: Handlers = {
  getHealth: () => ({ components: [] }),
  listCurrencies: () => ({ currencies: [{ code: "USD", scale: 2 }] }),
  listAccounts: (req) => ({ accounts: [account({ ledger: req.ledger, code: `wallet:${req.ledger}` })] }),
  searchTransactions: () => ({ transactions: [] }),
};

function navLinks(): string[] {
  return within(screen.getByRole("navigation", { name: "Main" }))
    .getAllByRole("link")
    .map((a) => a.textContent ?? "");
}

const ledgersOfCalls = (calls: ReturnType<typeof renderApp>["calls"], method: string) => callsOf(calls, method).map((c) => (c.message as { ledger: string }).ledger);

describe("ledgers held", () => {
  it("offers only the ledgers the user holds, leaves a saved ledger they do not hold, and follows the role on the chosen one", async () => {
    const { user, calls } = renderApp({
      path: "/accounts",
      session: sessionWithGrants({ acme: Role.OPERATOR, globex: Role.VIEWER }),
      preferences: { ledger: "main" },
      handlers,
    });
    const switcher = await screen.findByTestId("ledger-switcher");
    expect(
      within(switcher)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["acme", "globex"]);
    // "main" is not held: the first held ledger is chosen, and nothing is asked of "main".
    await screen.findByTestId("account-row-wallet:acme");
    expect((switcher as HTMLSelectElement).value).toBe("acme");
    expect(ledgersOfCalls(calls, "ListAccounts")).not.toContain("main");
    expect(screen.getByTestId("user-role").textContent).toContain("Operator");
    expect(navLinks()).toContain("Post transaction");
    // Dead letters need a role on every ledger; a tenant does not see them.
    expect(navLinks()).not.toContain("Dead letters");

    await user.selectOptions(switcher, "globex");
    await screen.findByTestId("account-row-wallet:globex");
    expect(ledgersOfCalls(calls, "ListAccounts").at(-1)).toBe("globex");
    expect(screen.getByTestId("user-role").textContent).toContain("Viewer");
    expect(navLinks()).not.toContain("Post transaction");
  });

  it("lets a user holding every ledger name any ledger, as before", async () => {
    renderApp({ path: "/accounts", session: Role.VIEWER, preferences: { ledger: "tenant-z" }, handlers });
    await screen.findByTestId("account-row-wallet:tenant-z");
    expect(screen.queryByTestId("ledger-switcher")).toBeNull();
    expect(screen.getByTestId("current-ledger").textContent).toContain("tenant-z");
  });

  it("on the preferences page, a tenant chooses among their ledgers only", async () => {
    const { user, store } = renderApp({ path: "/preferences", session: sessionWithGrants({ acme: Role.VIEWER, globex: Role.ADMIN }), preferences: { ledger: "acme" }, handlers });
    const select = await screen.findByLabelText("Ledger (book)");
    expect(
      within(select)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["acme", "globex"]);
    expect(screen.queryByLabelText("Ledger (book) name")).toBeNull();
    await user.selectOptions(select, "globex");
    expect(store.getState().preferences.ledger).toBe("globex");
    await waitFor(() => expect(screen.getByTestId("user-role").textContent).toContain("Admin"));
  });
});

describe("role mappings on ledgers", () => {
  it("sets a mapping on the ledgers typed, or on every ledger when none is", async () => {
    const sent: { claimValue: string; ledgers: string[] }[] = [];
    const { user } = renderApp({
      path: "/roles",
      session: Role.ADMIN,
      handlers: {
        listRoleMappings: () => ({
          claim: "groups",
          mappings: [
            { claimValue: "ledgerflow-admins", role: Role.ADMIN, ledgers: ["*"] },
            { claimValue: "acme-operators", role: Role.OPERATOR, ledgers: ["acme"] },
          ],
        }),
        setRoleMapping: (req) => {
          sent.push({ claimValue: req.claimValue, ledgers: req.ledgers });
          return { mapping: { claimValue: req.claimValue, role: req.role, ledgers: req.ledgers } };
        },
      },
    });
    const table = await screen.findByTestId("role-mappings-table");
    const rows = within(table).getAllByRole("row");
    expect(within(rows[1]!).getByText("Every ledger")).toBeTruthy();
    expect(within(rows[2]!).getByText("acme")).toBeTruthy();
    await user.type(screen.getByLabelText("Claim value (groups)"), "globex-team");
    await user.type(screen.getByLabelText("On ledgers"), "globex, initech");
    await user.click(screen.getByRole("button", { name: "Save mapping" }));
    await waitFor(() => expect(sent).toEqual([{ claimValue: "globex-team", ledgers: ["globex", "initech"] }]));
    await user.type(screen.getByLabelText("Claim value (groups)"), "everyone");
    await user.click(screen.getByRole("button", { name: "Save mapping" }));
    await waitFor(() => expect(sent.at(-1)).toEqual({ claimValue: "everyone", ledgers: ["*"] }));
  });
});
