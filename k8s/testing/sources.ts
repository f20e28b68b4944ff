// What a service's code needs at run time, read from its sources: the files its entry module
// reaches through imports (workspace packages included, type-only imports left out since Bun
// erases them), the npm packages and data directories those files use, and the environment
// variables they read. The image and deployment checks compare this with what is shipped.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./tools.ts";

export interface RuntimeSources {
  /** Repository-relative paths of every module reached from the entry. */
  files: string[];
  /** Workspace import specifiers as written, e.g. @ledgerflow/ledger/balances. */
  workspaceImports: string[];
  /** npm packages imported by name (scope included), node: and bun built-ins left out. */
  packages: string[];
  /** Directories resolved from import.meta.dir, repository-relative (e.g. sql/read). */
  dataDirs: string[];
}

/** @ledgerflow/<name> → its directory, from the root package.json's workspaces. */
export function workspaces(): Map<string, string> {
  const patterns: string[] = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).workspaces;
  const dirs = patterns.flatMap((p) => (p.endsWith("/*") ? fs.readdirSync(path.join(ROOT, p.slice(0, -2))).map((d) => `${p.slice(0, -2)}/${d}`) : [p]));
  const out = new Map<string, string>();
  for (const dir of dirs) {
    const file = path.join(ROOT, dir, "package.json");
    if (fs.existsSync(file)) out.set(JSON.parse(fs.readFileSync(file, "utf8")).name, dir);
  }
  return out;
}

/**
 * The repository-relative file a workspace import names, through the `exports` map of that
 * package's package.json (exact subpaths, then `*` patterns), as Bun and Node resolve it.
 */
export function resolveWorkspaceImport(spec: string, packages: Map<string, string> = workspaces()): string {
  const name = spec.split("/").slice(0, 2).join("/");
  const dir = packages.get(name);
  if (!dir) throw new Error(`${spec}: ${name} is not a workspace`);
  const subpath = `.${spec.slice(name.length)}`;
  const exports: Record<string, string> | undefined = JSON.parse(fs.readFileSync(path.join(ROOT, dir, "package.json"), "utf8")).exports;
  if (!exports) return path.posix.join(dir, subpath);
  const exact = exports[subpath];
  if (exact) return path.posix.join(dir, exact);
  for (const [pattern, target] of Object.entries(exports)) {
    const star = pattern.indexOf("*");
    if (star < 0 || !subpath.startsWith(pattern.slice(0, star)) || !subpath.endsWith(pattern.slice(star + 1))) continue;
    const matched = subpath.slice(star, subpath.length - (pattern.length - star - 1));
    return path.posix.join(dir, target.replace("*", matched));
  }
  throw new Error(`${spec}: not exported by ${dir}/package.json`);
}

// Static imports and re-exports (one statement, possibly over several lines), side-effect
// imports and dynamic imports with a literal specifier.
const STATIC = /(?:^|\n)[ \t]*(?:import|export)[ \t]+(type[ \t]+)?[\w$*\s,{}]*?\bfrom[ \t]+"([^"]+)"/g;
const BARE = /(?:^|\n)[ \t]*import[ \t]+"([^"]+)"/g;
const DYNAMIC = /\bimport\(\s*"([^"]+)"\s*\)/g;
const DATA_DIR = /path\.resolve\(import\.meta\.dir,\s*"([^"]+)"\)/g;

export function runtimeSources(entry: string): RuntimeSources {
  const packages = workspaces();
  const seen = new Set<string>();
  const workspaceImports = new Set<string>();
  const npm = new Set<string>();
  const dataDirs = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    if (!fs.existsSync(path.join(ROOT, file))) throw new Error(`${file} is imported but does not exist`);
    seen.add(file);
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    const specifiers = [...[...text.matchAll(STATIC)].filter((m) => !m[1]).map((m) => m[2]!), ...[...text.matchAll(BARE)].map((m) => m[1]!), ...[...text.matchAll(DYNAMIC)].map((m) => m[1]!)];
    for (const spec of specifiers) {
      if (spec.startsWith(".")) {
        pending.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)));
        continue;
      }
      if (spec.startsWith("node:") || spec === "bun" || spec.startsWith("bun:")) continue;
      const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!;
      const dir = packages.get(name);
      if (dir) {
        workspaceImports.add(spec);
        pending.push(resolveWorkspaceImport(spec, packages));
      } else {
        npm.add(name);
      }
    }
    for (const m of text.matchAll(DATA_DIR)) dataDirs.add(path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!)));
  }
  return { files: [...seen].sort(), workspaceImports: [...workspaceImports].sort(), packages: [...npm].sort(), dataDirs: [...dataDirs].sort() };
}

/** Given to every service though its own code may not read them: libraries read NODE_ENV, the AWS credential chain AWS_REGION. */
export const PLATFORM_ENV = new Set(["NODE_ENV", "AWS_REGION"]);

export interface EnvironmentUse {
  /** Every variable the code reads. */
  read: Set<string>;
  /** Variables read without a default (the platform's `str(env, NAME)`): the process stops without them. */
  required: Set<string>;
}

export function environmentUse(files: string[]): EnvironmentUse {
  const read = new Set<string>();
  const required = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const m of text.matchAll(/\b(str|optional|int|bool|tokens)\(env,\s*"([A-Z][A-Z0-9_]*)"(\s*\))?/g)) {
      read.add(m[2]!);
      if (m[1] === "str" && m[3]) required.add(m[2]!);
    }
    for (const m of text.matchAll(/\b(?:process\.)?env\.([A-Z][A-Z0-9_]*)\b/g)) read.add(m[1]!);
  }
  return { read, required };
}

/** The runtime sources of services/<name>, from its main module. */
export function serviceSources(name: string): RuntimeSources {
  return runtimeSources(`services/${name}/src/main.ts`);
}
