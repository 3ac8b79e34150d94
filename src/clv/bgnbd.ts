/**
 * The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while
 * alive a customer buys at Poisson rate λ, after each repeat purchase drops out with
 * probability p; λ ~ Gamma(r, α) (rate α) and p ~ Beta(a, b) across customers.
 *
 * Log-likelihood of one customer (x, t_x, T), their equation (6) in logs:
 *
 *   ln L = A₁ + A₂ + ln(e^{A₃} + δ_{x>0} e^{A₄}),
 *   A₁ = ln Γ(r + x) - ln Γ(r) + r ln α,    A₂ = ln B(a, b + x) - ln B(a, b),
 *   A₃ = -(r + x) ln(α + T),                 A₄ = ln a - ln(b + x - 1) - (r + x) ln(α + t_x).
 *
 * Fitted by Newton's method on ln(r, α, a, b) with the exact gradient and Hessian (terms in x
 * alone are computed once per distinct x). Published fit on the CDNOW sample (2,357 customers,
 * weeks): r = 0.243, α = 4.414, a = 0.793, b = 2.426, ln L = -9582.4.
 *
 * Predictions for a customer (x, t_x, T), with k = r + x:
 * - P(alive) = 1 / (1 + δ_{x>0} a / (b + x - 1) · ((α + T) / (α + t_x))^k);
 * - E[purchases in (T, T + t]] = P(alive) · (a + b + x - 1) / (a - 1)
 *     · [1 - ((α + T) / (α + T + t))^k 2F1(k, b + x; a + b + x - 1; t / (α + T + t))];
 * - P(no purchase in (T, T + h]) = 1 - P(alive) (1 - ((α + T) / (α + T + h))^k) (alive, the wait
 *   to the next purchase is exponential with rate λ ~ Gamma(k, α + T)).
 */
import { betaQuadrature, digamma, hyp2f1ExcessMany, logGammaRatio, trigamma, type BetaQuadrature, type Evaluation } from "../stats/index";
import { fmtNumber } from "../util/index";
import { checkRepeatData, countRepeaters, groupByFrequency, requireRepeaters, type FrequencyGroups, type RepeatData } from "./data";
import { fitByNewton, fmtParameter, type FitVerdict, type Params } from "./fit";
import { fitNbd } from "./nbd";

/** The BG/NBD parameters' names, in the order of gradients and Hessians. */
export const BGNBD_PARAMS = ["r", "alpha", "a", "b"] as const;
export type BgNbdParams = Params<(typeof BGNBD_PARAMS)[number]>;

/** A BG/NBD fit: parameters, standard errors, log-likelihood, verdict, and the data's size. */
export interface BgNbdFit extends FitVerdict<(typeof BGNBD_PARAMS)[number]> {
  customers: number;
  /** customers with at least one repeat purchase */
  repeaters: number;
  /** the log-likelihood of the NBD model (no dropout), the boundary the fit is compared with */
  nbdLogLik: number;
}

interface Prepared {
  data: RepeatData;
  groups: FrequencyGroups;
}

/** ln(e^u + e^v) without overflow. */
function logAddExp(u: number, v: number): number {
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/** Per distinct x: A₁ + A₂, and ln a - ln(b + x - 1) (0 for x = 0). */
function perFrequencyTerms(values: Float64Array, [r, alpha, a, b]: Float64Array | number[]) {
  const lnAlpha = Math.log(alpha);
  const base = new Float64Array(values.length);
  const lnA4 = new Float64Array(values.length);
  values.forEach((x, k) => {
    // ln Γ(r + x) - ln Γ(r) + r ln α + ln B(a, b + x) - ln B(a, b), the last as ratios of Γ(· + x) / Γ(·)
    base[k] = logGammaRatio(r, x) + r * lnAlpha + logGammaRatio(b, x) - logGammaRatio(a + b, x);
    lnA4[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : 0;
  });
  return { base, lnA4 };
}

/** The total log-likelihood alone (line searches need no derivatives). */
function logLikValue({ data, groups }: Prepared, p: Float64Array | number[]): number {
  const [r, alpha] = [p[0], p[1]];
  const { base, lnA4 } = perFrequencyTerms(groups.values, p);
  let total = 0;
  for (let k = 0; k < base.length; k++) total += groups.counts[k] * base[k];
  const { frequency, recency, T } = data;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i];
    const A3 = -(r + x) * Math.log(alpha + T[i]);
    total += x > 0 ? logAddExp(A3, lnA4[groups.index[i]] - (r + x) * Math.log(alpha + recency[i])) : A3;
  }
  return total;
}

