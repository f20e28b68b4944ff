// Builds the Go and Python example clients from proto/: installs their code generators and
// libraries (the Go module proxy, PyPI), generates the ledger's client code, and compiles. Every
// step lands under .cache/examples and .cache/go and is skipped when its inputs are unchanged, so
// a second run costs a hash. A missing toolchain (go, python3 with venv) is an error that says so.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dir, "..");
const CACHE = path.join(ROOT, ".cache");
const BUF = path.join(ROOT, "node_modules", ".bin", "buf");
const GO_PLUGINS = ["google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12", "google.golang.org/grpc/cmd/protoc-gen-go-grpc@v1.6.2"];
const GEN_GO_MOD = `module github.com/ledgerflow/ledgerflow/gen/go

go 1.24

require (
\tgoogle.golang.org/grpc v1.85.0
\tgoogle.golang.org/protobuf v1.36.12
)
`;
const STEP_TIMEOUT_MS = 8 * 60_000;

function run(cmd: string, args: string[], o: { cwd?: string; env?: Record<string, string> } = {}): string {
  const result = spawnSync(cmd, args, { cwd: o.cwd ?? ROOT, encoding: "utf8", env: { ...process.env, ...o.env }, timeout: STEP_TIMEOUT_MS });
  if (result.error) throw new Error(`${cmd} could not run (${result.error.message}); is it installed?`);
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function needTool(tool: string, hint: string): void {
  const found = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" });
  if (found.status !== 0) throw new Error(`${tool} is not installed: ${hint}`);
}

/** Hash of files' contents and extra strings: a step's inputs. */
function digest(files: string[], extra: string[] = []): string {
  const h = createHash("sha256");
  for (const f of files) h.update(f).update(fs.readFileSync(path.join(ROOT, f)));
  for (const e of extra) h.update(e);
  return h.digest("hex");
}

/** Runs `step` unless the stamp holds this digest and every output exists. */
function cached(stamp: string, key: string, outputs: string[], step: () => void): void {
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === key && outputs.every((o) => fs.existsSync(o))) return;
  step();
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, key);
}

const LEDGER_PROTO = "proto/ledgerflow/ledger/v1/ledger.proto";
/** What ledger.proto imports from proto/: its field rules (protovalidate, vendored) and the predefined ones. */
const RULE_PROTOS = ["proto/ledgerflow/ledger/v1/rules.proto", "proto/buf/validate/validate.proto"];

/** The Go client binary (examples/go), built against code generated from proto/. */
export function prepareGoClient(): string {
  needTool("go", "the Go toolchain (https://go.dev/doc/install, or the golang package of your distribution) is needed for examples/go");
  const goDir = path.join(CACHE, "go");
  const env = { GOBIN: path.join(goDir, "bin"), GOMODCACHE: path.join(goDir, "mod"), GOCACHE: path.join(goDir, "build"), GOFLAGS: "-modcacherw -buildvcs=false" };
  const plugins = GO_PLUGINS.map((p) => path.join(env.GOBIN, p.split("@")[0]!.split("/").at(-1)!));
  cached(path.join(goDir, "plugins.stamp"), GO_PLUGINS.join(" "), plugins, () => {
    for (const p of GO_PLUGINS) run("go", ["install", p], { env });
  });
  const out = path.join(CACHE, "examples", "go");
  const gen = path.join(out, "gen");
  const genKey = digest([LEDGER_PROTO, ...RULE_PROTOS, "examples/go/buf.gen.yaml"], [GEN_GO_MOD, ...GO_PLUGINS]);
  cached(path.join(out, "gen.stamp"), genKey, [path.join(gen, "go.mod")], () => {
    fs.rmSync(gen, { recursive: true, force: true });
    run(BUF, ["generate", "--template", "examples/go/buf.gen.yaml", "--output", path.relative(ROOT, gen)], { env: { PATH: `${env.GOBIN}:${process.env.PATH}` } });
    fs.writeFileSync(path.join(gen, "go.mod"), GEN_GO_MOD);
  });
  const binary = path.join(out, "client");
  cached(path.join(out, "build.stamp"), digest(["examples/go/main.go", "examples/go/go.mod", "examples/go/go.sum"], [genKey]), [binary], () => {
    run("go", ["build", "-o", binary, "."], { cwd: path.join(ROOT, "examples", "go"), env });
  });
  return binary;
}

/** The command that runs the Python client (examples/python), in a venv with code generated from proto/. */
export function preparePythonClient(): string[] {
  needTool("python3", "Python 3 with the venv module is needed for examples/python");
  const out = path.join(CACHE, "examples", "python");
  const venv = path.join(out, "venv");
  const python = path.join(venv, "bin", "python");
  cached(path.join(out, "venv.stamp"), digest(["examples/python/requirements.txt"]), [python], () => {
    fs.rmSync(venv, { recursive: true, force: true });
    run("python3", ["-m", "venv", venv]);
    run(python, ["-m", "pip", "install", "--no-input", "--disable-pip-version-check", "-r", path.join(ROOT, "examples/python/requirements.txt")]);
  });
  const gen = path.join(out, "gen");
  cached(path.join(out, "gen.stamp"), digest([LEDGER_PROTO, ...RULE_PROTOS, "examples/python/requirements.txt"]), [path.join(gen, "ledgerflow/ledger/v1/ledger_pb2_grpc.py")], () => {
    fs.rmSync(gen, { recursive: true, force: true });
    fs.mkdirSync(gen, { recursive: true });
    run(python, ["-m", "grpc_tools.protoc", "-Iproto", `--python_out=${gen}`, `--grpc_python_out=${gen}`, LEDGER_PROTO, ...RULE_PROTOS]);
  });
  return ["env", `PYTHONPATH=${gen}`, python, path.join(ROOT, "examples/python/client.py")];
}
