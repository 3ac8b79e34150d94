/**
 * Static PNG images of plotly figures, drawn by plotly.js itself in headless Chromium (Debian's
 * `chromium` package, driven by playwright-core). One browser per process, started on first
 * use (about 2.5 s) and reused (0.1-0.3 s a figure). When `RETAIL_LAB_BROWSER_ENDPOINT` names a
 * running browser server (a playwright `launchServer` endpoint, as `npm start` starts one for
 * all its notebooks), the process connects to it instead and draws in a page of its own: the
 * same browser binary and flags, so the same bytes, without a browser start per notebook.
 */
import { existsSync } from "fs";
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
  const endpoint = process.env.RETAIL_LAB_BROWSER_ENDPOINT;
  const browser = endpoint ? await chromium.connect(endpoint) : await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage();
  await page.setContent("<!doctype html><html><body></body></html>");
  await page.addScriptTag({ path: plotlyJsPath() });
  return { page, close: () => browser.close() };
}

/** Draws a figure as PNG bytes at the given size (CSS pixels) and scale. */
export async function renderPng(fig: Figure, size: { width: number; height: number; scale?: number }): Promise<Buffer> {
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

/** Closes the browser, or the connection to a shared one (tests and scripts call this; a kernel keeps it until it exits). */
export async function closeRenderer(): Promise<void> {
  const p = pagePromise;
  pagePromise = null;
  if (p) await (await p).close().catch(() => undefined);
}
