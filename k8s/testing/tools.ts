// Shared by the deployment tests: runs the tools installed by scripts/infra-tools.ts.
import { spawnSync } from "node:child_process";
import path from "node:path";
import type { Service } from "@ledgerflow/platform/db";

export const ROOT = path.resolve(import.meta.dir, "../..");
/** First run builds kustomize and the validators with Go; later runs reuse .cache/tools. */
export const INSTALL_TIMEOUT_MS = 10 * 60_000;

export interface Result {
  status: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], input?: string, cwd: string = ROOT): Result {
  const result = spawnSync(command, args, { cwd, input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a command that must succeed, and returns its stdout. */
export function ok(command: string, args: string[], input?: string, cwd?: string): string {
  const result = run(command, args, input, cwd);
  if (result.status !== 0) throw new Error(`${path.basename(command)} ${args.join(" ")} failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
  return result.stdout;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  /** Untyped here: the Go validator has already checked every field's type. */
  spec?: any;
  data?: Record<string, string>;
}

/** Every metric name a PromQL or LogQL expression mentions (ledgerflow_ names only). */
export function metricNames(expr: string): string[] {
  return [...new Set(expr.match(/\bledgerflow_[a-z0-9_]+/g) ?? [])];
}

/** A name queried is known when it, or its histogram base name, is in the catalog. */
export function inCatalog(name: string, catalog: Set<string>): boolean {
  return catalog.has(name) || catalog.has(name.replace(/_(bucket|sum|count)$/, ""));
}

/** The database role each deployed service connects as (sql/migrations/0041, SERVICE_ROLES). */
export const DATABASE_SERVICE: Record<string, Service> = { ledger: "ledger", relay: "relay", projector: "projector", billing: "billing", "admin-api": "admin" };
