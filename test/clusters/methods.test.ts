/**
 * K-Means, Ward and DBSCAN side by side: hand-checked cases, the comparison on the UCI
 * customers checked against each method run alone, a straightforward silhouette and the
 * scikit-learn fixture (test/reference/ward_dbscan_uci.py), and the recovery of planted
 * archetypes on generated data (as test/clusters/recovery.test.ts does for K-Means).
 */
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { cleanTransactions } from "../../src/clean/clean";
import {
  adjustedRandIndex,
  clusterPoints,
  clusterWith,
  compareMethods,
  kDistances,
  methodSilhouette,
  methodsTable,
  proposeEps,
  wardClusters,
  type MethodSpec,
} from "../../src/clusters/index";
import { flattenPoints } from "../../src/clusters/matrix";
import { customerFeatures } from "../../src/features/index";
import { generateDataset, generatedFrames } from "../../src/generate/index";
import { seededRng, strings } from "../../src/util/index";
import { uciCustomers } from "../reference/cluster_features";
import reference from "../reference/ward_dbscan_uci.json";
import { naiveSilhouette, userErrorOf } from "./helpers";

describe("one method, one call", () => {
  const points = [[0], [1], [2], [10]];
  it("runs K-Means, Ward or DBSCAN with canonical labels", () => {
    // DBSCAN eps 1.5, minSamples 3: 1 is core, 0 and 2 border, 10 noise (see dbscan.test.ts).
    expect(clusterWith(points, { method: "dbscan", eps: 1.5, minSamples: 3 })).toMatchObject({
      labels: [0, 0, 0, -1], clusters: 1, noise: 1, sizes: [3], parameters: "eps = 1.5, minSamples = 3",
    });
    // Ward k = 2: {0, 1, 2} then 10 (merge heights 1, sqrt(3), then far above): sizes 3 and 1.
    expect(clusterWith(points, { method: "ward", k: 2 })).toMatchObject({ labels: [0, 0, 0, 1], clusters: 2, noise: 0, sizes: [3, 1] });
    // K-Means k = 2: the lowest inertia: {0, 1, 2} | {10} has 1 + 0 + 1 + 0 = 2, {0, 1} | {2, 10} has 0.5 + 32 = 32.5.
    expect(clusterWith(points, { method: "kmeans", k: 2 }).labels).toEqual([0, 0, 0, 1]);
  });

  it("refuses k above the number of customers before any work", () => {
    expect(userErrorOf(() => clusterWith(points, { method: "ward", k: 5 }))).toBe("k = 5 but only 4 customers: choose k <= 4.");
    expect(userErrorOf(() => clusterWith(points, { method: "kmeans", k: 5 }))).toBe("k = 5 but only 4 customers: choose k <= 4.");
  });
});

describe("silhouette of a method", () => {
  it("leaves noise out and says so", () => {
    // Clusters {0, 1} and {10, 11}, noise 100. Point 0: a = 1, b = (10 + 11) / 2 = 10.5, s = 9.5 / 10.5;
    // point 1: a = 1, b = (9 + 10) / 2 = 9.5, s = 8.5 / 9.5; 10 and 11 mirror them. Mean (9.5/10.5 + 8.5/9.5) / 2.
    const s = methodSilhouette(flattenPoints([[0], [1], [10], [11], [100]]), [0, 0, 1, 1, -1]);
    expect(s.value).toBeCloseTo((9.5 / 10.5 + 8.5 / 9.5) / 2, 12);
    expect([s.over, s.exact, s.note]).toEqual([4, true, "over the 4 customers in clusters (1 noise point left out), exact"]);
  });

  it("is null, with the reason, for a single cluster", () => {
    const s = methodSilhouette(flattenPoints([[0], [1], [10]]), [0, 0, -1]);
    expect([s.value, s.note]).toEqual([null, "over the 2 customers in clusters (1 noise point left out): not defined for 1 cluster (it needs 2 to n - 1)"]);
  });

  it("is estimated on a seeded sample above the sample size", () => {
    const points = Array.from({ length: 40 }, (_, i) => [i < 20 ? i : 100 + i]);
    const labels = points.map((_, i) => (i < 20 ? 0 : 1));
    const s = methodSilhouette(flattenPoints(points), labels, 10, 3);
    expect([s.exact, s.note]).toEqual([false, "over all 40 customers, estimated on a seeded sample of 10"]);
    expect(s.value).toBeGreaterThan(0.8);
  });
});

