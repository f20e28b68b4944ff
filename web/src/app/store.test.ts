import { describe, expect, it } from "vitest";
import { ledgerChosen, refreshIntervalChosen, themeChosen } from "../stores/preferences.ts";
import { createAppStore } from "./store.ts";

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe("preferences", () => {
  it("persist to storage and come back on the next start", () => {
    const storage = memoryStorage();
    const store = createAppStore({ storage });
    store.dispatch(ledgerChosen("  tenant-a "));
    store.dispatch(themeChosen("dark"));
    store.dispatch(refreshIntervalChosen(10_000));
    const again = createAppStore({ storage });
    expect(again.getState().preferences).toEqual({ ledger: "tenant-a", theme: "dark", refreshIntervalMs: 10_000 });
  });

  it("ignore invalid saved values and invalid choices", () => {
    const storage = memoryStorage({ "ledgerflow.admin.preferences.v1": JSON.stringify({ ledger: "has space", theme: "neon", refreshIntervalMs: 7 }) });
    const store = createAppStore({ storage });
    expect(store.getState().preferences).toEqual({ ledger: "main", theme: "system", refreshIntervalMs: 5_000 });
    store.dispatch(ledgerChosen(""));
    store.dispatch(refreshIntervalChosen(1));
    expect(store.getState().preferences.ledger).toBe("main");
    expect(store.getState().preferences.refreshIntervalMs).toBe(5_000);
    expect(createAppStore({ storage: memoryStorage({ "ledgerflow.admin.preferences.v1": "{not json" }) }).getState().preferences.ledger).toBe("main");
  });

  it("keep server state out of the store", () => {
    const keys = Object.keys(createAppStore().getState()).sort();
    expect(keys).toEqual(["accountsFilters", "auditFilters", "billingUi", "dlqFilters", "preferences", "toasts", "transactionsFilters"]);
  });
});
