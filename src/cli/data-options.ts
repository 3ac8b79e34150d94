/** The options every data command shares, how they become a dataset, and the checks on output paths. */
import { existsSync, statSync } from "fs";
import { join, resolve } from "path";
import type { DataFrame } from "nodejs-polars";
import { cleanDataset, type CleanData } from "../clean/index";
import { DEFAULT_DATA_FILE, datasetFiles, loadDatasetAsync, type DatasetFiles } from "../data/index";
import { UserError } from "../errors";
import { refuseUnsafeTarget } from "../io/index";
import type { Dataset } from "../model";
import type { TieRule } from "../rfm/index";
import type { SourceSpec } from "../warehouse/index";
import type { Command, OptionSpec, OptionValues } from "./args";

/** The warehouse (database sources), loaded only for an input that may name a database: a file run does not pay for it. */
const warehouse = () => require("../warehouse/index") as typeof import("../warehouse/index");

/** True when --input names a database (`postgresql://...`); a path without "://" never does, and is told without loading the warehouse. */
function isDatabaseInput(input: string): boolean {
  return input.includes("://") && warehouse().isDatabaseUrl(input);
}

/**
 * --input, --table, --query, --map, --customers, --products. A command that does not read
 * customer profiles or a product catalogue says so (`customers: false`, `products: false`): the
 * option is then refused with a sentence instead of being loaded and ignored. `catalogue` renames
 * the catalogue option (for a command where --products means something else), `sourceQuery`
 * the database query option (for a command where --query means something else).
 */
export function dataOptions(uses: { customers: boolean; products: boolean; catalogue?: string; sourceQuery?: string }): OptionSpec[] {
  return [
    {
      name: "input", value: "FILE|DIR|URL",
      help: "transactions file (CSV, .csv.gz, Parquet, .xlsx), a generated dataset folder, or a PostgreSQL database postgresql://user@host:port/db with --table or --query; default: the shipped UCI data",
      input: "transactions",
    },
    { name: "table", value: "NAME", help: "with a postgresql:// --input: the table (or view) of transactions, e.g. sales or shop.sales" },
    { name: uses.sourceQuery ?? "query", value: '"SELECT ..."', help: "with a postgresql:// --input: a SELECT whose rows are the transactions (run read-only)" },
    { name: "map", value: "MAP.json", help: "column mapping for files of another layout, or for the database's column names (see README)", input: "mapping" },
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

/**
 * The database source the options name: `--input postgresql://...` with exactly one of
 * `--table` and `--query` (named `queryOption` where the command renames it), the mapping of
 * `--map`; null for a file input, which refuses --table and --query.
 */
export function databaseSource(o: OptionValues, queryOption = "query"): SourceSpec | null {
  const table = o.table === undefined ? undefined : String(o.table);
  const query = o[queryOption] === undefined ? undefined : String(o[queryOption]);
  if (o.input === undefined || !isDatabaseInput(String(o.input))) {
    const given = table !== undefined ? "--table" : query !== undefined ? `--${queryOption}` : null;
    if (given) throw new UserError(`${given} reads a database: give it with --input postgresql://user@host:port/database (the input here is ${o.input === undefined ? "the shipped data file" : `the file ${o.input}`}).`);
    return null;
  }
  if ((table === undefined) === (query === undefined)) {
    throw new UserError(`--input names a database: say what to read from it with exactly one of --table NAME or --${queryOption} "SELECT ...".`);
  }
  if (table !== undefined) warehouse().parseTableName(table); // refused before connecting
  return { url: String(o.input), table, query, mapping: o.map === undefined ? undefined : String(o.map) };
}

/**
 * Loads the dataset the options name (`catalogue`: see `dataFiles`; `queryOption`: see
 * `databaseSource`): files through the loader, a database source by reading its rows and typing
 * them with the same loader.
 */
export async function datasetFromOptions(o: OptionValues, catalogue: string | null = "products", queryOption = "query"): Promise<Dataset> {
  const source = databaseSource(o, queryOption);
  if (!source) return loadDatasetAsync(dataFiles(o, catalogue));
  const files = dataFiles({ ...o, input: undefined }, catalogue);
  return warehouse().databaseDataset(source, { customers: o.customers ? files.customers : undefined, products: catalogue && o[catalogue] ? files.products : undefined });
}

/**
 * The RFM table pushed down into the database, when the options name a database source and no
 * customers table (the roster needs the profiles in memory): only one row per customer leaves
 * the database. Null otherwise, for the in-memory path. Same rows as `rfmTable` on the loaded data.
 */
export async function pushedDownRfm(o: OptionValues, scoring: { bins: number; ties: TieRule }): Promise<DataFrame | null> {
  const source = databaseSource(o);
  if (!source || o.customers !== undefined) return null;
  return warehouse().databaseRfm(source, scoring);
}

/**
 * Loads and cleans the dataset the options name (`queryOption`: see `databaseSource`); the clean
 * tables keep only `columns` when given (see `CleaningOptions.columns`).
 */
export async function cleanFromOptions(o: OptionValues, queryOption = "query", columns?: readonly string[]): Promise<{ dataset: Dataset; clean: CleanData }> {
  const dataset = await datasetFromOptions(o, "products", queryOption);
  return { dataset, clean: cleanDataset(dataset, columns) };
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
