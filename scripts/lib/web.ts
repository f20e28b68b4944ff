// The dashboard's build (web/dist), made when it is missing or older than its sources: by
// `npm start` before the gateway starts, and by the browser tests.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dir, "../..");

function newest(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let t = 0;
  for (const e of fs.readdirSync(target, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) t = Math.max(t, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
  }
  return t;
}

/** True when web/dist is up to date (built now or before); false when the build failed. */
export function buildDashboard(root = ROOT): boolean {
  const web = path.join(root, "web");
  if (!fs.existsSync(path.join(web, "src"))) return false;
  const sources = Math.max(...["src", "index.html", "vite.config.ts", "package.json", "public"].map((f) => newest(path.join(web, f))), newest(path.join(root, "proto", "gen")));
  const built = path.join(web, "dist", "index.html");
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return true;
  console.log("building the dashboard (web/dist)…");
  return spawnSync("npm", ["run", "build", "--workspace", "web"], { cwd: root, stdio: "inherit" }).status === 0;
}
