/** retail-lab rfm, segments: RFM scores for scheduled refreshes and CRM exports. */
import pl from "nodejs-polars";
import { UserError } from "../../errors";
import { fmtInt } from "../../util/index";
import { customerRoster } from "../../data/index";
import { writeCsv } from "../../io/index";
import { RFM_COLUMNS, rfmTable, segmentSizes, tieRuleOf, TIE_RULES, type TieRule } from "../../rfm/index";
import { intOption, type Command } from "../args";
import { cleanFromOptions, dataOptions, pushedDownRfm } from "../data-options";
import type { Dataset } from "../../model";
import type { CleanData } from "../../clean/index";

function rfmOf(dataset: Dataset, clean: CleanData, bins: number, ties: TieRule) {
  return rfmTable(clean.customerLines, clean.sales, { bins, ties, roster: customerRoster(dataset) });
}

export const TIES_OPTION = {
  name: "ties",
  value: TIE_RULES.join("|"),
  help: "how equal values rank: min (default) gives customers with equal values the same score; first breaks ties by customer ID (the published UCI counts)",
};

/** The --ties option's rule, or a user error naming the option and value. */
export function tiesOption(o: Record<string, unknown>): TieRule {
  if (o.ties === undefined) return "min";
  try {
    return tieRuleOf(o.ties);
  } catch {
    throw new UserError(`--ties must be ${TIE_RULES.join(" or ")}, not "${String(o.ties)}".`);
  }
}

export const rfmCommand: Command = {
  name: "rfm",
  summary: "write one row per customer: customerId,recency,frequency,monetary,units,R,F,M,segment,volume (sorted by customerId)",
  options: [
    ...dataOptions({ customers: true, products: false }),
    { name: "out", value: "FILE.csv", help: "where to write the table (atomically)", required: true, output: "file" },
    { name: "bins", value: "N", help: "score bins (default 5)" },
    TIES_OPTION,
  ],
  async run(o) {
    const bins = intOption(o, "bins", 5, 2, 10), ties = tiesOption(o);
    // a database source without a customers table: the measures are computed in the database
    let rfm = await pushedDownRfm(o, { bins, ties });
    if (rfm === null) {
      const { dataset, clean } = await cleanFromOptions(o, "query", RFM_COLUMNS);
      rfm = rfmOf(dataset, clean, bins, ties);
    }
    writeCsv(String(o.out), rfm);
    console.log(`wrote ${fmtInt(rfm.height)} customers to ${o.out}`);
    for (const r of segmentSizes(rfm).toRecords() as { segment: string; customers: number }[]) {
      if (r.segment !== "No Orders") console.log(`  ${r.segment.padEnd(20)} ${fmtInt(Number(r.customers)).padStart(7)}`);
    }
  },
};

export const segmentsCommand: Command = {
  name: "segments",
  summary: "export the customers of one segment for a CRM (spreadsheet-safe CSV, written atomically)",
  options: [
    ...dataOptions({ customers: true, products: false }),
    { name: "segment", value: "NAME", help: 'segment name, e.g. "At Risk"', required: true },
    { name: "out", value: "FILE.csv", help: "where to write the list", required: true, output: "file" },
    TIES_OPTION,
  ],
  async run(o) {
    const ties = tiesOption(o);
    const { dataset, clean } = await cleanFromOptions(o, "query", RFM_COLUMNS);
    const rfm = rfmOf(dataset, clean, 5, ties);
    const names = [...new Set(rfm.getColumn("segment").toArray() as string[])].sort();
    const wanted = String(o.segment);
    if (!names.includes(wanted)) throw new UserError(`No segment named "${wanted}". Segments in this data: ${names.join(", ")}.`);
    let list = rfm.filter(pl.col("segment").eq(pl.lit(wanted)));
    if (dataset.customers) list = list.join(dataset.customers, { on: "customerId", how: "left" });
    writeCsv(String(o.out), list);
    console.log(`wrote ${fmtInt(list.height)} "${wanted}" customers to ${o.out}`);
  },
};