describe("comparing methods on the UCI customers", () => {
  const { features, points } = uciCustomers();
  const methods: MethodSpec[] = [
    { method: "kmeans", k: 5, seed: 0, restarts: 10 },
    { method: "ward", k: 5 },
    { method: "dbscan", eps: 0.3, minSamples: 10 },
  ];
  const comparison = compareMethods(features, { methods });
  const [km, ward, db] = comparison.methods;
  const sk = reference.dbscan[0];

  it("gives each method's clusters as the method run alone (and scikit-learn's for Ward and DBSCAN)", () => {
    expect(comparison.n).toBe(4338);
    expect(km.labels).toEqual(clusterWith(points, methods[0]).labels);
    expect(ward.labels).toEqual(wardClusters(points, { kMin: 5 }).cuts[0].labels);
    expect(ward.sizes).toEqual(reference.ward[3].sizes);
    expect([sk.eps, sk.minSamples]).toEqual([0.3, 10]);
    expect([db.clusters, db.noise, db.sizes]).toEqual([sk.clusters, sk.noise, sk.sizes]);
  });

  it("scores silhouettes over the clustered customers, checked against a straightforward computation", () => {
    expect(km.silhouette.note).toBe("over all 4,338 customers, exact");
    expect(Math.abs((ward.silhouette.value as number) - naiveSilhouette(points, ward.labels))).toBeLessThan(1e-9);
    const kept = db.labels.map((l, i) => [l, i]).filter(([l]) => l >= 0).map(([, i]) => i);
    expect(db.silhouette.note).toBe(`over the ${(4338 - sk.noise).toLocaleString("en")} customers in clusters (${sk.noise} noise points left out), exact`);
    expect(Math.abs((db.silhouette.value as number) - naiveSilhouette(kept.map((i) => points[i]), kept.map((i) => db.labels[i])))).toBeLessThan(1e-9);
  });

  it("gives the adjusted Rand index of every pair, noise as one more group", () => {
    expect(comparison.agreement.map((a) => [a.a, a.b])).toEqual([["kmeans", "ward"], ["kmeans", "dbscan"], ["ward", "dbscan"]]);
    expect(comparison.agreement[0].ari).toBe(adjustedRandIndex(km.labels, ward.labels));
    expect(comparison.agreement[2].ari).toBe(adjustedRandIndex(ward.labels, db.labels));
    expect(comparison.agreementNote).toContain("noise points count as one more group (label -1)");
  });

  it("profiles and names every cluster as K-Means clusters are, noise apart", () => {
    for (const m of comparison.methods) {
      expect(m.profiles.map((p) => p.cluster)).toEqual(m.sizes.map((_, c) => c));
      expect(m.profiles.map((p) => p.size)).toEqual(m.sizes);
      expect(m.names.map((n) => n.cluster)).toEqual(m.sizes.map((_, c) => c));
      expect(m.names.some((n) => n.name === "VIP") && m.names.some((n) => n.name === "Inactive")).toBe(true);
    }
    expect(km.noiseProfile).toBeNull();
    expect(db.noiseProfile?.size).toBe(db.noise);
    // Revenue shares of the clusters and the noise add up to the whole.
    const total = db.profiles.reduce((s, p) => s + p.revenueShare, 0) + (db.noiseProfile?.revenueShare ?? 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it("lays the comparison out as a table", () => {
    const table = methodsTable(comparison);
    expect(table.columns).toEqual(["method", "parameters", "clusters", "noise", "sizes", "silhouette", "silhouette over"]);
    expect(strings(table, "method")).toEqual(["kmeans", "ward", "dbscan"]);
    expect(strings(table, "sizes")[1]).toBe(reference.ward[3].sizes.join(" "));
  });

  it("is deterministic", () => {
    const again = compareMethods(features, { methods });
    expect(again.methods.map((m) => m.labels)).toEqual(comparison.methods.map((m) => m.labels));
    expect(again.agreement).toEqual(comparison.agreement);
  });

  it("refuses an empty list of methods and passes on a method's bad input", () => {
    expect(userErrorOf(() => compareMethods(features, { methods: [] }))).toBe(
      "No clustering method to compare: give at least one of kmeans, ward, dbscan.",
    );
    expect(userErrorOf(() => compareMethods(features, { methods: [{ method: "dbscan", eps: 0, minSamples: 5 }] }))).toContain("eps = 0");
  });
});

describe("recovering planted archetypes with each method", () => {
  // The generated shop of test/clusters/recovery.test.ts: 850 customers who ordered, 5 archetypes.
  const frames = generatedFrames(generateDataset({ rows: 100_000, seed: 7 }));
  const clean = cleanTransactions(frames.transactions);
  const features = customerFeatures(clean.customerLines, clean.returns)
    .join(frames.truthCustomers.select("customerId", "archetype"), { on: "customerId" })
    .sort("customerId");
  const truth = strings(features, "archetype");
  const rfm = ["recency", "frequency", "monetary"];
  const points = clusterPoints(features, rfm);
  // minSamples = 2 x the number of features (Sander et al. 1998; Schubert et al. 2017), eps at the
  // knee of that k-distance curve: a documented rule, not a value tuned to this shop.
  const minSamples = 2 * rfm.length;
  const eps = proposeEps(kDistances(points, minSamples), minSamples).eps;
  const comparison = compareMethods(features, {
    methods: [{ method: "kmeans", k: 5 }, { method: "ward", k: 5 }, { method: "dbscan", eps, minSamples }],
  });
  const ari = comparison.methods.map((m) => adjustedRandIndex(m.labels, truth));

  it("Ward with k = 5 finds the planted archetypes as well as K-Means (ARI >= 0.8)", () => {
    // The same bar as K-Means's recovery test: Ward minimises the same within-cluster sum of squares.
    expect(new Set(truth).size).toBe(5);
    console.info(`ARI against planted archetypes: K-Means ${ari[0].toFixed(3)}, Ward ${ari[1].toFixed(3)}, DBSCAN ${ari[2].toFixed(3)} (eps ${eps.toFixed(3)}, minSamples ${minSamples})`);
    expect(ari[1]).toBeGreaterThanOrEqual(0.8);
  });

  it("DBSCAN at the k-distance knee recovers them far better than chance (ARI >= 0.5)", () => {
    // The archetypes are not separated by gaps of low density (hibernating and at-risk customers
    // overlap in recency, loyal and champions in frequency), so DBSCAN cannot be expected to find
    // exactly five groups: it finds their dense cores and calls the rest noise (one more group in
    // the ARI). The bar is "clearly more than chance" (0 for random labels, see below), set at 0.5.
    expect(ari[2]).toBeGreaterThanOrEqual(0.5);
    expect(comparison.methods[2].noise).toBeLessThan(features.height / 2);
  });

  it("does much worse on shuffled truth (the ARIs are not high by construction)", () => {
    const shuffled = [...truth];
    const rng = seededRng(1);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    for (const m of comparison.methods) expect(Math.abs(adjustedRandIndex(m.labels, shuffled))).toBeLessThan(0.05);
  });

  it("every customer who ordered is clustered by every method", () => {
    const ordered = frames.truthCustomers.filter(pl.col("archetype").neq(pl.lit("never_ordered"))).height;
    for (const m of comparison.methods) expect(m.labels.length).toBe(ordered);
  });
});
