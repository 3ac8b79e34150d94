import { readFileSync } from "fs";
import { join } from "path";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { cleanTransactions } from "../../src/clean/clean";
import { parseLevel } from "../../src/cli/commands/loyalty";
import { loadDataset } from "../../src/data/load";
import { REPO_DATA, tempDir } from "../helpers";
import { cli } from "./run";

const UCI = join(REPO_DATA, "online_retail.csv.gz");

const HEADER_UCI =
  "stockCode,description,inSales,inCatalogue,abcClass,quadrant,revenue,windowUnits,velocity,forecastDailyUnits,demandRate,demandSource," +
  "stockLevel,unitCost,stockValue,daysOfCover,units,orders,customers,daysSinceLastSale,revenueRank,unitsRank,rankGap,revenueShare," +
  "cumulativeRevenueShare,atRisk,clearance";

/** A CSV written by the CLI, read back with polars (every column as text). */
function readCsv(file: string) {
  return pl.readCSV(readFileSync(file, "utf8"), { inferSchemaLength: 0 });
}

/** A generated dataset folder (the same seed gives the same bytes). */
function generated(): string {
  const dir = join(tempDir(), "generated");
  const g = cli(["generate", "--rows", "20000", "--seed", "3", "--out", dir]);
  expect(g.status).toBe(0);
  return dir;
}

describe("retail-lab products on UCI Online Retail", () => {
  const out = join(tempDir(), "products.csv");
  const r = cli(["products", "--input", UCI, "--out", out]);

  it("writes one row per product stock code of the cleaned sales", () => {
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const { sales } = cleanTransactions(loadDataset({ transactions: UCI }).transactions);
    const codes = sales.filter(pl.col("isProduct")).select(pl.col("stockCode").str.strip().alias("stockCode")).unique().height;
    const table = readCsv(out);
    expect(readFileSync(out, "utf8").split("\n")[0]).toBe(HEADER_UCI);
    expect(table.height).toBe(codes); // 3,907
    expect(table.getColumn("stockCode").nUnique()).toBe(codes);
    expect(r.stdout).toContain(`wrote ${codes.toLocaleString("en-GB")} products to ${out}`);
  });

  it("says stock levels are not available and counts the issues", () => {
    const table = readCsv(out);
    expect(r.stdout).toMatch(/^stock levels: not available\. The data has no stock levels \(no catalogue\)/m);
    const idle = table.filter(pl.col("windowUnits").eq(pl.lit("0"))).height;
    expect(r.stdout).toContain(
      `issues: ${idle.toLocaleString("en-GB")} with no sales in the window 2011-11-12 to 2011-12-09; 0 missing stock; 0 negative stock; ` +
        "0 in the catalogue, not sold; 0 sold, not in the catalogue (no catalogue)",
    );
    expect(table.getColumn("daysOfCover").nullCount()).toBe(table.height);
    expect(new Set(table.getColumn("abcClass").toArray())).toEqual(new Set(["A", "B", "C"]));
  });
});

