/**
 * The digamma and trigamma functions, ψ(x) = d/dx ln Γ(x) and ψ1(x) = d²/dx² ln Γ(x): the
 * gradients and Hessians of the likelihoods built on `logGamma` (BG/NBD, Gamma-Gamma).
 *
 * Both shift x up with the recurrences ψ(x) = ψ(x + 1) - 1/x and ψ1(x) = ψ1(x + 1) + 1/x² until
 * x >= 10, then use the asymptotic (Stirling) series, whose first omitted term there is below 1e-14 of the value.
 *
 * Example: ψ(1) = -γ (Euler's constant, -0.5772156649015329), ψ(2) = 1 - γ; ψ1(1) = π²/6.
 */

const SHIFT = 10;

/** ψ(x) = Γ'(x) / Γ(x) for x > 0; throws for x <= 0 or NaN (the likelihoods never need them). */
export function digamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`digamma needs x > 0, not ${x}`);
  let acc = 0;
  while (x < SHIFT) {
    acc -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  // ln x - 1/(2x) - Σ B_2k / (2k x^2k): B2 = 1/6, B4 = -1/30, B6 = 1/42, B8 = -1/30, B10 = 5/66, B12 = -691/2730
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return acc + Math.log(x) - 0.5 / x - series;
}

/** ψ1(x) = d/dx ψ(x) for x > 0; throws for x <= 0 or NaN. */
export function trigamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`trigamma needs x > 0, not ${x}`);
  let acc = 0;
  while (x < SHIFT) {
    acc += 1 / (x * x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  // 1/x + 1/(2x²) + Σ B_2k / x^(2k+1): 1/6, -1/30, 1/42, -1/30, 5/66, -691/2730
  const series = inv * inv2 * (1 / 6 - inv2 * (1 / 30 - inv2 * (1 / 42 - inv2 * (1 / 30 - inv2 * (5 / 66 - inv2 * (691 / 2730))))));
  return acc + inv + 0.5 * inv2 + series;
}
