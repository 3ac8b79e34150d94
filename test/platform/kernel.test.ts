/**
 * The kernel as an analyst uses it: started by Jupyter in a notebook's folder, importing
 * ./src, picking up edits to src without a restart, and surviving new files in src.
 * Each notebook here runs through the real tslab kernel via nbconvert.
 */
import { spawnSync } from "child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { afterAll, describe, expect, it } from "vitest";
import type { Notebook } from "../../scripts/lib/notebook";
import { findJupyter, jupyterEnv } from "../../scripts/lib/tools";
import { tempDir } from "../helpers";
import { ROOT } from "./run";

const probeDir = join(ROOT, "src", `zz-kernel-test-${process.pid}`);
afterAll(() => rmSync(probeDir, { recursive: true, force: true }));

/** Executes cells in a notebook placed in a temporary folder (so the kernel starts outside the project). */
function execute(cells: string[]): string[][] {
  const dir = tempDir("retail-lab-kernel-");
  const file = join(dir, "t.ipynb");
  const nb: Notebook = {
    cells: cells.map((source, i) => ({ cell_type: "code", id: `c${i}`, source, metadata: {}, outputs: [], execution_count: null })),
    metadata: { kernelspec: { name: "retail-lab", display_name: "Retail Lab (TypeScript)", language: "typescript" } },
    nbformat: 4, nbformat_minor: 5,
  };
  writeFileSync(file, JSON.stringify(nb));
  const r = spawnSync(findJupyter(), ["nbconvert", "--to", "notebook", "--execute", "--allow-errors", "--output", "out", file], { env: jupyterEnv(), encoding: "utf8", timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  const out = JSON.parse(readFileSync(join(dir, "out.ipynb"), "utf8")) as Notebook;
  return out.cells.map((c) => (c.outputs ?? []).map((o) => `${o.name}: ${[o.text ?? ""].flat().join("").trim()}`));
}

const q = (s: string) => JSON.stringify(s);

describe("the kernel", () => {
  it("picks up an edit to a src function on the next run of the cell, without a restart, and reports a src compile error with its module", () => {
    mkdirSync(probeDir, { recursive: true });
    const mod = join(probeDir, "greet.ts");
    const version = (body: string) => `export function greet(): string { ${body} }\n`;
    writeFileSync(mod, version('return "version 1";'));
    const rel = `./src/${probeDir.split("/").pop()}/greet`;
    const cell = `import { greet } from ${q(rel)};\nconsole.log(greet());`;
    const edit = (body: string) => `require("fs").writeFileSync(${q(mod)}, ${q(version(body))});\nconsole.log("edited");`;
    // the failing cell comes last: after a failed cell tslab skips the rest of a headless run (see stack.md)
    const outputs = execute([cell, edit('return "version 2";'), cell, edit("return 2;"), cell]);
    expect(outputs).toEqual([
      ["stdout: version 1"], ["stdout: edited"], ["stdout: version 2"], ["stdout: edited"],
      // the error tslab reports for a module the cell imports: its path, line and column (1-based)
      [`stderr: ${rel.slice(2)}.ts 1:35 - Type 'number' is not assignable to type 'string'.`],
    ]);
  }, 240_000);

  it("keeps working when a file appears in a new folder under src between cells (tslab timer fix)", () => {
    const dir = join(probeDir, "added");
    const outputs = execute([
      'import { fmtInt } from "./src/index";\nconsole.log(fmtInt(1234));',
      `const fs = require("fs");\nfs.mkdirSync(${q(dir)}, { recursive: true });\nfs.writeFileSync(${q(join(dir, ".x.ts.tmp"))}, "x");\nfs.renameSync(${q(join(dir, ".x.ts.tmp"))}, ${q(join(dir, "x.ts"))});\nawait new Promise((r) => setTimeout(r, 1500));\nconsole.log("added");`,
      "console.log(fmtInt(5678));",
      "console.log(fmtInt(9));",
    ]);
    expect(outputs).toEqual([["stdout: 1,234"], ["stdout: added"], ["stdout: 5,678"], ["stdout: 9"]]);
  }, 180_000);
});
