/**
 * The interactive path: `npm run lab` (scripts/lab.ts) opens the classic Jupyter Notebook on the
 * project; a browser opens 00-getting-started, runs every cell, and the chart draws with
 * plotly.js through custom.js, on the project's kernel. Autosave is switched off first, so the
 * notebook file is never rewritten by the test.
 */
import { spawn, spawnSync, type ChildProcess } from "child_process";
import { createServer } from "net";
import { readFileSync } from "fs";
import { join } from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, findChromium } from "../../src/display/png";
import { ROOT } from "./run";

const NOTEBOOK = join(ROOT, "notebooks", "00-getting-started.ipynb");
let server: ChildProcess;
let port = 0;
const token = `t${process.pid}`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

beforeAll(async () => {
  port = await freePort();
  server = spawn(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "lab.ts"), "--no-browser", "--ip=127.0.0.1", `--port=${port}`, `--NotebookApp.token=${token}`], { cwd: ROOT, stdio: "pipe", detached: true });
  await new Promise<void>((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`Jupyter did not start:\n${log}`)), 60_000);
    const watch = (d: Buffer) => {
      log += d.toString();
      if (log.includes("is running at")) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout?.on("data", watch);
    server.stderr?.on("data", watch);
  });
}, 90_000);

afterAll(async () => {
  if (!server?.pid) return;
  // the whole process group: tsx, scripts/lab.ts and the Jupyter server it started
  process.kill(-server.pid, "SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 1500));
});

describe("npm run lab", () => {
  it("runs 00-getting-started top to bottom on the project's kernel, with the chart drawn interactively", async () => {
    const before = readFileSync(NOTEBOOK, "utf8");
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { chromium } = require("playwright-core");
    const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
      const errors: string[] = [];
      page.on("pageerror", (e: Error) => errors.push(e.message));
      await page.goto(`http://127.0.0.1:${port}/notebooks/notebooks/00-getting-started.ipynb?token=${token}`);
      await page.waitForFunction(() => (window as any).Jupyter?.notebook?.kernel?.is_connected?.(), null, { timeout: 60_000 });
      const kernel = await page.evaluate(() => {
        const nb = (window as any).Jupyter.notebook;
        nb.set_autosave_interval(0);
        nb.clear_all_output();
        nb.execute_all_cells();
        return nb.kernel.name;
      });
      expect(kernel).toBe("retail-lab");
      await page.waitForFunction(() => document.querySelectorAll(".rl-chart svg.main-svg").length > 0, null, { timeout: 120_000 });
      await page.waitForFunction(() => !(window as any).Jupyter.notebook.kernel_busy && Array.from(document.querySelectorAll(".input_prompt")).every((p) => !p.textContent?.includes("*")), null, { timeout: 120_000 });
      const text = await page.evaluate(() => document.querySelector("#notebook-container")?.textContent ?? "");
      expect(text).toContain("541,909 rows × 8 columns");
      expect(text).toContain("from 4,338 customers");
      expect(text).toContain("The busiest complete month is");
      expect(errors).toEqual([]);
      await page.evaluate(() => (window as any).Jupyter.notebook.kernel.kill());
    } finally {
      await browser.close();
    }
    expect(readFileSync(NOTEBOOK, "utf8")).toBe(before);
  }, 240_000);

  it("stopping npm run lab stops its Jupyter server", async () => {
    const probe = spawn(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "lab.ts"), "--no-browser", "--ip=127.0.0.1", `--port=${await freePort()}`, `--NotebookApp.token=${token}x`], { cwd: ROOT, stdio: "pipe" });
    let log = "";
    await new Promise<void>((resolve) => {
      const watch = (d: Buffer) => {
        log += d.toString();
        if (log.includes("is running at")) resolve();
      };
      probe.stdout?.on("data", watch);
      probe.stderr?.on("data", watch);
    });
    const running = () => spawnSync("pgrep", ["-f", `NotebookApp.token=${token}x`]).status === 0;
    expect(running()).toBe(true);
    probe.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(running()).toBe(false);
  }, 90_000);
});
