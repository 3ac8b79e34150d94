import { spawnSync } from "child_process";
import { join } from "path";

const ROOT = join(__dirname, "..", "..");

/** Runs `retail-lab ARGS` the way `npx retail-lab` does (bin script, no build step). */
export function cli(args: string[], timeoutMs = 300_000) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "retail-lab.js"), ...args], { cwd: ROOT, encoding: "utf8", timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}
