/**
 * The notebook platform (issue 2): a kernel's first cell (kernel start plus one trivial cell,
 * and kernel start plus the cell that imports src), and the wall time of `npm start` over all
 * notebooks. Run: `npx tsx bench/platform.ts`.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { findJupyter, jupyterEnv, ROOT } from "../scripts/lib/tools";
import { report } from "./util";

function notebookWith(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), "retail-lab-bench-nb-"));
  const file = join(dir, "one.ipynb");
  writeFileSync(file, JSON.stringify({
    cells: [{ cell_type: "code", id: "c1", metadata: {}, execution_count: null, outputs: [], source }],
    metadata: { kernelspec: { name: "retail-lab", display_name: "Retail Lab (TypeScript)", language: "typescript" } }, nbformat: 4, nbformat_minor: 5,
  }));
  return file;
}

function secondsToExecute(jupyter: string, file: string): number {
  const t = Date.now();
  const r = spawnSync(jupyter, ["nbconvert", "--to", "notebook", "--execute", "--output", "out", file], { env: jupyterEnv(), encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return (Date.now() - t) / 1000;
}

const jupyter = findJupyter();
report("kernel start + first cell (1 + 1), via nbconvert", secondsToExecute(jupyter, notebookWith("1 + 1")), "s");
report("kernel start + first cell importing ./src/index", secondsToExecute(jupyter, notebookWith('import { fmtInt } from "./src/index";\nfmtInt(1)')), "s");
const out = mkdtempSync(join(tmpdir(), "retail-lab-bench-run-"));
const t = Date.now();
const run = spawnSync(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "run-notebooks.ts"), "--executed", out, "--reports", out], { cwd: ROOT, encoding: "utf8" });
if (run.status !== 0) throw new Error(run.stderr);
process.stdout.write(run.stdout.split("\n").map((l) => (l ? `  ${l}` : l)).join("\n"));
report("npm start (every notebook, executed and exported)", (Date.now() - t) / 1000, "s", 1);
