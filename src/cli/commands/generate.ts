/** retail-lab generate: a seeded multi-table dataset with planted structure and ground truth. */
import { fmtInt } from "../../util/index";
import { DATASET_FILES, GENERATE_LIMITS, generateDataset, writeDatasetInterruptibly } from "../../generate/index";
import { intOption, type Command, type OptionValues } from "../args";

/** A count option of the generator, within its documented bounds; undefined when not given. */
function countOption(o: OptionValues, name: keyof typeof GENERATE_LIMITS): number | undefined {
  return o[name] === undefined ? undefined : intOption(o, name, 0, ...GENERATE_LIMITS[name]);
}

export const generateCommand: Command = {
  name: "generate",
  summary: "write a seeded synthetic dataset (transactions, customers, products, ground truth) to a folder",
  options: [
    { name: "out", value: "DIR", help: "folder to write (created if missing)", required: true, output: "dir", outputFiles: DATASET_FILES },
    { name: "rows", value: "N", help: "transaction lines, 1,000 to 50,000,000 (default 100,000)" },
    { name: "seed", value: "N", help: "random seed (default 1): same seed, same bytes" },
    { name: "customers", value: "N", help: "number of customers, 20 to 5,000,000 (default: from rows)" },
    { name: "products", value: "N", help: "number of products, 10 to 200,000 (default: from rows)" },
    { name: "days", value: "N", help: "days of history, 90 to 3,660 (default 730)" },
    { name: "start", value: "YYYY-MM-DD", help: "first day (default 2022-01-01), from 1900-01-01; the last day at most a year after today" },
  ],
  async run(o) {
    const started = Date.now();
    const rows = countOption(o, "rows") ?? 100_000;
    const dataset = generateDataset({
      rows,
      seed: intOption(o, "seed", 1, 0),
      customers: countOption(o, "customers"),
      products: countOption(o, "products"),
      days: countOption(o, "days"),
      start: o.start === undefined ? undefined : String(o.start),
    });
    const files = await writeDatasetInterruptibly(String(o.out), dataset);
    console.log(`wrote ${files.length} files to ${o.out} in ${((Date.now() - started) / 1000).toFixed(1)} s (${fmtInt(rows)} transaction lines)`);
  },
};
