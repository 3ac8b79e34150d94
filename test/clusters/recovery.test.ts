/**
 * On generated data with planted customer archetypes, K-Means on the project's own features
 * recovers them: adjusted Rand index against the ground truth.
 */
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { cleanTransactions } from "../../src/clean/clean";
import { adjustedRandIndex, clusterPoints, kmeans } from "../../src/clusters/index";
import { customerFeatures } from "../../src/features/index";
import { generateDataset, generatedFrames } from "../../src/generate/index";
import { seededRng } from "../../src/util/index";

describe("recovering planted archetypes", () => {
  const frames = generatedFrames(generateDataset({ rows: 100_000, seed: 7 }));
  const clean = cleanTransactions(frames.transactions);
  const features = customerFeatures(clean.customerLines, clean.returns)
    .join(frames.truthCustomers.select("customerId", "archetype"), { on: "customerId" })
    .sort("customerId");
  const archetypes = features.getColumn("archetype").toArray() as string[];
  const kinds = [...new Set(archetypes)].sort();
  const points = clusterPoints(features, ["recency", "frequency", "monetary"]);
  const result = kmeans(points, kinds.length, { seed: 0, restarts: 10 });

  it("finds groups that match the planted archetypes (ARI >= 0.8)", () => {
    expect(kinds).toEqual(["at_risk", "champion", "hibernating", "loyal", "new"]);
    const ari = adjustedRandIndex(result.labels, archetypes);
    console.info(`ARI against planted archetypes: ${ari.toFixed(3)}`);
    expect(ari).toBeGreaterThanOrEqual(0.8);
  });
  it("does much worse on shuffled truth (the ARI is not high by construction)", () => {
    const shuffled = [...archetypes];
    const rng = seededRng(1);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    expect(adjustedRandIndex(result.labels, shuffled)).toBeLessThan(0.05);
  });
  it("every customer who ordered has features", () => {
    const ordered = frames.truthCustomers.filter(pl.col("archetype").neq(pl.lit("never_ordered"))).height;
    expect(features.height).toBe(ordered);
  });
});
