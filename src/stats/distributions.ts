/**
 * The normal, Student t and chi-square distributions to about 1e-15 relative accuracy, tails
 * included: the p-values and interval multipliers of the experiment analysis, and anything
 * else that needs a CDF or a quantile. Tested against scipy.stats (test/reference/distributions.py).
 *
 * - normal CDF: W. J. Cody (1969), "Rational Chebyshev approximations for the error function",
 *   in the form of R's pnorm (both tails computed directly, so normalSf(10) = 7.6e-24 exactly);
 * - normal quantile: M. J. Wichura (1988), Algorithm AS 241 (PPND16), about 1e-16 relative;
 * - Student t: P(T <= -|t|) = ½ I_{n/(n+t²)}(n/2, ½), the regularized incomplete beta;
 *   its quantile by Newton's method on that CDF, kept inside a bracket;
 * - chi-square: P(X <= x) = P(k/2, x/2), the regularized incomplete gamma.
 */
import { logGamma } from "./gamma";
import { regularizedBeta, regularizedGamma, type Tails } from "./incomplete";
import { stirlingError } from "./saddlepoint";

const SQRT_32 = 5.656854249492380195206754896838;
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;
const LOG_SQRT_2PI = 0.9189385332046728;

// Cody's coefficients (R nmath pnorm.c)
const A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

/** e^(-x²/2) × factor, with x² split as (x rounded to 1/16)² + the rest so no digits are lost. */
function gaussianTail(x: number, factor: number): number {
  const xsq = Math.trunc(x * 16) / 16;
  const del = (x - xsq) * (x + xsq);
  return Math.exp((-xsq * xsq) / 2) * Math.exp(-del / 2) * factor;
}

/**
 * Both tails of the standard normal at x: lower = Φ(x), upper = 1 - Φ(x), the smaller one
 * computed directly (Cody). Example: x = 0 -> ½, ½; x = 1.959963984540054 -> 0.975, 0.025.
 */
export function normalTails(x: number): Tails {
  if (Number.isNaN(x)) throw new RangeError("normalTails needs a number, not NaN");
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let num = 0;
    let den = 0;
    if (y > 1.1102230246251565e-16) {
      const xsq = x * x;
      num = A[4] * xsq;
      den = xsq;
      for (let i = 0; i < 3; i++) {
        num = (num + A[i]) * xsq;
        den = (den + B[i]) * xsq;
      }
    }
    const t = (x * (num + A[3])) / (den + B[3]);
    return { lower: 0.5 + t, upper: 0.5 - t };
  }
  let small: number;
  if (y <= SQRT_32) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    small = gaussianTail(y, (num + C[7]) / (den + D[7]));
  } else if (y < 38.5) {
    const xsq = 1 / (x * x);
    let num = P[5] * xsq;
    let den = xsq;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]) * xsq;
      den = (den + Q[i]) * xsq;
    }
    const r = (xsq * (num + P[4])) / (den + Q[4]);
    small = gaussianTail(y, (ONE_OVER_SQRT_2PI - r) / y);
  } else {
    small = 0; // below 1e-323: zero in double precision
  }
  return x > 0 ? { lower: 1 - small, upper: small } : { lower: small, upper: 1 - small };
}

/** Φ(x) = P(Z <= x) for a standard normal Z. Example: normalCdf(0) = 0.5. */
export function normalCdf(x: number): number {
  return normalTails(x).lower;
}

/** 1 - Φ(x) = P(Z > x), computed directly. Example: normalSf(1.959963984540054) = 0.025. */
export function normalSf(x: number): number {
  return normalTails(x).upper;
}

/** The standard normal density e^(-x²/2) / √(2π). Example: normalPdf(0) = 0.398942... */
export function normalPdf(x: number): number {
  return gaussianTail(Math.abs(x), ONE_OVER_SQRT_2PI);
}

// Wichura's AS 241 coefficients (PPND16)
const AS241_A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457,
  67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const AS241_B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061,
  28729.085735721942674, 5226.495278852854561,
];
const AS241_C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
  0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const AS241_D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const AS241_E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
  0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const AS241_F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

