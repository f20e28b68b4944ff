// The transactions feature as the app and other features use it: only what is listed here is public;
// everything else under features/transactions is its own (biome.json refuses imports of it from outside).
export { transactionKeys } from "./api/transactions.ts";
export { PostTransactionPage } from "./components/post-transaction-page.tsx";
export { TransactionPage } from "./components/transaction-page.tsx";
export { TransactionsPage } from "./components/transactions-page.tsx";
export { transactionsFiltersSlice } from "./stores/transactions-filters.ts";
export { heldByCurrency } from "./utils/balance.ts";
