/**
 * What the browser test checks on each chart of a report, beyond "an SVG exists":
 * - every visible trace of the interactive chart drew marks of its kind (`traceMarks`);
 * - each chart's PNG in the notebook has marks in every plot area, and its title fits inside the
 *   image above the plot (`pngLayouts` lays the figure out at the PNG's size to find the plot
 *   areas; test/png.ts counts the ink).
 * The functions passed to `page.evaluate` run in the page: they use only what they are given.
 */
import { decodePng, markPixels, type Rect } from "../png";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Page = any;

/**
 * esbuild (under tsx and vitest) may wrap functions in the code it emits with a `__name` helper
 * that keeps their names; a function sent to the page carries the call but not the helper.
 */
async function withNameHelper(page: Page): Promise<void> {
  await page.evaluate("globalThis.__name = globalThis.__name || ((f) => f)");
}

/** One visible trace of an interactive chart and the marks it drew. */
export interface TraceMarks {
  chart: number;
  title: string;
  trace: number;
  type: string;
  /** what was counted, e.g. "bars of non-zero size" */
  kind: string;
  marks: number;
  /** marks expected at least */
  wanted: number;
}

/**
 * For every chart (`.rl-chart`) on the page, one row per visible trace with the marks it drew
 * in the SVG: bars and histogram bars of non-zero width and height; scatter markers of non-zero
 * size, line paths of non-zero length (unless the line's width is 0), fill areas and text
 * labels, each part of the trace's `mode` and `fill` counted and the smallest count reported; the heatmap's image of cells with
 * a non-zero size; treemap slices of non-zero size (one per label wanted). WebGL traces
 * (scattergl, scatter3d) draw on a canvas the page cannot read back: they are reported with
 * kind "webgl" and checked on an image of the live chart (`webglImages`). Any other trace type is
 * reported with 0 marks, so a new kind of chart gets a check before it passes.
 */
export async function traceMarks(page: Page): Promise<TraceMarks[]> {
  await withNameHelper(page);
  return page.$$eval(".rl-chart", (divs: Element[]) => {
    const rows: TraceMarks[] = [];
    divs.forEach((el, chart) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const gd = el as any;
      const title = String(gd._fullLayout?.title?.text ?? "");
      const groups = new Map<number, Element>();
      for (const g of Array.from(gd.querySelectorAll(".trace, .hm")) as Element[]) {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const cd = (g as any).__data__;
        const index = Array.isArray(cd) ? cd[0]?.trace?.index : undefined;
        if (typeof index === "number" && !groups.has(index)) groups.set(index, g);
      }
      const sized = (e: Element) => {
        const b = (e as SVGGraphicsElement).getBBox();
        return b.width > 0 && b.height > 0;
      };
      const lengthy = (e: Element) => {
        const b = (e as SVGGraphicsElement).getBBox();
        return b.width > 0 || b.height > 0;
      };
      const count = (g: Element | undefined, selector: string, test: (e: Element) => boolean) =>
        g ? (Array.from(g.querySelectorAll(selector)) as Element[]).filter(test).length : 0;
      for (const t of gd._fullData as { index: number; type: string; visible: unknown; mode?: string; fill?: string; line?: { width?: number }; labels?: unknown[] }[]) {
        if (t.visible !== true) continue;
        const g = groups.get(t.index);
        const row = { chart, title, trace: t.index, type: t.type, kind: "", marks: 0, wanted: 1 };
        if (t.type === "bar" || t.type === "histogram") {
          row.kind = "bars of non-zero size";
          row.marks = count(g, ".point path", sized);
        } else if (t.type === "scatter") {
          const parts: [string, number][] = [];
          const mode = t.mode ?? "";
          // a marker may be a line symbol (line-ew: zero height), so one non-zero side is enough
          if (mode.includes("markers")) parts.push(["markers", count(g, "path.point", (p) => (p.getAttribute("d") ?? "").length > 2 && lengthy(p))]);
          // a line of width 0 (the edge of an interval band) is not drawn, by design
          if (mode.includes("lines") && (t.line?.width ?? 2) > 0) parts.push(["lines", count(g, "path.js-line", (p) => (p as SVGPathElement).getTotalLength() > 0)]);
          if (mode.includes("text")) parts.push(["text", count(g, ".textpoint text", (x) => (x.textContent ?? "").trim() !== "")]);
          // plotly draws a "tonext" fill in the group of the trace it fills to (the one before)
          if (t.fill && t.fill !== "none") {
            const holders = t.fill.startsWith("tonext") ? [g, groups.get(t.index - 1)] : [g];
            parts.push(["fill", holders.reduce((n, h) => n + count(h, "path.js-fill, path.js-tonext", (p) => (p.getAttribute("d") ?? "").length > 2 && sized(p)), 0)]);
          }
          row.kind = parts.map((p) => p[0]).join("+") || "nothing of its own (a line of width 0: the edge another trace fills to)";
          row.marks = parts.length ? Math.min(...parts.map((p) => p[1])) : 0;
          row.wanted = parts.length ? 1 : 0;
        } else if (t.type === "heatmap") {
          row.kind = "heatmap cells (image)";
          row.marks = count(g, "image", (i) => Number(i.getAttribute("width")) > 0 && Number(i.getAttribute("height")) > 0 && (i.getAttribute("href") ?? "").length > 100);
        } else if (t.type === "treemap") {
          row.kind = "treemap slices";
          row.marks = count(g, ".slice path.surface", sized);
          row.wanted = (t.labels ?? []).length;
        } else if (t.type === "scattergl" || t.type === "scatter3d") {
          row.kind = "webgl";
          row.marks = 1;
        } else row.kind = `no check for trace type ${t.type}`;
        rows.push(row);
      }
    });
    return rows;
  });
}

