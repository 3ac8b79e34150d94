/**
 * A stand-in for the project's data layer, used only by the real-data test and the forecast
 * bench until src/index.ts's loader lands: builds the sales table (canonical transaction columns
 * of src/model.ts plus `amount` and `isProduct`) from the UCI Online Retail file.
 *
 * Rules: drop exact duplicate rows (all columns, keep first); drop invoices starting with "C",
 * Quantity <= 0 and UnitPrice <= 0 (rows without CustomerID are kept); InvoiceDate parsed with
 * "%Y-%m-%d %H:%M:%S". `isProduct` is true for stock codes that start with five digits (the
 * UCI product codes) and for the few "DCGS..." / "gift_..." catalogue codes; false for POST,
 * DOT, M, D, C2, S, B, BANK CHARGES, AMAZONFEE, CRUK, PADS and similar.
 *
 * Data: Chen, D. (2015). Online Retail. UCI Machine Learning Repository (CC BY 4.0).
 * https://doi.org/10.24432/C5BW33
 */
import pl from "nodejs-polars";
import type { DataFrame } from "nodejs-polars";
import { existsSync, readFileSync } from "fs";
import { resolve } from "path";
import { gunzipSync } from "zlib";

/** Where the Online Retail file is looked for, first match wins. */
export const ONLINE_RETAIL_CANDIDATES = [
  resolve(__dirname, "../../../shared/data/online_retail.csv.gz"),
  resolve(__dirname, "../../data/online_retail.csv.gz"),
];

/** The path of the Online Retail file, or null when neither copy exists. */
export function onlineRetailPath(): string | null {
  return ONLINE_RETAIL_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** The sales table of the Online Retail file (see the module comment for the rules). */
export function loadOnlineRetailSales(path: string): DataFrame {
  const raw = pl.readCSV(gunzipSync(readFileSync(path)), { inferSchemaLength: 0 });
  const firstOfDuplicates = pl.struct(raw.columns.map((c) => pl.col(c))).isFirstDistinct();
  const df = raw.filter(firstOfDuplicates);
  const quantity = pl.col("Quantity").cast(pl.Float64);
  const unitPrice = pl.col("UnitPrice").cast(pl.Float64);
  const code = pl.col("StockCode");
  return df
    .filter(
      pl
        .col("InvoiceNo")
        .str.startsWith("C")
        .not()
        .and(quantity.gt(0))
        .and(unitPrice.gt(0)),
    )
    .select(
      pl.col("InvoiceNo").alias("invoice"),
      code.alias("stockCode"),
      pl.col("Description").str.strip().alias("description"),
      quantity.alias("quantity"),
      pl.col("InvoiceDate").str.strptime(pl.Datetime("ms"), "%Y-%m-%d %H:%M:%S").alias("invoiceDate"),
      unitPrice.alias("unitPrice"),
      pl.col("CustomerID").alias("customerId"),
      pl.col("Country").alias("country"),
      quantity.mul(unitPrice).alias("amount"),
      code
        .str.contains("^[0-9]{5}")
        .or(code.str.contains("^(DCGS|gift_)"))
        .alias("isProduct"),
    );
}
