// The accounts feature as the app and other features use it: only what is listed here is public;
// everything else under features/accounts is its own (biome.json refuses imports of it from outside).
export { accountKeys } from "./api/accounts.ts";
export { AccountCodeInput } from "./components/account-code-input.tsx";
export { AccountPage } from "./components/account-page.tsx";
export { AccountsPage } from "./components/accounts-page.tsx";
export { type AccountLookup, useAccountByCode, useAccountLookups } from "./hooks/use-account-by-code.ts";
export { useCurrencies } from "./hooks/use-currencies.ts";
export { accountsFiltersSlice } from "./stores/accounts-filters.ts";
