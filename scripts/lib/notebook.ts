/**
 * The notebook file format (nbformat 4) and the checks the runner makes on an executed
 * notebook: which cell failed and why, deterministic bytes, the export copy for HTML.
 */
import { plotlyDivHtml, PLOTLY_MIME } from "../../src/display/chart";

export interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}
export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: string | string[];
  metadata: Record<string, unknown>;
  outputs?: Output[];
  execution_count?: number | null;
}
export interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** A cell's source as one string. */
export function sourceText(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

function outputText(o: Output): string {
  if (o.output_type === "error") return [`${o.ename}: ${o.evalue}`, ...(o.traceback ?? [])].join("\n");
  return Array.isArray(o.text) ? o.text.join("") : o.text ?? "";
}

/** Where and why a notebook stopped. */
export interface CellFailure {
  /** 1-based position among all cells */
  cell: number;
  /** 1-based line in the cell, when the error names one */
  line: number | null;
  /** the src module a compile error is in, when it is not in the cell itself */
  module: string | null;
  source: string;
  error: string;
}

/**
 * The first failed cell of an executed notebook: an `error` output or any output on stderr
 * (tslab reports compile and run-time errors on stderr, and nbconvert's own message is empty;
 * a project notebook has no reason to write to stderr otherwise). Null when every cell ran.
 */
export function findFailure(nb: Notebook): CellFailure | null {
  for (let i = 0; i < nb.cells.length; i++) {
    const cell = nb.cells[i];
    if (cell.cell_type !== "code") continue;
    const bad = (cell.outputs ?? []).filter((o) => o.output_type === "error" || o.name === "stderr");
    if (bad.length === 0) continue;
    const error = bad.map(outputText).join("\n").trim();
    return { cell: i + 1, ...errorLocation(error), source: sourceText(cell), error };
  }
  return null;
}

/**
 * Where a tslab compile error points: `line:col - message` for the cell itself,
 * `src/x.ts line:col - message` for a module the cell imports.
 */
export function errorLocation(error: string): { line: number | null; module: string | null } {
  const m = /^(?:(\S+\.tsx?) )?(\d+):(\d+) - /m.exec(error);
  return m ? { line: Number(m[2]), module: m[1] ?? null } : { line: null, module: null };
}

/** A failure as the runner prints it: notebook, cell, line, the cell's source, the error. */
export function describeFailure(file: string, f: CellFailure): string {
  const lines = f.source.split("\n");
  const numbered = lines
    .slice(0, 20)
    .map((l, i) => `${String(i + 1).padStart(4)}${f.line === i + 1 ? " >" : "  "} ${l}`)
    .join("\n");
  const inCell = f.line !== null && f.module === null;
  const lineNote = f.module ? ` (the error is in ${f.module}, line ${f.line}, which the cell imports)` : inCell ? `, line ${f.line}` : "";
  const where = `${file}, cell ${f.cell}${lineNote}`;
  const errorLines = f.error.split("\n").filter((l) => !/^\s+at .*(node:|node_modules\/tslab)/.test(l));
  return `${where} failed:\n${numbered}${lines.length > 20 ? "\n     …" : ""}\n\n${errorLines.join("\n")}`;
}

/**
 * The executed notebook made stable for version control: execution counts numbered in order
 * (tslab leaves them empty), per-run timing metadata dropped, cell ids made deterministic.
 */
export function normalizeExecuted(nb: Notebook): Notebook {
  let count = 0;
  const cells = nb.cells.map((cell, i) => {
    const metadata = { ...cell.metadata };
    delete metadata.execution;
    const id = cell.id ?? `cell-${i + 1}`;
    if (cell.cell_type !== "code") return { ...cell, id, metadata };
    count++;
    const outputs = (cell.outputs ?? []).map((o) => (o.output_type === "execute_result" ? { ...o, execution_count: count } : o));
    return { ...cell, id, metadata, execution_count: count, outputs };
  });
  return { ...nb, cells, nbformat_minor: Math.max(nb.nbformat_minor, 5) };
}

/** Number of charts (plotly outputs) in a notebook. */
export function chartCount(nb: Notebook): number {
  return nb.cells.reduce((n, c) => n + (c.outputs ?? []).filter((o) => o.data && o.data[PLOTLY_MIME]).length, 0);
}

/**
 * The copy of a notebook that is exported to HTML: each chart's bundle becomes the HTML that
 * draws it with plotly.js (written into the page once by `finishReportHtml`).
 */
export function exportCopy(nb: Notebook): Notebook {
  let n = 0;
  const cells = nb.cells.map((cell) => {
    if (!cell.outputs) return cell;
    const outputs = cell.outputs.map((o) => {
      const fig = o.data?.[PLOTLY_MIME] as { data: unknown; layout?: unknown } | undefined;
      if (!fig) return o;
      return { ...o, data: { "text/html": plotlyDivHtml(fig, ++n) } };
    });
    return { ...cell, outputs };
  });
  return { ...nb, cells };
}

/**
 * Finishes nbconvert's HTML: removes the scripts it links from the machine (MathJax and
 * RequireJS, which the reports do not use and a clean machine may not have) and writes
 * plotly.js into the head once, so charts are interactive with no network.
 */
export function finishReportHtml(html: string, plotlyJs: string | null): string {
  let out = html.replace(/<script[^>]*src="[^"]*(mathjax|MathJax|require(\.min)?\.js)[^"]*"[^>]*>\s*<\/script>/g, "");
  out = out.replace(/<script type="text\/x-mathjax-config">[\s\S]*?<\/script>/g, "");
  if (plotlyJs) out = out.replace("</head>", () => `<script>${plotlyJs}</script>\n</head>`);
  return out;
}