/** The log-likelihood with its exact gradient and Hessian in (r, α, a, b). */
function logLikDerivatives(prepared: Prepared, p: Float64Array | number[]): Evaluation {
  const { data, groups } = prepared;
  const [r, alpha, a, b] = [p[0], p[1], p[2], p[3]];
  const K = groups.values.length;
  const n = data.frequency.length;
  const g = [0, 0, 0, 0];
  const H = [0, 0, 0, 0].map(() => [0, 0, 0, 0]);
  // terms in x alone: A1 + A2 (the A4 constant's derivatives come with the mixing weights below)
  const psiR = digamma(r), psiB = digamma(b), psiAB = digamma(a + b);
  const triR = trigamma(r), triB = trigamma(b), triAB = trigamma(a + b);
  for (let k = 0; k < K; k++) {
    const x = groups.values[k], c = groups.counts[k];
    const triABx = trigamma(a + b + x);
    g[0] += c * (digamma(r + x) - psiR);
    g[2] += c * (psiAB - digamma(a + b + x));
    g[3] += c * (psiAB + digamma(b + x) - psiB - digamma(a + b + x));
    H[0][0] += c * (trigamma(r + x) - triR);
    H[2][2] += c * (triAB - triABx);
    H[2][3] += c * (triAB - triABx);
    H[3][3] += c * (triAB + trigamma(b + x) - triB - triABx);
  }
  g[0] += n * Math.log(alpha);
  g[1] += (n * r) / alpha;
  H[0][1] += n / alpha;
  H[1][1] -= (n * r) / (alpha * alpha);

  // per customer: ln(e^A3 + e^A4) with mixing weight w = e^A4 / (e^A3 + e^A4)
  const W = new Float64Array(K), V = new Float64Array(K), VR = new Float64Array(K), VA = new Float64Array(K);
  const { base, lnA4 } = perFrequencyTerms(groups.values, p);
  let value = 0;
  for (let k = 0; k < K; k++) value += groups.counts[k] * base[k];
  let gr = 0, ga = 0, hra = 0, haa = 0, hrr = 0;
  const { frequency, recency, T } = data;
  for (let i = 0; i < n; i++) {
    const x = frequency[i];
    const kx = r + x;
    const iT = 1 / (alpha + T[i]);
    const lT = Math.log(alpha + T[i]);
    const A3 = -kx * lT;
    if (x === 0) {
      value += A3;
      gr -= lT;
      ga -= kx * iT;
      hra -= iT;
      haa += kx * iT * iT;
      continue;
    }
    const k = groups.index[i];
    const itx = 1 / (alpha + recency[i]);
    const ltx = Math.log(alpha + recency[i]);
    const A4 = lnA4[k] - kx * ltx;
    // ln(e^A3 + e^A4) and the weight w = e^A4 / (e^A3 + e^A4) from one exponential
    const e = Math.exp(-Math.abs(A4 - A3));
    value += (A4 > A3 ? A4 : A3) + Math.log1p(e);
    const w = A4 > A3 ? 1 / (1 + e) : e / (1 + e);
    const u = 1 - w;
    const v = w * u;
    gr -= u * lT + w * ltx;
    ga -= kx * (u * iT + w * itx);
    hra -= u * iT + w * itx;
    haa += kx * (u * iT * iT + w * itx * itx);
    const dr = lT - ltx;
    const da = kx * (iT - itx);
    hrr += v * dr * dr;
    hra += v * dr * da;
    haa += v * da * da;
    W[k] += w;
    V[k] += v;
    VR[k] += v * dr;
    VA[k] += v * da;
  }
  g[0] += gr;
  g[1] += ga;
  H[0][0] += hrr;
  H[0][1] += hra;
  H[1][1] += haa;
  // the A4 constant ln a - ln(b + x - 1): first derivatives (1/a, -1/(b + x - 1)) are the same for a whole group
  const ia = 1 / a;
  for (let k = 0; k < K; k++) {
    const x = groups.values[k];
    if (x === 0) continue;
    const ib = 1 / (b + x - 1);
    g[2] += W[k] * ia;
    g[3] -= W[k] * ib;
    H[2][2] += (V[k] - W[k]) * ia * ia;
    H[3][3] += (V[k] + W[k]) * ib * ib;
    H[2][3] -= V[k] * ia * ib;
    H[0][2] += VR[k] * ia;
    H[0][3] -= VR[k] * ib;
    H[1][2] += VA[k] * ia;
    H[1][3] -= VA[k] * ib;
  }
  for (let i = 0; i < 4; i++) for (let j = 0; j < i; j++) H[i][j] = H[j][i];
  return { value, gradient: g, hessian: H };
}

