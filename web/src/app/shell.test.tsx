import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { account } from "../test/fixtures.ts";
import { callsOf, renderApp } from "../test/render-app.tsx";

describe("app shell", () => {
  it("sends the ledger chosen in preferences with every call", async () => {
    const { user, calls } = renderApp({
      path: "/preferences",
      handlers: { listAccounts: () => ({ accounts: [account({ ledger: "tenant-a" })] }), listCurrencies: () => ({ currencies: [] }) },
    });
    const input = await screen.findByLabelText("Ledger (book) name");
    await user.clear(input);
    await user.type(input, "tenant-a");
    await user.click(screen.getByRole("button", { name: "Use ledger" }));
    expect(screen.getByTestId("current-ledger").textContent).toContain("tenant-a");
    await user.click(within(screen.getByRole("navigation", { name: "Main" })).getByRole("link", { name: "Accounts" }));
    await screen.findByTestId("account-row-wallet:alice");
    expect(callsOf(calls, "ListAccounts").map((c) => (c.message as { ledger: string }).ledger)).toEqual(["tenant-a"]);
  });

  it("keeps a page's failure inside the page", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { user } = renderApp({
      path: "/accounts",
      handlers: {
        // A limit that is not an integer cannot be formatted: the page fails to render.
        listAccounts: () => ({ accounts: [account({ allowOverdraft: true, overdraftLimit: "ten" })] }),
        listCurrencies: () => ({ currencies: [] }),
        getHealth: () => ({ components: [] }),
      },
    });
    const failure = await screen.findByTestId("page-error");
    expect(failure.textContent).toContain("This page failed");
    expect(within(failure).getByRole("button", { name: "Try again" })).toBeTruthy();
    await user.click(screen.getByRole("link", { name: "Health" }));
    await waitFor(() => expect(screen.queryByTestId("page-error")).toBeNull());
    expect(await screen.findByTestId("overall-status")).toBeTruthy();
    expect(logged.mock.calls.some((args) => String(args[0]).includes('page "/accounts" failed to render'))).toBe(true);
  });

  it("shows times in the reader's locale with the exact UTC instant", async () => {
    renderApp({
      path: "/accounts",
      handlers: { listAccounts: () => ({ accounts: [account({ updatedAt: { seconds: 1767323045n, nanos: 123456000 } })] }), listCurrencies: () => ({ currencies: [] }) },
    });
    const row = await screen.findByTestId("account-row-wallet:alice");
    const time = row.querySelector("time");
    expect(time?.getAttribute("dateTime")).toBe("2026-01-02T03:04:05.123Z");
    expect(time?.getAttribute("title")).toBe("2026-01-02T03:04:05.123456Z");
  });

  it("marks the current section in the navigation", async () => {
    renderApp({ path: "/transactions/tx-1", handlers: { getTransaction: () => ({}), listCurrencies: () => ({ currencies: [] }) } });
    const nav = await screen.findByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Transactions" }).getAttribute("aria-current")).toBe("page");
    expect(within(nav).getByRole("link", { name: "Post transaction" }).getAttribute("aria-current")).toBeNull();
  });
});
