/**
 * `npm run lab`: opens the classic Jupyter Notebook on the project with the Retail Lab kernel
 * ready (JUPYTER_PATH names jupyter/kernels) and interactive plotly charts (custom.js).
 * Extra arguments go to `jupyter notebook` (e.g. `npm run lab -- --no-browser --port 8899`).
 */
import { spawn, spawnSync } from "child_process";
import { copyFileSync } from "fs";
import { join } from "path";
import { plotlyJsPath } from "../src/display/png";
import { isUserError, UserError } from "../src/errors";
import { checkKernel, findJupyter, jupyterEnv, ROOT } from "./lib/tools";

try {
  const jupyter = findJupyter();
  checkKernel();
  if (spawnSync(jupyter, ["notebook", "--version"], { encoding: "utf8" }).status !== 0) {
    throw new UserError(
      "The Jupyter Notebook server was not found: on Debian/Ubuntu run `apt-get install -y --no-install-recommends jupyter-notebook`; elsewhere `pip install notebook`.",
    );
  }
  copyFileSync(plotlyJsPath(), join(ROOT, "jupyter", "config", "custom", "plotly.min.js"));
  const args = ["notebook", `--notebook-dir=${ROOT}`, ...process.argv.slice(2)];
  if (process.getuid?.() === 0 && !args.includes("--allow-root")) args.push("--allow-root");
  const child = spawn(jupyter, args, { stdio: "inherit", env: jupyterEnv({ JUPYTER_CONFIG_DIR: join(ROOT, "jupyter", "config") }) });
  // stopping this command stops Jupyter too (and with it the kernels), instead of orphaning it
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
} catch (e) {
  if (!isUserError(e)) throw e;
  console.error(e.message);
  process.exit(1);
}
