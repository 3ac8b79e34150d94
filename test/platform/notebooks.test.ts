/**
 * The main job end to end: every notebook in notebooks/ executed headless by the real tslab
 * kernel through Jupyter's nbconvert, exported to HTML, and every report opened in headless
 * Chromium with the network blocked. Slow (minutes): it is the proof that `npm start` works.
 */
import { spawnSync } from "child_process";
import { existsSync, readdirSync, readFileSync } from "fs";
import { join } from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notebook } from "../../scripts/lib/notebook";
import { cleanTransactions } from "../../src/clean/clean";
import { DEFAULT_DATA_FILE } from "../../src/data/default";
import { loadDataset } from "../../src/data/load";
import { CHROMIUM_ARGS, findChromium } from "../../src/display/png";
import { fmtInt } from "../../src/util/index";
import { PLOTLY_MIME } from "../../src/display/chart";
import { tempDir } from "../helpers";
import { markShares, pngLayouts, traceMarks, webglImages, type TraceMarks } from "./chart-checks";
import { notebookDifferences } from "./notebook-diff";
import { ROOT, runScript } from "./run";

const NOTEBOOKS = readdirSync(join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();
const out = tempDir("retail-lab-run-");
let run: ReturnType<typeof runScript>;

beforeAll(() => {
  run = runScript("scripts/run-notebooks.ts", ["--executed", join(out, "nb"), "--reports", join(out, "reports")]);
}, 1_500_000);

const executed = (name: string) => JSON.parse(readFileSync(join(out, "nb", name), "utf8")) as Notebook;

/**
 * The least share of a plot area a chart must cover with marks (test/png.ts `markPixels`: ink
 * that is not a grid, zero or axis line). Measured on the reports: an empty frame 0, the
 * thinnest real chart (one curve, the Pareto chart) 1.1%.
 */
const MIN_MARK_SHARE = 0.002;
const texts = (nb: Notebook) =>
  nb.cells.flatMap((c) => (c.outputs ?? []).map((o) => String((o.data?.["text/markdown"] as string) ?? (o.data?.["text/html"] as string) ?? ""))).join("\n");

describe("npm start", () => {
  it("executes every notebook and prints one line per notebook", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    for (const nb of NOTEBOOKS) expect(run.stdout).toMatch(new RegExp(`^ok\\s+notebooks/${nb.replace(".", "\\.")}\\s+\\d+ cells\\s+\\d+ charts\\s+[\\d.]+ s$`, "m"));
  });

  it.each(NOTEBOOKS)("%s: every cell that shows something has output, no errors, every chart has its PNG", (name) => {
    const nb = executed(name);
    const code = nb.cells.filter((c) => c.cell_type === "code");
    expect(code.length).toBeGreaterThan(0);
    const empty = code.filter((c) => !(c.outputs ?? []).length).length;
    expect(empty, `${empty} of ${code.length} code cells of ${name} have no output`).toBeLessThanOrEqual(code.length / 2);
    for (const [i, c] of code.entries()) {
      const src = [c.source].flat().join("");
      if (/\b(show(Table|Chart|Markdown)|console\.log)\(/.test(src)) expect(c.outputs?.length, `code cell ${i + 1} of ${name} has no output`).toBeGreaterThan(0);
      expect(c.execution_count).toBe(i + 1);
      for (const o of c.outputs ?? []) expect(o.name).not.toBe("stderr");
      for (const o of c.outputs ?? []) {
        if (!o.data?.[PLOTLY_MIME]) continue;
        const png = Buffer.from(String(o.data["image/png"] ?? ""), "base64");
        expect(png.subarray(1, 4).toString(), `chart in code cell ${i + 1} of ${name} lacks a PNG`).toBe("PNG");
        expect(png.length).toBeGreaterThan(5000);
      }
    }
  });

  it.each(NOTEBOOKS)("%s: the committed notebook is the one the code makes (same bytes; chart images by pixels)", (name) => {
    if (process.env.RETAIL_LAB_DATA) return; // on other data the outputs differ by design
    // 00 is committed as it runs without a database; with one, its database cell says what it found there
    if (process.env.RETAIL_LAB_DATABASE_URL && name === "00-getting-started.ipynb") return;
    const committed = readFileSync(join(ROOT, "notebooks", name), "utf8");
    const diffs = notebookDifferences(committed, readFileSync(join(out, "nb", name), "utf8"));
    expect(diffs, `notebooks/${name} is not what npm start makes from this code and data: run npm start and commit it`).toEqual([]);
  });

  it("00-getting-started shows findings computed from the data", () => {
    const { report } = cleanTransactions(loadDataset({ transactions: DEFAULT_DATA_FILE }).transactions);
    const t = texts(executed("00-getting-started.ipynb"));
    expect(t).toContain(`they come from ${fmtInt(report.customers)} customers`);
    expect(t).toContain(`Of ${fmtInt(report.input)} input lines`);
    expect(t).toContain("541,909 rows × 8 columns");
  });
});

describe("findings match facts known from outside the code", () => {
  it("07 reproduces the published CDNOW fit and recovers the planted parameters (computed findings)", () => {
    if (!NOTEBOOKS.includes("07-customer-value-and-churn.ipynb")) return;
    const t = texts(executed("07-customer-value-and-churn.ipynb"));
    // the CDNOW section reads its own files whatever RETAIL_LAB_DATA names
    expect(t).toContain("To the printed digits, the summary file reproduces r, alpha, a, b, logLik; the raw sample reproduces a, p, q, v.");
    expect(t).toMatch(/Every estimate is within \*\*[0-2]\.\d\d\*\* standard errors of what was planted/);
  });

  it("04: the UCI shop never trades on Saturdays (stated in the data's description)", () => {
    if (!NOTEBOOKS.includes("04-daily-sales-forecast.ipynb") || process.env.RETAIL_LAB_DATA) return;
    const t = texts(executed("04-daily-sales-forecast.ipynb"));
    expect(t).toContain("The shop never trades on Saturday");
    expect(t).not.toMatch(/never trades on (Monday|Tuesday|Wednesday|Thursday|Friday|Sunday)/);
  });
});

describe("the HTML reports in a browser with no network", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let browser: any;
  beforeAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { chromium } = require("playwright-core");
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  });
  afterAll(() => browser?.close());

  it.each(NOTEBOOKS.map((n) => n.replace(".ipynb", "")))("%s.html: every chart draws marks and fits its title, its PNG too; no page error, no failed or outside request", async (name) => {
    const file = join(out, "reports", `${name}.html`);
    expect(existsSync(file)).toBe(true);
    const context = await browser.newContext();
    const outside: string[] = [];
    const failed: string[] = [];
    const errors: string[] = [];
    await context.route("**/*", (route: { request(): { url(): string }; abort(): void; continue(): void }) => {
      const url = route.request().url();
      if (url.startsWith("file://") || url.startsWith("data:") || url.startsWith("blob:")) route.continue();
      else {
        outside.push(url);
        route.abort();
      }
    });
    const page = await context.newPage();
    page.on("pageerror", (e: Error) => errors.push(e.message));
    page.on("requestfailed", (r: { url(): string }) => failed.push(r.url()));
    await page.goto(`file://${file}`, { waitUntil: "load" });
    const charts = executed(`${name}.ipynb`).cells.reduce((n, c) => n + (c.outputs ?? []).filter((o) => o.data?.[PLOTLY_MIME]).length, 0);
    await page.waitForFunction((n: number) => document.querySelectorAll(".rl-chart svg.main-svg").length >= n, charts, { timeout: 30_000 });
    // drawn = plotly's SVG is there with at least one mark: a trace group, a treemap slice or a heatmap
    // image; WebGL traces (scattergl, scatter3d) instead draw on a sized canvas, with no "no WebGL" message
    const drawn = await page.$$eval(".rl-chart", (divs: Element[]) =>
      divs.map((d) => {
        if (d.querySelectorAll("svg.main-svg").length === 0) return false;
        if (d.querySelectorAll(".trace, .slice, .hm image").length > 0) return true;
        const canvases = Array.from(d.querySelectorAll("canvas")).filter((c) => (c as HTMLCanvasElement).width > 0 && (c as HTMLCanvasElement).height > 0);
        return canvases.length > 0 && d.querySelectorAll(".no-webgl").length === 0;
      }));
    expect(drawn).toHaveLength(charts);
    expect(drawn.every(Boolean)).toBe(true);

    // every visible trace drew marks of its kind (see chart-checks.ts)
    const marks = await traceMarks(page);
    const line = (m: TraceMarks) => `chart ${m.chart + 1} "${m.title}", trace ${m.trace} (${m.type}): ${m.marks} ${m.kind}, wanted ${m.wanted}`;
    expect(marks.filter((m) => m.marks < m.wanted).map(line)).toEqual([]);
    expect(new Set(marks.map((m) => m.chart)).size, "charts with a visible trace").toBe(charts);
    const webgl = [...new Set(marks.filter((m) => m.kind === "webgl").map((m) => m.chart))];
    for (const shot of await webglImages(page, webgl)) expect(markShares(shot.png, [shot.area])[0], `WebGL chart ${shot.chart + 1} drew nothing`).toBeGreaterThan(MIN_MARK_SHARE);
    // titles fit the interactive charts
    const titles: { width: number; left: number; right: number; title: string }[] = await page.$$eval(".rl-chart", (divs: Element[]) =>
      divs.map((d) => {
        const svg = d.querySelector("svg.main-svg") as SVGSVGElement;
        const t = d.querySelector(".gtitle") as SVGGraphicsElement | null;
        const b = t ? t.getBoundingClientRect() : null;
        const s = svg.getBoundingClientRect();
        return { width: s.width, left: b ? b.left - s.left : 0, right: b ? b.right - s.left : 0, title: t?.textContent ?? "" };
      }));
    expect(titles.filter((t) => t.left < 0 || t.right > t.width).map((t) => `"${t.title}" spans ${t.left.toFixed(0)}..${t.right.toFixed(0)} px of ${t.width.toFixed(0)}`)).toEqual([]);

    // every chart's PNG has marks in each plot area, and its title inside the image, above the plot
    const outputs = executed(`${name}.ipynb`).cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.data?.[PLOTLY_MIME]));
    const pngs = outputs.map((o) => Buffer.from(String(o.data?.["image/png"]), "base64"));
    const figures = outputs.map((o, i) => ({ ...(o.data?.[PLOTLY_MIME] as { data: unknown[]; layout: Record<string, unknown> }), width: pngs[i].readUInt32BE(16), height: pngs[i].readUInt32BE(20) }));
    const layouts = await pngLayouts(page, figures);
    const problems: string[] = [];
    layouts.forEach((l, i) => {
      const what = `PNG of chart ${i + 1} "${String((figures[i].layout.title as { text?: string } | undefined)?.text ?? "")}"`;
      markShares(pngs[i], l.areas).forEach((share, k) => {
        if (!(share > MIN_MARK_SHARE)) problems.push(`${what}: plot area ${k + 1} is a blank frame (${(share * 100).toFixed(2)}% marks)`);
      });
      const t = l.title;
      if (t && (t.x < 0 || t.x + t.w > figures[i].width || t.y < 0 || t.y + t.h > l.plotTop)) {
        problems.push(`${what}: the title spans x ${t.x.toFixed(0)}..${(t.x + t.w).toFixed(0)}, y ${t.y.toFixed(0)}..${(t.y + t.h).toFixed(0)} in a ${figures[i].width} px image whose plot starts at y ${l.plotTop}`);
      }
    });
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    expect(outside).toEqual([]);
    await context.close();
  }, 120_000);
});

