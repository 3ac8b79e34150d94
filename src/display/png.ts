/**
 * Static PNG images of plotly figures, drawn by plotly.js itself in headless Chromium (Debian's
 * `chromium` package, driven by playwright-core). One browser page per process, opened on first
 * use (about 3 s here, most of it Chromium compiling plotly.js) and reused (0.05-0.3 s a figure).
 *
 * When `RETAIL_LAB_RENDERER` names a renderer (`http://127.0.0.1:PORT`, the one `npm start` runs
 * for all its notebooks: scripts/lib/renderer.ts), figures are sent there instead, to be drawn
 * by this same function in that process: the same browser, flags and page, so the same bytes,
 * without a page and a plotly.js per notebook.
 */
import { existsSync } from "fs";
import { request } from "http";
import { UserError } from "../errors";
import type { Figure } from "../charts/index";

/** Where Chromium is looked for: RETAIL_LAB_CHROMIUM when set, else the usual Linux and macOS paths. */
export function chromiumCandidates(): string[] {
  if (process.env.RETAIL_LAB_CHROMIUM) return [process.env.RETAIL_LAB_CHROMIUM];
  return [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
  ];
}

/** The Chromium binary to use, or a clear error saying what to install. */
export function findChromium(): string {
  const found = chromiumCandidates().find((p) => existsSync(p));
  if (!found) {
    throw new UserError(
      "Chromium was not found (it draws the static chart images): install it with `apt-get install chromium` on Debian/Ubuntu, " +
        "or set RETAIL_LAB_CHROMIUM to a Chrome or Chromium binary.",
    );
  }
  return found;
}

/** Flags for a quiet headless Chromium on a machine without network access. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Path of the plotly.js bundle written into pages and reports. */
export function plotlyJsPath(): string {
  return require.resolve("plotly.js-dist-min/plotly.min.js");
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Page = any;
let pagePromise: Promise<{ page: Page; close: () => Promise<void> }> | null = null;
let queue: Promise<unknown> = Promise.resolve();

async function openPage(): Promise<{ page: Page; close: () => Promise<void> }> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { chromium } = require("playwright-core");
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage();
  await page.setContent("<!doctype html><html><body></body></html>");
  await page.addScriptTag({ path: plotlyJsPath() });
  return { page, close: () => browser.close() };
}

/** The size of a PNG: CSS pixels and a scale (default 1). */
export interface PngSize {
  width: number;
  height: number;
  scale?: number;
}

/** Draws a figure as PNG bytes at the given size (CSS pixels) and scale. */
export async function renderPng(fig: Figure, size: PngSize): Promise<Buffer> {
  const renderer = process.env.RETAIL_LAB_RENDERER;
  return renderer ? renderElsewhere(renderer, fig, size) : renderHere(fig, size);
}

/**
 * The PNG drawn by the renderer at `url` (see the module comment); its refusal is an error with its text.
 * Each figure has a connection of its own (`agent: false`): Node 20's global agent would keep the
 * connection alive and reuse it, and a server that closes an idle connection as the next request
 * arrives (Node's does after its 5 s keepAliveTimeout) fails that request with "socket hang up".
 */
function renderElsewhere(url: string, fig: Figure, size: PngSize): Promise<Buffer> {
  const body = Buffer.from(JSON.stringify({ fig, size }), "utf8");
  return new Promise((resolve, reject) => {
    const headers = { "content-type": "application/json", "content-length": body.length };
    const req = request(`${url}/png`, { method: "POST", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const out = Buffer.concat(chunks);
        if (res.statusCode === 200) resolve(out);
        else reject(new Error(`the chart renderer at ${url} failed: ${out.toString("utf8")}`));
      });
    });
    req.on("error", (e) => reject(new Error(`the chart renderer at ${url} (RETAIL_LAB_RENDERER) cannot be reached: ${e.message}`)));
    req.end(body);
  });
}

/** Draws the figure in this process's own page. */
async function renderHere(fig: Figure, size: PngSize): Promise<Buffer> {
  if (!pagePromise) pagePromise = openPage();
  const run = async () => {
    const { page } = await (pagePromise as Promise<{ page: Page }>);
    const dataUrl: string = await page.evaluate(
      async (arg: { fig: Figure; width: number; height: number; scale: number }) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const Plotly = (globalThis as any).Plotly;
        return Plotly.toImage({ data: arg.fig.data, layout: arg.fig.layout }, { format: "png", width: arg.width, height: arg.height, scale: arg.scale });
      },
      { fig, width: size.width, height: size.height, scale: size.scale ?? 1 },
    );
    return Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ""), "base64");
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  try {
    return await result;
  } catch (e) {
    // a failed launch must not poison later calls
    pagePromise = null;
    throw e;
  }
}

/** Closes the browser (tests and scripts call this; a kernel keeps it until it exits). */
export async function closeRenderer(): Promise<void> {
  const p = pagePromise;
  pagePromise = null;
  if (p) await (await p).close().catch(() => undefined);
}
