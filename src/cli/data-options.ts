/** The options every data command shares, how they become a dataset, and the checks on output paths. */
import { existsSync, statSync } from "fs";
import { join, resolve } from "path";
import { cleanDataset, type CleanData } from "../clean/index";
import { DEFAULT_DATA_FILE, datasetFiles, loadDatasetAsync, type DatasetFiles } from "../data/index";
import { UserError } from "../errors";
import { refuseUnsafeTarget } from "../io/index";
import type { Dataset } from "../model";
import type { Command, OptionSpec, OptionValues } from "./args";

/**
 * --input, --map, --customers, --products. A command that does not read customer profiles or a
 * product catalogue says so (`customers: false`, `products: false`): the option is then refused
 * with a sentence instead of being loaded and ignored. `catalogue` renames the catalogue option
 * (for a command where --products means something else).
 */
export function dataOptions(uses: { customers: boolean; products: boolean; catalogue?: string }): OptionSpec[] {
  return [
    { name: "input", value: "FILE|DIR", help: "transactions file (CSV, .csv.gz, Parquet, .xlsx) or a generated dataset folder; default: the shipped UCI data", input: "transactions" },
    { name: "map", value: "MAP.json", help: "column mapping for files of another layout (see README)", input: "mapping" },
    { name: "customers", value: "FILE", help: "customer profiles table", input: "customers", unused: !uses.customers },
    { name: uses.catalogue ?? "products", value: "FILE", help: "product catalogue table", input: "products", unused: !uses.products },
  ];
}

/**
 * The files the data options name: the dataset folder's files, or the file given (the shipped
 * data by default). `catalogue` is the name of the catalogue option (null: the command has none).
 */
export function dataFiles(o: OptionValues, catalogue: string | null = "products"): DatasetFiles {
  const base = o.input ? datasetFiles(String(o.input)) : { transactions: DEFAULT_DATA_FILE };
  return {
    ...base,
    customers: o.customers ? String(o.customers) : base.customers,
    products: catalogue && o[catalogue] ? String(o[catalogue]) : base.products,
    mapping: o.map ? String(o.map) : base.mapping,
  };
}

/** Loads the dataset the options name (`catalogue`: see `dataFiles`). */
export async function datasetFromOptions(o: OptionValues, catalogue: string | null = "products"): Promise<Dataset> {
  return loadDatasetAsync(dataFiles(o, catalogue));
}

/** Loads and cleans the dataset the options name. */
export async function cleanFromOptions(o: OptionValues): Promise<{ dataset: Dataset; clean: CleanData }> {
  const dataset = await datasetFromOptions(o);
  return { dataset, clean: cleanDataset(dataset) };
}

/**
 * True when two paths name the same file: for existing ones the same device and inode (another
 * spelling, a symbolic or hard link), otherwise the same absolute path once `.` and `..` are
 * resolved (`dir/new/../t.csv` is `dir/t.csv` once the write has created `dir/new`).
 */
function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  if (!existsSync(a) || !existsSync(b)) return false;
  const x = statSync(a), y = statSync(b);
  return x.dev === y.dev && x.ino === y.ino;
}

/**
 * Refuses, before any work, an output that would destroy something: `--out` naming any file
 * the command reads (compared as files, so another spelling, a symbolic link or a hard link to
 * an input is caught; a dataset folder's files included), and an existing path that is not a
 * regular file (a folder, symbolic link, FIFO or device node) or not a folder for a folder
 * output, whose files are checked the same way.
 */
export function refuseUnsafeOutput(command: Command, o: OptionValues): void {
  const output = command.options.find((s) => s.output && o[s.name] !== undefined);
  if (!output) return;
  const out = String(o[output.name]);
  const targets = output.output === "dir" ? (output.outputFiles ?? []).map((f) => join(out, f)) : [out];
  if (output.output === "dir") refuseUnsafeTarget(out, "dir");
  for (const t of targets) refuseUnsafeTarget(t);
  if (!command.options.some((s) => s.input)) return;
  const catalogue = command.options.find((s) => s.input === "products" && !s.unused)?.name ?? null;
  const files = dataFiles(o, catalogue);
  const inputs = [files.transactions, files.customers, files.products, typeof files.mapping === "string" ? files.mapping : undefined]
    .filter((f): f is string => f !== undefined);
  for (const t of targets) {
    const input = inputs.find((i) => sameFile(i, t));
    if (input) throw new UserError(`--${output.name} ${out} is ${input === t ? "" : `the same file as `}the input ${input}: writing it would destroy the data it is computed from; name another file.`);
  }
}
