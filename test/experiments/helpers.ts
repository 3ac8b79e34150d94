import { readFileSync } from "fs";
import { join } from "path";
import { gunzipSync } from "zlib";
import pl, { type DataFrame } from "nodejs-polars";
import { REPO_DATA } from "../helpers";

/**
 * Hillstrom's e-mail experiment (data/hillstrom, attribution in data/README.md), read with
 * nodejs-polars directly. The whole file is scanned for types: with the default 100 rows spend
 * looks whole and polars would read 29.99 as missing.
 */
export function readHillstrom(): DataFrame {
  return pl.readCSV(gunzipSync(readFileSync(join(REPO_DATA, "hillstrom", "hillstrom.csv.gz"))), { inferSchemaLength: 100_000 });
}

/** The generated heavy-tailed experiment written by test/reference/experiments.py. */
export function readHeavyTailed(): DataFrame {
  return pl.readCSV(readFileSync(join(__dirname, "..", "fixtures", "experiments", "heavy_tailed.csv")), { inferSchemaLength: 100_000 });
}

/** |a - b| relative to max(1, |b|): absolute for small figures, relative for large ones. */
export function closeness(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(b));
}
