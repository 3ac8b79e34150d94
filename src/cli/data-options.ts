/** The options every data command shares, and how they become a dataset. */
import { cleanDataset, type CleanData } from "../clean/clean";
import { DEFAULT_DATA_FILE, datasetFiles } from "../data/default";
import { loadDatasetAsync } from "../data/load";
import type { Dataset } from "../model";
import type { OptionSpec } from "./args";

/** --input, --map, --customers, --products. */
export const DATA_OPTIONS: OptionSpec[] = [
  { name: "input", value: "FILE|DIR", help: "transactions file (CSV, .csv.gz, Parquet, .xlsx) or a generated dataset folder; default: the shipped UCI data" },
  { name: "map", value: "MAP.json", help: "column mapping for files of another layout (see README)" },
  { name: "customers", value: "FILE", help: "customer profiles table" },
  { name: "products", value: "FILE", help: "product catalogue table" },
];

/** The data options with the catalogue option renamed (for commands where --products means something else). */
export function dataOptionsWithCatalog(name: string): OptionSpec[] {
  return DATA_OPTIONS.map((o) => (o.name === "products" ? { ...o, name } : o));
}

/** Loads the dataset the options name; `catalog` is the name of the catalogue option. */
export async function datasetFromOptions(o: Record<string, unknown>, catalog = "products"): Promise<Dataset> {
  const base = o.input ? datasetFiles(String(o.input)) : { transactions: DEFAULT_DATA_FILE };
  return loadDatasetAsync({
    ...base,
    customers: o.customers ? String(o.customers) : base.customers,
    products: o[catalog] ? String(o[catalog]) : base.products,
    mapping: o.map ? String(o.map) : base.mapping,
  });
}

/** Loads and cleans the dataset the options name. */
export async function cleanFromOptions(o: Record<string, unknown>): Promise<{ dataset: Dataset; clean: CleanData }> {
  const dataset = await datasetFromOptions(o);
  return { dataset, clean: cleanDataset(dataset) };
}