/** The polynomial c[0] + c[1] r + ... + c[7] r⁷ (Horner). */
function poly(c: number[], r: number): number {
  let v = 0;
  for (let i = c.length - 1; i >= 0; i--) v = v * r + c[i];
  return v;
}

/**
 * The standard normal quantile Φ⁻¹(p) for p in [0, 1] (Wichura's AS 241): a rational function
 * of p - ½ in the centre, of sqrt(-ln min(p, 1-p)) in the tails. -Infinity at 0, Infinity at 1.
 * Example: normalQuantile(0.975) = 1.959963984540054; normalQuantile(0.5) = 0.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile needs p in [0, 1], not ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(AS241_A, r)) / poly(AS241_B, r);
  }
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const x = r <= 5 ? poly(AS241_C, (r -= 1.6)) / poly(AS241_D, r) : poly(AS241_E, (r -= 5)) / poly(AS241_F, r);
  return q < 0 ? -x : x;
}

/**
 * The upper quantile: the z with P(Z > z) = q, i.e. -Φ⁻¹(q) by symmetry (so a tiny q keeps its
 * digits, where Φ⁻¹(1 - q) would lose them). Example: normalQuantileUpper(0.025) = 1.959963984540054.
 */
export function normalQuantileUpper(q: number): number {
  return -normalQuantile(q);
}

function checkDf(df: number, what: string): void {
  if (!(df > 0)) throw new RangeError(`${what} needs degrees of freedom > 0, not ${df}`);
}

/**
 * The two beta arguments of a t value: x = n / (n + t²) and y = t² / (n + t²), each computed
 * directly (1 - x would lose y's digits when t is small).
 */
function tBetaArguments(t: number, df: number): [number, number] {
  if (Math.abs(t) > 1e150) {
    const x = df / t / t;
    return [x, 1 - x];
  }
  const s = t * t;
  return [df / (df + s), s / (df + s)];
}

/**
 * Both tails of Student's t with `df` degrees of freedom (df > 0, not necessarily whole: Welch's
 * test has fractional ones; Infinity is the normal). With x = n/(n + t²):
 * P(T <= -|t|) = ½ I_x(n/2, ½), and P(-|t| < T <= 0) = ½ I_{1-x}(½, n/2), each from the tail
 * of the incomplete beta where it is small.
 *
 * Example: df = 1 is the Cauchy distribution: lower at t = 1 is ½ + atan(1)/π = 0.75.
 */
export function studentTTails(t: number, df: number): Tails {
  checkDf(df, "studentTTails");
  if (Number.isNaN(t)) throw new RangeError("studentTTails needs a number, not NaN");
  if (df === Infinity) return normalTails(t);
  if (t === 0) return { lower: 0.5, upper: 0.5 };
  const [x, y] = tBetaArguments(t, df);
  const ib = regularizedBeta(x, df / 2, 0.5, y);
  const far = ib.lower / 2; // P(T <= -|t|)
  const near = ib.upper / 2; // P(-|t| < T < 0)
  return t < 0 ? { lower: far, upper: 0.5 + near } : { lower: 0.5 + near, upper: far };
}

/** P(T <= t) for Student's t with `df` degrees of freedom. Example: studentTCdf(1, 1) = 0.75. */
export function studentTCdf(t: number, df: number): number {
  return studentTTails(t, df).lower;
}

/** P(T > t), computed directly. Example: studentTSf(2, 2) = ½ (1 - 2/√6) = 0.091752... */
export function studentTSf(t: number, df: number): number {
  return studentTTails(t, df).upper;
}

/**
 * Student's t density Γ((n+1)/2) / (Γ(n/2) √(nπ)) (1 + t²/n)^(-(n+1)/2); the gamma ratio for
 * large n through Stirling's error term so it keeps its digits. Example: df = 1, t = 0: 1/π.
 */
