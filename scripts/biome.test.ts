// The linter and formatter (Biome, biome.jsonc) over the whole tree: any finding, lint or
// format, fails the tests. `npm run format` rewrites the tree in the house format;
// `npm run check` shows the findings.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dir, "..");
const BIOME = path.join(ROOT, "node_modules/.bin/biome");

interface Diagnostic {
  category: string;
  severity: string;
  message: string;
  location: { path: string; start?: { line: number; column: number } };
}

function biome(args: string[], cwd: string): { status: number | null; diagnostics: Diagnostic[]; stderr: string } {
  const result = spawnSync(BIOME, [...args, "--reporter=json", "--max-diagnostics=none"], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const report = result.stdout.trim() ? (JSON.parse(result.stdout) as { diagnostics: Diagnostic[] }) : { diagnostics: [] };
  return { status: result.status, diagnostics: report.diagnostics, stderr: result.stderr };
}

const where = (d: Diagnostic) => `${d.location.path}:${d.location.start?.line ?? 0} ${d.category}: ${d.message}`;

test("biome check (lint and format) finds nothing in the tree", () => {
  const result = biome(["check", "."], ROOT);
  expect(result.diagnostics.map(where)).toEqual([]);
  expect(result.status, result.stderr).toBe(0);
}, 60_000);

let probe: string;
beforeAll(() => {
  probe = fs.mkdtempSync(path.join(os.tmpdir(), "ledgerflow-biome-"));
  fs.copyFileSync(path.join(ROOT, "biome.jsonc"), path.join(probe, "biome.jsonc"));
});
afterAll(() => fs.rmSync(probe, { recursive: true, force: true }));

/** Lints one file written at `file` (repository-relative) under the project's configuration. */
function lintAt(file: string, text: string): string[] {
  fs.mkdirSync(path.dirname(path.join(probe, file)), { recursive: true });
  fs.writeFileSync(path.join(probe, file), text);
  try {
    return biome(["lint", "--vcs-enabled=false", file], probe).diagnostics.map((d) => `${d.location.start?.line}: ${d.category}`);
  } finally {
    fs.rmSync(path.join(probe, file));
  }
}

test("the linter refuses imports across package boundaries, and allows the public entries", () => {
  const findings = lintAt(
    "services/relay/src/probe.ts",
    [
      'import { createLogger } from "@ledgerflow/platform/src/log.ts";',
      'import { startTestLedger } from "../../ledger/src/testing/ledger-server.ts";',
      'import { startBroker } from "../../../scripts/lib/kafka-broker.ts";',
      'import { LedgerService } from "../../../proto/gen/ledgerflow/ledger/v1/ledger_pb.ts";',
      'import { connect } from "@ledgerflow/platform/db";',
      'import { Relay } from "./relay.ts";',
      "export const all = [createLogger, startTestLedger, startBroker, LedgerService, connect, Relay];",
      "",
    ].join("\n"),
  );
  expect(findings).toEqual(["1: lint/style/noRestrictedImports", "2: lint/style/noRestrictedImports", "3: lint/style/noRestrictedImports", "4: lint/style/noRestrictedImports"]);
});

test("the linter refuses a dashboard feature reaching into another's internals, and allows its index", () => {
  const findings = lintAt(
    "web/src/features/billing/components/probe.ts",
    [
      'import { useCurrencies } from "../../accounts/hooks/use-currencies.ts";',
      'import { AccountCodeInput } from "../../accounts/index.ts";',
      'import { Table } from "../../../components/table.tsx";',
      'import { billingKeys } from "../api/billing.ts";',
      "export const all = [useCurrencies, AccountCodeInput, Table, billingKeys];",
      "",
    ].join("\n"),
  );
  expect(findings).toEqual(["1: lint/style/noRestrictedImports"]);
  expect(lintAt("web/src/app/probe.ts", 'import { AccountsPage } from "../features/accounts/components/accounts-page.tsx";\nexport const page = AccountsPage;\n')).toEqual(["1: lint/style/noRestrictedImports"]);
});
