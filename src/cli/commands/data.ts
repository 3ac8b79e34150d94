/** retail-lab clean, sql: the data layer from the command line. */
import { duplicateRows, reportRows } from "../../clean/index";
import { readingLines, sql } from "../../data/index";
import { fmtInt, fmtPct } from "../../util/index";
import { tableText } from "../../display/index";
import { writeCsv } from "../../io/index";
import { intOption, type Command } from "../args";
import { cleanFromOptions, dataOptions } from "../data-options";

export const cleanCommand: Command = {
  name: "clean",
  summary: "load a dataset, apply the cleaning rules and print the report (every input row accounted for)",
  options: [...dataOptions({ customers: true, products: true }), { name: "json", help: "print the report as JSON" }],
  async run(o) {
    const { dataset, clean } = await cleanFromOptions(o);
    const r = clean.report;
    // the profile and catalogue tables are loaded (so checked) and counted: the options are not ignored
    const tables = { ...(dataset.customers ? { customerProfiles: dataset.customers.height } : {}), ...(dataset.products ? { catalogueProducts: dataset.products.height } : {}) };
    if (o.json) {
      console.log(JSON.stringify({ ...r, ...tables, reading: dataset.reading }, null, 2));
      return;
    }
    if (dataset.reading) {
      console.log(readingLines(dataset.reading).join("\n"));
      if (dataset.reading.duplicates === "keep") console.log(`  identical lines kept as purchases: ${fmtInt(duplicateRows(dataset.transactions).length)}`);
    }
    console.log(`Cleaning report for ${dataset.source}`);
    for (const row of reportRows(r)) console.log(`  ${row.bucket.padEnd(22)} ${fmtInt(row.rows).padStart(10)}  ${fmtPct(row.share).padStart(6)}`);
    console.log(`  ${"input".padEnd(22)} ${fmtInt(r.input).padStart(10)}`);
    console.log(`  customers: ${fmtInt(r.customers)}; sales lines (with and without customer): ${fmtInt(r.sales_lines)}`);
    if (tables.customerProfiles !== undefined) console.log(`  customers table: ${fmtInt(tables.customerProfiles)} profiles`);
    if (tables.catalogueProducts !== undefined) console.log(`  product catalogue: ${fmtInt(tables.catalogueProducts)} products`);
  },
};

export const sqlCommand: Command = {
  name: "sql",
  summary: "run a SQL query over the cleaned tables: sales, customer_lines, returns, customers, products",
  options: [
    ...dataOptions({ customers: true, products: true, sourceQuery: "source-query" }),
    { name: "query", value: "SQL", help: "the query, e.g. \"SELECT country, SUM(amount) AS revenue FROM sales GROUP BY country\"", required: true },
    { name: "limit", value: "N", help: "rows to print (default 20)" },
    { name: "out", value: "FILE.csv", help: "write the whole result as CSV instead of printing it", output: "file" },
  ],
  ignored: [{ option: "limit", when: (o) => o.out !== undefined, because: "--out writes the whole result" }],
  async run(o) {
    const { dataset, clean } = await cleanFromOptions(o, "source-query");
    const tables = {
      sales: clean.sales, customer_lines: clean.customerLines, returns: clean.returns,
      ...(dataset.customers ? { customers: dataset.customers } : {}), ...(dataset.products ? { products: dataset.products } : {}),
    };
    const result = sql(String(o.query), tables);
    if (o.out) {
      writeCsv(String(o.out), result);
      console.log(`wrote ${fmtInt(result.height)} rows to ${o.out}`);
    } else console.log(tableText(result, { limit: intOption(o, "limit", 20) }));
  },
};
