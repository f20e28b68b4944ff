// Installs the tools that the deployment tests (k8s/*.test.ts, terraform/*.test.ts) need, into
// .cache/tools/ (gitignored). Idempotent: a tool already present at the pinned version, or built
// from the same source, is reused, so a warm run does no network and no compilation.
//
//   kustomize     go install sigs.k8s.io/kustomize/kustomize/v5 (Go module proxy)
//   k8s-validate  go build ./k8s/validate: strict decoding into k8s.io/api types
//   tf-check      go build ./terraform/wiring: HCL formatting and module wiring checks
//   promtool      the machine's promtool, else Debian's `prometheus` package unpacked (not installed)
//   terraform     the machine's terraform when present (optional; used for `fmt -check` only)
//
// Run directly (`bun scripts/infra-tools.ts`) to install and print the paths.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const KUSTOMIZE_VERSION = "v5.8.1";
/** Oldest promtool whose `test rules` understands everything the rule tests use. */
const PROMTOOL_MAJOR_MIN = 2;

const ROOT = path.resolve(import.meta.dir, "..");
const TOOLS = path.join(ROOT, ".cache", "tools");
const BIN = path.join(TOOLS, "bin");
const COMMAND_TIMEOUT_MS = 8 * 60_000;

export interface InfraTools {
  kustomize: string;
  k8sValidate: string;
  tfCheck: string;
  promtool: string;
  /** Absent on machines without terraform; the HCL checks of tf-check still run. */
  terraform: string | null;
}

interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
}

function run(command: string, args: string[], options: RunOptions = {}): string {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: COMMAND_TIMEOUT_MS,
  });
  if (result.error) throw new Error(`${command} ${args.join(" ")}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // Not in this PATH entry; keep looking.
    }
  }
  return null;
}

function goBinary(): string {
  const go = which("go") ?? (fs.existsSync("/usr/local/go/bin/go") ? "/usr/local/go/bin/go" : null);
  if (!go) throw new Error("Go is required to build kustomize and the validators (apt-get install golang-go, or a Go toolchain on PATH)");
  return go;
}

/** Moves a freshly built file into place atomically, so concurrent installers never see half a binary. */
function publish(built: string, target: string): string {
  fs.chmodSync(built, 0o755);
  fs.renameSync(built, target);
  return target;
}

function ensureKustomize(): string {
  const target = path.join(BIN, `kustomize-${KUSTOMIZE_VERSION}`);
  if (fs.existsSync(target)) return target;
  const gobin = fs.mkdtempSync(path.join(TOOLS, "gobin-"));
  try {
    run(goBinary(), ["install", `sigs.k8s.io/kustomize/kustomize/v5@${KUSTOMIZE_VERSION}`], {
      env: { GOBIN: gobin, GOFLAGS: "-mod=mod", CGO_ENABLED: "0" },
    });
    return publish(path.join(gobin, "kustomize"), target);
  } finally {
    fs.rmSync(gobin, { recursive: true, force: true });
  }
}

/** Hash of a Go program's sources, so an edited validator is rebuilt and an unchanged one is not. */
function sourceHash(dir: string): string {
  const hash = createHash("sha256");
  for (const name of fs.readdirSync(dir).sort()) {
    if (!/\.(go|mod|sum)$/.test(name)) continue;
    hash.update(name);
    hash.update(fs.readFileSync(path.join(dir, name)));
  }
  return hash.digest("hex").slice(0, 16);
}

function ensureGoProgram(name: string, relativeDir: string): string {
  const dir = path.join(ROOT, relativeDir);
  const target = path.join(BIN, `${name}-${sourceHash(dir)}`);
  if (fs.existsSync(target)) return target;
  const built = `${target}.tmp-${process.pid}`;
  run(goBinary(), ["build", "-trimpath", "-o", built, "."], { cwd: dir, env: { GOFLAGS: "-mod=mod", CGO_ENABLED: "0" } });
  for (const stale of fs.readdirSync(BIN)) {
    if (stale.startsWith(`${name}-`) && !stale.includes(".tmp-")) fs.rmSync(path.join(BIN, stale), { force: true });
  }
  return publish(built, target);
}

function promtoolWorks(candidate: string): boolean {
  const result = spawnSync(candidate, ["--version"], { encoding: "utf8" });
  const version = /version (\d+)\./.exec(`${result.stdout}${result.stderr}`);
  return result.status === 0 && version !== null && Number(version[1]) >= PROMTOOL_MAJOR_MIN;
}

/**
 * promtool ships in Debian's `prometheus` package. The package is downloaded and unpacked under
 * .cache/tools rather than installed, so no Prometheus daemon is set up on the machine.
 */
function ensurePromtool(): string {
  const onPath = which("promtool");
  if (onPath && promtoolWorks(onPath)) return onPath;
  const unpacked = path.join(TOOLS, "prometheus", "usr", "bin", "promtool");
  if (fs.existsSync(unpacked) && promtoolWorks(unpacked)) return unpacked;
  const debs = fs.mkdtempSync(path.join(TOOLS, "deb-"));
  try {
    try {
      run("apt-get", ["download", "prometheus"], { cwd: debs });
    } catch {
      // The package lists may be missing or stale on a fresh machine.
      run("apt-get", ["update"]);
      run("apt-get", ["download", "prometheus"], { cwd: debs });
    }
    const deb = fs.readdirSync(debs).find((name) => name.endsWith(".deb"));
    if (!deb) throw new Error("apt-get download prometheus produced no .deb");
    const staging = path.join(TOOLS, `prometheus.tmp-${process.pid}`);
    fs.rmSync(staging, { recursive: true, force: true });
    run("dpkg-deb", ["-x", path.join(debs, deb), staging]);
    fs.rmSync(path.join(TOOLS, "prometheus"), { recursive: true, force: true });
    fs.renameSync(staging, path.join(TOOLS, "prometheus"));
  } finally {
    fs.rmSync(debs, { recursive: true, force: true });
  }
  if (!promtoolWorks(unpacked)) throw new Error(`promtool unpacked at ${unpacked} does not run`);
  return unpacked;
}

let installed: InfraTools | null = null;

/** Installs (once per process, and once per machine thanks to the cache) and returns the tool paths. */
export function ensureInfraTools(): InfraTools {
  if (installed) return installed;
  fs.mkdirSync(BIN, { recursive: true });
  installed = {
    kustomize: ensureKustomize(),
    k8sValidate: ensureGoProgram("k8s-validate", "k8s/validate"),
    tfCheck: ensureGoProgram("tf-check", "terraform/wiring"),
    promtool: ensurePromtool(),
    terraform: which("terraform"),
  };
  return installed;
}

if (import.meta.main) {
  const started = performance.now();
  const tools = ensureInfraTools();
  for (const [name, location] of Object.entries(tools)) console.log(`${name.padEnd(12)} ${location ?? "(not on this machine)"}`);
  console.log(`ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
