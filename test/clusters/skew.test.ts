import { join } from "path";
import { describe, expect, it } from "vitest";
import { cleanTransactions } from "../../src/clean/clean";
import { SKEWED_FEATURES, skewedFeatures, skewness } from "../../src/clusters/skew";
import { loadDataset } from "../../src/data/load";
import { customerFeatures } from "../../src/features/index";
import { REPO_DATA } from "../helpers";

describe("skewness", () => {
  it("is 0 for a symmetric sample and m3 / m2^1.5 otherwise", () => {
    expect(skewness([1, 2, 3])).toBe(0);
    // 0, 0, 0, 1: mean 1/4, m2 = 3/16, m3 = 3/32, g1 = (3/32) / (3/16)^1.5 = 2 / sqrt(3)
    expect(skewness([0, 0, 0, 1])).toBeCloseTo(2 / Math.sqrt(3), 14);
    expect(skewness([1, 0, 0, 0].map((x) => -x))).toBeCloseTo(-2 / Math.sqrt(3), 14);
  });
  it("is NaN for no values, a constant sample or a value that is not finite", () => {
    for (const v of [[], [5, 5, 5], [1, NaN, 2], [1, Infinity, 2]]) expect(skewness(v)).toBeNaN();
  });
});

describe("skewedFeatures", () => {
  it("keeps the listed features with a long right tail, in the order given", () => {
    expect(skewedFeatures(["tenure", "monetary", "q4Share", "recency"])).toEqual(["monetary", "recency"]);
    expect(skewedFeatures([])).toEqual([]);
  });
  it("matches the data: on the UCI customers the skewed features have skewness > 1, the others < 1", () => {
    const clean = cleanTransactions(loadDataset({ transactions: join(REPO_DATA, "online_retail.csv.gz") }).transactions);
    const features = customerFeatures(clean.customerLines, clean.returns);
    const numeric = features.columns.filter((c) => c !== "customerId");
    const skew = Object.fromEntries(numeric.map((c) => [c, skewness((features.getColumn(c).toArray() as unknown[]).map(Number))]));
    // measured: recency 1.25 (the closest to 1), frequency 12.1, monetary 19.3; tenure -0.37, favouriteWeekday 0.65
    expect(numeric.filter((c) => skew[c] > 1).sort()).toEqual([...SKEWED_FEATURES].sort());
    expect(skew.recency).toBeCloseTo(1.245, 3);
  });
});
