/**
 * Seeded random numbers live in src/util/random.ts. This re-export remains only for
 * src/stats/variates.ts, src/clv/simulate.ts, src/experiments/bootstrap.ts and
 * src/experiments/simulate.ts (and their tests), which import "../random": once they import
 * "../util/index", delete this file (test/architecture.test.ts lists them until then).
 */
export { seededRng, normal, poisson, sampleIndices, type Rng } from "./util/index";
