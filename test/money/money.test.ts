/** Money totals that do not depend on the order rows are added in (src/money.ts). */
import { join } from "path";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { cleanTransactions } from "../../src/clean/clean";
import { customerHistories } from "../../src/cohorts/orders";
import { loadDataset } from "../../src/data/load";
import { moneySum, moneyTotal } from "../../src/util/index";
import { REPO_DATA } from "../helpers";

describe("moneySum", () => {
  it("adds millionths as integers, so the order of the rows does not matter", () => {
    // floats: 0.1 + 0.2 + 0.3 = 0.6000000000000001 left to right, 0.6 right to left
    expect(0.1 + 0.2 + 0.3).not.toBe(0.3 + 0.2 + 0.1);
    // millionths: 100,000 + 200,000 + 300,000 = 600,000 -> 0.6 either way
    expect(moneyTotal(pl.DataFrame({ v: [0.1, 0.2, 0.3] }), "v")).toBe(0.6);
    expect(moneyTotal(pl.DataFrame({ v: [0.3, 0.2, 0.1] }), "v")).toBe(0.6);
  });
  it("gives the double nearest the total in every group: 54,624.15 is 54624.15, not 54624.149999999994", () => {
    // polars divides a column by a constant through its reciprocal: 54,624,150,000 x 1e-6 = 54624.149999999994
    const df = pl.DataFrame({ g: ["a", "b", "b", "c"], v: [54624.15, 37942.37, -0.000001, 1.1] });
    // a: 54,624,150,000 millionths; b: 37,942,370,000 - 1 = 37,942,369,999; c: 1,100,000
    expect(df.groupBy("g").agg(moneySum("v").alias("t")).sort("g").toRecords()).toEqual([
      { g: "a", t: 54624.15 }, { g: "b", t: 37942.369999 }, { g: "c", t: 1.1 },
    ]);
    expect(moneyTotal(df.head(1), "v")).toBe(54624.15);
  });
  it("sums each group, skips nulls, and sums nothing to 0", () => {
    const df = pl.DataFrame({ g: ["a", "b", "a", "b"], v: [1.25, null, 2.5, 0.005] });
    // a: 1,250,000 + 2,500,000 millionths = 3.75; b: the null skipped, 5,000 millionths = 0.005
    expect(df.groupBy("g").agg(moneySum("v").alias("t")).sort("g").toRecords()).toEqual([{ g: "a", t: 3.75 }, { g: "b", t: 0.005 }]);
    expect(moneyTotal(df.head(0), "v")).toBe(0);
    // an expression: the amounts above 1 only -> 3.75
    expect(Number(df.select(moneySum(pl.col("v").filter(pl.col("v").gt(1))).alias("t")).getColumn("t").get(0))).toBe(3.75);
  });
});

describe("order values on the UCI data", () => {
  it("are the same on every run (a group-by over customer and invoice adds its rows in a varying order)", () => {
    const c = cleanTransactions(loadDataset({ transactions: join(REPO_DATA, "online_retail.csv.gz") }).transactions);
    const values = () => JSON.stringify(customerHistories(c.customerLines).map((h) => h.values));
    const first = values();
    // with float sums, 6 runs in one process gave 6 different results (last digits of some orders)
    for (let run = 0; run < 5; run++) expect(values() === first, `run ${run + 2} differs from run 1`).toBe(true);
  });
});
