import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { clusterProfiles, clusterSummaries, nameClusters, profilesTable, CLUSTER_PLAYS, type ClusterProfile } from "../../src/clusters";
import { userErrorOf } from "./helpers";

const customers = pl.DataFrame({
  customerId: ["a", "b", "c", "d", "e"],
  recency: [10, 20, 200, 300, 30],
  frequency: [5, 3, 1, 1, 2],
  monetary: [100, 50, 10, 20, 30],
});
const labels = [1, 1, 0, 0, 1];

describe("clusterProfiles", () => {
  it("gives size, shares, means and medians per cluster (by hand)", () => {
    const [c0, c1] = clusterProfiles(customers, labels);
    // Cluster 0 = c, d; cluster 1 = a, b, e. Revenue 30 and 180 of 210.
    expect(c0).toEqual({
      cluster: 0,
      size: 2,
      sizeShare: 0.4,
      revenueShare: 30 / 210,
      mean: { recency: 250, frequency: 1, monetary: 15 },
      median: { recency: 250, frequency: 1, monetary: 15 },
    });
    expect(c1.size).toBe(3);
    expect(c1.revenueShare).toBeCloseTo(180 / 210, 14);
    expect(c1.mean).toEqual({ recency: 20, frequency: expect.closeTo(10 / 3, 14), monetary: 60 });
    expect(c1.median).toEqual({ recency: 20, frequency: 3, monetary: 50 });
  });

  it("builds a display table, one row per cluster", () => {
    const profiles = clusterProfiles(customers, labels, { columns: ["recency"] });
    const table = profilesTable(profiles, nameClusters(clusterProfiles(customers, labels)));
    expect(table.columns).toEqual(["cluster", "name", "play", "size", "sizeShare", "revenueShare", "mean recency", "median recency"]);
    expect(table.getColumn("name").toArray()).toEqual(["Inactive", "VIP"]);
  });

  it("checks its inputs", () => {
    expect(userErrorOf(() => clusterProfiles(customers, [0, 1]))).toMatch(/2 labels for 5 customers/);
    expect(userErrorOf(() => clusterProfiles(customers, labels, { revenueColumn: "spend" }))).toMatch(/no revenue column "spend"/);
  });
});

describe("nameClusters", () => {
  const profile = (cluster: number, recency: number, frequency: number, monetary: number): ClusterProfile => ({
    cluster,
    size: 1,
    sizeShare: 0,
    revenueShare: 0,
    mean: { recency, frequency, monetary },
    median: { recency, frequency, monetary },
  });

  it("names clusters from the ranks of their centroids", () => {
    // Rank scores (R: most recent = 1; F, M: highest = 1):
    // c0 R 1, F 1, M 1 (total 3): VIP.  c1 R 0, F 0, M 0 (total 0): Inactive.
    // c2 R .75, F = M = .25: value .25 < .5, recent: Promising.
    // c3 R .25, F = M = .75: valuable, not recent: At risk.  c4 R .5, F = M = .5: Loyal.
    const names = nameClusters([profile(0, 10, 10, 1000), profile(1, 300, 1, 50), profile(2, 20, 2, 100), profile(3, 150, 6, 600), profile(4, 40, 5, 500)]);
    expect(names.map((n) => n.name)).toEqual(["VIP", "Inactive", "Promising", "At risk", "Loyal"]);
    expect(names[3].play).toBe(CLUSTER_PLAYS["At risk"]);
    expect(names[2]).toMatchObject({ recencyScore: 0.75, frequencyScore: 0.25, monetaryScore: 0.25 });
  });

  it("numbers a name shared by several clusters by decreasing total score", () => {
    // R: c0 1, c1 .75, c2 .5, c4 .25, c3 0; F and M likewise. c1 and c2 are both Loyal, c1 ahead.
    const names = nameClusters([profile(0, 5, 20, 2000), profile(1, 15, 8, 800), profile(2, 25, 6, 600), profile(3, 400, 1, 10), profile(4, 200, 2, 100)]);
    expect(names.map((n) => n.name)).toEqual(["VIP", "Loyal 1", "Loyal 2", "Inactive", "Hibernating"]);
  });

  it("breaks ties by cluster number and names a single cluster", () => {
    expect(nameClusters([profile(0, 5, 5, 5), profile(1, 5, 5, 5)]).map((n) => n.name)).toEqual(["VIP", "Inactive"]);
    expect(nameClusters([profile(0, 5, 5, 5)]).map((n) => n.name)).toEqual(["All customers"]);
  });

  it("follows the clusters, not their numbers", () => {
    const swapped = labels.map((l) => 1 - l);
    const a = nameClusters(clusterProfiles(customers, labels));
    const b = nameClusters(clusterProfiles(customers, swapped));
    expect(a.map((n) => n.name)).toEqual(["Inactive", "VIP"]);
    expect(b.map((n) => n.name)).toEqual(["VIP", "Inactive"]);
  });

  it("needs recency, frequency and monetary among the profiled features", () => {
    expect(userErrorOf(() => nameClusters(clusterProfiles(customers, labels, { columns: ["recency"] })))).toMatch(/no feature "frequency"/);
  });
});

describe("clusterSummaries", () => {
  it("writes one sentence per named cluster from its profile", () => {
    // cluster 1 = a, b, e: 3 of 5 customers, revenue 180 of 210 = 85.7%; medians 20, 3, 50
    const profiles = clusterProfiles(customers, labels);
    expect(clusterSummaries(profiles, [{ cluster: 1, name: "VIP", play: "Reward." }, { cluster: 0, name: "Noise", play: "Read them" }])).toEqual([
      "**VIP** (cluster 1): 3 customers (60.0%) bringing 85.7% of revenue; median 20 days since the last order, 3 orders, £50 spent. Play: Reward.",
      "**Noise** (cluster 0): 2 customers (40.0%) bringing 14.3% of revenue; median 250 days since the last order, 1 order, £15 spent. Play: Read them.",
    ]);
    expect(() => clusterSummaries(profiles, [{ cluster: 7, name: "x", play: "y" }])).toThrow("cluster 7 has no profile");
  });
});
