/**
 * The embedded default dataset: UCI Online Retail, shipped compressed in data/ (CC BY 4.0,
 * Chen 2015, https://doi.org/10.24432/C5BW33), so a fresh clone works offline on real data.
 */
import { existsSync, statSync } from "fs";
import { join, resolve } from "path";
import { UserError } from "../errors";
import type { Dataset } from "../model";
import { cachedDataset } from "./cache";
import { loadDataset, type DatasetFiles } from "./load";

/** The project root (the folder holding data/ and src/). */
export const PROJECT_ROOT = resolve(__dirname, "..", "..");

/** Path of the shipped UCI Online Retail file. */
export const DEFAULT_DATA_FILE = join(PROJECT_ROOT, "data", "online_retail.csv.gz");

/** Attribution to print wherever the default data is shown. */
export const DEFAULT_DATA_ATTRIBUTION =
  "UCI Online Retail (Chen, D. 2015, UCI Machine Learning Repository, https://doi.org/10.24432/C5BW33), CC BY 4.0";

/**
 * The files of a dataset folder as the generator writes it: transactions.csv plus optional
 * customers.csv, products.csv and mapping.json beside it.
 */
export function datasetFilesInFolder(dir: string): DatasetFiles {
  const file = (name: string) => [join(dir, name), join(dir, `${name}.gz`)].find((f) => existsSync(f));
  const transactions = file("transactions.csv") ?? file("transactions.parquet");
  if (!transactions) throw new UserError(`${dir}: a dataset folder needs a transactions.csv (or .csv.gz, .parquet) file.`);
  const mapping = join(dir, "mapping.json");
  return {
    transactions,
    customers: file("customers.csv"),
    products: file("products.csv"),
    mapping: existsSync(mapping) ? mapping : undefined,
  };
}

/** Files for a path that is either a data file or a dataset folder. */
export function datasetFiles(path: string): DatasetFiles {
  if (existsSync(path) && statSync(path).isDirectory()) return datasetFilesInFolder(path);
  return { transactions: path };
}

/** Where `loadNotebookDataset` keeps its typed copies (see ./cache.ts; .cache/ is not tracked). */
export const DATASET_CACHE = join(PROJECT_ROOT, ".cache", "datasets");

/**
 * The dataset the notebooks run on: the file or folder named by the RETAIL_LAB_DATA
 * environment variable, or the shipped UCI Online Retail data. Loaded once per content: the
 * typed tables are kept in DATASET_CACHE, keyed by the files' bytes and the loader's code.
 */
export function loadNotebookDataset(): Dataset {
  const named = process.env.RETAIL_LAB_DATA;
  const files = named ? datasetFiles(resolve(PROJECT_ROOT, named)) : { transactions: DEFAULT_DATA_FILE };
  return cachedDataset(files, DATASET_CACHE, () => loadDataset(files));
}
