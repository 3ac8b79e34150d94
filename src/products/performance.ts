/**
 * Product performance: per product revenue, units, orders and customers from the sales table,
 * margins from a catalogue, revenue and units ranks, and a quadrant per product.
 *
 * Definitions (input: the cleaned `sales` table; non-product codes left out via `isProduct`;
 * returns are not subtracted: these are gross sales):
 * - revenue = sum of amount (quantity x unit price); units = sum of quantity;
 * - orders = distinct invoices; customers = distinct customer IDs (anonymous lines not counted);
 * - margin = revenue - units x unitCost; marginRate = margin / revenue (null without a cost);
 * - revenueRank, unitsRank: 1 = highest, ties by stock code;
 * - quadrant: see `quadrantOf`.
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { moneySum, compareIds, dayNumberExpr, lastDayNumber, quantile } from "../util/index";
import { productDescriptions } from "./descriptions";
import type { Catalogue } from "./catalogue";

/** The four quadrants of revenue against units, in display order. */
export const QUADRANTS = ["Stars", "High value, low volume", "High volume, low value", "Underperformers"] as const;
export type Quadrant = (typeof QUADRANTS)[number];

/** What each quadrant means and what to do with its products (used by charts and actions). */
export const QUADRANT_MEANINGS: Record<Quadrant, string> = {
  Stars: "high revenue and high units: protect availability and keep them visible",
  "High value, low volume": "high revenue from few units (premium items): keep in stock, promote to the right customers",
  "High volume, low value": "many units, little revenue (cheap items): bundle or review the price",
  Underperformers: "low revenue and low units: review, discount or delist",
};

/**
 * The quadrant of a product from whether its revenue and its units are "high": high means
 * strictly above the split quantile of that measure over all products (the median by
 * default; a value equal to it is low).
 * - Stars: high revenue and high units;
 * - High value, low volume: high revenue, low units;
 * - High volume, low value: low revenue, high units;
 * - Underperformers: low revenue and low units.
 */
export function quadrantOf(highRevenue: boolean, highUnits: boolean): Quadrant {
  if (highRevenue) return highUnits ? "Stars" : "High value, low volume";
  return highUnits ? "High volume, low value" : "Underperformers";
}

/**
 * Ranks 1..n of values, highest first, ties broken by stock code (natural order: numeric codes
 * as numbers), so every product has its own rank.
 */
export function descendingRanks(values: number[], codes: string[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a] || compareIds(codes[a], codes[b]));
  const ranks = new Array<number>(values.length);
  order.forEach((idx, r) => (ranks[idx] = r + 1));
  return ranks;
}

/**
 * Per product (non-product codes left out, stock codes trimmed): its description
 * (`productDescriptions`), revenue (`moneySum` of amount), units, orders, customers, and
 * `daysSinceLastSale` = days from the product's last sale day to the last sale day of the whole
 * table (0 = sold on the last day). Sorted by revenue, descending (ties by stock code).
 */
export function productSales(sales: DataFrame): DataFrame {
  const products = sales.filter(pl.col("isProduct"));
  if (products.height === 0) throw new UserError("The sales table has no product lines (only postage, fees or adjustments): nothing to audit.");
  const endDay = lastDayNumber(sales);
  const day = dayNumberExpr();
  const lines = products.withColumns(pl.col("stockCode").str.strip().alias("stockCode"));
  return lines
    .groupBy("stockCode")
    .agg(
      moneySum("amount").alias("revenue"),
      pl.col("quantity").sum().alias("units"),
      pl.col("invoice").nUnique().cast(pl.Float64).alias("orders"),
      pl.col("customerId").filter(pl.col("customerId").isNotNull()).nUnique().cast(pl.Float64).alias("customers"),
      day.max().alias("__lastDay"),
    )
    .withColumns(pl.lit(endDay).minus(pl.col("__lastDay")).cast(pl.Float64).alias("daysSinceLastSale"))
    .drop("__lastDay")
    .join(productDescriptions(lines), { on: "stockCode", how: "left" })
    .select("stockCode", "description", "revenue", "units", "orders", "customers", "daysSinceLastSale")
    .sort([pl.col("revenue").mul(-1), pl.col("stockCode")]);
}

