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
import { toCsv } from "../io/index";
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

/** How the push-down RFM compares with one computed in memory (see `rfmAgreement`). */
export interface RfmAgreement {
  /** customers in the database's table and in the in-memory one */
  databaseCustomers: number;
  memoryCustomers: number;
  /** rows (as CSV lines) in one table and not at the same place in the other */
  differingRows: number;
  /** the two tables written as CSV are the same bytes */
  identical: boolean;
}

/**
 * The push-down RFM of a source (`databaseRfm`) against an RFM table computed in memory (e.g.
 * `rfmTable` on the loaded file), compared as the CSV text they write, row by row.
 * Two tables of 3 customers with one segment differing: `differingRows` 1, `identical` false.
 */
export async function rfmAgreement(spec: SourceSpec, inMemory: DataFrame, scoring: Omit<RfmOptions, "snapshot"> = {}): Promise<RfmAgreement> {
  const database = await databaseRfm(spec, scoring);
  const a = toCsv(database).split("\n"), b = toCsv(inMemory).split("\n");
  let differing = 0;
  for (let i = 1; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) differing++;
  return { databaseCustomers: database.height, memoryCustomers: inMemory.height, differingRows: differing, identical: toCsv(database) === toCsv(inMemory) };
}
