/** Runs a project script as a user would, capturing its output. */
import { spawnSync } from "child_process";
import { join } from "path";

export const ROOT = join(__dirname, "..", "..");

export function runScript(script: string, args: string[], env: Record<string, string> = {}, timeoutMs = 1_500_000) {
  const r = spawnSync(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, script), ...args], {
    cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}
