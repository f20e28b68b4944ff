// Debian packages the scripts need, installed on first use (idempotent). A fresh machine of
// this project's kind has apt and reaches Debian's archive.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const PG_BIN = "/usr/lib/postgresql/15/bin";

function aptInstall(packages: string[]): void {
  const run = (args: string[]) => spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (run(["install", "-y", "--no-install-recommends", ...packages]).status === 0) return;
  run(["update"]);
  const result = run(["install", "-y", "--no-install-recommends", ...packages]);
  if (result.status !== 0) throw new Error(`apt-get install ${packages.join(" ")} failed`);
}

/** Path of a PostgreSQL 15 client tool (pg_dump, pgbench, psql), installing Debian's packages if needed. */
export function postgresTool(name: "pg_dump" | "pgbench" | "psql"): string {
  const file = `${PG_BIN}/${name}`;
  if (!fs.existsSync(file)) aptInstall(["postgresql-client-15", "postgresql-15"]);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing after installing PostgreSQL 15`);
  return file;
}

/** Path of a command from a Debian package (e.g. kcat), installing the package if needed. */
export function debianTool(command: string, pkg: string = command): string {
  const find = () => spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).stdout.trim();
  if (!find()) aptInstall([pkg]);
  const found = find();
  if (!found) throw new Error(`${command} is missing after installing ${pkg}`);
  return found;
}