export function studentTPdf(t: number, df: number): number {
  checkDf(df, "studentTPdf");
  if (df === Infinity) return normalPdf(t);
  const a = df / 2;
  // ln Γ(a + ½) - ln Γ(a) = a ln(1 + 1/(2a)) + ½ ln a - ½ + s(a + ½) - s(a)
  const logRatio =
    a < 15
      ? logGamma(a + 0.5) - logGamma(a)
      : a * Math.log1p(1 / (2 * a)) + 0.5 * Math.log(a) - 0.5 + stirlingError(a + 0.5) - stirlingError(a);
  const logKernel = -((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logRatio + logKernel - 0.5 * Math.log(df) - LOG_SQRT_2PI + 0.5 * Math.log(2));
}

/** P(0 < T <= t) for t >= 0: ½ I_{t²/(n+t²)}(½, n/2), small and exact near t = 0. */
function studentTCentral(t: number, df: number): number {
  if (df === Infinity) return normalTails(t).lower - 0.5;
  const [x, y] = tBetaArguments(t, df);
  return regularizedBeta(x, df / 2, 0.5, y).upper / 2;
}

/**
 * The t > 0 with P(T > t) = q (0 < q < ½): Newton's method on the upper tail (or, for q near
 * ½, on P(0 < T <= t) = ½ - q, so small quantiles keep their digits), each step kept inside a
 * bracket [lo, hi] that always holds the root, until the step is below 1e-15 of t.
 */
function studentTUpperPositive(q: number, df: number): number {
  const central = q > 0.25;
  const target = central ? 0.5 - q : q; // exact: 0.5 - q has no rounding for q in [0.25, 0.5]
  const gap = (t: number) => (central ? target - studentTCentral(t, df) : studentTSf(t, df) - target); // decreasing in t
  let lo = 0;
  let hi = Math.max(1, normalQuantileUpper(q));
  while (gap(hi) > 0) {
    lo = hi;
    hi *= 2;
  }
  // start from the normal quantile with the first Cornish-Fisher correction z + (z³ + z)/(4n)
  const z = normalQuantileUpper(q);
  let t = Math.min(Math.max(z + (z * z * z + z) / (4 * df), lo), hi);
  if (!(t > lo && t < hi)) t = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const g = gap(t);
    if (g === 0) return t;
    if (g > 0) lo = t;
    else hi = t;
    let next = t + g / studentTPdf(t, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-15 * t || hi - lo <= 4e-16 * t) return next;
    t = next;
  }
  return t;
}

/**
 * Student's t quantile: the t with P(T <= t) = p, for p in [0, 1] (-Infinity at 0, Infinity
 * at 1). By symmetry the smaller tail is solved for (see studentTUpperPositive).
 * Example: studentTQuantile(0.75, 1) = tan(π/4) = 1; studentTQuantile(0.975, Infinity) = 1.959964...
 */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df, "studentTQuantile");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`studentTQuantile needs p in [0, 1], not ${p}`);
  if (df === Infinity) return normalQuantile(p);
  if (p === 0.5) return 0;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  return p < 0.5 ? -studentTUpperPositive(p, df) : studentTUpperPositive(1 - p, df);
}

/**
 * The upper quantile: the t with P(T > t) = q. Example: studentTQuantileUpper(0.025, 10) = 2.228139...
 */
export function studentTQuantileUpper(q: number, df: number): number {
  return -studentTQuantile(q, df);
}

/**
 * Both tails of the chi-square distribution with k degrees of freedom (k > 0) at x >= 0:
 * lower = P(k/2, x/2), upper = Q(k/2, x/2). Example: k = 2: upper = e^(-x/2), so x = 2 gives e^-1.
 */
export function chiSquareTails(x: number, k: number): Tails {
  checkDf(k, "chiSquareTails");
  if (!(x >= 0)) throw new RangeError(`chiSquareTails needs x >= 0, not ${x}`);
  return regularizedGamma(k / 2, x / 2);
}

/** P(X <= x) for a chi-square with k degrees of freedom. Example: chiSquareCdf(3.841458820694124, 1) = 0.95. */
export function chiSquareCdf(x: number, k: number): number {
  return chiSquareTails(x, k).lower;
}

/** P(X > x), computed directly: the p-value of a chi-square test. Example: chiSquareSf(2, 2) = e^-1. */
export function chiSquareSf(x: number, k: number): number {
  return chiSquareTails(x, k).upper;
}
