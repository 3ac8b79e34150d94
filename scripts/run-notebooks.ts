/**
 * `npm start`: executes every notebook in notebooks/ with the tslab kernel, writes each
 * executed notebook back (so GitHub shows its outputs) and exports it to reports/NAME.html with
 * interactive offline charts. `npm start -- notebooks/01-eda.ipynb` runs one notebook.
 * A failing cell stops the run with its notebook, cell, source and error, and exit code 1.
 *
 * Notebooks run `--jobs N` at a time (default: 2, or 1 on a one-core machine), each in its own
 * kernel and its own files, so a notebook's outputs do not depend on what runs beside it (the
 * platform tests compare a parallel run with the committed notebooks, byte for byte). Lines are
 * printed in notebook order; after a failure no further notebook starts, and the first failing
 * notebook in order is the one reported. Every kernel draws its chart images through one
 * renderer for the run (scripts/lib/renderer.ts), and each job converts through one nbconvert
 * worker (scripts/lib/nbconvert_worker.py): the same bytes, without a browser page and two
 * Python starts per notebook.
 *
 * Options: `--reports DIR` (default reports/), `--executed DIR` (write executed notebooks there
 * instead of over the originals; the tests use both), `--jobs N`.
 */
import { spawn, spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import { availableParallelism, tmpdir } from "os";
import { basename, join, relative, resolve } from "path";
import { findChromium, plotlyJsPath } from "../src/display/png";
import { isUserError, UserError } from "../src/errors";
import { writeFileAtomic } from "../src/io/csv";
import { chartCount, describeFailure, exportCopy, findFailure, finishReportHtml, normalizeExecuted, type Notebook } from "./lib/notebook";
import { startRenderer } from "./lib/renderer";
import { checkKernel, findJupyterAsync, jupyterEnv, ROOT } from "./lib/tools";

interface Options {
  files: string[];
  reportsDir: string;
  executedDir: string | null;
  jobs: number;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { files: [], reportsDir: join(ROOT, "reports"), executedDir: null, jobs: Math.min(2, availableParallelism()) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--reports" || a === "--executed") {
      const v = argv[++i];
      if (!v) throw new UserError(`${a} needs a folder.`);
      if (a === "--reports") opts.reportsDir = resolve(v);
      else opts.executedDir = resolve(v);
    } else if (a === "--jobs") {
      const v = argv[++i];
      if (!/^[1-9]\d?$/.test(v ?? "")) throw new UserError(`--jobs needs a number of notebooks to run at once, 1 to 99, not ${v === undefined ? "nothing" : `"${v}"`}.`);
      opts.jobs = Number(v);
    } else if (a === "--help" || a === "-h") {
      console.log("usage: npm start [-- [--reports DIR] [--executed DIR] [--jobs N] [notebooks/NAME.ipynb ...]]");
      process.exit(0);
    } else if (a.startsWith("--")) throw new UserError(`unknown option ${a}; see npm start -- --help.`);
    else opts.files.push(a);
  }
  opts.files = notebooksToRun(opts.files);
  return opts;
}

function notebooksToRun(args: string[]): string[] {
  if (args.length) {
    return args.map((a) => {
      const file = resolve(a);
      if (!file.endsWith(".ipynb")) throw new UserError(`${a}: not a notebook (.ipynb).`);
      readFileSync(file); // a clear ENOENT below if missing
      return file;
    });
  }
  const dir = join(ROOT, "notebooks");
  return readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => join(dir, f));
}

interface RunResult {
  file: string;
  cells: number;
  charts: number;
  seconds: number;
}

/** Runs a command to its end without blocking the other notebooks: its exit status and stderr. */
function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-64 * 1024)));
    child.on("error", fail);
    child.on("close", (status) => done({ status, stderr }));
  });
}

/** Runs `jupyter nbconvert ARGS`: its exit status and what it printed on stderr. */
type Nbconvert = (args: string[]) => Promise<{ status: number | null; stderr: string }>;

