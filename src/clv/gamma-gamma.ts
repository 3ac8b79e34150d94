/**
 * The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves
 * for customer base analysis", following Colombo & Jiang 1999): a customer's transaction values
 * are Gamma(p, ν) with mean p / ν, and ν ~ Gamma(q, γ) across customers (γ is `v`, as in
 * lifetimes). Fitted on customers with x >= 1 repeat transactions of mean value m > 0; the mean of
 * x Gamma(p, ν) values is Gamma(px, νx), so, integrating ν out, one customer's log-likelihood is
 *
 *   ln L = ln Γ(px + q) - ln Γ(px) - ln Γ(q) + q ln γ + (px - 1) ln m + px ln x - (px + q) ln(γ + m x).
 *
 * Published on the CDNOW sample (946 repeat customers, m the mean value of the repeat purchase
 * days up to 1997-09-30): p = 6.25, q = 3.74, γ = 15.44. That is what the paper used: with each
 * line its own transaction (400 lines share a customer-day) there are 959 repeaters and the fit is
 * p = 6.20, q = 3.82, γ = 15.59. Expected mean spend of a customer:
 * E[Z | x, m] = (p (γ + x m)) / (px + q - 1), a weighted mean of the population mean pγ / (q - 1)
 * and the customer's own m; pγ / (q - 1) for x = 0. It needs q > 1.
 *
 * The model assumes spend is independent of frequency: `spendFrequencyCorrelation` measures it.
 * A fit runs to the boundary p -> ∞ when spend varies too little within customers for the model
 * (recognised by comparing it with that limit, `fitNoWithinCustomerVariation`). Issue 13 reports
 * this on UCI Online Retail; with the definitions (mean value of repeat purchase days) the
 * maximum there is interior (p = 2.11, q = 3.44, γ = 479.6 on all of 2010-12-01..2011-12-09), and
 * the rising ridge p -> ∞ is what Nelder-Mead from (1, 1, 1) follows to a lower likelihood
 * (-19,909 against -19,073; test/fixtures/clv/reference.json). On the boundary, not converged,
 * or with q <= 1, the documented fallback is
 * the limit of E[Z | x, m] as p -> ∞: the customer's own mean repeat spend m, and for customers
 * without repeat purchases the mean of m over the repeat customers.
 */
import { digamma, logGamma, logGammaRatio, trigamma, type Evaluation } from "../stats/index";
import { UserError } from "../errors";
import { fmtNumber } from "../util/index";
import { countRepeaters, groupByFrequency, requireRepeaters, type FrequencyGroups } from "./data";
import { fitByNewton, fmtParameter, type FitVerdict, type Params } from "./fit";

/** The Gamma-Gamma parameters' names, in the order of gradients and Hessians. */
export const GAMMA_GAMMA_PARAMS = ["p", "q", "v"] as const;
export type GammaGammaParams = Params<(typeof GAMMA_GAMMA_PARAMS)[number]>;

/** Repeat customers' frequency x >= 1 and mean repeat value m > 0. */
export interface SpendData {
  frequency: Float64Array;
  monetary: Float64Array;
}

/** A Gamma-Gamma fit, with the check of its assumption and what predictions will use. */
export interface GammaGammaFit extends FitVerdict<(typeof GAMMA_GAMMA_PARAMS)[number]> {
  /** repeat customers fitted on */
  customers: number;
  /** Pearson correlation of frequency and mean spend among them (the model assumes about 0) */
  spendFrequencyCorrelation: number;
  /** the mean of m over the repeat customers (the fallback for customers without repeat purchases) */
  meanRepeatSpend: number;
  /** true when predictions use the fallback (see the file comment) */
  fallback: boolean;
  /** present when `fallback` is true: the sentence that explains why */
  warning?: string;
}

/** Only the customers with x >= 1 (their m must be > 0), as the model is fitted on. */
export function repeatSpendData(frequency: Float64Array, monetary: Float64Array): SpendData {
  const keep: number[] = [];
  for (let i = 0; i < frequency.length; i++) {
    if (frequency[i] > 0) {
      if (!(monetary[i] > 0) || !Number.isFinite(monetary[i])) {
        throw new UserError(`Customer summary row ${i + 1} has frequency ${frequency[i]} and monetary ${monetary[i]}: the spend model needs a positive mean spend for every repeat customer.`);
      }
      keep.push(i);
    }
  }
  return { frequency: Float64Array.from(keep, (i) => frequency[i]), monetary: Float64Array.from(keep, (i) => monetary[i]) };
}

interface Prepared {
  data: SpendData;
  groups: FrequencyGroups;
  sumLogM: number;
}

function prepare(data: SpendData): Prepared {
  let sumLogM = 0;
  for (const m of data.monetary) sumLogM += Math.log(m);
  return { data, groups: groupByFrequency(data.frequency), sumLogM };
}

