/**
 * Loader's saddle-point terms, the accurate way to compute the prefactors x^a (1-x)^b / B(a, b)
 * and x^a e^-x / Γ(a + 1) of the incomplete beta and gamma functions when a or b is large
 * (a t-test with 40,000 degrees of freedom has a = 20,000, where ln Γ(a) is about 178,000 and
 * subtracting such logarithms would leave only ten correct digits).
 *
 * Reference: C. Loader (2000), "Fast and accurate computation of binomial probabilities"; the
 * same functions are R's `stirlerr` and `bd0` (nmath).
 */
import { logGamma } from "./gamma";

const LOG_SQRT_2PI = 0.9189385332046728; // ln √(2π)

/**
 * The error of Stirling's formula for ln Γ: s(z) = ln Γ(z) - [(z - ½) ln z - z + ln √(2π)].
 * Below 15 from logGamma directly (the terms are small there, so the difference keeps about
 * 15 digits); above by the Stirling series 1/(12z) - 1/(360z³) + 1/(1260z⁵) - 1/(1680z⁷) +
 * 1/(1188z⁹) - 691/(360360z¹¹) + 1/(156z¹³), whose next term is below 1e-17 there.
 *
 * Example: s(1) = ln Γ(1) - (½·0 - 1 + 0.9189...) = 1 - 0.918938... = 0.081061...
 */
export function stirlingError(z: number): number {
  if (z <= 15) return logGamma(z) - ((z - 0.5) * Math.log(z) - z + LOG_SQRT_2PI);
  const w = 1 / (z * z);
  return (1 / 12 - w * (1 / 360 - w * (1 / 1260 - w * (1 / 1680 - w * (1 / 1188 - w * (691 / 360360 - w / 156)))))) / z;
}

/**
 * The deviance term bd0(x, m) = x ln(x / m) + m - x (>= 0), computed without cancellation when
 * x is close to m by the series (x - m) v + 2x (v³/3 + v⁵/5 + ...), v = (x - m) / (x + m)
 * (from ln(x/m) = ln((1 + v)/(1 - v)) = 2(v + v³/3 + ...)).
 *
 * Example: bd0(1, 1) = 0; bd0(2, 1) = 2 ln 2 - 1 = 0.386294...
 */
export function deviance(x: number, m: number): number {
  if (x === 0) return m;
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    const v = (x - m) / (x + m);
    const v2 = v * v;
    let s = (x - m) * v;
    let ej = 2 * x * v;
    for (let j = 1; j < 1000; j++) {
      ej *= v2;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/**
 * x^a y^b / B(a, b) with y = 1 - x given separately (so a tail near 1 keeps its digits):
 * sqrt(a b / (2π c)) exp(-bd0(a, c x) - bd0(b, c y) + s(c) - s(a) - s(b)), c = a + b, which is
 * the identity ln Γ(z) = (z - ½) ln z - z + ln √(2π) + s(z) applied to B(a, b) = Γ(a)Γ(b)/Γ(c).
 *
 * Example: a = b = 1, x = y = ½: B(1, 1) = 1, so the value is ¼.
 */
export function betaPrefactor(a: number, b: number, x: number, y: number): number {
  const c = a + b;
  const logTerm = -deviance(a, c * x) - deviance(b, c * y) + stirlingError(c) - stirlingError(a) - stirlingError(b);
  return Math.sqrt((a * b) / (2 * Math.PI * c)) * Math.exp(logTerm);
}

/**
 * x^a e^-x / Γ(a + 1) = exp(-s(a) - bd0(a, x)) / sqrt(2π a) (a > 0, x >= 0), the Poisson-like
 * prefactor of the incomplete gamma function.
 *
 * Example: a = 1, x = 1: e^-1 / Γ(2) = 0.367879...
 */
export function gammaPrefactor(a: number, x: number): number {
  return Math.exp(-stirlingError(a) - deviance(a, x)) / Math.sqrt(2 * Math.PI * a);
}
