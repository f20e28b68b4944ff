// The billing feature as the app and other features use it: only what is listed here is public;
// everything else under features/billing is its own (biome.json refuses imports of it from outside).
export { BillingPage } from "./components/billing-page.tsx";
export { billingUiSlice } from "./stores/billing-ui.ts";
