// The run's report: one JSON file with everything (figures, violations, the fault schedule as
// executed, the operations), and the one-line summary.
import fs from "node:fs";
import path from "node:path";
import type { CheckResult } from "./checker.ts";

export function summaryLine(r: CheckResult, convergedSeconds: number): string {
  const f = r.figures;
  const billingExact = f.accrualsMissing + f.accrualsExtra + f.accrualsDuplicated + f.refundsWrong + f.feePostingsWrong + f.invoicesNotPosted === 0;
  const lost = f.ackedMissing + f.kafkaMissing;
  const duplicated = f.duplicatedKeys + f.duplicatedResolutions + f.accrualsDuplicated;
  return `chaos: acked ${f.acked}, lost ${lost}, duplicated ${duplicated}, indeterminate ${f.indeterminate} (committed ${f.indeterminateCommitted}), drift ${f.drift}, billing ${billingExact ? "exact" : "NOT exact"}, converged in ${convergedSeconds.toFixed(1)} s${r.violations.length > 0 ? `, ${r.violations.length} invariant(s) FAILED` : ""}`;
}

export function writeReport(runDir: string, report: Record<string, unknown>): string {
  const file = path.join(runDir, "report.json");
  fs.writeFileSync(
    file,
    JSON.stringify(report, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2),
  );
  return file;
}