/** A figure laid out at its PNG's size: its plot areas and where its title is. */
export interface PngLayout {
  /** one rectangle per cartesian subplot, or the whole plotting area for other charts */
  areas: Rect[];
  /** the title's box, null when there is none */
  title: Rect | null;
  /** top edge of the plotting area (the title must end above it) */
  plotTop: number;
}

/**
 * Lays each figure out with plotly.js at the given size in a hidden element of `page` (which
 * must have plotly.js loaded; the reports do) and reads where plotly put the plot areas and
 * the title: what `Plotly.toImage` drew at that size.
 */
export async function pngLayouts(page: Page, figures: { data: unknown[]; layout: Record<string, unknown>; width: number; height: number }[]): Promise<PngLayout[]> {
  await withNameHelper(page);
  return page.evaluate(async (figs: { data: unknown[]; layout: Record<string, unknown>; width: number; height: number }[]) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const Plotly = (globalThis as any).Plotly;
    const out: PngLayout[] = [];
    for (const f of figs) {
      const div = document.createElement("div");
      div.style.cssText = "position:absolute;left:-20000px;top:0";
      document.body.appendChild(div);
      await Plotly.newPlot(div, f.data, { ...f.layout, width: f.width, height: f.height }, { staticPlot: true });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const full = (div as any)._fullLayout;
      const cartesian: string[] = full._subplots?.cartesian ?? [];
      const areas = cartesian.map((id: string) => {
        const [, x, y] = /^(x\d*)(y\d*)$/.exec(id) ?? [];
        const xa = full[`xaxis${x.slice(1)}`], ya = full[`yaxis${y.slice(1)}`];
        return { x: xa._offset, y: ya._offset, w: xa._length, h: ya._length };
      });
      if (areas.length === 0) areas.push({ x: full._size.l, y: full._size.t, w: full._size.w, h: full._size.h });
      const t = div.querySelector(".gtitle") as SVGGraphicsElement | null;
      const b = t ? t.getBBox() : null;
      out.push({ areas, title: b ? { x: b.x, y: b.y, w: b.width, h: b.height } : null, plotTop: full._size.t });
      Plotly.purge(div);
      div.remove();
    }
    return out;
  }, figures);
}

/**
 * The share of each of `areas` of a PNG covered by marks (`markPixels` of test/png.ts: ink that
 * is not a grid, zero or axis line), each area taken 2 px in from its edges.
 */
export function markShares(png: Buffer, areas: Rect[]): number[] {
  const img = decodePng(png);
  return areas.map((a) => markPixels(img, { x: a.x + 2, y: a.y + 2, w: a.w - 4, h: a.h - 4 }) / ((a.w - 4) * (a.h - 4)));
}

/**
 * An image of each WebGL chart as it stands on the page (`Plotly.toImage` of the live chart, at
 * its size on the page) with its plotting area: WebGL canvases cannot be read back directly.
 */
export async function webglImages(page: Page, charts: number[]): Promise<{ chart: number; png: Buffer; area: Rect }[]> {
  await withNameHelper(page);
  const shots: { chart: number; url: string; area: Rect }[] = await page.evaluate(async (which: number[]) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const Plotly = (globalThis as any).Plotly;
    const divs = Array.from(document.querySelectorAll(".rl-chart"));
    const out: { chart: number; url: string; area: Rect }[] = [];
    for (const chart of which) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const gd = divs[chart] as any;
      const s = gd._fullLayout._size;
      out.push({ chart, url: await Plotly.toImage(gd, { format: "png" }), area: { x: s.l, y: s.t, w: s.w, h: s.h } });
    }
    return out;
  }, charts);
  return shots.map((s) => ({ chart: s.chart, area: s.area, png: Buffer.from(s.url.replace(/^data:image\/png;base64,/, ""), "base64") }));
}
