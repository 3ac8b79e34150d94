/**
 * The repeat-purchase data the models read, checked once: per customer the frequency x (whole,
 * >= 0), recency t_x and age T (0 <= t_x <= T, t_x = 0 when x = 0), as Float64Arrays; and its
 * customers grouped by frequency, so that terms that depend on x alone (ln Γ(r + x), ψ(b + x)...)
 * are computed once per distinct x instead of once per customer.
 *
 * Example: frequencies (0, 2, 0, 5) group into values (0, 2, 5), index (0, 1, 0, 2), counts (2, 1, 1).
 */
import { UserError } from "../errors";

/** Customers' repeat purchases in a calibration period, in one unit of time. */
export interface RepeatData {
  /** x: repeat occasions */
  frequency: Float64Array;
  /** t_x: time from the first to the last occasion */
  recency: Float64Array;
  /** time from the first occasion to the calibration end */
  T: Float64Array;
}

/** The fewest customers with repeat purchases a fit accepts (the "about 30"). */
export const MIN_REPEAT_CUSTOMERS = 30;

/** Distinct frequencies, each customer's position among them, and how many customers have each. */
export interface FrequencyGroups {
  values: Float64Array;
  index: Int32Array;
  counts: Float64Array;
}

/** Groups customers by frequency (values ascending). */
export function groupByFrequency(frequency: Float64Array): FrequencyGroups {
  const values = Float64Array.from(new Set(frequency)).sort();
  const position = new Map<number, number>();
  values.forEach((v, k) => position.set(v, k));
  const index = new Int32Array(frequency.length);
  const counts = new Float64Array(values.length);
  for (let i = 0; i < frequency.length; i++) {
    const k = position.get(frequency[i])!;
    index[i] = k;
    counts[k]++;
  }
  return { values, index, counts };
}

/**
 * Refuses data the BG/NBD likelihood is not defined for, naming the row (1-based) and value:
 * arrays of different lengths, no customers, a frequency that is not a whole number >= 0,
 * a negative or non-finite T, a recency outside [0, T] (1e-9 of slack for rounded summaries),
 * or a customer with no repeat purchase and a recency other than 0.
 */
export function checkRepeatData(data: RepeatData): void {
  const n = data.frequency.length;
  if (data.recency.length !== n || data.T.length !== n) {
    throw new UserError(`The customer summary's columns differ in length: ${n} frequencies, ${data.recency.length} recencies, ${data.T.length} T values.`);
  }
  if (n === 0) throw new UserError("The customer summary has no customers.");
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i], tx = data.recency[i], T = data.T[i];
    const ok = Number.isInteger(x) && x >= 0 && T >= 0 && Number.isFinite(T) && tx >= 0 && tx <= T + 1e-9 && (x > 0 || tx === 0);
    if (ok) continue;
    const row = `Customer summary row ${i + 1}`;
    if (!(Number.isInteger(x) && x >= 0)) throw new UserError(`${row} has frequency ${x}: it counts repeat occasions, a whole number of 0 or more.`);
    if (!(T >= 0) || !Number.isFinite(T)) throw new UserError(`${row} has T ${T}: the time since the first purchase is a finite number of 0 or more.`);
    if (!(tx >= 0) || !(tx <= T + 1e-9)) throw new UserError(`${row} has recency ${tx} with T ${T}: recency must lie between 0 and T.`);
    throw new UserError(`${row} has frequency 0 and recency ${tx}: a customer with no repeat purchase has recency 0.`);
  }
}

/** Customers with at least one repeat purchase. */
export function countRepeaters(frequency: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < frequency.length; i++) if (frequency[i] > 0) n++;
  return n;
}

/** Refuses a fit with fewer than `MIN_REPEAT_CUSTOMERS` repeat customers; `model` names it. */
export function requireRepeaters(repeaters: number, model: string): void {
  if (repeaters < MIN_REPEAT_CUSTOMERS) {
    throw new UserError(
      `The ${model} model needs at least ${MIN_REPEAT_CUSTOMERS} customers with repeat purchases in the calibration period, and there ${repeaters === 1 ? "is" : "are"} ${repeaters}: choose a later calibration end or use more data.`,
    );
  }
}
