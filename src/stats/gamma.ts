/**
 * The gamma function's logarithm, the building block of the likelihoods (BG/NBD, Gamma-Gamma)
 * and of the t, chi-square and beta distributions.
 */

// Lanczos approximation, g = 7, n = 9 (relative error below 1e-15 for x > 0)
const G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const LOG_SQRT_2PI = 0.9189385332046728;

/**
 * ln Γ(x) for x > 0. Γ(n) = (n - 1)! for whole n, so logGamma(5) = ln 24; Γ(1/2) = √π.
 * Misuse (x <= 0, NaN) throws: the likelihoods that call it never need the negative axis.
 */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, not ${x}`);
  if (x < 0.5) {
    // reflection: Γ(x) Γ(1 - x) = π / sin(πx)
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (z + i);
  return LOG_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b), the beta function's logarithm (a, b > 0). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}
