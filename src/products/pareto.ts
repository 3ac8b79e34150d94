/**
 * Pareto (ABC) view of product revenue: how few products make most of the revenue.
 *
 * Products are taken by revenue, highest first (ties by stock code). With total revenue R and
 * `before` = the revenue share of all products ranked above a product:
 * - A: before < 0.80 (the products making the first 80% of revenue, the one crossing 80% included);
 * - B: 0.80 <= before < 0.95 (the next 15%);
 * - C: before >= 0.95 (the last 5%).
 */
import pl, { type DataFrame } from "nodejs-polars";
import { descendingRanks } from "./performance";

/** ABC classes, best first. */
export const ABC_CLASSES = ["A", "B", "C"] as const;
export type AbcClass = (typeof ABC_CLASSES)[number];

/** Cumulative revenue shares where classes A and B end. */
export const ABC_CUTS = { a: 0.8, b: 0.95 } as const;

/** The ABC class of a product from the revenue share of the products ranked above it (see module comment). */
export function abcClassOf(shareBefore: number, cuts: { a: number; b: number } = ABC_CUTS): AbcClass {
  if (shareBefore < cuts.a) return "A";
  if (shareBefore < cuts.b) return "B";
  return "C";
}

/**
 * Adds `revenueShare` = revenue / total revenue, `cumulativeRevenueShare` = share of the product
 * and all products ranked above it, and `abcClass` (see `abcClassOf`). Row order is kept.
 */
export function withAbcClasses(table: DataFrame, cuts: { a: number; b: number } = ABC_CUTS): DataFrame {
  const codes = table.getColumn("stockCode").toArray() as string[];
  const revenue = table.getColumn("revenue").toArray() as number[];
  const total = revenue.reduce((a, b) => a + b, 0);
  const ranks = descendingRanks(revenue, codes);
  const order = ranks.map((_, i) => i).sort((a, b) => ranks[a] - ranks[b]);
  const cumulative = new Array<number>(revenue.length);
  const cls = new Array<AbcClass>(revenue.length);
  let sum = 0;
  for (const i of order) {
    cls[i] = abcClassOf(total > 0 ? sum / total : 1, cuts);
    sum += revenue[i];
    cumulative[i] = total > 0 ? sum / total : 0;
  }
  return table.withColumns(
    pl.Series("revenueShare", revenue.map((r) => (total > 0 ? r / total : 0)), pl.Float64),
    pl.Series("cumulativeRevenueShare", cumulative, pl.Float64),
    pl.Series("abcClass", cls, pl.Utf8),
  );
}

/** The Pareto figures of a performance table (see `paretoSummary`). */
export interface ParetoSummary {
  products: number;
  revenue: number;
  /** products per class and their share of products and of revenue */
  classes: { abcClass: AbcClass; products: number; productShare: number; revenue: number; revenueShare: number }[];
  /** the top share of products looked at (0.2 = "the top 20%") */
  topShare: number;
  /** ceil(topShare x products): the number of products in the top share */
  topProducts: number;
  /** revenue of the `topProducts` highest-revenue products / total revenue */
  topRevenueShare: number;
}

/**
 * The ABC class counts and the share of revenue from the top `topShare` (default 20%) of products,
 * i.e. the ceil(topShare x n) products with the highest revenue. Needs `withAbcClasses` columns.
 */
export function paretoSummary(performance: DataFrame, topShare = 0.2): ParetoSummary {
  const revenue = (performance.getColumn("revenue").toArray() as number[]).slice().sort((a, b) => b - a);
  const cls = performance.getColumn("abcClass").toArray() as string[];
  const rev = performance.getColumn("revenue").toArray() as number[];
  const n = revenue.length;
  const total = revenue.reduce((a, b) => a + b, 0);
  const topProducts = Math.min(n, Math.ceil(topShare * n - 1e-9));
  const top = revenue.slice(0, topProducts).reduce((a, b) => a + b, 0);
  return {
    products: n,
    revenue: total,
    classes: ABC_CLASSES.map((c) => {
      let products = 0, r = 0;
      cls.forEach((x, i) => {
        if (x === c) {
          products++;
          r += rev[i];
        }
      });
      return { abcClass: c, products, productShare: n ? products / n : 0, revenue: r, revenueShare: total > 0 ? r / total : 0 };
    }),
    topShare,
    topProducts,
    topRevenueShare: total > 0 ? top / total : 0,
  };
}

/**
 * The Pareto curve: after the k highest-revenue products (k = 0..n), `productShare` = k / n and
 * `revenueShare` = their revenue / total revenue. Starts at (0, 0), ends at (1, 1).
 */
export function paretoCurve(performance: DataFrame): { productShare: number[]; revenueShare: number[] } {
  const revenue = (performance.getColumn("revenue").toArray() as number[]).slice().sort((a, b) => b - a);
  const n = revenue.length;
  const total = revenue.reduce((a, b) => a + b, 0);
  const productShare = [0], revenueShare = [0];
  let sum = 0;
  revenue.forEach((r, k) => {
    sum += r;
    productShare.push((k + 1) / n);
    revenueShare.push(total > 0 ? sum / total : 0);
  });
  return { productShare, revenueShare };
}