/**
 * Per frequency group k: L1 = Σ ln(1 + γ / (m x)), S1 = Σ ln(γ + m x), and (with `derivatives`)
 * S2 = Σ 1 / (γ + m x), S3 = Σ 1 / (γ + m x)². The customer terms of ln L are written
 * (px - 1) ln m + px ln x - (px + q) ln(γ + m x) = -px ln(1 + γ / (m x)) - ln m - q ln(γ + m x),
 * which stays exact as p -> ∞ where the left side subtracts numbers of size p.
 */
function groupSums({ data, groups }: Prepared, v: number, derivatives: boolean) {
  const K = groups.values.length;
  const L1 = new Float64Array(K), S1 = new Float64Array(K), S2 = new Float64Array(K), S3 = new Float64Array(K);
  for (let i = 0; i < data.frequency.length; i++) {
    const k = groups.index[i];
    const mx = data.monetary[i] * data.frequency[i];
    const d = v + mx;
    L1[k] += Math.log1p(v / mx);
    S1[k] += Math.log(d);
    if (derivatives) {
      S2[k] += 1 / d;
      S3[k] += 1 / (d * d);
    }
  }
  return { L1, S1, S2, S3 };
}

/** The total log-likelihood alone. */
function logLikValue(prepared: Prepared, [p, q, v]: Float64Array | number[]): number {
  const { groups, sumLogM } = prepared;
  const { L1, S1 } = groupSums(prepared, v, false);
  let total = -sumLogM;
  const shared = -logGamma(q) + q * Math.log(v);
  for (let k = 0; k < groups.values.length; k++) {
    const x = groups.values[k];
    total += groups.counts[k] * (logGammaRatio(p * x, q) + shared) - p * x * L1[k] - q * S1[k];
  }
  return total;
}

/** The log-likelihood with its exact gradient and Hessian in (p, q, γ). */
function logLikDerivatives(prepared: Prepared, params: Float64Array | number[]): Evaluation {
  const { groups } = prepared;
  const [p, q, v] = [params[0], params[1], params[2]];
  const K = groups.values.length;
  const { L1, S1, S2, S3 } = groupSums(prepared, v, true);
  const g = [0, 0, 0];
  const H = [0, 0, 0].map(() => [0, 0, 0]);
  const psiQ = digamma(q), triQ = trigamma(q), lnV = Math.log(v);
  for (let k = 0; k < K; k++) {
    const x = groups.values[k], c = groups.counts[k];
    const pxq = p * x + q;
    const psi = digamma(pxq), tri = trigamma(pxq);
    g[0] += c * x * (psi - digamma(p * x)) - x * L1[k];
    g[1] += c * (psi - psiQ + lnV) - S1[k];
    g[2] += (c * q) / v - pxq * S2[k];
    H[0][0] += c * x * x * (tri - trigamma(p * x));
    H[0][1] += c * x * tri;
    H[0][2] -= x * S2[k];
    H[1][1] += c * (tri - triQ);
    H[1][2] += c / v - S2[k];
    H[2][2] += (-c * q) / (v * v) + pxq * S3[k];
  }
  for (let i = 0; i < 3; i++) for (let j = 0; j < i; j++) H[i][j] = H[j][i];
  return { value: logLikValue(prepared, params), gradient: g, hessian: H };
}

/** The Gamma-Gamma log-likelihood of repeat customers' spend at the given parameters. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: SpendData): number {
  return logLikValue(prepare(data), [params.p, params.q, params.v]);
}

/** Its gradient and Hessian in (p, q, γ). */
export function gammaGammaLogLikelihoodDerivatives(params: GammaGammaParams, data: SpendData): Evaluation {
  return logLikDerivatives(prepare(data), [params.p, params.q, params.v]);
}

/** The Pearson correlation of two columns; 0 when either is constant (no linear association to measure). */
export function pearsonCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/**
 * The Gamma-Gamma's limit as p -> ∞ with pγ = s fixed: no spend variation within a customer, so
 * m = p / ν with ν ~ Gamma(q, γ), an inverse-gamma with shape q and scale s whatever x is. One
 * customer's log-likelihood: q ln s - ln Γ(q) - (q + 1) ln m - s / m. Used to recognise fits that
 * run to that boundary. Example: q = 1, s = 1, m = 1: ln L = -1.
 */
