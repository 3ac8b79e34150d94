import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { parseFeatures, parseK } from "../../src/cli/commands/clusters";
import { REPO_DATA, tempDir, tempFile } from "../helpers";
import { strings } from "../../src/util/index";
import { uciCustomers } from "../reference/cluster_features";
import reference from "../reference/ward_dbscan_uci.json";
import { cli } from "./run";

const UCI = join(REPO_DATA, "online_retail.csv.gz");

/** scikit-learn's inertia per k (k = 1..10) on log1p(recency, frequency, monetary), standardised: best of 10 k-means++ restarts. */
const SKLEARN_INERTIA = [13014.0, 6476.5, 4858.3, 3925.6, 3268.9, 2841.0, 2532.9, 2331.6, 2145.4, 1997.5];

const HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

/** A small UCI-layout file: one line per [customer, day of January 2011, quantity, unit price]. */
function smallFile(lines: [string, number, number, string][]): string {
  const rows = lines.map(([customer, day, quantity, price], i) => `${i + 1},A${i},item,${quantity},2011-01-${String(day).padStart(2, "0")} 10:00:00,${price},${customer},UK`);
  return tempFile("small.csv", [HEADER, ...rows].join("\n") + "\n");
}

function expectUserError(r: { status: number | null; stderr: string; stdout: string }, text: string) {
  expect(r.status).toBe(2);
  expect(r.stderr).toContain(text);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stdout).toBe("");
}

