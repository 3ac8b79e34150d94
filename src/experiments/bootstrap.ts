/**
 * A seeded bootstrap interval for a difference in means, beside Welch's for heavy-tailed
 * revenue: the percentile bootstrap with each arm resampled separately, with replacement, at its
 * own size (the arms are independent samples), B resamples (2,000 by default), the interval
 * running from the 2.5% to the 97.5% quantile (type 7) of the B differences. The generator is
 * the project's seeded mulberry32 (src/util/random), so the same seed gives the same interval.
 */
import { seededRng } from "../util/index";
import { quantileSorted } from "../util/index";

/** Resamples of the bootstrap unless told otherwise. */
export const DEFAULT_RESAMPLES = 2000;

/** The bootstrap method, as results state it. */
export const BOOTSTRAP_METHOD = "percentile bootstrap, each arm resampled with replacement at its own size";

/** The mean of n draws with replacement from values. */
function resampledMean(values: ArrayLike<number>, rng: () => number): number {
  const n = values.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += values[Math.floor(rng() * n)];
  return total / n;
}

/**
 * The percentile bootstrap 95% interval of mean(treatment) - mean(control), `resamples` times,
 * from `seed`. Example: treatment [5, 5], control [1, 3]: every resampled difference is 5 - {1, 2, 3},
 * so the interval lies within [2, 4].
 */
export function bootstrapDiffInterval(treatment: ArrayLike<number>, control: ArrayLike<number>, resamples: number, seed: number): [number, number] {
  if (!(Number.isInteger(resamples) && resamples >= 100)) throw new RangeError(`the bootstrap needs a whole number of at least 100 resamples, not ${resamples}`);
  const rng = seededRng(seed);
  const diffs = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) diffs[b] = resampledMean(treatment, rng) - resampledMean(control, rng);
  diffs.sort();
  return [quantileSorted(diffs, 0.025), quantileSorted(diffs, 0.975)];
}
