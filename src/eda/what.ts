/** What sells: top products by revenue and units, and the words of product descriptions. */
import pl, { type DataFrame } from "nodejs-polars";
import { moneySum } from "../util/index";
import { productDescriptions } from "../products/index";

/**
 * Per product (non-product codes left out): its description (`productDescriptions`), revenue
 * (`moneySum` of amount), units, orders, sorted by `by` descending (ties by stock code). The top
 * `n` rows.
 */
export function topProducts(sales: DataFrame, by: "revenue" | "units", n = 10): DataFrame {
  const products = sales.filter(pl.col("isProduct"));
  return products
    .groupBy("stockCode")
    .agg(moneySum("amount").alias("revenue"), pl.col("quantity").sum().alias("units"), pl.col("invoice").nUnique().alias("orders"))
    .join(productDescriptions(products), { on: "stockCode", how: "left" })
    .select("stockCode", "description", "revenue", "units", "orders")
    .sort([pl.col(by).mul(-1), pl.col("stockCode")])
    .head(n);
}

/** Stock codes present in both lists, in the order of the first. */
export function overlap(a: DataFrame, b: DataFrame): string[] {
  const inB = new Set(b.getColumn("stockCode").toArray() as string[]);
  return (a.getColumn("stockCode").toArray() as string[]).filter((c) => inB.has(c));
}

/** Words that carry no product meaning. */
export const STOP_WORDS = new Set(["OF", "THE", "AND", "IN", "WITH", "FOR", "A", "TO", "ON", "SET", "S", "DESIGN", "ASSORTED", "SMALL", "LARGE", "MINI"]);

/**
 * The most frequent words in product descriptions: each distinct product counted once (its
 * description from `productDescriptions`), words upper-cased, letters only, 3+ characters, stop
 * words out.
 */
export function descriptionWords(sales: DataFrame, n = 20): { word: string; products: number }[] {
  const descriptions = productDescriptions(sales.filter(pl.col("isProduct").and(pl.col("description").isNotNull())))
    .getColumn("description")
    .toArray() as string[];
  const counts = new Map<string, number>();
  for (const d of descriptions) {
    const words = new Set(d.toUpperCase().split(/[^A-Z]+/).filter((w) => w.length >= 3 && !STOP_WORDS.has(w)));
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([word, products]) => ({ word, products }))
    .sort((x, y) => y.products - x.products || (x.word < y.word ? -1 : 1))
    .slice(0, n);
}