function prepare(data: RepeatData): Prepared {
  checkRepeatData(data);
  return { data, groups: groupByFrequency(data.frequency) };
}

/** The BG/NBD log-likelihood of the data at the given parameters (all customers summed). */
export function bgnbdLogLikelihood(params: BgNbdParams, data: RepeatData): number {
  return logLikValue(prepare(data), [params.r, params.alpha, params.a, params.b]);
}

/** The log-likelihood's gradient and Hessian in (r, α, a, b) at the given parameters. */
export function bgnbdLogLikelihoodDerivatives(params: BgNbdParams, data: RepeatData): Evaluation {
  return logLikDerivatives(prepare(data), [params.r, params.alpha, params.a, params.b]);
}

/** Where Newton's method starts: r = 1, α = mean T / mean x (so r / α is the mean purchase rate), a = b = 1. */
function startingPoint(data: RepeatData): number[] {
  let sx = 0, sT = 0;
  for (let i = 0; i < data.T.length; i++) {
    sx += data.frequency[i];
    sT += data.T[i];
  }
  const alpha = sT > 0 ? sT / Math.max(sx, 1e-3) : 1;
  return [1, alpha, 1, 1];
}

/**
 * Fits the BG/NBD model by maximum likelihood (see the file comment). Refuses data with fewer
 * than 30 repeat customers or malformed rows with a UserError. A fit that does not converge,
 * runs to the boundary (a parameter at 1e-8 or 1e8) or ends where the Hessian is not positive
 * definite has `converged: false`, null standard errors and a sentence saying which.
 */
export function fitBgNbd(data: RepeatData): BgNbdFit {
  const prepared = prepare(data);
  const repeaters = countRepeaters(data.frequency);
  requireRepeaters(repeaters, "BG/NBD");
  const start = startingPoint(data);
  const verdict = fitByNewton(
    "BG/NBD",
    BGNBD_PARAMS,
    (p) => logLikDerivatives(prepared, p),
    (p) => logLikValue(prepared, p),
    start,
  );
  const nbd = fitNbd(data, [start[0], start[1]]);
  const fit: BgNbdFit = { ...verdict, customers: data.frequency.length, repeaters, nbdLogLik: nbd.logLik };
  return noDropoutBoundary(fit) ?? fit;
}

