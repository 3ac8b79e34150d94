/**
 * The import rules of docs/architecture.md, checked on every import in src/ (static imports,
 * `export ... from`, `import()` and `require`): a folder is reached only through its index.ts;
 * imports go one way between layers (generic helpers and the data model, analyses, pipelines,
 * charts, display, the CLI); no import cycle between files or folders; no stray file directly in
 * src/. Each failure names the file and line. The rule functions are first checked on small
 * made-up import lists, so that a passing test means the rules ran, not that they cannot fail.
 */
import { describe, expect, it } from "vitest";
import { cycles, sourceImports, tsFiles, type Import } from "./architecture/source";
import { importCycles, internalImports, layerViolations, strayTopFiles } from "./architecture/rules";

const imp = (from: string, to: string, line = 1): Import => ({ from, to, specifier: `../${to.slice("src/".length).replace(/\.ts$/, "")}`, line });

describe("the rules, on made-up imports", () => {
  it("flag another folder's internals, and accept its index", () => {
    expect(internalImports([imp("src/cohorts/loyalty.ts", "src/products/performance.ts", 6)])).toEqual([
      'src/cohorts/loyalty.ts:6 imports "../products/performance": another folder\'s internals (import src/products/index.ts)',
    ]);
    expect(internalImports([imp("src/cohorts/loyalty.ts", "src/products/index.ts"), imp("src/cohorts/loyalty.ts", "src/cohorts/orders.ts")])).toEqual([]);
  });
  it("flag an analysis importing display, charts, cli or pipelines, and generic helpers importing a domain", () => {
    const found = layerViolations([
      imp("src/rfm/actions.ts", "src/display/index.ts", 7),
      imp("src/products/audit.ts", "src/pipelines/index.ts", 3),
      imp("src/util/days.ts", "src/rfm/index.ts", 2),
      imp("src/charts/basic.ts", "src/display/index.ts", 5),
      imp("src/cli/commands/rfm.ts", "src/pipelines/index.ts"),
      imp("src/display/chart.ts", "src/charts/index.ts"),
    ]);
    expect(found).toEqual([
      'src/rfm/actions.ts:7 imports "../display/index": a domain module (rfm) may not import display (display)',
      'src/products/audit.ts:3 imports "../pipelines/index": a domain module (products) may not import pipelines (pipelines)',
      'src/util/days.ts:2 imports "../rfm/index": a generic module (util) may not import domain (rfm)',
      'src/charts/basic.ts:5 imports "../display/index": a charts module (charts) may not import display (display)',
    ]);
  });
  it("find cycles between files and between folders", () => {
    expect(cycles([["a", "b"], ["b", "c"], ["c", "a"], ["c", "d"]])).toEqual([["a", "b", "c"]]);
    const found = importCycles([imp("src/eda/what.ts", "src/products/index.ts", 4), imp("src/products/stock.ts", "src/eda/index.ts", 9)]);
    expect(found).toEqual([
      'folders import each other: eda, products (src/eda/what.ts:4 imports "../products/index"; src/products/stock.ts:9 imports "../eda/index")',
    ]);
  });
  it("flag a file directly in src/ that is not the entry or the data model, with its importers", () => {
    expect(strayTopFiles(["src/index.ts", "src/model.ts", "src/errors.ts", "src/random.ts"], [imp("src/stats/variates.ts", "src/random.ts", 9)])).toEqual([
      "src/random.ts stands directly in src/ (only index.ts, model.ts and errors.ts do; generic helpers live in src/util); imported by src/stats/variates.ts:9: import src/util/index.ts instead",
    ]);
  });
});

describe("the imports of src/", () => {
  const imports = sourceImports("src");
  it("are read (a sanity check on the reader: the entry imports every domain's index)", () => {
    expect(imports.filter((i) => i.from === "src/index.ts").map((i) => i.to)).toContain("src/rfm/index.ts");
    expect(imports.length).toBeGreaterThan(300);
  });
  it("reach another folder only through its index.ts", () => {
    expect(internalImports(imports)).toEqual([]);
  });
  it("go one way between layers: no analysis imports display, charts, cli or pipelines", () => {
    expect(layerViolations(imports)).toEqual([]);
  });
  it("have no cycle between files or between folders", () => {
    expect(importCycles(imports)).toEqual([]);
  });
  it("leave only index.ts, model.ts and errors.ts directly in src/", () => {
    expect(strayTopFiles(tsFiles("src"), imports)).toEqual([]);
  });
});
