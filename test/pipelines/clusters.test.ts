/**
 * The clustering job (src/pipelines/clusters): one log rule (the skewed features only) for the
 * CLI and the notebooks, the elbow, the chosen clustering described, and the refusals. Hand-made
 * features, figures written beside each expectation.
 */
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { clusterPoints, compareMethods } from "../../src/clusters/index";
import { clusterChoice, clusterElbow, clusterPreparation, customerClusters, elbowLabels, RFM_FEATURES } from "../../src/pipelines/index";
import { numbers, strings } from "../../src/util/index";
import { userErrorOf } from "../clusters/helpers";
import { cleanOf, type Line } from "../products/helpers";

// recency e^0-1, e^1-1, e^2-1: log1p gives 0, 1, 2; tenure 1, 2, 3 is not skewed and stays as it is.
// Both standardise to (x - mean) / population sd: mean 1 (or 2), sd sqrt(2/3), so -1.2247, 0, 1.2247.
const FEATURES = pl.DataFrame({
  customerId: ["a", "b", "c"],
  recency: [0, Math.E - 1, Math.E ** 2 - 1],
  frequency: [1, 2, 4],
  monetary: [10, 20, 40],
  tenure: [1, 2, 3],
});
const Z = Math.sqrt(3 / 2); // 1 / sqrt(2/3)

describe("clusterPreparation: log1p of the skewed features only", () => {
  it("logs recency and leaves tenure as it is", () => {
    const prep = clusterPreparation(FEATURES, ["recency", "tenure"]);
    expect(prep.logged).toEqual(["recency"]);
    expect(prep.columns).toEqual(["recency", "tenure"]);
    const expected = [[-Z, -Z], [0, 0], [Z, Z]];
    prep.points.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 12)));
  });

  it("is the rule clusterPoints and compareMethods apply by default (the notebooks' calls)", () => {
    const prep = clusterPreparation(FEATURES, ["recency", "tenure"]);
    expect(clusterPoints(FEATURES, ["recency", "tenure"])).toEqual(prep.points);
    const cmp = compareMethods(FEATURES, { methods: [{ method: "kmeans", k: 1 }], columns: ["recency", "tenure"] });
    expect(cmp.logColumns).toEqual(["recency"]);
  });

  it("clusters recency, frequency and monetary by default, all three logged", () => {
    expect(RFM_FEATURES).toEqual(["recency", "frequency", "monetary"]);
  });

  it("names the customer and the value of a feature that is not a number", () => {
    const bad = FEATURES.withColumns(pl.Series("tenure", [1, Number.NaN, 3]));
    expect(userErrorOf(() => clusterPreparation(bad, ["tenure"]))).toBe(
      'Column "tenure" is NaN on row 1 (b): every feature value must be a finite number (fill or drop that row first).',
    );
  });
});

describe("clusterElbow, elbowLabels and clusterChoice", () => {
  // monetary 10, 20, 40 -> log1p 2.398, 3.045, 3.714: with k = 2, c (the largest) is alone or with b
  const prep = clusterPreparation(FEATURES, ["monetary"]);

  it("runs k = kMin..kMax and proposes the single k asked for", () => {
    const { elbow, proposed } = clusterElbow(prep, { kMin: 2, kMax: 2, restarts: 3, seed: 0 });
    expect(elbow.points.map((p) => p.k)).toEqual([2]);
    expect(proposed.k).toBe(2);
    expect(userErrorOf(() => elbowLabels(elbow, 3))).toBe("k = 3 was not tried: the elbow covers k = 2.");
  });

  it("describes any labels: k, profiles, names and the export in the features' order", () => {
    const choice = clusterChoice(prep, [0, 1, 1], ["recency", "frequency", "monetary"]);
    expect(choice.k).toBe(2);
    expect(choice.profiles.map((p) => p.size)).toEqual([1, 2]);
    // revenue shares from monetary: 10 / 70 and 60 / 70
    expect(choice.profiles[0].revenueShare).toBeCloseTo(10 / 70, 12);
    expect(choice.assignments.columns).toEqual(["customerId", "cluster", "name"]);
    expect(strings(choice.assignments, "customerId")).toEqual(["a", "b", "c"]);
    expect(numbers(choice.assignments, "cluster")).toEqual([0, 1, 1]);
    expect(strings(choice.assignments, "name")).toEqual(choice.labels.map((c) => choice.names.find((n) => n.cluster === c)!.name));
    expect(() => clusterChoice(prep, [0, 1])).toThrow("2 labels for 3 customers");
  });
});

describe("customerClusters: the whole job on cleaned data", () => {
  // three customers: c1 one order, c2 two, c3 three, on days up to 2024-03-01
  const lines: Line[] = [
    ["1", "A", 1, 10, "2024-01-01", "c1"],
    ["2", "A", 1, 10, "2024-01-10", "c2"],
    ["3", "A", 2, 10, "2024-02-10", "c2"],
    ["4", "A", 1, 10, "2024-01-05", "c3"],
    ["5", "A", 3, 10, "2024-02-05", "c3"],
    ["6", "A", 5, 10, "2024-03-01", "c3"],
  ];
  const clean = cleanOf(lines);

  it("refuses more clusters than customers, naming the range as the caller spells it", () => {
    expect(userErrorOf(() => customerClusters(clean))).toBe("k = 1..10 needs at least 10 customers and the data has 3: choose a smaller k.");
    expect(userErrorOf(() => customerClusters(clean, { kMin: 4, kMax: 4, kLabel: "--k 4" }))).toBe("--k 4 needs at least 4 customers and the data has 3: choose a smaller k.");
  });

  it("clusters the customers with the k asked for, deterministically", () => {
    const run = customerClusters(clean, { kMin: 1, kMax: 3, k: 3, restarts: 2, seed: 0 });
    expect(run.logged).toEqual(["recency", "frequency", "monetary"]);
    expect(run.elbow.points.map((p) => p.k)).toEqual([1, 2, 3]);
    expect(run.chosen.k).toBe(3);
    // three customers in three clusters: one each
    expect(run.chosen.profiles.map((p) => p.size)).toEqual([1, 1, 1]);
    expect(strings(run.chosen.assignments, "customerId")).toEqual(["c1", "c2", "c3"]);
    const again = customerClusters(clean, { kMin: 1, kMax: 3, k: 3, restarts: 2, seed: 0 });
    expect(again.chosen.labels).toEqual(run.chosen.labels);
  });
});
