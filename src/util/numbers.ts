/** Small numeric helpers shared by every domain. */

/** `x` rounded to `digits` decimals (half away from zero). Example: round(2.345, 2) = 2.35. */
export function round(x: number, digits = 0): number {
  const f = 10 ** digits;
  const v = Math.abs(x) * f;
  // correct for binary representation: 2.345 * 100 = 234.49999999999997
  return (Math.sign(x) * Math.round(Number(v.toPrecision(15)))) / f;
}

/** part / whole, or null when the whole is 0 (a share of nothing is not 0%). Example: (1, 4) -> 0.25. */
export function shareOrNull(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** The sum of values in the order given (a fixed order gives the same bits every run). */
export function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

/** The arithmetic mean; NaN for no values. Example: [1, 2, 6] -> 3. */
export function mean(values: ArrayLike<number>): number {
  return values.length === 0 ? Number.NaN : sum(values) / values.length;
}
