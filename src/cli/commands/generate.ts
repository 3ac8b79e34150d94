/** retail-lab generate: a seeded multi-table dataset with planted structure and ground truth. */
import { fmtInt } from "../../display/format";
import { generateDataset, writeDataset } from "../../generate/index";
import { intOption, type Command } from "../args";

export const generateCommand: Command = {
  name: "generate",
  summary: "write a seeded synthetic dataset (transactions, customers, products, ground truth) to a folder",
  options: [
    { name: "out", value: "DIR", help: "folder to write (created if missing)", required: true },
    { name: "rows", value: "N", help: "transaction lines, 1,000 to 50,000,000 (default 100,000)" },
    { name: "seed", value: "N", help: "random seed (default 1): same seed, same bytes" },
    { name: "customers", value: "N", help: "number of customers (default: from rows)" },
    { name: "products", value: "N", help: "number of products (default: from rows)" },
    { name: "days", value: "N", help: "days of history, 90 to 3,660 (default 730)" },
    { name: "start", value: "YYYY-MM-DD", help: "first day (default 2022-01-01)" },
  ],
  run(o) {
    const started = Date.now();
    const dataset = generateDataset({
      rows: intOption(o, "rows", 100_000, 1_000, 50_000_000),
      seed: intOption(o, "seed", 1, 0),
      customers: o.customers === undefined ? undefined : intOption(o, "customers", 0),
      products: o.products === undefined ? undefined : intOption(o, "products", 0),
      days: o.days === undefined ? undefined : intOption(o, "days", 730, 90, 3660),
      start: o.start === undefined ? undefined : String(o.start),
    });
    const files = writeDataset(String(o.out), dataset);
    console.log(`wrote ${files.length} files to ${o.out} in ${((Date.now() - started) / 1000).toFixed(1)} s (${fmtInt(intOption(o, "rows", 100_000, 1_000, 50_000_000))} transaction lines)`);
  },
};
