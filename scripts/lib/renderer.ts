/**
 * The chart renderer `npm start` runs for all its notebooks: a local HTTP service whose
 * `POST /png` takes `{ fig, size }` and answers the PNG drawn by `renderPng` in this process
 * (one Chromium page with plotly.js loaded once, instead of one per notebook kernel: each
 * kernel's first chart cost about 3 s of CPU, mostly Chromium compiling plotly.js). Kernels
 * find it through RETAIL_LAB_RENDERER (see src/display/png.ts). Figures are drawn one at a
 * time, in arrival order, as a kernel draws its own.
 */
import { createServer } from "http";
import type { AddressInfo } from "net";
import type { Figure } from "../../src/charts/index";
import { closeRenderer, renderPng, type PngSize } from "../../src/display/png";

/** Starts the renderer on a free port of 127.0.0.1: its URL (for RETAIL_LAB_RENDERER) and how to stop it. */
export async function startRenderer(): Promise<{ url: string; close: () => Promise<void> }> {
  if (process.env.RETAIL_LAB_RENDERER) throw new Error("startRenderer: this process already sends its figures to a renderer (RETAIL_LAB_RENDERER)");
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/png") {
        res.writeHead(404).end("only POST /png");
        return;
      }
      let figure: { fig: Figure; size: PngSize };
      try {
        figure = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch (e) {
        res.writeHead(400, { "content-type": "text/plain" }).end(`not a figure: ${(e as Error).message}`);
        return;
      }
      renderPng(figure.fig, figure.size).then(
        (png) => res.writeHead(200, { "content-type": "image/png" }).end(png),
        (e: Error) => res.writeHead(500, { "content-type": "text/plain" }).end(e.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // start the browser and load plotly.js now, while the kernels start, not when the first chart waits
  renderPng({ data: [], layout: {} }, { width: 10, height: 10 }).catch(() => undefined); // a failure shows again on the first real chart
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeRenderer();
    },
  };
}
