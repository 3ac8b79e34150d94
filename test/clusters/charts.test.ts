import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { clusterColor, clusterHistogramsChart, crosstabHeatmapChart, elbowChart, kDistanceChart, methodSizesChart, pcaScatterChart, rfmScatter3dChart } from "../../src/charts/clusters";
import { compareMethods, elbow, kDistanceCurve, pca2 } from "../../src/clusters";
import { blobs, userErrorOf } from "./helpers";

type Trace = Record<string, any>;
type Layout = Record<string, any>;

const points = blobs([[0, 0, 0], [5, 0, 0]], 20, 0.5, 3);
const features = pl.DataFrame({
  customerId: points.map((_, i) => `c${i}`),
  recency: points.map((p) => Math.exp(p[0]) + 1),
  frequency: points.map((p) => Math.exp(p[1]) + 1),
  monetary: points.map((p) => Math.exp(p[2]) * 100),
});
const labels = points.map((_, i) => (i < 20 ? 0 : 1));

describe("cluster charts", () => {
  it("elbow chart: inertia on the left axis, silhouette on the right, the proposed k marked", () => {
    const result = elbow(points, { kMax: 4, restarts: 2 });
    const fig = elbowChart(result, 2);
    const [inertia, silhouette] = fig.data as Trace[];
    expect(inertia.x).toEqual([1, 2, 3, 4]);
    expect(inertia.y).toEqual(result.points.map((p) => p.inertia));
    expect(silhouette.x).toEqual([2, 3, 4]);
    expect(silhouette.yaxis).toBe("y2");
    const layout = fig.layout as Layout;
    expect(layout.yaxis2).toMatchObject({ overlaying: "y", side: "right" });
    expect(layout.title).toEqual({ text: "Choosing k: inertia and silhouette" });
    expect(layout.shapes[0]).toMatchObject({ x0: 2, x1: 2 });
  });

  it("histograms: one subplot per feature, one trace per cluster holding that cluster's values", () => {
    const fig = clusterHistogramsChart(features, labels, ["recency", "monetary"], { names: ["Low", "High"] });
    const data = fig.data as Trace[];
    expect(data).toHaveLength(4);
    expect(data.map((t) => [t.name, t.xaxis])).toEqual([["Low", "x"], ["High", "x"], ["Low", "x2"], ["High", "x2"]]);
    expect(data[3].x).toEqual((features.getColumn("monetary").toArray() as number[]).slice(20));
    expect((fig.layout as Layout).xaxis2.title).toEqual({ text: "monetary" });
    expect(userErrorOf(() => clusterHistogramsChart(features, labels, ["nope"]))).toMatch(/no column "nope"/);
  });

  it("histograms on a log scale: bins of log10 values, ticks labelled in powers of ten, one colour per cluster", () => {
    const df = pl.DataFrame({ monetary: [5, 50, 500, 2000] });
    const fig = clusterHistogramsChart(df, [0, 0, 1, 1], ["monetary"], { logX: true });
    const data = fig.data as Trace[];
    expect(data[0].x).toEqual([Math.log10(5), Math.log10(50)]);
    expect((fig.layout as Layout).xaxis).toMatchObject({ tickvals: [0, 1, 2, 3, 4], ticktext: ["1", "10", "100", "1,000", "10,000"] });
    expect(data.map((t) => t.marker.color)).toEqual([clusterColor(0), clusterColor(1)]);
    expect(clusterColor(0)).not.toBe(clusterColor(1));
    expect(userErrorOf(() => clusterHistogramsChart(pl.DataFrame({ m: [1, 0] }), [0, 1], ["m"], { logX: true }))).toMatch(/"m" is 0 on row 1/);
  });

  it("PCA scatter: cluster traces at the principal coordinates, variance shares in the axis titles", () => {
    const pca = pca2(points);
    const fig = pcaScatterChart(pca, labels);
    const data = fig.data as Trace[];
    expect(data.map((t) => t.name)).toEqual(["Cluster 0", "Cluster 1"]);
    expect(data[1].x).toEqual(pca.scores.slice(20).map((s) => s[0]));
    expect((fig.layout as Layout).xaxis.title.text).toBe(`PC1 (${(pca.explainedVarianceRatio[0] * 100).toFixed(1)}% of variance)`);
  });

  it("3-D scatter: recency, frequency, monetary on log axes, customer ids on hover", () => {
    const fig = rfmScatter3dChart(features, labels);
    const data = fig.data as Trace[];
    expect(data[0].type).toBe("scatter3d");
    expect(data[0].z).toEqual((features.getColumn("monetary").toArray() as number[]).slice(0, 20));
    expect(data[1].text[0]).toBe("c20");
    expect((fig.layout as Layout).scene.xaxis).toMatchObject({ title: { text: "recency" }, type: "log" });
    const zero = features.withColumns(pl.lit(0).alias("frequency"));
    expect(userErrorOf(() => rfmScatter3dChart(zero, labels))).toBe('Column "frequency" is 0 on row 0: log axes need values > 0.');
  });

  it("crosstab heatmap: counts or row percentages of two labelings", () => {
    const a = [0, 0, 1, 1, 1];
    const b = ["x", "y", "y", "y", "x"];
    const counts = crosstabHeatmapChart(a, b, { rowTitle: "Cluster", columnTitle: "Segment" });
    expect((counts.data as Trace[])[0]).toMatchObject({ type: "heatmap", x: ["x", "y"], y: ["0", "1"], z: [[1, 1], [1, 2]] });
    const rows = crosstabHeatmapChart(a, b, { normalize: "row" });
    expect((rows.data as Trace[])[0].z).toEqual([[50, 50], [100 / 3, 200 / 3]]);
  });

  it("k-distance chart: the sorted curve by rank, and a horizontal line per marked eps", () => {
    // k-distances [1, 8, 1, 1] sorted: 1, 1, 1, 8 at ranks 1..4
    const fig = kDistanceChart(kDistanceCurve([1, 8, 1, 1], 2), [{ eps: 1, label: "knee" }, { eps: 3, label: "chosen" }]);
    const [curve, knee, chosen] = fig.data as Trace[];
    expect([curve.x, curve.y]).toEqual([[1, 2, 3, 4], [1, 1, 1, 8]]);
    expect([knee.name, knee.x, knee.y]).toEqual(["knee", [1, 4], [1, 1]]);
    expect([chosen.name, chosen.y]).toEqual(["chosen", [3, 3]]);
    expect((fig.layout as Layout).title).toEqual({ text: "Choosing eps: distance to the 2nd nearest customer (itself first), sorted" });
  });

  it("method sizes chart: one stacked bar per method, a segment per cluster, noise last", () => {
    // 40 points in two blobs of 20 (features above): K-Means k = 2 gives 20 and 20.
    const comparison = compareMethods(features, { methods: [{ method: "kmeans", k: 2 }, { method: "dbscan", eps: 0.5, minSamples: 3 }] });
    const data = fig(comparison);
    const db = comparison.methods[1];
    expect(data.map((t) => t.name)).toEqual([...Array.from({ length: Math.max(2, db.clusters) }, (_, c) => `cluster ${c}`), ...(db.noise > 0 ? ["noise"] : [])]);
    expect(data[0].y).toEqual(["K-Means", "DBSCAN"]);
    expect([data[0].x[0], data[1].x[0]]).toEqual([20, 20]);
    expect(data.reduce((s, t) => s + t.x[1], 0)).toBe(40);
  });
});

const fig = (c: Parameters<typeof methodSizesChart>[0]) => methodSizesChart(c).data as Trace[];