/**
 * An nbconvert that stays up between calls (scripts/lib/nbconvert_worker.py: nbconvert's own
 * application, run once per call, in one Python process), or null when the Python behind
 * `jupyter` cannot be told from its first line. One call at a time.
 */
function nbconvertWorker(jupyter: string, env: NodeJS.ProcessEnv): { run: Nbconvert; close: () => void } | null {
  const python = pythonOf(jupyter);
  if (!python) return null;
  const child = spawn(python, [join(ROOT, "scripts", "lib", "nbconvert_worker.py")], { env, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-64 * 1024)));
  const waiting: ((answer: { status: number; error?: string }) => void)[] = [];
  let buffered = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    buffered += d;
    for (let i = buffered.indexOf("\n"); i >= 0; i = buffered.indexOf("\n")) {
      const line = buffered.slice(0, i);
      buffered = buffered.slice(i + 1);
      waiting.shift()?.(JSON.parse(line));
    }
  });
  child.on("close", (status) => {
    for (const w of waiting.splice(0)) w({ status: status ?? 1, error: `the nbconvert worker stopped (exit ${status}):\n${stderr.trim().split("\n").slice(-10).join("\n")}` });
  });
  const run: Nbconvert = (args) =>
    new Promise((done) => {
      stderr = "";
      waiting.push((a) => done({ status: a.status, stderr: `${stderr}${a.error ? `\n${a.error}` : ""}` }));
      child.stdin.write(JSON.stringify(args.slice(1)) + "\n"); // args[0] is "nbconvert"
    });
  return { run, close: () => child.stdin.end() };
}

/** The Python interpreter of a `jupyter` script, from its `#!` line; null when it has none. */
function pythonOf(jupyter: string): string | null {
  const found = spawnSync("sh", ["-c", `command -v "$0"`, jupyter], { encoding: "utf8" }).stdout.trim();
  if (!found) return null;
  const first = readFileSync(found, "utf8").slice(0, 200).split("\n", 1)[0];
  const m = /^#!\s*(\S*python[\d.]*)\s*$/.exec(first);
  return m ? m[1] : null;
}

async function runOne(nbconvert: Nbconvert, file: string, work: string, plotlyJs: string, opts: Options): Promise<RunResult> {
  const name = basename(file, ".ipynb");
  const rel = relative(ROOT, file);
  const started = Date.now();
  const exec = await nbconvert(
    ["nbconvert", "--to", "notebook", "--execute", "--allow-errors", "--ExecutePreprocessor.timeout=1800",
      "--ExecutePreprocessor.kernel_name=retail-lab", "--output-dir", work, "--output", `${name}.executed`, file],
  );
  if (exec.status !== 0) {
    const tail = (exec.stderr || "").trim().split("\n").slice(-15).join("\n");
    throw new UserError(`${rel}: Jupyter could not execute the notebook (exit ${exec.status}):\n${tail}`);
  }
  const executed = JSON.parse(readFileSync(join(work, `${name}.executed.ipynb`), "utf8")) as Notebook;
  const failure = findFailure(executed);
  if (failure) throw new UserError(describeFailure(rel, failure));
  const nb = normalizeExecuted(executed);
  if (opts.executedDir) mkdirSync(opts.executedDir, { recursive: true });
  writeFileAtomic(opts.executedDir ? join(opts.executedDir, basename(file)) : file, JSON.stringify(nb, null, 1) + "\n");

  const copy = join(work, `${name}.ipynb`);
  writeFileSync(copy, JSON.stringify(exportCopy(nb)));
  const html = await nbconvert(["nbconvert", "--to", "html", "--template", "lab", "--output-dir", work, "--output", name, copy]);
  if (html.status !== 0) throw new UserError(`${rel}: HTML export failed:\n${(html.stderr || "").trim().split("\n").slice(-10).join("\n")}`);
  const charts = chartCount(nb);
  const page = finishReportHtml(readFileSync(join(work, `${name}.html`), "utf8"), charts > 0 ? plotlyJs : null);
  mkdirSync(opts.reportsDir, { recursive: true });
  writeFileAtomic(join(opts.reportsDir, `${name}.html`), page);
  return { file: rel, cells: nb.cells.filter((c) => c.cell_type === "code").length, charts, seconds: (Date.now() - started) / 1000 };
}

