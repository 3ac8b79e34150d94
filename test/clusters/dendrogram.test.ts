/**
 * Dendrogram data of the top of a Ward tree: a hand example, and scipy's
 * dendrogram(Z, truncate_mode="lastp", p=12) on 300 UCI customers (test/reference/ward_dbscan_uci.py,
 * scipy 1.10.1); the chart built from it.
 */
import { describe, expect, it } from "vitest";
import { dendrogramChart } from "../../src/charts/dendrogram";
import { dendrogramData, wardClusters, wardLinkage } from "../../src/clusters/index";
import { sampleRows, uciCustomers } from "../reference/cluster_features";
import reference from "../reference/ward_dbscan_uci.json";
import { userErrorOf } from "./helpers";

describe("dendrogram data", () => {
  // 0, 2, 5, 6: {2, 3} at 1 (cluster 4), {0, 1} at 2 (cluster 5), {4, 5} at sqrt(40.5) = 6.364 (cluster 6).
  const result = wardClusters([[0], [2], [5], [6]], { kMin: 2 });

  it("draws the top merges over p leaves", () => {
    const d = dendrogramData(result.linkage, 2);
    // p = 2: only cluster 6 is drawn; its children 4 (a, left, x 5) and 5 (b, right, x 15) are leaves.
    expect(d.leaves).toEqual([
      { node: 4, size: 2, member: 2, x: 5, label: "(2)" },
      { node: 5, size: 2, member: 0, x: 15, label: "(2)" },
    ]);
    expect(d.links).toEqual([{ node: 6, height: Math.sqrt(40.5), x: [5, 5, 15, 15], y: [0, Math.sqrt(40.5), Math.sqrt(40.5), 0] }]);
  });

  it("draws every merge when p >= n, leaves labelled by point number", () => {
    const d = dendrogramData(result.linkage, 10);
    // Order: cluster 6 = (4, 5); 4 = (2, 3), 5 = (0, 1): leaves 2, 3, 0, 1 at x 5, 15, 25, 35.
    expect(d.p).toBe(4);
    expect(d.leaves.map((l) => [l.label, l.x])).toEqual([["2", 5], ["3", 15], ["0", 25], ["1", 35]]);
    // Link of 4 over x 5..15 at height 1, of 5 over 25..35 at 2, then 6 joins their middles 10 and 30.
    expect(d.links.map((l) => [l.node, l.x, l.y])).toEqual([
      [4, [5, 5, 15, 15], [0, 1, 1, 0]],
      [5, [25, 25, 35, 35], [0, 2, 2, 0]],
      [6, [10, 10, 30, 30], [1, Math.sqrt(40.5), Math.sqrt(40.5), 2]],
    ]);
  });

  it("refuses p < 1", () => {
    expect(userErrorOf(() => dendrogramData(result.linkage, 0))).toBe("p = 0: a dendrogram needs a whole number of leaves >= 1.");
  });

  it("gives scipy's truncated dendrogram of 300 UCI customers", () => {
    const { points } = uciCustomers();
    const d = dendrogramData(wardLinkage(sampleRows(points.length).map((r) => points[r])), reference.sample.dendrogram.p);
    expect(d.leaves.map((l) => l.label)).toEqual(reference.sample.dendrogram.ivl);
    expect(d.links.map((l) => l.x)).toEqual(reference.sample.dendrogram.icoord);
    d.links.forEach((l, i) => l.y.forEach((y, j) => expect(Math.abs(y - reference.sample.dendrogram.dcoord[i][j])).toBeLessThanOrEqual(1e-12 * y)));
    expect(d.leaves.reduce((s, l) => s + l.size, 0)).toBe(300);
  });
});

describe("dendrogram chart", () => {
  const result = wardClusters([[0], [2], [5], [6]], { kMin: 2 });
  const data = dendrogramData(result.linkage, 4);

  it("draws the links as one line with gaps, and the leaves as ticks", () => {
    const fig = dendrogramChart(data);
    const lines = fig.data[0] as { x: (number | null)[]; y: (number | null)[] };
    // 3 links of 4 corners, each followed by a gap: 15 values.
    expect(lines.x).toEqual([5, 5, 15, 15, null, 25, 25, 35, 35, null, 10, 10, 30, 30, null]);
    expect(lines.y.slice(0, 5)).toEqual([0, 1, 1, 0, null]);
    const xaxis = (fig.layout as { xaxis: { tickvals: number[]; ticktext: string[] } }).xaxis;
    expect([xaxis.tickvals, xaxis.ticktext]).toEqual([[5, 15, 25, 35], ["2", "3", "0", "1"]]);
  });

  it("colours the leaves by cluster of a cut and draws the cut between its heights", () => {
    const cut = result.cuts[0]; // k = 2: {0, 2} is cluster 0 (lower centroid), {5, 6} cluster 1; cut between 2 and 6.364
    const fig = dendrogramChart(data, { cut, names: ["Low", "High"] });
    const markers = fig.data.slice(1) as { name: string; x: number[] }[];
    expect(markers.map((m) => [m.name, m.x])).toEqual([["Low", [25, 35]], ["High", [5, 15]]]);
    const shapes = (fig.layout as { shapes: { y0: number }[] }).shapes;
    expect(shapes[0].y0).toBeCloseTo((2 + Math.sqrt(40.5)) / 2, 12);
  });
});
