/**
 * Random variates of the gamma, beta and exponential distributions, from the project's seeded
 * uniform generator (`src/util/random.ts`), for simulations with known parameters.
 *
 * Gamma(shape k, rate θ) has density θ^k x^(k-1) e^(-θx) / Γ(k), mean k / θ; it is drawn by
 * Marsaglia & Tsang (2000) for k >= 1 and, for k < 1, as Gamma(k + 1) · U^(1/k) (kept in logs so
 * that tiny shapes do not underflow). Beta(a, b) = X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
 */
import { normal, type Rng } from "../util/index";

/** ln of a Gamma(shape, 1) draw (Marsaglia & Tsang; the log keeps k << 1 from underflowing). */
function logStandardGamma(rng: Rng, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`a gamma shape must be positive and finite, not ${shape}`);
  if (shape < 1) {
    let u = 0;
    while (u === 0) u = rng();
    return logStandardGamma(rng, shape + 1) + Math.log(u) / shape;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal(rng);
    const v0 = 1 + c * z;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = rng();
    if (u < 1 - 0.0331 * z ** 4 || Math.log(u) < 0.5 * z * z + d * (1 - v + Math.log(v))) return Math.log(d * v);
  }
}

/** A Gamma(shape, rate) draw (mean shape / rate). Example: gammaVariate(rng, 2, 4) has mean 0.5. */
export function gammaVariate(rng: Rng, shape: number, rate = 1): number {
  if (!(rate > 0)) throw new RangeError(`a gamma rate must be positive, not ${rate}`);
  return Math.exp(logStandardGamma(rng, shape)) / rate;
}

/** A Beta(a, b) draw (mean a / (a + b)), in [0, 1]. Example: betaVariate(rng, 1, 3) has mean 0.25. */
export function betaVariate(rng: Rng, a: number, b: number): number {
  const lx = logStandardGamma(rng, a);
  const ly = logStandardGamma(rng, b);
  // X / (X + Y) = 1 / (1 + e^(ln Y - ln X))
  return 1 / (1 + Math.exp(ly - lx));
}

/** An exponential draw with the given rate (mean 1 / rate), by inversion: -ln(1 - U) / rate. */
export function exponentialVariate(rng: Rng, rate: number): number {
  if (!(rate > 0)) throw new RangeError(`an exponential rate must be positive, not ${rate}`);
  return -Math.log1p(-rng()) / rate;
}
