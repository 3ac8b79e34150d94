/**
 * One call per question, for the CLI and notebooks: each connects to the source, works inside
 * one read-only snapshot, and closes the connection, whatever happens.
 *
 * ```ts
 * const spec = { url: "postgresql://shop@db/sales", table: "transactions" };
 * const rfm = await databaseRfm(spec);            // push-down: same table as rfmTable on the loaded data
 * const dataset = await databaseDataset(spec);    // the in-memory path: every row, typed by the loader
 * ```
 */
import type { DataFrame } from "nodejs-polars";
import type { CleaningReport } from "../clean/index";
import { loadDatasetWithTransactions, type DatasetFiles } from "../data/index";
import type { Dataset } from "../model";
import { rfmFromMeasures, type RfmOptions } from "../rfm/index";
import { disconnect } from "./connection";
import {
  closeSnapshot, cleaningReportIn, customerFeaturesIn, dailyProductUnitsIn, dailyRevenueIn, openSnapshot, rfmMeasuresIn,
  type FeaturesOptions, type PushdownSource,
} from "./pushdown";
import { openSource, readSource, type SourceSpec } from "./source";

/** Runs `work` on the spec's source inside one read-only snapshot (see `openSnapshot`), then closes the connection. */
export async function withSource<T>(spec: SourceSpec, work: (source: PushdownSource) => Promise<T>): Promise<T> {
  const source = await openSnapshot(spec);
  try {
    return await work(source);
  } finally {
    await closeSnapshot(source);
  }
}

/**
 * The source as a dataset, every row read into memory and typed by the loader (the spec's
 * mapping applied to the database's column names, as to a file's headers): the input of every
 * in-memory analysis. `files` adds a customers table and a product catalogue read from files.
 */
export async function databaseDataset(spec: SourceSpec, files: Pick<DatasetFiles, "customers" | "products"> = {}): Promise<Dataset> {
  const described = await openSource(spec);
  let raw;
  try {
    raw = await readSource(described);
  } finally {
    await disconnect(described.db);
  }
  return loadDatasetWithTransactions(described.label, raw, { ...files, mapping: spec.mapping });
}

/** The cleaning report, counted in the database (equal to `cleanTransactions(...).report`). */
export function databaseCleaningReport(spec: SourceSpec): Promise<CleaningReport> {
  return withSource(spec, cleaningReportIn);
}

/**
 * The RFM table (`rfmTable`'s columns and rows), measures computed in the database; scored by
 * `rfmFromMeasures` with the options (bins, ties, segment map, roster).
 */
export function databaseRfm(spec: SourceSpec, scoring: Omit<RfmOptions, "snapshot"> = {}): Promise<DataFrame> {
  return withSource(spec, async (source) => rfmFromMeasures(await rfmMeasuresIn(source), scoring));
}

/** Customer features (`customerFeatures(customerLines, returns)`), computed in the database. */
export function databaseCustomerFeatures(spec: SourceSpec, options: FeaturesOptions = {}): Promise<DataFrame> {
  return withSource(spec, (source) => customerFeaturesIn(source, options));
}

/** Daily units per product (`dailyProductUnits(sales)`), summed in the database. */
export function databaseDailyProductUnits(spec: SourceSpec): Promise<DataFrame> {
  return withSource(spec, dailyProductUnitsIn);
}

/** Daily revenue (`dailyRevenue(sales)`), summed in the database. */
export function databaseDailyRevenue(spec: SourceSpec): Promise<DataFrame> {
  return withSource(spec, dailyRevenueIn);
}
