// `buf breaking` (the FILE rules of buf.yaml) between the proto of this checkout and the proto of
// the main branch, so a change that would break generated clients or stored events fails the
// tests, and proof that the check can fail.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dir, "..");
const BUF = path.join(ROOT, "node_modules/.bin/buf");
/** The main branch, as a local branch (a clone on main) or as the remote's (a clone of a feature branch). */
const MAIN_REFS = ["main", "origin/main"];

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "ledgerflow-buf-breaking-"));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function git(...args: string[]): string | undefined {
  const result = spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * The commit to compare with: where this branch left main (the merge-base), not main's tip. On a
 * feature branch, main's tip may hold proto changes made after the branch started (a field added
 * there would look removed here), so only the branch's own changes are judged; after the merge
 * the next run judges the result. In a clone on main the merge-base is HEAD, so uncommitted
 * changes are judged against the last commit. A shallow clone that lacks the common history
 * falls back to main's tip.
 */
function baseCommit(): { commit: string; from: string } {
  for (const ref of MAIN_REFS) {
    const tip = git("rev-parse", "--verify", "--quiet", `${ref}^{commit}`);
    if (!tip) continue;
    const base = git("merge-base", "HEAD", tip);
    return { commit: base ?? tip, from: base ? `merge-base of HEAD and ${ref}` : `${ref} (no common history)` };
  }
  throw new Error(`none of ${MAIN_REFS.join(", ")} is a commit here: fetch the main branch (git fetch origin main)`);
}

/**
 * The proto (with the vendored protovalidate rules, proto/buf, where the commit has them) and
 * buf.yaml of a commit, unpacked into a folder. `git archive` rather than buf's own
 * `.git#ref=…` input: it also works in a linked worktree, where `.git` is a file.
 */
function checkout(commit: string, into: string): string {
  fs.mkdirSync(into, { recursive: true });
  const archive = spawnSync("git", ["archive", "--format=tar", commit, "buf.yaml", "proto"], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  expect(archive.status, archive.stderr?.toString()).toBe(0);
  const untar = spawnSync("tar", ["-x", "-C", into], { input: archive.stdout });
  expect(untar.status, untar.stderr?.toString()).toBe(0);
  return into;
}

function bufBreaking(input: string, against: string) {
  const result = spawnSync(BUF, ["breaking", input, "--against", against], { cwd: ROOT, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test("the proto makes no breaking change against the main branch", () => {
  const base = baseCommit();
  const against = checkout(base.commit, path.join(work, "base"));
  const result = bufBreaking(ROOT, against);
  expect(result.output, `buf breaking against ${base.from} (${base.commit})`).toBe("");
  expect(result.status).toBe(0);
});

test("buf breaking fails on a renumbered field and on a removed one", () => {
  const copy = path.join(work, "changed");
  fs.mkdirSync(path.join(copy, "proto"), { recursive: true });
  fs.copyFileSync(path.join(ROOT, "buf.yaml"), path.join(copy, "buf.yaml"));
  fs.cpSync(path.join(ROOT, "proto/ledgerflow"), path.join(copy, "proto/ledgerflow"), { recursive: true });
  fs.cpSync(path.join(ROOT, "proto/buf"), path.join(copy, "proto/buf"), { recursive: true });
  const file = path.join(copy, "proto/ledgerflow/ledger/v1/ledger.proto");
  const original = fs.readFileSync(file, "utf8");
  const account = /^message Account \{\n[\s\S]*?^\}\n/m.exec(original)?.[0];
  expect(account, "ledger.proto no longer declares message Account: update the test").toContain("  string code = 3;\n");

  fs.writeFileSync(file, original.replace(account!, account!.replace("  string code = 3;\n", "  string code = 30;\n")));
  const renumbered = bufBreaking(copy, ROOT);
  expect(renumbered.status).not.toBe(0);
  expect(renumbered.output).toContain('Previously present field "3" with name "code" on message "Account" was deleted.');

  fs.writeFileSync(file, original.replace(account!, account!.replace("  string code = 3;\n", "")));
  const removed = bufBreaking(copy, ROOT);
  expect(removed.status).not.toBe(0);
  expect(removed.output).toContain('Previously present field "3" with name "code" on message "Account" was deleted.');
});