describe("on generated data (stock levels, a customer roster)", () => {
  const dir = tempDir("retail-lab-gen-");
  const nbDir = join(dir, "nb");
  const wanted = ["04-daily-sales-forecast.ipynb", "05-products-inventory.ipynb", "06-loyalty-retention.ipynb"].filter((n) => NOTEBOOKS.includes(n));
  let genRun: ReturnType<typeof runScript>;
  beforeAll(() => {
    const gen = spawnSync(process.execPath, [join(ROOT, "bin", "retail-lab.js"), "generate", "--rows", "60000", "--seed", "11", "--out", join(dir, "data")], { encoding: "utf8" });
    expect(gen.status, gen.stderr).toBe(0);
    genRun = runScript("scripts/run-notebooks.ts", ["--executed", nbDir, "--reports", join(dir, "reports"), ...wanted.map((n) => `notebooks/${n}`)], { RETAIL_LAB_DATA: join(dir, "data") });
  }, 900_000);
  it("04, 05 and 06 run and use the stock levels and the roster", () => {
    expect(genRun.stderr).toBe("");
    expect(genRun.status).toBe(0);
    const read = (n: string) => texts(JSON.parse(readFileSync(join(nbDir, n), "utf8")) as Notebook);
    if (wanted.includes("04-daily-sales-forecast.ipynb")) expect(read("04-daily-sales-forecast.ipynb")).toMatch(/Against the catalogue's stock levels: \*\*\d+\*\* of these products will run out within 7 days/);
    if (wanted.includes("05-products-inventory.ipynb")) expect(read("05-products-inventory.ipynb")).toContain("At risk of running out");
    if (wanted.includes("06-loyalty-retention.ipynb")) expect(read("06-loyalty-retention.ipynb")).toMatch(/Of [\d,]+ sign-ups, [\d,]+ \([\d.]+%\) never ordered/);
  });
});

describe("faults", () => {
  it("a failing cell stops the run with the notebook, cell, source and error, and exit 1", () => {
    const dir = tempDir();
    const r = runScript("scripts/run-notebooks.ts", ["--executed", dir, "--reports", dir, "test/fixtures/failing.ipynb"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("test/fixtures/failing.ipynb, cell 3 failed:");
    expect(r.stderr).toContain('throw new Error("no rows to plot (planted failure)");');
    expect(r.stderr).toContain("Error: no rows to plot (planted failure)");
    expect(r.stderr).not.toMatch(/at .*scripts\/run-notebooks/);
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);

  it("missing Jupyter or Chromium: one sentence saying what to install, exit 1, no stack trace", () => {
    const j = runScript("scripts/run-notebooks.ts", ["notebooks/00-getting-started.ipynb"], { RETAIL_LAB_JUPYTER: "/nonexistent/jupyter" });
    expect(j.status).toBe(1);
    expect(j.stderr.trim()).toMatch(/^Jupyter \(nbconvert\) was not found: on Debian\/Ubuntu run `apt-get install/);
    expect(j.stderr).not.toMatch(/^\s+at /m);
    const c = runScript("scripts/run-notebooks.ts", ["notebooks/00-getting-started.ipynb"], { RETAIL_LAB_CHROMIUM: "/nonexistent/chromium" });
    expect(c.status).toBe(1);
    expect(c.stderr.trim()).toMatch(/^Chromium was not found .*apt-get install chromium/);
    expect(c.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);
});
