import { describe, expect, it } from "vitest";
import { describeFailure, exportCopy, findFailure, finishReportHtml, normalizeExecuted, type Notebook } from "../../scripts/lib/notebook";
import { PLOTLY_MIME } from "../../src/display/chart";

const nb = (cells: Notebook["cells"]): Notebook => ({ cells, metadata: {}, nbformat: 4, nbformat_minor: 4 });
const code = (source: string, outputs: Notebook["cells"][0]["outputs"] = []) => ({ cell_type: "code" as const, source, metadata: {}, outputs });

describe("findFailure", () => {
  it("finds the first cell with error text on stderr, with the line of a compile error", () => {
    const f = findFailure(nb([
      { cell_type: "markdown", source: "# t", metadata: {} },
      code("const a = 1;", [{ output_type: "stream", name: "stdout", text: "ok" }]),
      code("const b: number = 'x';\nb;", [{ output_type: "stream", name: "stderr", text: "1:7 - Type 'string' is not assignable to type 'number'.\n" }]),
      code("later();"),
    ]));
    expect(f).toEqual({ cell: 3, line: 1, module: null, source: "const b: number = 'x';\nb;", error: "1:7 - Type 'string' is not assignable to type 'number'." });
    const text = describeFailure("notebooks/x.ipynb", f!);
    expect(text).toContain("notebooks/x.ipynb, cell 3, line 1 failed:");
    expect(text).toContain("   1 > const b: number = 'x';");
  });
  it("finds compile errors in imported modules, naming the module", () => {
    const f = findFailure(nb([code('import { x } from "./src/index";', [{ output_type: "stream", name: "stderr", text: "src/eda/baskets.ts 14:54 - Expected 1 arguments, but got 2.\n" }])]));
    expect(f).toMatchObject({ cell: 1, line: 14, module: "src/eda/baskets.ts" });
    expect(describeFailure("notebooks/a.ipynb", f!)).toContain("notebooks/a.ipynb, cell 1 (the error is in src/eda/baskets.ts, line 14, which the cell imports) failed:");
  });
  it("finds run-time errors, error outputs and any other stderr output", () => {
    expect(findFailure(nb([code("x", [{ output_type: "stream", name: "stderr", text: "Error: boom\n    at evalmachine.<anonymous>:5:7\n" }])]))?.error).toContain("Error: boom");
    expect(findFailure(nb([code("x", [{ output_type: "error", ename: "TypeError", evalue: "bad", traceback: [] }])]))?.cell).toBe(1);
    expect(findFailure(nb([code("x", [{ output_type: "stream", name: "stderr", text: "warning: something\n" }])]))?.cell).toBe(1);
    expect(findFailure(nb([code("x", [{ output_type: "stream", name: "stdout", text: "fine\n" }])]))).toBeNull();
  });
});

describe("normalizeExecuted and exportCopy", () => {
  const executed = nb([
    { cell_type: "markdown", source: "# t", metadata: { execution: { t: 1 } } },
    code("a", [{ output_type: "display_data", data: { [PLOTLY_MIME]: { data: [{ type: "bar" }], layout: {} }, "image/png": "AAAA" }, metadata: {} }]),
    code("b"),
  ]);
  it("numbers code cells, drops timing metadata and fills ids", () => {
    const n = normalizeExecuted(executed);
    expect(n.cells.map((c) => c.execution_count ?? null)).toEqual([null, 1, 2]);
    expect(n.cells[0].metadata).toEqual({});
    expect(n.cells.map((c) => c.id)).toEqual(["cell-1", "cell-2", "cell-3"]);
    expect(n.nbformat_minor).toBe(5);
  });
  it("turns chart bundles into drawing HTML for the report", () => {
    const out = exportCopy(executed).cells[1].outputs![0].data!;
    expect(Object.keys(out)).toEqual(["text/html"]);
    expect(String(out["text/html"])).toContain("Plotly.newPlot(");
  });
  it("removes machine-local script links and writes plotly.js once", () => {
    const html = '<head><script src="file:///usr/share/javascript/requirejs/require.min.js"></script>' +
      '<script src="file:///usr/share/javascript/mathjax/MathJax.js?config=TeX"></script></head><body></body>';
    const out = finishReportHtml(html, "/*plotly*/");
    expect(out).toBe("<head><script>/*plotly*/</script>\n</head><body></body>");
    expect(finishReportHtml(html, null)).toBe("<head></head><body></body>");
  });
});
