// Code generation: protobuf (buf), typed queries (pgtyped) and the schema dump (sql/schema.sql).
// `outRoot` redirects every output into another directory so a test can compare what would be
// generated with what is committed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { postgresTool } from "./system-deps.ts";

export const ROOT = path.resolve(import.meta.dir, "../..");
const BIN = path.join(ROOT, "node_modules", ".bin");

function run(cmd: string, args: string[], env: Record<string, string> = {}, cwd = ROOT): string {
  const result = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Every query file the services own: services/<service>/src/db/*.sql */
export function queryFiles(): string[] {
  const files: string[] = [];
  for (const service of fs.readdirSync(path.join(ROOT, "services"))) {
    const dir = path.join(ROOT, "services", service, "src", "db");
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir)) if (f.endsWith(".sql")) files.push(path.join("services", service, "src", "db", f));
  }
  return files.sort();
}

export function generateProto(outRoot = ROOT): void {
  run(path.join(BIN, "buf"), ["generate", "--output", outRoot]);
}

export function generateQueries(pgUrl: string, outRoot = ROOT): void {
  if (outRoot !== ROOT) {
    for (const f of queryFiles()) {
      fs.mkdirSync(path.dirname(path.join(outRoot, f)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, f), path.join(outRoot, f));
    }
  }
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, "pgtyped.config.json"), "utf8"));
  // Relative to the working directory, so the generated headers name the same paths wherever it runs.
  config.srcDir = "./services";
  delete config.db;
  const configFile = path.join(outRoot === ROOT ? path.join(ROOT, ".cache") : outRoot, "pgtyped.generated.json");
  fs.mkdirSync(path.dirname(configFile), { recursive: true });
  fs.writeFileSync(configFile, JSON.stringify(config));
  const output = run(path.join(BIN, "pgtyped"), ["-c", configFile, "--uri", pgUrl], {}, outRoot);
  if (/Errors:|Error:/.test(output)) throw new Error(`pgtyped reported errors:\n${output}`);
  if (outRoot !== ROOT) for (const f of queryFiles()) fs.rmSync(path.join(outRoot, f));
}

export function dumpSchema(pgUrl: string, outRoot = ROOT): void {
  const dump = run(postgresTool("pg_dump"), ["--schema-only", "--no-owner", pgUrl]);
  const cleaned = dump
    .split("\n")
    // Version banners and pg_dump's per-run \restrict keys differ between runs; the schema doesn't.
    .filter((line) => !line.startsWith("-- Dumped from") && !line.startsWith("-- Dumped by") && !/^\\(un)?restrict /.test(line) && !/^SELECT pg_catalog\.set_config\('search_path'/.test(line))
    .join("\n");
  const header = "-- The schema that sql/migrations/ produce, with its grants (owners left out), dumped by `npm run generate`.\n-- Review this diff with every migration; a test fails when it is out of date.\n";
  fs.mkdirSync(path.join(outRoot, "sql"), { recursive: true });
  fs.writeFileSync(path.join(outRoot, "sql", "schema.sql"), header + cleaned);
}