describe("retail-lab loyalty on UCI Online Retail", () => {
  it("gives the loyalty threshold with its 95% interval as JSON", () => {
    const r = cli(["loyalty", "--input", UCI, "--json"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ end: "2011-12-09", customers: 4338, window: 90, neverOrdered: null });
    // step 2: of the 2,008 customers whose 2nd order is at least 90 days before the end, 1,691 placed a 3rd
    expect(json.threshold).toMatchObject({ level: 0.8, minEligible: 30, n: 2, eligible: 2008, confidentN: 2 });
    expect(json.threshold.share).toBeCloseTo(1691 / 2008, 12);
    // Wilson 95% interval of 1,691 / 2,008
    expect(json.threshold.lower).toBeCloseTo(0.8255, 4);
    expect(json.threshold.upper).toBeCloseTo(0.8574, 4);
    expect(json.curve[1]).toMatchObject({ n: 2, eligible: 2008, repeaters: 1691 });
  });

  it("prints a short table and the threshold line, and takes another level", () => {
    const r = cli(["loyalty", "--input", UCI]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}2 +2,845 +2,008 +1,691 +84\.2% +82\.6% to 85\.7%$/m);
    expect(r.stdout).toContain("loyalty threshold at 80%: after the 2nd order, 84.2% place another (95% interval 82.6% to 85.7%, 2,008 eligible)");
    expect(r.stdout).toContain("never ordered: unknown (no customers table)");
    const high = JSON.parse(cli(["loyalty", "--input", UCI, "--level", "0.9", "--json"]).stdout);
    expect(high.threshold.level).toBe(0.9);
    for (const s of high.curve) if (s.n < high.threshold.n && s.eligible >= 30) expect(s.share).toBeLessThan(0.9);
    expect(high.curve[high.threshold.n - 1].share).toBeGreaterThanOrEqual(0.9);
  });

  it("refuses a level outside (0, 1) with a sentence", () => {
    expect(parseLevel("0.8")).toBe(0.8);
    for (const bad of ["0", "1", "80", "-0.5", "abc", "", "NaN", "Infinity"]) expect(() => parseLevel(bad)).toThrow(/--level takes a share strictly between 0 and 1/);
    const r = cli(["loyalty", "--input", UCI, "--level", "80"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--level takes a share strictly between 0 and 1, like 0.8; not "80"');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("products and loyalty on a generated dataset (catalogue with stock levels, customers table)", () => {
  const dir = generated();

  it("products: stock levels available, days of cover where known", () => {
    const out = join(tempDir(), "products.csv");
    const r = cli(["products", "--input", dir, "--out", out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^stock levels: available\. Days of cover = stock \//m);
    const table = readCsv(out);
    const catalogue = readCsv(join(dir, "products.csv"));
    const notSold = table.filter(pl.col("inSales").eq(pl.lit("false"))).height;
    expect(r.stdout).toMatch(new RegExp(`; 0 missing stock; 0 negative stock; ${notSold} in the catalogue, not sold; 0 sold, not in the catalogue$`, "m"));
    // every catalogued product, sold or not; postage and fees left out
    const postage = catalogue.filter(pl.col("category").eq(pl.lit("Non-product"))).height;
    expect(r.stdout).toContain(`catalogue: ${catalogue.height} rows; left out: ${postage} non-product codes, 0 without a code, 0 repeated codes`);
    expect(table.height).toBe(catalogue.height - postage);
    const cover = table.getColumn("daysOfCover").toArray() as (string | null)[];
    const units = table.getColumn("windowUnits").toArray() as string[];
    const stock = table.getColumn("stockLevel").toArray() as string[];
    const source = table.getColumn("demandSource").toArray() as string[];
    const forecast = table.getColumn("forecastDailyUnits").toArray() as (string | null)[];
    // the catalogue has stock levels, so the 30 best sellers by revenue get forecast demand (as notebook 05)
    expect(source.filter((s) => s === "forecast").length).toBe(30);
    expect(r.stdout).toContain("demand: forecast for the 30 best sellers by revenue");
    cover.forEach((c, i) => {
      // demand: the forecast's mean daily units where there is one, else the units of the last 28 days / 28
      const rate = source[i] === "forecast" ? Number(forecast[i]) : Number(units[i]) / 28;
      if (c === "inf") expect(rate === 0 && Number(stock[i]) > 0).toBe(true); // stock that does not sell
      else if (Number(stock[i]) === 0) expect(c).toBe("0");
      else expect(Number(c)).toBeCloseTo(Number(stock[i]) / rate, 6);
    });
    const idle = units.filter((u) => Number(u) === 0).length;
    expect(r.stdout).toMatch(new RegExp(`^issues: ${idle} with no sales in the window`, "m"));
  });

  it("loyalty: counts the customers who never ordered", () => {
    const r = cli(["loyalty", "--input", dir, "--json"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    const truth = readCsv(join(dir, "truth_customers.csv"));
    const planted = truth.filter(pl.col("archetype").eq(pl.lit("never_ordered"))).height;
    expect(planted).toBeGreaterThan(0);
    expect(json.neverOrdered).toEqual({ signups: truth.height, neverOrdered: planted, share: planted / truth.height, buyersNotInRoster: 0 });
    expect(json.customers + planted).toBe(truth.height);
    const text = cli(["loyalty", "--input", dir]);
    expect(text.stdout).toContain(`never ordered: ${planted} of ${truth.height} customers in the customers table`);
  });
});
