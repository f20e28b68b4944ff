// The session feature as the app and other features use it: only what is listed here is public;
// everything else under features/session is its own (biome.json refuses imports of it from outside).
export { roleLabel } from "./api/session.ts";
export { Can } from "./components/can.tsx";
export { LedgerSwitcher } from "./components/ledger-switcher.tsx";
export { SessionGate } from "./components/session-gate.tsx";
export { UserMenu } from "./components/user-menu.tsx";
export { type AdminMethod, useCan, useHeldLedgers } from "./hooks/use-session.ts";
