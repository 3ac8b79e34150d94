/**
 * The Gaussian hypergeometric function 2F1(a, b; c; z) for real arguments and z < 1, the
 * special function of the BG/NBD conditional expectation.
 *
 *   2F1(a, b; c; z) = Σ_{n>=0} (a)_n (b)_n / ((c)_n n!) z^n,  (q)_n = q (q + 1) ... (q + n - 1),
 *
 * summed directly for |z| <= 1/2 and for 1/2 < z < 1 (ratio of terms -> z), and through Pfaff's
 * transformation 2F1(a, b; c; z) = (1 - z)^(-b) 2F1(c - a, b; c; z / (z - 1)) for z < -1/2, which
 * maps z to (1/3, 1). Example: 2F1(1, 1; 2; z) = -ln(1 - z) / z, so 2F1(1, 1; 2; 1/2) = 2 ln 2.
 *
 * `hyp2f1Excess` is the part above 1 scaled by c / (ab), summed without the cancellation of
 * 2F1 - 1 when a, b or c is near 0: the BG/NBD expectation divides 1 - 2F1 by a - 1, and
 * multiplies it by a + b + x - 1, either of which may be close to 0.
 */

/** Terms are summed until the tail is below this share of the sum. */
const RELATIVE_TOLERANCE = 1e-17;
/** A series that needs more terms than this has z too close to 1 for these formulas. */
const MAX_TERMS = 1_000_000;

/** Scratch of `hyp2f1ExcessMany`: zⁿ for each z, grown as needed (calls do not nest). */
let powers = new Float64Array(16);

/**
 * `hyp2f1Excess` at the first `count` values of z (default all) with the same a, b and c,
 * written into `out`: the terms t_n(z) = κ_n zⁿ share their coefficients, κ_1 = 1,
 * κ_{n+1} = κ_n (a + n)(b + n) / ((c + n)(n + 1)), so each further z costs one multiply-add a term
 * (the CLV's twelve month ends of one customer are one call). The sums stop together when the
 * geometric bound on the tail of the z of largest |z|, the slowest to converge, |t| ρ / (1 - ρ)
 * with ρ the larger of its term ratio and |z|, is below 1e-17 of its sum (tested every fourth
 * term); the others have then taken more terms than they needed. Needs |z| < 1, c > -1.
 * Example: a = b = 1, c = 0 at z = (0.5, -0.5): Σ n zⁿ = z / (1 - z)² = (2, -2/9).
 */
export function hyp2f1ExcessMany(a: number, b: number, c: number, z: ArrayLike<number>, out: Float64Array, count = z.length): void {
  if (!(c > -1)) throw new RangeError(`hyp2f1Excess needs c > -1, not ${c}`);
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw new RangeError(`hyp2f1Excess needs finite a and b, not ${a}, ${b}`);
  if (powers.length < count) powers = new Float64Array(count);
  const pw = powers; // a local: the module variable would be reloaded in the loops
  let slowest = -1;
  let largest = 0;
  for (let j = 0; j < count; j++) {
    const magnitude = Math.abs(z[j]);
    if (!(magnitude < 1)) throw new RangeError(`hyp2f1Excess needs |z| < 1, not ${z[j]}`);
    pw[j] = z[j];
    out[j] = z[j];
    if (magnitude > largest) {
      largest = magnitude;
      slowest = j;
    }
  }
  if (slowest < 0) return; // every z is 0
  let coefficient = 1;
  for (let n = 1; ; n++) {
    if (n >= MAX_TERMS) throw new RangeError(`the 2F1 series (a = ${a}, b = ${b}, c = ${c}) did not converge in ${MAX_TERMS} terms`);
    const step = ((a + n) * (b + n)) / ((c + n) * (n + 1));
    coefficient *= step;
    for (let j = 0; j < count; j++) {
      const p = pw[j] * z[j];
      pw[j] = p;
      out[j] += coefficient * p;
    }
    if ((n & 3) !== 0) continue; // the test every 4th term: a few terms more, much less work
    const term = coefficient * pw[slowest];
    const rho = Math.max(Math.abs(step), 1) * largest;
    if (term === 0 || (rho < 1 && Math.abs(term) * rho <= RELATIVE_TOLERANCE * (1 - rho) * Math.abs(out[slowest]))) return;
  }
}

const one = new Float64Array(1);
const oneOut = new Float64Array(1);

/**
 * (2F1(a, b; c; z) - 1) c / (ab) = Σ_{n>=1} (a + 1)_{n-1} (b + 1)_{n-1} / ((c + 1)_{n-1} n!) z^n,
 * for |z| < 1 and c > -1 (c = 0 included: the factor c cancels the pole of 2F1). Finite for any a
 * and b, 0 included. Example: a = b = 1, c = 2: (-ln(1 - z)/z - 1) 2 = z + 2z²/3 + ...; at z = 1/2,
 * (2 ln 2 - 1) 2 = 0.7725887222397811.
 */
export function hyp2f1Excess(a: number, b: number, c: number, z: number): number {
  one[0] = z;
  hyp2f1ExcessMany(a, b, c, one, oneOut);
  return oneOut[0];
}

/**
 * 2F1(a, b; c; z) for real a, b, c > 0 and z < 1 (see the file comment for the method).
 * Examples: 2F1(1, 1; 2; 1/2) = 2 ln 2 = 1.3862943611198906; 2F1(a, b; c; 0) = 1;
 * 2F1(1, 1; 2; -3) = ln 4 / 3 (through Pfaff's transformation).
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z < 1)) throw new RangeError(`hyp2f1 needs z < 1, not ${z}`);
  if (!(c > 0)) throw new RangeError(`hyp2f1 needs c > 0, not ${c}`);
  if (z < -0.5) return Math.pow(1 - z, -b) * hyp2f1(c - a, b, c, z / (z - 1));
  return 1 + ((a * b) / c) * hyp2f1Excess(a, b, c, z);
}
