/** Finding the outside tools the runner needs, with one clear sentence when one is missing. */
import { spawnSync } from "child_process";
import { existsSync } from "fs";
import { join } from "path";
import { UserError } from "../../src/errors";

export const ROOT = join(__dirname, "..", "..");

/** The jupyter command: RETAIL_LAB_JUPYTER, else `jupyter` on PATH, else Debian's /usr/bin/jupyter. */
export function findJupyter(): string {
  const named = process.env.RETAIL_LAB_JUPYTER;
  const candidates = named ? [named] : ["jupyter", "/usr/bin/jupyter"];
  for (const c of candidates) {
    const r = spawnSync(c, ["nbconvert", "--version"], { encoding: "utf8" });
    if (r.status === 0) return c;
  }
  throw new UserError(
    "Jupyter (nbconvert) was not found: on Debian/Ubuntu run `apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client jupyter-notebook`; " +
      "elsewhere `pip install nbconvert jupyter_client notebook` (or conda), or set RETAIL_LAB_JUPYTER to the jupyter command.",
  );
}

/** Checks that the tslab kernel is installed in node_modules. */
export function checkKernel(): void {
  if (!existsSync(join(ROOT, "node_modules", "tslab", "dist", "main.js"))) {
    throw new UserError("The tslab kernel is not installed: run `npm install` in the project folder.");
  }
}

/** Environment for Jupyter processes: the project's kernelspec on JUPYTER_PATH. */
export function jupyterEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const kernels = join(ROOT, "jupyter");
  const path = [kernels, process.env.JUPYTER_PATH].filter(Boolean).join(":");
  return { ...process.env, JUPYTER_PATH: path, PYDEVD_DISABLE_FILE_VALIDATION: "1", ...extra };
}
