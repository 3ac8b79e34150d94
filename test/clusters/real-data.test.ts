import { describe, expect, it } from "vitest";
import { elbow, featureMatrix, kmeans, log1pColumns, standardize } from "../../src/clusters";
import { customerFeatures } from "../../src/features";
import { naiveSilhouette } from "./helpers";
import { join } from "path";
import { cleanTransactions } from "../../src/clean/clean";
import { loadDataset } from "../../src/data/load";
import { REPO_DATA } from "../helpers";

/** The project's own loader and cleaning rules on the shared UCI file. */
function loadOnlineRetail() {
  const c = cleanTransactions(loadDataset({ transactions: join(REPO_DATA, "online_retail.csv.gz") }).transactions);
  const r = c.report;
  return {
    purchases: c.customerLines,
    returns: c.returns,
    dropped: { duplicate: r.duplicate, cancellation: r.cancellation, quantity: r.non_positive_quantity, unitPrice: r.non_positive_price, customer: r.missing_customer },
  };
}

/** scikit-learn's inertia per k (k = 1..10) on the same table: best of 10 k-means++ restarts. */
const SKLEARN_INERTIA = [13014.0, 6476.5, 4858.3, 3925.6, 3268.9, 2841.0, 2532.9, 2331.6, 2145.4, 1997.5];

describe("clustering the UCI Online Retail customers", () => {
  const data = loadOnlineRetail();
  const features = customerFeatures(data.purchases, data.returns);
  const rfm = ["recency", "frequency", "monetary"];
  const points = standardize(featureMatrix(log1pColumns(features, rfm), rfm, "customerId"), { featureNames: rfm }).points;
  const result = elbow(points, { kMin: 1, kMax: 10, restarts: 10, seed: 0 });

  it("starts from the 4,338 customers of the cleaning rules", () => {
    expect(data.dropped).toEqual({ duplicate: 5268, cancellation: 9251, quantity: 1336, unitPrice: 1176, customer: 132186 });
    expect(data.purchases.height).toBe(392692);
    expect(features.height).toBe(4338);
  });

  it("reaches scikit-learn's inertia (or lower, within 1%) for k = 1..10", () => {
    // Standardised features: the k = 1 inertia is n * features exactly.
    expect(result.points[0].inertia).toBeCloseTo(3 * 4338, 6);
    result.points.forEach((p, i) => expect(p.inertia).toBeLessThanOrEqual(SKLEARN_INERTIA[i] * 1.01));
  });

  it("gives exact silhouettes, checked against a straightforward O(n^2) computation", () => {
    for (const k of [2, 5]) {
      const p = result.points[k - 1];
      expect(Math.abs((p.silhouette as number) - naiveSilhouette(points, p.labels))).toBeLessThan(1e-9);
    }
    expect(result.points[1].silhouette).toBeGreaterThan(0.42);
    expect(result.points[1].silhouette).toBeLessThan(0.44);
  });

  it("gives the same labels for the same seed", () => {
    expect(kmeans(points, 5, { restarts: 10, seed: 0 }).labels).toEqual(result.points[4].labels);
  });
});