/**
 * Runs every file, `jobs` at a time, and prints each one's line in file order as soon as it and
 * every file before it are done. After a failure no file starts; the first failure in file order
 * is thrown once the running ones have finished.
 */
async function runAll(files: string[], jobs: number, one: (file: string) => Promise<RunResult>): Promise<void> {
  type Outcome = { ok: RunResult } | { error: unknown } | null; // null: not started (a notebook before it failed)
  const settle: ((o: Outcome) => void)[] = [];
  const outcomes = files.map(() => new Promise<Outcome>((resolve) => settle.push(resolve)));
  let next = 0;
  let failed = false;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      if (failed) settle[i](null);
      else await one(files[i]).then((ok) => settle[i]({ ok }), (error) => ((failed = true), settle[i]({ error })));
    }
  };
  const workers = Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));
  for (let i = 0; i < files.length; i++) {
    const o = await outcomes[i];
    if (o === null) break;
    if ("error" in o) {
      await workers;
      console.log(`FAIL ${relative(ROOT, files[i])}`);
      throw o.error;
    }
    const r = o.ok;
    console.log(`ok   ${r.file.padEnd(42)} ${String(r.cells).padStart(3)} cells ${String(r.charts).padStart(3)} charts ${r.seconds.toFixed(1).padStart(6)} s`);
  }
  await workers;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const files = opts.files;
  checkKernel();
  findChromium();
  const started = Date.now();
  // the Jupyter check and the renderer's start (Chromium, plotly.js) run at the same time
  const jupyterFound = findJupyterAsync();
  jupyterFound.catch(() => undefined); // awaited below, after the renderer has started
  const renderer = await startRenderer();
  let jupyter: string;
  try {
    jupyter = await jupyterFound;
  } catch (e) {
    await renderer.close();
    throw e;
  }
  const plotlyJs = readFileSync(plotlyJsPath(), "utf8");
  const work = mkdtempSync(join(tmpdir(), "retail-lab-run-"));
  // every kernel's charts are drawn by the one renderer of this run (scripts/lib/renderer.ts)
  const env = jupyterEnv({ RETAIL_LAB_HEADLESS: "1", RETAIL_LAB_RENDERER: renderer.url });
  // one nbconvert worker per job (a notebook takes a free one), or a command per call
  const workers = Array.from({ length: Math.min(opts.jobs, files.length) }, () => nbconvertWorker(jupyter, env));
  const free: Nbconvert[] = workers.map((w) => w?.run ?? ((args) => runCommand(jupyter, args, env)));
  const withFree = async (file: string) => {
    const nbconvert = free.pop() as Nbconvert; // runAll runs at most `jobs` at once
    try {
      return await runOne(nbconvert, file, work, plotlyJs, opts);
    } finally {
      free.push(nbconvert);
    }
  };
  try {
    await runAll(files, opts.jobs, withFree);
    console.log(`${files.length} notebook(s) in ${((Date.now() - started) / 1000).toFixed(1)} s; reports in ${relative(process.cwd(), opts.reportsDir) || "."}/`);
  } finally {
    for (const w of workers) w?.close();
    await renderer.close();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  if (isUserError(e)) {
    console.error(`\n${e.message}`);
    process.exit(1);
  }
  if ((e as NodeJS.ErrnoException).code === "ENOENT") {
    console.error(`\n${(e as Error).message}`);
    process.exit(1);
  }
  throw e;
});
