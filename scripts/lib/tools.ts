/** Finding the outside tools the runner needs, with one clear sentence when one is missing. */
import { spawn, spawnSync } from "child_process";
import { existsSync } from "fs";
import { join } from "path";
import { UserError } from "../../src/errors";

export const ROOT = join(__dirname, "..", "..");

/** The commands tried for jupyter, in order: RETAIL_LAB_JUPYTER, else `jupyter` on PATH, else Debian's /usr/bin/jupyter. */
function jupyterCandidates(): string[] {
  const named = process.env.RETAIL_LAB_JUPYTER;
  return named ? [named] : ["jupyter", "/usr/bin/jupyter"];
}

/** The refusal when no candidate runs nbconvert. */
function jupyterMissing(): UserError {
  return new UserError(
    "Jupyter (nbconvert) was not found: on Debian/Ubuntu run `apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client jupyter-notebook`; " +
      "elsewhere `pip install nbconvert jupyter_client notebook` (or conda), or set RETAIL_LAB_JUPYTER to the jupyter command.",
  );
}

/** The first jupyter command (see `jupyterCandidates`) whose `nbconvert --version` succeeds. */
export function findJupyter(): string {
  const found = jupyterCandidates().find((c) => spawnSync(c, ["nbconvert", "--version"], { encoding: "utf8" }).status === 0);
  if (!found) throw jupyterMissing();
  return found;
}

/**
 * `findJupyter` without blocking: the check takes about 1.3 s here (Python importing
 * nbconvert), which `npm start` spends starting the chart renderer at the same time.
 */
export async function findJupyterAsync(): Promise<string> {
  for (const c of jupyterCandidates()) {
    const status = await new Promise<number | null>((done) => {
      spawn(c, ["nbconvert", "--version"], { stdio: "ignore" }).on("error", () => done(null)).on("close", done);
    });
    if (status === 0) return c;
  }
  throw jupyterMissing();
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
