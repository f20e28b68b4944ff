// The audit feature as the app and other features use it: only what is listed here is public;
// everything else under features/audit is its own (biome.json refuses imports of it from outside).
export { AuditPage } from "./components/audit-page.tsx";
export { RolesPage } from "./components/roles-page.tsx";
export { auditFiltersSlice } from "./stores/audit-filters.ts";
