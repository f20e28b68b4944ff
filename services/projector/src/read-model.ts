// @ledgerflow/projector/read-model: operations on the read model for the commands and tests that
// own a database (generate, bench, chaos): create its schema, rebuild it from the event stream,
// and compare it with the journal.
export { ensureReadModel } from "./projector.ts";
export { checkDrift, compareBalances, type DriftReport } from "./drift.ts";
export { rebuildReadModel, RebuildRefusedError, type RebuildOptions, type RebuildResult } from "./rebuild.ts";
