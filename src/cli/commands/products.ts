/** retail-lab products: the product and inventory audit as one row per product, and its data issues. */
import pl, { type DataFrame } from "nodejs-polars";
import { fmtInt } from "../../util/index";
import { writeCsv } from "../../io/index";
import { productAuditTable } from "../../products/index";
import { productAuditWithDemand } from "../../pipelines/index";
import type { Command } from "../args";
import { cleanFromOptions, dataOptions } from "../data-options";

/**
 * The table with days of cover written so that a CSV keeps "never runs out at the current rate"
 * (Infinity: stock but no sale in the window) apart from "unknown" (null: no stock level): `inf`
 * (read as infinity by pandas and polars) and an empty cell; a plain CSV number cannot say either.
 */
export function withReadableCover(table: DataFrame): DataFrame {
  const cover = table.getColumn("daysOfCover").toArray() as (number | null)[];
  return table.withColumns(pl.Series("daysOfCover", cover.map((d) => (d === null ? null : d === Infinity ? "inf" : String(d))), pl.Utf8));
}

export const productsCommand: Command = {
  name: "products",
  summary: "write one row per product (figures, quadrant, ABC class, days of cover from forecast demand) and count the audit's data issues",
  options: [
    ...dataOptions({ customers: false, products: true }),
    { name: "out", value: "FILE.csv", help: "where to write the table (atomically); daysOfCover is inf for stock that does not sell, empty without a stock level", required: true, output: "file" },
  ],
  async run(o) {
    const { dataset, clean } = await cleanFromOptions(o);
    const { audit, demand } = await productAuditWithDemand(clean.sales, dataset.products);
    const table = productAuditTable(audit);
    writeCsv(String(o.out), withReadableCover(table));
    const i = audit.issues;
    const w = audit.stock.window;
    console.log(`wrote ${fmtInt(table.height)} products to ${o.out}`);
    console.log(`stock levels: ${audit.hasStock ? "available" : "not available"}. ${audit.stock.note}`);
    if (demand) console.log(`demand: forecast for the ${fmtInt(Object.keys(demand).length)} best sellers by revenue (their mean daily units over the next 28 days), recent sales velocity for the others`);
    console.log(
      `issues: ${fmtInt(i.noSalesInWindow.count)} with no sales in the window ${w.from} to ${w.to}; ` +
        `${fmtInt(i.missingStock.count)} missing stock; ${fmtInt(i.negativeStock.count)} negative stock; ` +
        `${fmtInt(i.inCatalogueNotSold.count)} in the catalogue, not sold; ${fmtInt(i.soldNotInCatalogue.count)} sold, not in the catalogue` +
        (audit.hasCatalogue ? "" : " (no catalogue)"),
    );
    if (audit.hasCatalogue) {
      console.log(`catalogue: ${fmtInt(i.catalogueRows)} rows; left out: ${fmtInt(i.catalogueNonProducts)} non-product codes, ` +
        `${fmtInt(i.catalogueBlankCodes)} without a code, ${fmtInt(i.catalogueDuplicates)} repeated codes`);
    }
  },
};
