/**
 * The NBD model (Ehrenberg 1959): Poisson purchases at rate λ ~ Gamma(r, α), nobody drops out.
 * It is the BG/NBD's boundary where the dropout probability is 0 (a / (a + b) -> 0), used to
 * recognise BG/NBD fits that run to that boundary. One customer's log-likelihood of x repeat
 * purchases in T (recency plays no part without dropout):
 *
 *   ln L = ln Γ(r + x) - ln Γ(r) + r ln α - (r + x) ln(α + T).
 *
 * Example: r = 1, α = 1, x = 0, T = 1: ln L = -ln 2 (P(no purchase) = (α / (α + T))^r = 1/2).
 */
import { digamma, logGamma, trigamma, type Evaluation } from "../stats/index";
import { groupByFrequency, type FrequencyGroups, type RepeatData } from "./data";
import { fitByNewton, type FitVerdict } from "./fit";

/** The NBD parameters' names. */
export const NBD_PARAMS = ["r", "alpha"] as const;

function nbdEvaluate(data: RepeatData, groups: FrequencyGroups, [r, alpha]: Float64Array | number[], derivatives: boolean): Evaluation {
  const n = data.T.length;
  let value = n * (r * Math.log(alpha) - logGamma(r));
  const g = [n * (Math.log(alpha) - digamma(r)), (n * r) / alpha];
  const H = [
    [-n * trigamma(r), n / alpha],
    [n / alpha, (-n * r) / (alpha * alpha)],
  ];
  groups.values.forEach((x, k) => {
    const c = groups.counts[k];
    value += c * logGamma(r + x);
    if (derivatives) {
      g[0] += c * digamma(r + x);
      H[0][0] += c * trigamma(r + x);
    }
  });
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i];
    const lT = Math.log(alpha + data.T[i]);
    value -= (r + x) * lT;
    if (derivatives) {
      const iT = 1 / (alpha + data.T[i]);
      g[0] -= lT;
      g[1] -= (r + x) * iT;
      H[0][1] -= iT;
      H[1][1] += (r + x) * iT * iT;
    }
  }
  H[1][0] = H[0][1];
  return { value, gradient: g, hessian: H };
}

/** The NBD log-likelihood of the data's (x, T) at (r, α). */
export function nbdLogLikelihood(params: { r: number; alpha: number }, data: RepeatData): number {
  return nbdEvaluate(data, groupByFrequency(data.frequency), [params.r, params.alpha], false).value;
}

/** Fits the NBD by maximum likelihood (data checked by the caller). */
export function fitNbd(data: RepeatData, start: [number, number]): FitVerdict<(typeof NBD_PARAMS)[number]> {
  const groups = groupByFrequency(data.frequency);
  return fitByNewton("NBD", NBD_PARAMS, (p) => nbdEvaluate(data, groups, p, true), (p) => nbdEvaluate(data, groups, p, false).value, start);
}
