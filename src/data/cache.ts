/**
 * A cache of loaded datasets for the notebooks (`loadNotebookDataset`): nine notebooks load the
 * same file, so the first one types it (0.8 s for UCI) and the others read the typed tables
 * back (0.1 s). An entry is a folder `.cache/datasets/KEY/` with each table as Arrow IPC and
 * the rest of the dataset as JSON; KEY is a SHA-256 of every input a load depends on:
 * - the bytes of each file (transactions, customers, products, a mapping file) or the mapping object;
 * - the loader's own code (every file beside this module and in ../util, the data model, the
 *   errors) and the polars version,
 * so a changed file, mapping or loader is a new key and never reads a stale entry. An entry is
 * written into a temporary folder and renamed into place whole; the newest 3 are kept. A cache
 * that cannot be written is skipped, silently: the load itself has already succeeded.
 */
import { createHash } from "crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "fs";
import { join } from "path";
import pl from "nodejs-polars";
import type { Dataset } from "../model";
import type { DatasetFiles } from "./load";

/** How many entries the cache keeps (the newest by modification time). */
const KEPT_ENTRIES = 3;
const TABLES = ["transactions", "customers", "products"] as const;

/** The sources of the loader's code, in a fixed order: what a load's result depends on besides its inputs. */
function loaderCode(): string[] {
  const code = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => /\.(ts|js)$/.test(f)).sort().map((f) => join(dir, f)) : []);
  const beside = (name: string) => [".ts", ".js"].map((e) => join(__dirname, "..", `${name}${e}`)).filter((f) => existsSync(f));
  return [...code(__dirname), ...code(join(__dirname, "..", "util")), ...beside("model"), ...beside("errors")];
}

/** The cache key of a load: see the module comment. */
export function datasetCacheKey(files: DatasetFiles): string {
  const h = createHash("sha256");
  const part = (label: string, bytes: string | Buffer) => h.update(`${label}\0${bytes.length}\0`).update(bytes);
  for (const t of TABLES) if (files[t]) part(t, readFileSync(files[t] as string));
  if (typeof files.mapping === "string") part("mapping file", readFileSync(files.mapping));
  else if (files.mapping) part("mapping", JSON.stringify(files.mapping));
  for (const f of loaderCode()) part("code", readFileSync(f));
  part("polars", String((require("nodejs-polars/package.json") as { version: string }).version));
  return h.digest("hex").slice(0, 32);
}

/** The dataset of an entry, or null when it is absent or unreadable. */
function readEntry(dir: string): Dataset | null {
  try {
    const rest = JSON.parse(readFileSync(join(dir, "dataset.json"), "utf8")) as Omit<Dataset, (typeof TABLES)[number]> & { tables: string[] };
    const dataset: Dataset = { source: rest.source, reading: rest.reading, transactions: pl.readIPC(join(dir, "transactions.ipc")) };
    for (const t of rest.tables) if (t !== "transactions") dataset[t as "customers" | "products"] = pl.readIPC(join(dir, `${t}.ipc`));
    return dataset;
  } catch {
    return null;
  }
}

/** Writes an entry whole (a temporary folder renamed into place), then drops all but the newest entries. */
function writeEntry(root: string, key: string, dataset: Dataset): void {
  const tmp = join(root, `${key}.${process.pid}.tmp`);
  try {
    mkdirSync(tmp, { recursive: true });
    const tables = TABLES.filter((t) => dataset[t]);
    for (const t of tables) dataset[t]?.writeIPC(join(tmp, `${t}.ipc`));
    writeFileSync(join(tmp, "dataset.json"), JSON.stringify({ source: dataset.source, reading: dataset.reading, tables }));
    renameSync(tmp, join(root, key)); // another kernel may have written it meanwhile: then this rename fails, harmlessly
    const entries = readdirSync(root).filter((e) => !e.endsWith(".tmp")).map((e) => ({ e, t: statSync(join(root, e)).mtimeMs }));
    for (const { e } of entries.sort((a, b) => b.t - a.t || a.e.localeCompare(b.e)).slice(KEPT_ENTRIES)) rmSync(join(root, e), { recursive: true, force: true });
  } catch {
    // a cache that cannot be written only costs the next load its time
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The dataset of `files` from the cache in `root`, or `load()`'s, then kept there. Same tables,
 * reading and source as `load()` gives, whichever way it comes.
 */
export function cachedDataset(files: DatasetFiles, root: string, load: () => Dataset): Dataset {
  const key = datasetCacheKey(files);
  const hit = readEntry(join(root, key));
  if (hit) return hit;
  const dataset = load();
  writeEntry(root, key, dataset);
  return dataset;
}
