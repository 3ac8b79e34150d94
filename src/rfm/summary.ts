/** Segment summaries and mixes: what the marketing team reads off the RFM table. */
import pl, { type DataFrame } from "nodejs-polars";
import { mostFrequentBy, moneySum, moneyTotal } from "../util/index";

/** Segments with the most customers first, ties by name (polars 0.24 takes one sort direction, so counts are negated). */
const LARGEST_FIRST = [pl.col("customers").mul(-1), pl.col("segment")];

/**
 * Customers per segment (columns segment, customers), most first, ties by name: the first two
 * columns of `segmentSummary`, for a report that needs only the counts (the CLI's). Segments
 * A, B, A give A 2, B 1.
 */
export function segmentSizes(rfm: DataFrame): DataFrame {
  return rfm.groupBy("segment").agg(pl.len().alias("customers")).sort(LARGEST_FIRST);
}

/**
 * Per segment: customers, share of customers, mean recency, frequency and monetary, and share
 * of revenue (segment monetary / total monetary; money totals by `moneySum`). Sorted as `segmentSizes`.
 */
export function segmentSummary(rfm: DataFrame): DataFrame {
  const total = moneyTotal(rfm, "monetary");
  const n = rfm.height;
  return rfm
    .groupBy("segment")
    .agg(
      pl.len().alias("customers"),
      pl.col("recency").mean().alias("meanRecency"),
      pl.col("frequency").mean().alias("meanFrequency"),
      moneySum("monetary").alias("revenue"),
    )
    .withColumns(
      pl.col("revenue").div(pl.col("customers")).alias("meanMonetary"),
      pl.col("customers").cast(pl.Float64).div(n).alias("customerShare"),
      pl.col("revenue").div(total).alias("revenueShare"),
    )
    .select("segment", "customers", "customerShare", "meanRecency", "meanFrequency", "meanMonetary", "revenue", "revenueShare")
    .sort(LARGEST_FIRST);
}

/** Regions used to compare segment mixes. */
export const REGIONS: Record<string, string[]> = {
  "United Kingdom": ["United Kingdom"],
  Nordic: ["Denmark", "Finland", "Iceland", "Norway", "Sweden"],
  "Rest of Europe": [
    "Austria", "Belgium", "Channel Islands", "Cyprus", "Czech Republic", "EIRE", "Ireland", "European Community", "France", "Germany",
    "Greece", "Italy", "Lithuania", "Malta", "Netherlands", "Poland", "Portugal", "Spain", "Switzerland",
  ],
};

/** The region of a country: a REGIONS key, "Outside Europe", or "Unspecified". */
export function regionOf(country: string | null): string {
  if (!country || country === "Unspecified") return "Unspecified";
  for (const [region, countries] of Object.entries(REGIONS)) if (countries.includes(country)) return region;
  return "Outside Europe";
}

/**
 * Each customer's country: the country of most of their purchase lines (lines without one not
 * counted; ties by name, see `mostFrequentBy`), with its region. Sorted by customerId.
 */
export function customerCountries(customerLines: DataFrame): DataFrame {
  const first = mostFrequentBy(customerLines, "customerId", "country");
  const countries = first.getColumn("country").toArray() as (string | null)[];
  return first.withColumns(pl.Series("region", countries.map(regionOf)));
}

/**
 * Share of each segment within each group (a column of `rfm` joined with countries, e.g.
 * "region"): rows are groups, columns are segments, values are shares of the group's customers.
 */
export function segmentMix(rfm: DataFrame, by: string): DataFrame {
  const counts = rfm.groupBy([by, "segment"]).agg(pl.len().alias("n"));
  const totals = rfm.groupBy(by).agg(pl.len().alias("total"));
  return counts
    .join(totals, { on: by })
    .withColumns(pl.col("n").cast(pl.Float64).div(pl.col("total")).alias("share"))
    .select(by, "segment", "share", "total")
    .sort([by, "segment"]);
}

/** Share of one segment per group, with the group's customer count (for sentences and bars). */
export function segmentShareBy(rfm: DataFrame, by: string, segment: string): { group: string; share: number; customers: number }[] {
  const mix = segmentMix(rfm, by);
  const groups = [...new Set(mix.getColumn(by).toArray() as string[])].sort();
  return groups.map((g) => {
    const rows = mix.filter(pl.col(by).eq(pl.lit(g)));
    const hit = rows.filter(pl.col("segment").eq(pl.lit(segment)));
    return { group: g, share: hit.height ? Number(hit.getColumn("share").get(0)) : 0, customers: Number(rows.getColumn("total").get(0)) };
  });
}

/** Customers per volume segment, in VOLUME_SEGMENTS order. */
export function volumeSummary(rfm: DataFrame): DataFrame {
  return rfm.groupBy("volume").agg(pl.len().alias("customers"), pl.col("units").sum().alias("units")).sort("volume");
}

/**
 * The segment mix as a matrix for a heatmap: `z[i][j]` = share of group j's customers in
 * segment i (0 where none), for the given segment order; groups sorted by name. Groups with
 * fewer than `minCustomers` customers are left out (their shares swing with a few customers).
 */
export function segmentMixMatrix(rfm: DataFrame, by: string, segments: string[], minCustomers = 1): { groups: string[]; segments: string[]; z: number[][] } {
  const mix = segmentMix(rfm, by).toRecords() as Record<string, unknown>[];
  const groups = [...new Set(mix.filter((r) => Number(r.total) >= minCustomers).map((r) => String(r[by])))].sort();
  const share = new Map(mix.map((r) => [`${r.segment}\u0001${r[by]}`, Number(r.share)]));
  return { groups, segments, z: segments.map((s) => groups.map((g) => share.get(`${s}\u0001${g}`) ?? 0)) };
}

/** One segment's row of a `segmentSummary` as a plain object, or undefined when absent. */
export function segmentRow(summary: DataFrame, segment: string): { customers: number; customerShare: number; revenueShare: number; meanRecency: number; meanFrequency: number; meanMonetary: number } | undefined {
  const r = (summary.toRecords() as Record<string, unknown>[]).find((x) => x.segment === segment);
  if (!r) return undefined;
  return {
    customers: Number(r.customers), customerShare: Number(r.customerShare), revenueShare: Number(r.revenueShare),
    meanRecency: Number(r.meanRecency), meanFrequency: Number(r.meanFrequency), meanMonetary: Number(r.meanMonetary),
  };
}

/**
 * Customers whose segment differs between two RFM tables of the same customers (for example the
 * two tie rules), matched by customerId: one row per move with columns `from` (the segment in
 * `a`), `to` (in `b`) and `customers`, most customers first (ties by from, then to). Customers in
 * only one table are not counted. Example: a = {1: Hibernating, 2: Champions}, b = {1: About To
 * Sleep, 2: Champions} -> one row: Hibernating -> About To Sleep, 1 customer.
 */
export function segmentMoves(a: DataFrame, b: DataFrame): DataFrame {
  const left = a.select(pl.col("customerId"), pl.col("segment").alias("from"));
  const right = b.select(pl.col("customerId"), pl.col("segment").alias("to"));
  return left
    .join(right, { on: "customerId" })
    .filter(pl.col("from").neq(pl.col("to")))
    .groupBy(["from", "to"])
    .agg(pl.len().cast(pl.Float64).alias("customers"))
    .sort([pl.col("customers").mul(-1), pl.col("from"), pl.col("to")]);
}
