/** retail-lab inspect: what a data file holds and the mapping that loads it. */
import { existsSync } from "fs";
import { loadDatasetAsync, inspectFile, type ColumnProfile, type Inspection, readMapping, type DatasetMapping, type MappingTable, layoutLine } from "../../data/index";
import { fmtInt } from "../../util/index";
import { UserError, isUserError } from "../../errors";
import { writeFileAtomic } from "../../io/index";
import type { Command } from "../args";

const KIND_WORDS: Record<Inspection["kind"], string> = {
  transactions: "a transactions table",
  customers: "customer profiles",
  products: "a product catalogue",
  "per-customer": "a per-customer table, not a transactions table",
};

/** The column table of an inspection, as aligned text lines. */
export function columnLines(columns: ColumnProfile[]): string[] {
  const rows = columns.map((c) => [c.name, c.type, fmtInt(c.empty), fmtInt(c.distinct), c.examples.join(", "), c.field ? `${c.field} (${c.why})` : c.why ? `- (${c.why})` : "-"]);
  const head = ["column", "type", "empty", "distinct", "examples", "probably"];
  const width = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (r: string[]) => `  ${r.map((v, j) => (j === 2 || j === 3 ? v.padStart(width[j]) : j === r.length - 1 ? v : v.padEnd(width[j]))).join("  ")}`;
  return [line(head), ...rows.map(line)];
}

/** What `inspect` prints for one file. */
export function inspectionLines(i: Inspection): string[] {
  const lines = [
    `${i.file}: ${fmtInt(i.reading.rows)} rows; ${layoutLine(i.reading)}`,
    `looks like: ${KIND_WORDS[i.kind]} (${i.kindWhy})`,
    "",
    ...columnLines(i.columns),
  ];
  for (const c of i.columns) if (c.dateFormats.length) lines.push(`  date formats that read every value of ${c.name}: ${c.dateFormats.join(", ")}`);
  for (const n of i.notes) lines.push(`  note: ${n}`);
  if (i.kind === "per-customer") lines.push(`  note: not a transactions table: for an experiment's outcomes use \`retail-lab experiment analyze --input ${i.file}\`; customer profiles go in --customers`);
  if (i.missing.length) lines.push(`  not found: ${i.missing.join(", ")} (map ${i.missing.length > 1 ? "them" : "it"} by hand)`);
  return lines;
}

/** A mapping as JSON, two-space indented, with lists of names kept on one line. */
export function mappingJson(mapping: DatasetMapping): string {
  return JSON.stringify(mapping, null, 2).replace(/\[\s+([^[\]{}]*?)\s+\]/g, (_, inner: string) => `[${inner.split(/,\s+/).join(", ")}]`);
}

/** The files and roles named by the options. */
function filesOf(o: Record<string, unknown>): [string, MappingTable][] {
  if (!o.input) throw new UserError("retail-lab inspect needs a file: retail-lab inspect FILE [--customers FILE] [--products FILE] [--write-map map.json].");
  const out: [string, MappingTable][] = [[String(o.input), "transactions"]];
  if (o.customers) out.push([String(o.customers), "customers"]);
  if (o.products) out.push([String(o.products), "products"]);
  return out;
}

/** Checks that the suggested mapping loads the files as written; a refusal names what went wrong. */
async function verified(mapping: DatasetMapping, o: Record<string, unknown>): Promise<void> {
  try {
    await loadDatasetAsync({ transactions: String(o.input), customers: o.customers as string | undefined, products: o.products as string | undefined, mapping });
  } catch (e) {
    if (!isUserError(e)) throw e;
    throw new UserError(`the suggested mapping does not load the files as they are (${e.message.replace(/\.$/, "")}); it was not written.`);
  }
}

export const inspectCommand: Command = {
  name: "inspect",
  summary: "say what a data file holds (encoding, delimiter, header, column types, date formats, probable fields) and suggest its mapping",
  options: [
    { name: "input", value: "FILE", help: "the transactions file to inspect (or give it as the first argument)" },
    { name: "customers", value: "FILE", help: "a customer profiles table to inspect too" },
    { name: "products", value: "FILE", help: "a product catalogue to inspect too" },
    { name: "map", value: "MAP.json", help: "read the files with this mapping's layout keys (delimiter, header, names, encoding)" },
    { name: "write-map", value: "MAP.json", help: "write the suggested mapping there (checked by loading the files with it; an existing file is not replaced)" },
  ],
  async run(o) {
    const given = o.map ? readMapping(String(o.map)) : undefined;
    const out = o["write-map"] ? String(o["write-map"]) : undefined;
    if (out && existsSync(out)) throw new UserError(`${out} already exists; choose another name for --write-map (nothing was written).`);
    const mapping: DatasetMapping = {};
    const inspections = filesOf(o).map(([file, role]) => inspectFile(file, role, given?.[role]));
    for (const i of inspections) {
      console.log(inspectionLines(i).join("\n"));
      console.log("");
      mapping[i.role] = i.mapping;
    }
    const json = mappingJson(mapping);
    console.log(`suggested mapping${out ? ` (written to ${out})` : " (--write-map FILE writes it)"}:\n${json}`);
    if (!out) return;
    const first = inspections[0];
    if (first.kind === "per-customer") {
      throw new UserError(`${first.file} is a per-customer table (${first.kindWhy}), not a transactions table, so no mapping was written: for an experiment's outcomes use \`retail-lab experiment analyze --input ${first.file}\`.`);
    }
    const missing = inspections.filter((i) => i.missing.length);
    if (missing.length) throw new UserError(`no column was found for ${missing.map((i) => `${i.missing.join(", ")} in ${i.file}`).join("; ")}; map ${missing.length > 1 ? "them" : "it"} by hand (nothing was written).`);
    await verified(mapping, o);
    writeFileAtomic(out, json + "\n");
  },
};