/**
 * Adds `category`, `unitCost`, `margin` = revenue - units x unitCost and `marginRate` = margin /
 * revenue from a catalogue (null where the product is not in it or has no usable cost, i.e.
 * missing or negative). The description falls back to the catalogue's when the sales have none.
 */
export function withMargins(table: DataFrame, catalogue: Catalogue): DataFrame {
  const codes = table.getColumn("stockCode").toArray() as string[];
  const revenue = table.getColumn("revenue").toArray() as number[];
  const units = table.getColumn("units").toArray() as number[];
  const description = table.getColumn("description").toArray() as (string | null)[];
  const entry = codes.map((c) => catalogue.entries.get(c));
  const cost = entry.map((e) => (e && e.unitCost !== null && e.unitCost >= 0 ? e.unitCost : null));
  const margin = cost.map((c, i) => (c === null ? null : revenue[i] - units[i] * c));
  return table.withColumns(
    pl.Series("description", description.map((d, i) => d ?? entry[i]?.description ?? null), pl.Utf8),
    pl.Series("category", entry.map((e) => e?.category ?? null), pl.Utf8),
    pl.Series("unitCost", cost, pl.Float64),
    pl.Series("margin", margin, pl.Float64),
    pl.Series("marginRate", margin.map((m, i) => (m === null || revenue[i] === 0 ? null : m / revenue[i])), pl.Float64),
  );
}

/**
 * Adds `revenueRank`, `unitsRank` (see `descendingRanks`), `rankGap` = unitsRank - revenueRank
 * (positive: the product earns more than its volume suggests) and `quadrant` (see `quadrantOf`,
 * with "high" = above the `split` quantile, 0.5 by default).
 */
export function withQuadrants(table: DataFrame, split = 0.5): DataFrame {
  if (!(split > 0 && split < 1)) throw new UserError(`The quadrant split must be a quantile between 0 and 1 (exclusive), e.g. 0.5; got ${split}.`);
  const codes = table.getColumn("stockCode").toArray() as string[];
  const revenue = table.getColumn("revenue").toArray() as number[];
  const units = table.getColumn("units").toArray() as number[];
  const revenueCut = quantile(revenue, split), unitsCut = quantile(units, split);
  const revenueRank = descendingRanks(revenue, codes), unitsRank = descendingRanks(units, codes);
  return table.withColumns(
    pl.Series("revenueRank", revenueRank, pl.Float64),
    pl.Series("unitsRank", unitsRank, pl.Float64),
    pl.Series("rankGap", unitsRank.map((u, i) => u - revenueRank[i]), pl.Float64),
    pl.Series("quadrant", revenue.map((r, i) => quadrantOf(r > revenueCut, units[i] > unitsCut)), pl.Utf8),
  );
}

/** The revenue and units cuts of the quadrants (the split quantiles), for charts and sentences. */
export function quadrantCuts(table: DataFrame, split = 0.5): { revenue: number; units: number; split: number } {
  return {
    revenue: quantile(table.getColumn("revenue").toArray() as number[], split),
    units: quantile(table.getColumn("units").toArray() as number[], split),
    split,
  };
}

/**
 * Per quadrant: products, revenue, units and share of revenue, in QUADRANTS order (quadrants
 * without products included with zeros).
 */
export function quadrantSummary(performance: DataFrame): { quadrant: Quadrant; products: number; revenue: number; units: number; revenueShare: number }[] {
  const q = performance.getColumn("quadrant").toArray() as string[];
  const revenue = performance.getColumn("revenue").toArray() as number[];
  const units = performance.getColumn("units").toArray() as number[];
  const total = revenue.reduce((a, b) => a + b, 0);
  return QUADRANTS.map((quadrant) => {
    let products = 0, r = 0, u = 0;
    q.forEach((x, i) => {
      if (x === quadrant) {
        products++;
        r += revenue[i];
        u += units[i];
      }
    });
    return { quadrant, products, revenue: r, units: u, revenueShare: total ? r / total : 0 };
  });
}