export function fitNoWithinCustomerVariation(data: SpendData): FitVerdict<"q" | "s"> {
  const n = data.monetary.length;
  let sumLogM = 0, sumInvM = 0, sumM = 0;
  for (const m of data.monetary) {
    sumLogM += Math.log(m);
    sumInvM += 1 / m;
    sumM += m;
  }
  const value = ([q, sc]: Float64Array | number[]) => n * (q * Math.log(sc) - logGamma(q)) - (q + 1) * sumLogM - sc * sumInvM;
  const evaluate = (p: Float64Array): Evaluation => {
    const [q, sc] = [p[0], p[1]];
    return {
      value: value(p),
      gradient: [n * (Math.log(sc) - digamma(q)) - sumLogM, (n * q) / sc - sumInvM],
      hessian: [
        [-n * trigamma(q), n / sc],
        [n / sc, (-n * q) / (sc * sc)],
      ],
    };
  };
  // start: q = 2 and the scale that makes the mean s / (q - 1) the observed mean
  return fitByNewton("inverse-gamma spend", ["q", "s"], evaluate, value, [2, sumM / n]);
}

/**
 * Starting point: p = 1, q = 2, γ = mean m (so the population mean pγ / (q - 1) starts at the
 * observed mean spend).
 */
function startingPoint(data: SpendData): number[] {
  let s = 0;
  for (const m of data.monetary) s += m;
  return [1, 2, s / data.monetary.length];
}

/**
 * Fits the Gamma-Gamma model on the repeat customers of a summary (x >= 1, m > 0: see
 * `repeatSpendData`). Refuses fewer than 30 of them. A fit on the boundary, not converged, or
 * with q <= 1 (no finite mean spend) is flagged with `fallback: true` and a `warning` sentence;
 * predictions then use the fallback of the file comment.
 */
export function fitGammaGamma(data: SpendData): GammaGammaFit {
  for (let i = 0; i < data.frequency.length; i++) {
    if (!(data.frequency[i] >= 1) || !(data.monetary[i] > 0) || !Number.isFinite(data.monetary[i])) {
      throw new UserError(`Gamma-Gamma row ${i + 1} has frequency ${data.frequency[i]} and monetary ${data.monetary[i]}: the model is fitted on repeat customers (frequency 1 or more) with a positive mean spend.`);
    }
  }
  const customers = countRepeaters(data.frequency);
  requireRepeaters(customers, "Gamma-Gamma");
  const prepared = prepare(data);
  const verdict = fitByNewton(
    "Gamma-Gamma",
    GAMMA_GAMMA_PARAMS,
    (p) => logLikDerivatives(prepared, p),
    (p) => logLikValue(prepared, p),
    startingPoint(data),
  );
  let meanRepeatSpend = 0;
  for (const m of data.monetary) meanRepeatSpend += m;
  meanRepeatSpend /= customers;
  const fit: GammaGammaFit = {
    ...verdict,
    customers,
    spendFrequencyCorrelation: pearsonCorrelation(data.frequency, data.monetary),
    meanRepeatSpend,
    fallback: false,
  };
  const fallback =
    "predictions use each customer's own mean repeat spend (the model's limit as p grows), and the repeat customers' mean spend for customers without repeat purchases";
  const limit = fitNoWithinCustomerVariation(data);
  const gap = limit.logLik - verdict.logLik;
  if (verdict.converged ? gap > 1e-6 : gap >= -1e-9 * Math.abs(verdict.logLik)) {
    const message =
      `The Gamma-Gamma fit runs to the boundary of the parameter space where spend does not vary within a customer (p -> ∞; it stopped at p = ${fmtParameter(verdict.params.p)}): ` +
      `the limit model, each customer's mean spend drawn from one inverse-gamma distribution whatever their frequency, fits as well (log-likelihood ${fmtNumber(limit.logLik)} against ${fmtNumber(verdict.logLik)})`;
    return { ...fit, converged: false, standardErrors: null, message: `${message}.`, fallback: true, warning: `${message}; ${fallback}.` };
  }
  if (!verdict.converged) return { ...fit, fallback: true, warning: `${verdict.message.replace(/\.$/, "")}; ${fallback}.` };
  if (verdict.params.q <= 1) {
    return {
      ...fit,
      fallback: true,
      warning: `The Gamma-Gamma fit has q = ${fmtParameter(verdict.params.q)} <= 1, so the model's mean spend pγ / (q - 1) does not exist; ${fallback}.`,
    };
  }
  return fit;
}

/**
 * Each customer's expected mean spend per transaction, in the summary's row order:
 * (p (γ + x m)) / (px + q - 1), or the fallback when `fit.fallback` (see the file comment).
 * Example: p = 6.25, q = 3.74, γ = 15.44, x = 2, m = 30: 6.25 (15.44 + 60) / (12.5 + 2.74) = 30.94;
 * x = 0: 6.25 · 15.44 / 2.74 = 35.22.
 */
export function expectedSpend(fit: GammaGammaFit, frequency: Float64Array, monetary: Float64Array): Float64Array {
  const { p, q, v } = fit.params;
  return Float64Array.from(frequency, (x, i) => {
    if (fit.fallback) return x > 0 ? monetary[i] : fit.meanRepeatSpend;
    return (p * (v + x * (x > 0 ? monetary[i] : 0))) / (p * x + q - 1);
  });
}