describe("retail-lab --help", () => {
  it("lists clusters, products and loyalty, each with its options", () => {
    const r = cli(["--help"]);
    for (const c of ["clusters", "products", "loyalty"]) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\s+\\S`, "m"));
    expect(cli(["clusters", "--help"]).stdout).toContain("--k 1..10|K");
    expect(cli(["products", "--help"]).stdout).toMatch(/--out FILE\.csv .*\(required\)/);
    expect(cli(["loyalty", "--help"]).stdout).toContain("--level SHARE");
  });
});

describe("clusters options", () => {
  it("parses --k as one k or a range", () => {
    expect(parseK("1..10")).toEqual({ kMin: 1, kMax: 10 });
    expect(parseK("4")).toEqual({ kMin: 4, kMax: 4 });
    for (const bad of ["0", "5..2", "1..", "x", "2.5", "-3", "0..4"]) expect(() => parseK(bad)).toThrow(/--k takes a number of clusters/);
  });
  it("parses --features, refusing unknown and repeated names", () => {
    expect(parseFeatures("recency, frequency,monetary")).toEqual(["recency", "frequency", "monetary"]);
    expect(() => parseFeatures("recency,customerId")).toThrow(/Unknown feature "customerId": --features takes names from recency, frequency/);
    expect(() => parseFeatures("recency,,monetary")).toThrow(/separated by commas/);
    expect(() => parseFeatures("recency,recency")).toThrow(/"recency" twice/);
  });
});

describe("retail-lab clusters on UCI Online Retail", () => {
  const dir = tempDir();
  const first = join(dir, "first.csv"), second = join(dir, "second.csv");
  const r = cli(["clusters", "--input", UCI, "--features", "recency,frequency,monetary", "--restarts", "10", "--json", "--out", first]);
  const json = JSON.parse(r.stdout);

  it("reaches scikit-learn's inertia (or lower, within 1%) for k = 1..10", () => {
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(json).toMatchObject({ customers: 4338, features: ["recency", "frequency", "monetary"], log1p: ["recency", "frequency", "monetary"], restarts: 10, seed: 0, exactSilhouette: true });
    expect(json.elbow.map((p: { k: number }) => p.k)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // standardised features: the k = 1 inertia is customers x features exactly
    expect(json.elbow[0].inertia).toBeCloseTo(3 * 4338, 3);
    json.elbow.forEach((p: { inertia: number }, i: number) => expect(p.inertia).toBeLessThanOrEqual(SKLEARN_INERTIA[i] * 1.01));
    expect(json.elbow[0].silhouette).toBeNull();
    for (const p of json.elbow.slice(1)) {
      expect(p.silhouette).toBeGreaterThan(0);
      expect(p.sizes.reduce((a: number, b: number) => a + b, 0)).toBe(4338);
    }
  });

  it("proposes the k with the best silhouette and exports it as customerId,cluster,name", () => {
    const best = json.elbow.slice(1).reduce((a: { silhouette: number }, b: { silhouette: number }) => (b.silhouette > a.silhouette ? b : a));
    expect(json.proposed).toMatchObject({ k: best.k, rule: "silhouette" });
    const lines = readFileSync(first, "utf8").trim().split("\n");
    expect(lines[0]).toBe("customerId,cluster,name");
    expect(lines).toHaveLength(4339);
    const rows = lines.slice(1).map((l) => l.split(","));
    const sizes = new Map<string, number>();
    for (const [, cluster] of rows) sizes.set(cluster, (sizes.get(cluster) ?? 0) + 1);
    expect([...sizes.values()].sort((a, b) => b - a)).toEqual(json.elbow[json.proposed.k - 1].sizes);
    expect(json.clusters.map((c: { name: string }) => c.name).sort()).toEqual([...new Set(rows.map((row) => row[2]))].sort());
  });

  it("gives the same bytes for the same seed", () => {
    const again = cli(["clusters", "--input", UCI, "--features", "recency,frequency,monetary", "--restarts", "10", "--json", "--out", second]);
    expect(again.status).toBe(0);
    expect(again.stdout.replace(second, first)).toBe(r.stdout);
    expect(readFileSync(second).equals(readFileSync(first))).toBe(true);
  });

  it("exports a single --k with a readable summary", () => {
    const out = join(dir, "k4.csv");
    const s = cli(["clusters", "--input", UCI, "--k", "4", "--seed", "0", "--out", out]);
    expect(s.status).toBe(0);
    expect(s.stdout).toMatch(/^ {2}4 +\d+\.\d +0\.\d{3} +\d+ \d+ \d+ \d+$/m);
    expect(s.stdout).toContain("k = 4 (as asked)");
    expect(s.stdout).toContain(`wrote 4,338 customers in 4 clusters to ${out}`);
    const clusters = new Set(readFileSync(out, "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[1]));
    expect([...clusters].sort()).toEqual(["0", "1", "2", "3"]);
  });
});

describe("retail-lab clusters refuses bad input with a sentence, exit 2 and no stack", () => {
  const three = smallFile([["5", 1, 1, "1.0"], ["6", 2, 2, "3.0"], ["7", 3, 3, "2.0"], ["7", 4, 3, "2.0"], ["6", 5, 3, "2.0"]]);
  it("fewer customers than k", () => {
    const dir = tempDir();
    expectUserError(cli(["clusters", "--input", three, "--k", "4", "--out", join(dir, "c.csv")]), "--k 4 needs at least 4 customers and the data has 3");
    expectUserError(cli(["clusters", "--input", three]), "--k 1..10 needs at least 10 customers and the data has 3");
    expect(existsSync(join(dir, "c.csv"))).toBe(false);
  });
  it("an unknown feature, a bad --k or --restarts", () => {
    expectUserError(cli(["clusters", "--input", three, "--features", "recency,loyalty"]), 'Unknown feature "loyalty"');
    expectUserError(cli(["clusters", "--input", three, "--k", "3..2"]), '--k takes a number of clusters (like 4) or a range (like 1..10) of whole numbers from 1 up; not "3..2"');
    expectUserError(cli(["clusters", "--input", three, "--restarts", "0"]), '--restarts must be a whole number from 1 to 1,000, not "0"');
  });
  it("a constant feature", () => {
    // every customer has one order: frequency is 1 throughout
    const f = smallFile([["5", 1, 1, "1.0"], ["6", 2, 2, "3.0"], ["7", 3, 3, "2.0"]]);
    expectUserError(cli(["clusters", "--input", f, "--features", "frequency,monetary", "--k", "2"]), 'Feature "frequency" is constant (every value is 1)');
  });
  it("NaN or infinite values: refused when the data is loaded, naming the file, column, row and value", () => {
    const nan = smallFile([["5", 1, 1, "NaN"], ["6", 2, 2, "3.0"], ["7", 3, 3, "2.0"]]);
    expectUserError(cli(["clusters", "--input", nan, "--k", "2"]), 'row 1 has "NaN", which is not a finite number');
    const inf = smallFile([["5", 1, 1, "1.0"], ["6", 2, 2, "1e400"], ["7", 3, 3, "2.0"]]);
    expectUserError(cli(["clusters", "--input", inf, "--k", "2"]), 'row 2 has "1e400", which is not a finite number');
  });
  it("still clusters a tiny dataset with one k", () => {
    const r = cli(["clusters", "--input", three, "--k", "1"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {3}0 {2}All customers +3 customers, 100\.0% of revenue$/m);
  });
});

/**
 * The same partition: each of our clusters is exactly one of theirs and back, noise (-1) only with noise.
 * Written here, independently of src/clusters/compare.ts.
 */
function samePartition(ours: readonly number[], theirs: readonly number[]): boolean {
  const there = new Map<number, number>(), back = new Map<number, number>();
  return ours.every((o, i) => {
    const t = theirs[i];
    if ((o < 0) !== (t < 0)) return false;
    if ((there.get(o) ?? t) !== t || (back.get(t) ?? o) !== o) return false;
    there.set(o, t);
    back.set(t, o);
    return true;
  });
}

/** customerId,cluster,name rows of an export, checked against the customers' order of the reference. */
function exportedClusters(file: string, ids: readonly string[]): { clusters: number[]; names: string[] } {
  const lines = readFileSync(file, "utf8").trim().split("\n");
  expect(lines[0]).toBe("customerId,cluster,name");
  const rows = lines.slice(1).map((l) => l.split(","));
  expect(rows.map((r) => r[0])).toEqual(ids);
  return { clusters: rows.map((r) => Number(r[1])), names: rows.map((r) => r[2]) };
}

// Expected figures: scikit-learn 1.2.1 on the same customers (test/reference/ward_dbscan_uci.py, whose
// input hash test/clusters/ward.test.ts checks): AgglomerativeClustering(linkage="ward") and DBSCAN.
describe("retail-lab clusters --method ward|dbscan on UCI Online Retail, against scikit-learn", () => {
  const ids = strings(uciCustomers().features, "customerId");
  const dir = tempDir();

  it("--method ward --k 2..5 --json: scikit-learn's sizes per k, and its partition in --out for one k", () => {
    const r = cli(["clusters", "--input", UCI, "--method", "ward", "--k", "2..5", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ customers: 4338, method: "ward", features: ["recency", "frequency", "monetary"] });
    expect(json.elbow.map((p: { k: number; sizes: number[] }) => [p.k, p.sizes])).toEqual(
      reference.ward.filter((w) => w.k <= 5).map((w) => [w.k, w.sizes]),
    );
    // undoing a merge of height h lowers the within-cluster sum of squares by h^2 / 2 (scipy's highest heights)
    const top = [...reference.wardTopHeights].reverse();
    for (const p of json.elbow) expect(p.inertia).toBeCloseTo(3 * 4338 - top.slice(0, p.k - 1).reduce((s, h) => s + (h * h) / 2, 0), 2);
    const out = join(dir, "ward4.csv");
    const one = cli(["clusters", "--input", UCI, "--method", "ward", "--k", "4", "--out", out]);
    expect(one.status).toBe(0);
    expect(one.stdout).toContain("Ward linkage (exact)");
    expect(one.stdout).toContain(`wrote 4,338 customers in 4 clusters to ${out}`);
    expect(samePartition(exportedClusters(out, ids).clusters, reference.ward[2].labels)).toBe(true);
  });

  it("--method dbscan --eps 0.3 --min-samples 10: scikit-learn's clusters, noise, core points and labels, noise as -1", () => {
    const sk = reference.dbscan.find((d) => d.eps === 0.3 && d.minSamples === 10)!;
    const out = join(dir, "dbscan.csv");
    const r = cli(["clusters", "--input", UCI, "--method", "dbscan", "--eps", "0.3", "--min-samples", "10", "--json", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ customers: 4338, method: "dbscan", eps: 0.3, minSamples: 10, clusters: sk.clusters, noise: sk.noise, core: sk.core, sizes: sk.sizes });
    expect(json.silhouetteOver).toBe(`over the ${(4338 - sk.noise).toLocaleString("en")} customers in clusters (${sk.noise} noise points left out), exact`);
    const exported = exportedClusters(out, ids);
    expect(samePartition(exported.clusters, sk.labels)).toBe(true);
    expect(new Set(exported.names.filter((_, i) => exported.clusters[i] < 0))).toEqual(new Set(["Noise"]));
    expect(json.groups.map((g: { cluster: number; size: number }) => [g.cluster, g.size])).toEqual([...sk.sizes.map((s, c) => [c, s]), [-1, sk.noise]]);
  });

  it("--method dbscan without eps: minSamples 2 x 3 features, eps at the knee of the 6-distance curve", () => {
    const { points } = uciCustomers();
    // brute force: each customer's 6th nearest (itself first), sorted; Kneedle: the rank farthest below
    // the chord of the curve rescaled to [0, 1] on both axes
    const sixth = (p: number[]) => {
      const best: number[] = []; // the 6 smallest distances, ascending
      for (const q of points) {
        const d = Math.sqrt(p.reduce((s, x, j) => s + (x - q[j]) ** 2, 0));
        if (best.length === 6 && d >= best[5]) continue;
        best.splice(best.findIndex((b) => b > d) === -1 ? best.length : best.findIndex((b) => b > d), 0, d);
        if (best.length > 6) best.pop();
      }
      return best[5];
    };
    const kd = points.map(sixth).sort((a, b) => a - b);
    const n = kd.length;
    let knee = 0;
    kd.forEach((d, i) => {
      const gap = (i2: number) => i2 / (n - 1) - (kd[i2] - kd[0]) / (kd[n - 1] - kd[0]);
      if (gap(i) > gap(knee)) knee = i;
    });
    const r = cli(["clusters", "--input", UCI, "--method", "dbscan", "--json"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.minSamples).toBe(6);
    expect(json.eps).toBeCloseTo(kd[knee], 12);
    expect(json.epsReason).toMatch(/^eps = \d\.\d+ is the knee of the 6-distance curve \(Kneedle\)/);
    expect(json.noise + json.sizes.reduce((a: number, b: number) => a + b, 0)).toBe(4338);
  });
});
