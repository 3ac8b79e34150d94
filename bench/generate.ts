/**
 * Benchmark: generate and write a synthetic dataset, print wall time and peak RSS.
 * Usage: node_modules/.bin/tsx bench/generate.ts [--rows 1000000] [--seed 1] [--out DIR] [--keep]
 * Without --out it writes to a temporary folder and removes it afterwards (unless --keep).
 */
import { mkdtempSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { generateDataset, writeDataset } from "../src/generate";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const rows = Number(arg("rows") ?? 1_000_000);
const seed = Number(arg("seed") ?? 1);
const out = arg("out") ?? mkdtempSync(join(tmpdir(), "retail-gen-bench-"));
const keep = process.argv.includes("--keep") || arg("out") !== undefined;

const t0 = process.hrtime.bigint();
const dataset = generateDataset({ rows, seed });
const t1 = process.hrtime.bigint();
const paths = writeDataset(out, dataset);
const t2 = process.hrtime.bigint();
const bytes = paths.reduce((s, p) => s + statSync(p).size, 0);
const sec = (a: bigint, b: bigint) => Number(b - a) / 1e9;
const peakMb = process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
console.log(
  `rows=${rows} seed=${seed} customers=${dataset.options.customers} products=${dataset.options.products} invoices=${dataset.plan.invoices.count}\n` +
  `plan ${sec(t0, t1).toFixed(2)} s, write ${sec(t1, t2).toFixed(2)} s, total ${sec(t0, t2).toFixed(2)} s ` +
  `(${Math.round(rows / sec(t0, t2)).toLocaleString("en")} rows/s), ${(bytes / 1e6).toFixed(1)} MB written to ${out}\n` +
  `peak RSS ${peakMb.toFixed(0)} MB`,
);
if (!keep) rmSync(out, { recursive: true, force: true });
