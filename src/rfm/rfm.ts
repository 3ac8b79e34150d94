/**
 * RFM: recency, frequency and monetary value per customer, their 1-5 scores and segments.
 * Definitions (exactly, so results compare with other tools):
 * - input: customer purchase lines from cleaning (`customerLines`), snapshot from `sales`;
 * - snapshot date: the calendar day after the last invoice day in the cleaned sales;
 * - recency: snapshot date - calendar date of the customer's last purchase, in whole days;
 * - frequency: distinct invoices; monetary: sum of quantity x unit price (`moneySum`), rounded
 *   to cents;
 *   units: sum of quantity;
 * - scores: see `rankScores` (recency reversed: most recent gets the top score); ties by
 *   `RfmOptions.ties`, by default `"min"`: customers with equal values share a score;
 * - segment: from the R and F digits through a segment map; volume: from units.
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { DAY_MS, moneySum, numbers, strings } from "../util/index";
import { rankScores, tieRuleOf, type TieRule } from "./scores";
import { DEFAULT_SEGMENT_MAP, segmentOf, volumeSegment, type SegmentRule } from "./segments";

/** One customer's RFM row (the columns of `rfmTable`, in order). */
export interface RfmRow {
  customerId: string;
  /** days since the last purchase, counted from the snapshot date */
  recency: number;
  /** distinct invoices */
  frequency: number;
  /** sum of quantity x unit price, rounded to cents */
  monetary: number;
  /** sum of quantity */
  units: number;
  R: number;
  F: number;
  M: number;
  segment: string;
  volume: string;
}

/** Options of the RFM scoring: the number of score bins, the tie rule and the segment map. */
export interface RfmOptions {
  bins?: number;
  segmentMap?: SegmentRule[];
  /**
   * how equal values are ranked (see `TieRule`): `"min"` (default) gives equal values equal
   * scores; `"first"` breaks ties by customer ID, as the published UCI segment counts do
   */
  ties?: TieRule;
  /** the snapshot date; by default the day after the last invoice day of `sales` */
  snapshot?: Date;
  /**
   * customer IDs of a roster (e.g. the customers table): those without purchases get a row
   * with frequency 0, units 0 and volume "No Orders" (recency and scores are null for them).
   */
  roster?: string[];
}

/** The columns of the clean tables that `rfmTable` reads (for `CleaningOptions.columns`). */
export const RFM_COLUMNS = ["customerId", "invoice", "invoiceDate", "quantity", "amount"] as const;

/** The calendar day after the last invoice day of a sales table (midnight, shop time as UTC). */
export function snapshotDate(sales: DataFrame): Date {
  const last = new Date(sales.getColumn("invoiceDate").max() as unknown as number);
  return new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), last.getUTCDate() + 1));
}

/** Whole days from `date`'s calendar day to the snapshot. */
export function daysBefore(snapshot: Date, date: Date): number {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return Math.round((snapshot.getTime() - day) / DAY_MS);
}

/**
 * Per-customer recency, frequency, monetary and units (no scores), sorted by customerId.
 * Computed with polars: one group-by over the customer purchase lines.
 */
export function rfmMeasures(customerLines: DataFrame, snapshot: Date): DataFrame {
  const lastDay = pl.col("invoiceDate").max().dt.truncate("1d");
  return customerLines
    .groupBy("customerId")
    .agg(
      lastDay.cast(pl.Int64).alias("__lastDay"),
      pl.col("invoice").nUnique().cast(pl.Float64).alias("frequency"),
      moneySum("amount").round(2).alias("monetary"),
      pl.col("quantity").sum().alias("units"),
    )
    .withColumns(pl.lit(snapshot.getTime()).minus(pl.col("__lastDay")).div(DAY_MS).round(0).alias("recency"))
    .select("customerId", "recency", "frequency", "monetary", "units")
    .sort("customerId");
}

/**
 * The RFM table: one row per customer (see `RfmRow`), sorted by customerId. Refuses a table
 * with no customer IDs (RFM is per customer) with a message saying so. The measures come from
 * `rfmMeasures`, the scores and segments from `rfmFromMeasures`.
 */
export function rfmTable(customerLines: DataFrame, sales: DataFrame, options: RfmOptions = {}): DataFrame {
  checkBins(options.bins ?? 5);
  if (customerLines.height === 0) {
    throw new UserError("RFM needs customer IDs, and no purchase line has one: map the customer column of the data (see --map), or use the sales-level notebooks.");
  }
  return rfmFromMeasures(rfmMeasures(customerLines, options.snapshot ?? snapshotDate(sales)), options);
}

/** Refuses a number of score bins outside 2..10. */
function checkBins(bins: number): void {
  if (!Number.isInteger(bins) || bins < 2 || bins > 10) throw new UserError(`RFM needs 2 to 10 score bins, not ${bins}.`);
}

/**
 * The RFM table from measures already computed (by `rfmMeasures`, or by a database: see
 * src/warehouse): `measures` has customerId, recency, frequency, monetary and units, sorted by
 * customerId. Adds R, F, M (`rankScores`: recency reversed, so the most recent get the top
 * score; ties by `options.ties`), the segment (`segmentOf` of R and F) and the volume
 * (`volumeSegment` of units); a `roster` adds its customers without purchases ("No Orders").
 * `snapshot` is not used (the measures already count from one).
 *
 * Two customers A (recency 3, frequency 2, monetary 9.25, units 4) and B (5, 1, 3, 3), 5 bins:
 * ranks 1 and 2 of n = 2 score 1 and 1 + floor(5 x 1 / 2) = 3; A gets R 3 F 3 M 3, B R 1 F 1 M 1.
 */
export function rfmFromMeasures(measures: DataFrame, options: RfmOptions = {}): DataFrame {
  const bins = options.bins ?? 5;
  checkBins(bins);
  const ties = tieRuleOf(options.ties ?? "min");
  const ids = strings(measures, "customerId");
  const [recency, frequency, monetary, units] = ["recency", "frequency", "monetary", "units"].map((c) => numbers(measures, c));
  const R = rankScores(recency, ids, bins, true, ties);
  const F = rankScores(frequency, ids, bins, false, ties);
  const M = rankScores(monetary, ids, bins, false, ties);
  const map = options.segmentMap ?? DEFAULT_SEGMENT_MAP;
  // columns as Series of their type: a plain object of arrays makes polars infer each type, 2 to 3 times slower
  const number = (name: string, values: number[]) => pl.Series(name, Float64Array.from(values));
  const text = (name: string, values: string[]) => pl.Series(name, values, pl.Utf8);
  let table = pl.DataFrame([
    text("customerId", ids),
    number("recency", recency), number("frequency", frequency), number("monetary", monetary), number("units", units),
    number("R", R), number("F", F), number("M", M),
    text("segment", R.map((r, i) => segmentOf(r, F[i], map))),
    text("volume", units.map(volumeSegment)),
  ]);
  if (options.roster) {
    const buyers = new Set(ids);
    const idle = [...new Set(options.roster)].filter((id) => !buyers.has(id));
    if (idle.length) {
      const nulls = idle.map(() => null);
      const none = pl.DataFrame({
        customerId: idle, recency: nulls, frequency: idle.map(() => 0), monetary: idle.map(() => 0), units: idle.map(() => 0),
        R: nulls, F: nulls, M: nulls, segment: idle.map(() => "No Orders"), volume: idle.map(() => "No Orders"),
      }, { schema: Object.fromEntries(table.columns.map((c, j) => [c, table.dtypes[j]])) });
      table = pl.concat([table, none]).sort("customerId");
    }
  }
  return table;
}
