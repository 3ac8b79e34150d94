/**
 * ln Γ(z + d) - ln Γ(z) without the cancellation of subtracting two large logGammas: the
 * likelihoods need it at z = b or p x up to 1e8, where each ln Γ is about 2e9 and their
 * difference would keep only 7 digits.
 *
 * For z >= 30, Stirling's series ln Γ(w) = (w - 1/2) ln w - w + ln √(2π) + S(w),
 * S(w) = 1/(12w) - 1/(360w³) + 1/(1260w⁵) - 1/(1680w⁷) (next term below 1e-16 there), gives
 *
 *   ln Γ(z + d) - ln Γ(z) = (z - 1/2) ln(1 + d/z) + d ln(z + d) - d + S(z + d) - S(z),
 *
 * and below 30 the two logGammas are subtracted directly (they are small there).
 * Example: logGammaRatio(5, 2) = ln(6! / 4!) = ln 30; logGammaRatio(1e8, 1) = ln 1e8.
 */
import { logGamma } from "./gamma";

function stirlingTail(w: number): number {
  const i2 = 1 / (w * w);
  return (1 / w) * (1 / 12 - i2 * (1 / 360 - i2 * (1 / 1260 - i2 * (1 / 1680))));
}

/** ln Γ(z + d) - ln Γ(z) for z > 0 and z + d > 0 (see the file comment). */
export function logGammaRatio(z: number, d: number): number {
  if (!(z > 0) || !(z + d > 0)) throw new RangeError(`logGammaRatio needs z > 0 and z + d > 0, not z = ${z}, d = ${d}`);
  if (d === 0) return 0;
  if (z < 30 || z + d < 30) return logGamma(z + d) - logGamma(z);
  return (z - 0.5) * Math.log1p(d / z) + d * Math.log(z + d) - d + stirlingTail(z + d) - stirlingTail(z);
}