/**
 * The verdict when the fit runs to the no-dropout boundary: the NBD (the BG/NBD with a / (a + b)
 * -> 0) reaches a log-likelihood at least as high, up to 1e-9 of its size, as the point the
 * BG/NBD fit stopped at (stalled along the ridge a -> 0 or b -> ∞), or strictly higher than a
 * local optimum. Null when the BG/NBD fit is a proper interior maximum.
 */
function noDropoutBoundary(fit: BgNbdFit): BgNbdFit | null {
  const gap = fit.nbdLogLik - fit.logLik;
  const boundary = fit.converged ? gap > 1e-6 : gap >= -1e-9 * Math.abs(fit.logLik);
  if (!boundary) return null;
  const { a, b } = fit.params;
  return {
    ...fit,
    converged: false,
    standardErrors: null,
    message:
      `The BG/NBD fit runs to the boundary of the parameter space where no customer drops out (a / (a + b) -> 0; it stopped at a = ${fmtParameter(a)}, b = ${fmtParameter(b)}): ` +
      `the NBD model without dropout fits as well (log-likelihood ${fmtNumber(fit.nbdLogLik)} against ${fmtNumber(fit.logLik)}), so these data do not show customers leaving and P(alive) is not determined.`,
  };
}

/** ln of a / (b + x - 1) · ((α + T) / (α + t_x))^(r + x): P(alive) = 1 / (1 + e^this). */
function deadOddsLog({ r, alpha, a, b }: BgNbdParams, x: number, recency: number, T: number): number {
  return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + recency));
}

/**
 * P(alive at T | x, t_x, T) = 1 / (1 + δ_{x>0} a / (b + x - 1) ((α + T) / (α + t_x))^(r + x)):
 * 1 for a customer with no repeat purchase (in this model dropping out happens right after a
 * repeat purchase). Example: r = 0.243, α = 4.414, a = 0.793, b = 2.426, x = 2, t_x = 30.43,
 * T = 38.86: odds 0.793 / 3.426 · (43.274 / 34.844)^2.243 = 0.2315 · 1.6258 = 0.3763, P(alive) = 0.7266.
 */
export function bgnbdPAlive(params: BgNbdParams, x: number, recency: number, T: number): number {
  if (x === 0) return 1;
  const u = deadOddsLog(params, x, recency, T);
  return u > 0 ? Math.exp(-u) / (1 + Math.exp(-u)) : 1 / (1 + Math.exp(u));
}

/**
 * E[purchases in (T, T + t] | alive at T, x, T] = (c / β) (1 - 2F1(k, β; c; -s)), with k = r + x,
 * β = a - 1, c = a + b + x - 1, s = t / (α + T): the file comment's bracket after Euler's
 * transformation, which keeps the argument bounded. Summed as -k · hyp2f1Excess(k, β, c, -s)
 * for s <= 1/2, and for s > 1/2 through Pfaff's transformation (z = s / (1 + s)) as
 * c (1 - (1 + s)^(-β)) / β - (1 + s)^(-β) (c - k) hyp2f1Excess(c - k, β, c, z); both stay exact as
 * a -> 1 or c -> 0. Example: t -> 0 gives k s, the posterior mean rate (r + x) / (α + T) times t.
 */
export function bgnbdExpectedIfAlive(params: BgNbdParams, t: number, x: number, T: number): number {
  single[0] = t;
  bgnbdExpectedIfAliveMany(params, single, x, T, singleOut);
  return singleOut[0];
}

const single = new Float64Array(1);
const singleOut = new Float64Array(1);
/** Scratch of `bgnbdExpectedIfAliveMany`: the arguments of each series, where each goes, their sums. */
let zNear = new Float64Array(16), zFar = new Float64Array(16), sumNear = new Float64Array(16), sumFar = new Float64Array(16);
let slotNear = new Int32Array(16), slotFar = new Int32Array(16);

