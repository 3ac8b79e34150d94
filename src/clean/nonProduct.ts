/**
 * Stock codes that are not products: postage, fees, manual adjustments, samples, vouchers.
 * They stay in the sales table (they are revenue) but product analyses leave them out.
 */
import pl, { type DataFrame, type Expr } from "nodejs-polars";

/** Codes seen in the UCI files and exports like them (compared upper-cased). */
export const NON_PRODUCT_CODES = [
  "POST", "DOT", "M", "D", "C2", "C3", "S", "B", "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS", "ADJUST", "ADJUST2", "TEST001", "TEST002",
];

/** Prefixes of non-product codes (gift vouchers `gift_0001_20`, adjustments). */
export const NON_PRODUCT_PREFIXES = ["GIFT_", "ADJUST"];

/** True when a stock code is not a product: in NON_PRODUCT_CODES or starting with a NON_PRODUCT_PREFIXES entry. */
export function isNonProductCode(code: string): boolean {
  const c = code.trim().toUpperCase();
  return NON_PRODUCT_CODES.includes(c) || NON_PRODUCT_PREFIXES.some((p) => c.startsWith(p));
}

/** The same rule as an expression over the `stockCode` column: true for real products. */
export function isProductExpr(): Expr {
  const code = pl.col("stockCode").str.strip().str.toUpperCase();
  let nonProduct = code.isIn(NON_PRODUCT_CODES);
  for (const p of NON_PRODUCT_PREFIXES) nonProduct = nonProduct.or(code.str.startsWith(p));
  return nonProduct.not();
}

/**
 * `isProductExpr` decided once per distinct stock code (a few thousand against a million
 * lines), then a set lookup: true for real products and for lines without a code (the same
 * rule as the database push-down's, which mirrors `isProductExpr`). Over codes "POST",
 * "22633", null it is true for "22633" and null.
 */
export function isProductOf(df: DataFrame): Expr {
  const distinct = df.select(pl.col("stockCode").unique());
  const nonProducts = (distinct.filter(isProductExpr().not()).getColumn("stockCode").toArray() as (string | null)[]).filter((c): c is string => c !== null).sort();
  return nonProducts.length ? pl.col("stockCode").isIn(nonProducts).not() : pl.lit(true);
}
