// The dlq feature as the app and other features use it: only what is listed here is public;
// everything else under features/dlq is its own (biome.json refuses imports of it from outside).
export { DeadLetterPage } from "./components/dead-letter-page.tsx";
export { DlqPage } from "./components/dlq-page.tsx";
export { dlqFiltersSlice } from "./stores/dlq-filters.ts";
