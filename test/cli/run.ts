import { spawnSync } from "child_process";
import { join } from "path";

const ROOT = join(__dirname, "..", "..");

/** Runs `retail-lab ARGS` the way `npx retail-lab` does (the bin script, which runs the build in dist/), with extra environment variables. */
export function cli(args: string[], timeoutMs = 300_000, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "retail-lab.js"), ...args], {
    cwd: ROOT, encoding: "utf8", timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}
