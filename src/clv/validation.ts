/**
 * Validation the way Fader, Hardie & Lee do it: fit on the calibration period, then compare
 * what the model predicts for the holdout period (E, H] with what customers did, per
 * calibration frequency (their figure 4: customers grouped by x = 0, 1, ..., 6, 7+) and in total;
 * the same for spend, predicted as expected purchases times expected spend per purchase.
 *
 * Example: two customers with x = 0, predicted 0.2 and 0.4 holdout purchases, who made 0 and 1:
 * the x = 0 row has customers 2, actual mean 0.5, predicted mean 0.3.
 */
import pl, { type DataFrame } from "nodejs-polars";
import { bgnbdPredict, type BgNbdParams } from "./bgnbd";
import type { RepeatData } from "./data";

/** What was observed in the holdout period, per customer in the data's row order. */
export interface HoldoutData {
  occasions: Float64Array;
  spend: Float64Array;
}

/** Holdout totals: predicted and actual purchases and spend, summed over customers. */
export interface HoldoutTotals {
  customers: number;
  actualOccasions: number;
  predictedOccasions: number;
  actualSpend: number;
  predictedSpend: number;
}

/** The comparison: one row per calibration frequency group, and the totals. */
export interface HoldoutComparison {
  /**
   * `frequency` ("0", "1", ..., "7+"), `customers`, `actualOccasions`, `predictedOccasions`
   * (means per customer), `actualSpend`, `predictedSpend` (means per customer), in frequency order.
   */
  byFrequency: DataFrame;
  totals: HoldoutTotals;
}

/**
 * Predicted against actual holdout purchases and spend. `holdoutLength` is in the summary's
 * unit; `spend` is each customer's expected spend per purchase (Gamma-Gamma or its fallback);
 * frequencies of `maxFrequency` and more share the last group (default 7, as in the paper).
 */
export function holdoutComparison(
  params: BgNbdParams,
  data: RepeatData,
  holdoutLength: number,
  actual: HoldoutData,
  spend: Float64Array,
  maxFrequency = 7,
): HoldoutComparison {
  const predicted = bgnbdPredict(params, data, holdoutLength).expectedPurchases;
  const n = data.frequency.length;
  const groups = maxFrequency + 1;
  const sums = ["customers", "actualOccasions", "predictedOccasions", "actualSpend", "predictedSpend"].map(() => new Float64Array(groups));
  const totals: HoldoutTotals = { customers: n, actualOccasions: 0, predictedOccasions: 0, actualSpend: 0, predictedSpend: 0 };
  for (let i = 0; i < n; i++) {
    const g = Math.min(data.frequency[i], maxFrequency);
    const values = [1, actual.occasions[i], predicted[i], actual.spend[i], predicted[i] * spend[i]];
    values.forEach((v, j) => (sums[j][g] += v));
    totals.actualOccasions += values[1];
    totals.predictedOccasions += values[2];
    totals.actualSpend += values[3];
    totals.predictedSpend += values[4];
  }
  const present = Array.from({ length: groups }, (_, g) => g).filter((g) => sums[0][g] > 0);
  const mean = (j: number) => present.map((g) => sums[j][g] / sums[0][g]);
  const byFrequency = pl.DataFrame({
    frequency: present.map((g) => (g === maxFrequency ? `${g}+` : String(g))),
    customers: present.map((g) => sums[0][g]),
    actualOccasions: mean(1),
    predictedOccasions: mean(2),
    actualSpend: mean(3),
    predictedSpend: mean(4),
  });
  return { byFrequency, totals };
}
