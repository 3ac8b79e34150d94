import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { demographicColumns, withProfile } from "../../src/data/profiles";
import { segmentMix } from "../../src/rfm/summary";

// four customers with segments, three of them with a banded profile (as a grocery demographics table has)
const rfm = pl.DataFrame({ customerId: ["1", "2", "3", "4"], segment: ["Champions", "Hibernating", "Champions", "Hibernating"] });
const customers = pl.DataFrame({
  customerId: ["1", "2", "3", "5"], age: ["65+", "65+", "25-34", "45-54"], income: ["50-74K", null, "Under 15K", "50-74K"],
  gender: [1, 0, 1, 0], years: [71, 68, 30, 50],
});

describe("profile bands for segment mixes", () => {
  it("lists the columns with 2 to 20 distinct values, not the key", () => {
    // years has 4 distinct values of 4 rows: allowed under 20 too
    expect(demographicColumns(customers)).toEqual(["age", "income", "gender", "years"]);
    expect(demographicColumns(customers, 3)).toEqual(["age", "income", "gender"]);
  });
  it("joins bands onto a per-customer table, unknown where there is no profile, codes as text", () => {
    const t = withProfile(rfm, customers, ["age", "income", "gender"]);
    expect(t.getColumn("customerId").toArray()).toEqual(["1", "2", "3", "4"]);
    expect(t.getColumn("age").toArray()).toEqual(["65+", "65+", "25-34", "unknown"]);
    expect(t.getColumn("income").toArray()).toEqual(["50-74K", "unknown", "Under 15K", "unknown"]);
    expect(t.getColumn("gender").toArray()).toEqual(["1", "0", "1", "unknown"]);
  });
  it("gives the segment mix by age band", () => {
    const mix = segmentMix(withProfile(rfm, customers, ["age"]), "age").toRecords();
    // 65+: customers 1 (Champions) and 2 (Hibernating): 1/2 each; 25-34: customer 3 alone; unknown: customer 4
    expect(mix).toEqual([
      { age: "25-34", segment: "Champions", share: 1, total: 1 },
      { age: "65+", segment: "Champions", share: 0.5, total: 2 },
      { age: "65+", segment: "Hibernating", share: 0.5, total: 2 },
      { age: "unknown", segment: "Hibernating", share: 1, total: 1 },
    ]);
  });
  it("refuses a column the customers table lacks", () => {
    expect(() => withProfile(rfm, customers, ["income_band"])).toThrow('The customers table has no column "income_band"');
  });
});