/**
 * When the series lose their accuracy, `bgnbdExpectedIfAliveMany` integrates over the dropout
 * probability by quadrature instead (`expectedIfAliveByQuadrature`):
 * - a >= 100: the far series (s > 1/2) has terms growing like (a z)^n / n! before they fall,
 *   which overflow for a z above about 700 and need about a z terms;
 * - (r - a - b + 1) s > 8 for the largest s: with r much larger than a + b (the fit running to
 *   r -> ∞, every customer buying at the same rate) both series alternate with terms up to
 *   about e^{(r - a - b + 1) s}, and 8 bounds the rounding lost to that below 1e-12.
 * Neither happens at the published CDNOW fit or at the UCI fits.
 */
const QUADRATURE_FROM_A = 100;
const MAX_SERIES_GROWTH = 8;

/** Gauss rules of recent (a, b', nodes): one per distinct frequency of a fit (and node count). */
const rules = new Map<string, BetaQuadrature>();

/** Nodes for g at kτ up to `kTau`: 32, doubled until above kτ + 32 (g varies on the scale 1 / (kτ)), at most 2,048. */
function nodeCount(kTau: number): number {
  let n = 32;
  while (n < kTau + 32 && n < 2048) n *= 2;
  return n;
}

/**
 * E[purchases in (T, T + t] | alive] as an expectation over the dropout probability's posterior
 * p ~ Beta(a, b'), b' = b + x: given p, integrating λ ~ Gamma(k, A) (k = r + x, A = α + T) out
 * of FHL's E[X(t) | λ, p] = (1 - e^{-λpt}) / p gives g(p) = (1 - (1 + pt/A)^{-k}) / p, smooth on
 * [0, 1] (g(0) = kt/A), so a Gauss rule for Beta(a, b') (`betaQuadrature`, singular densities
 * included) with enough nodes (`nodeCount`) is exact to rounding. Example: a = b' = 1e8, k = 1,
 * A = t: p = 1/2, g = (1 - 1/1.5) / 0.5 = 2/3.
 */
function expectedIfAliveByQuadrature(k: number, A: number, a: number, b: number, t: ArrayLike<number>, out: Float64Array): void {
  let tauMax = 0;
  for (let j = 0; j < t.length; j++) {
    if (!(t[j] >= 0) || !Number.isFinite(t[j])) throw new RangeError(`a prediction period must be finite and >= 0, not ${t[j]}`);
    tauMax = Math.max(tauMax, t[j] / A);
  }
  const n = nodeCount(k * tauMax);
  const key = `${a},${b},${n}`;
  let rule = rules.get(key);
  if (!rule) {
    if (rules.size > 1000) rules.clear();
    rule = betaQuadrature(a, b, n);
    rules.set(key, rule);
  }
  const { nodes, weights } = rule;
  for (let j = 0; j < t.length; j++) {
    const tau = t[j] / A;
    let sum = 0;
    for (let i = 0; i < nodes.length; i++) {
      const pt = nodes[i] * tau;
      // (1 - (1 + pτ)^-k) / p, and its limit kτ at p = 0
      sum += weights[i] * (pt === 0 ? k * tau : (-Math.expm1(-k * Math.log1p(pt)) * tau) / pt);
    }
    out[j] = sum;
  }
}

/** True when the series of `bgnbdExpectedIfAliveMany` would lose accuracy (see `QUADRATURE_FROM_A`). */
function seriesUnreliable({ r, alpha, a, b }: BgNbdParams, t: ArrayLike<number>, T: number): boolean {
  if (a >= QUADRATURE_FROM_A) return true;
  const growth = r - a - b + 1;
  if (growth <= 0) return false;
  let tMax = 0;
  for (let j = 0; j < t.length; j++) tMax = Math.max(tMax, t[j]);
  return (growth * tMax) / (alpha + T) > MAX_SERIES_GROWTH;
}

/**
 * `bgnbdExpectedIfAlive` at several periods t of one customer, written into `out`: the periods
 * with s <= 1/2 share one series, those with s > 1/2 another (`hyp2f1ExcessMany`), so a CLV's
 * twelve month ends cost little more than one.
 */
export function bgnbdExpectedIfAliveMany({ r, alpha, a, b }: BgNbdParams, t: ArrayLike<number>, x: number, T: number, out: Float64Array): void {
  if (seriesUnreliable({ r, alpha, a, b }, t, T)) {
    expectedIfAliveByQuadrature(r + x, alpha + T, a, b + x, t, out);
    return;
  }
  const m = t.length;
  if (zNear.length < m) {
    [zNear, zFar, sumNear, sumFar] = [0, 0, 0, 0].map(() => new Float64Array(m));
    [slotNear, slotFar] = [new Int32Array(m), new Int32Array(m)];
  }
  const k = r + x;
  const beta = a - 1;
  const c = a + b + x - 1;
  let near = 0, far = 0;
  for (let j = 0; j < m; j++) {
    if (!(t[j] >= 0) || !Number.isFinite(t[j])) throw new RangeError(`a prediction period must be finite and >= 0, not ${t[j]}`);
    const sj = t[j] / (alpha + T);
    out[j] = 0;
    if (sj === 0) continue;
    if (sj <= 0.5) {
      zNear[near] = -sj;
      slotNear[near++] = j;
    } else {
      zFar[far] = sj / (1 + sj);
      slotFar[far++] = j;
    }
  }
  if (near > 0) {
    hyp2f1ExcessMany(k, beta, c, zNear, sumNear, near);
    for (let i = 0; i < near; i++) out[slotNear[i]] = -k * sumNear[i];
  }
  if (far > 0) {
    hyp2f1ExcessMany(c - k, beta, c, zFar, sumFar, far);
    for (let i = 0; i < far; i++) {
      const sj = t[slotFar[i]] / (alpha + T);
      const L = Math.log1p(sj);
      const bl = beta * L;
      const oneMinusPowOverBeta = Math.abs(bl) < 1e-8 ? L * (1 - bl / 2) : -Math.expm1(-bl) / beta;
      out[slotFar[i]] = c * oneMinusPowOverBeta - Math.exp(-bl) * (c - k) * sumFar[i];
    }
  }
}

/**
 * The conditional expected number of purchases in the next t units, E[Y(t) | x, t_x, T]
 * = P(alive) · `bgnbdExpectedIfAlive` (the file comment's formula).
 */
export function bgnbdExpectedPurchases(params: BgNbdParams, t: number, x: number, recency: number, T: number): number {
  return bgnbdPAlive(params, x, recency, T) * bgnbdExpectedIfAlive(params, t, x, T);
}

/**
 * P(no purchase in (T, T + h] | x, t_x, T) = 1 - P(alive) (1 - ((α + T) / (α + T + h))^(r + x)):
 * dead, or alive with the next purchase later than h. Example: P(alive) = 1, r + x = 1, α + T = h:
 * 1 - (1 - 1/2) = 1/2.
 */
export function bgnbdNoPurchaseProbability(params: BgNbdParams, h: number, x: number, recency: number, T: number): number {
  const alive = bgnbdPAlive(params, x, recency, T);
  const buys = -Math.expm1((params.r + x) * (Math.log(params.alpha + T) - Math.log(params.alpha + T + h)));
  return 1 - alive * buys;
}

/** Per-customer P(alive) and expected purchases in the next t units, in the data's row order. */
export interface BgNbdPredictions {
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
}

/** P(alive) and E[Y(t) | x, t_x, T] for every customer of the data. */
export function bgnbdPredict(params: BgNbdParams, data: RepeatData, t: number): BgNbdPredictions {
  const n = data.frequency.length;
  const pAlive = new Float64Array(n);
  const expectedPurchases = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    pAlive[i] = bgnbdPAlive(params, data.frequency[i], data.recency[i], data.T[i]);
    expectedPurchases[i] = pAlive[i] * bgnbdExpectedIfAlive(params, t, data.frequency[i], data.T[i]);
  }
  return { pAlive, expectedPurchases };
}
