/**
 * Prediction intervals and demand quantiles from the empirical distribution of backtest errors
 * (actual - forecast) relative to the series' level: e / level at the fold's origin, multiplied
 * back by the level where the forecast starts. No distributional assumption; calibrated on how the
 * chosen model actually erred on this series; wider when the series is busier (for sales counts
 * the spread grows with the level, like a Poisson's).
 */
import { quantile } from "../util/index";
import type { ErrorSample, PredictionInterval } from "./types";

/** Days averaged by `recentLevel`. */
export const LEVEL_DAYS = 28;

/**
 * The recent level of a history: the mean of its last `days` values (default 28, four weeks);
 * when that is 0, the mean of the whole history; when that is 0 too, 1 (errors are then used
 * as they are). Always > 0 for a history of values >= 0.
 */
export function recentLevel(history: number[], days = LEVEL_DAYS): number {
  const mean = (a: number[]) => (a.length === 0 ? 0 : a.reduce((s, v) => s + v, 0) / a.length);
  const recent = mean(history.slice(Math.max(0, history.length - days)));
  if (recent > 0) return recent;
  const all = mean(history);
  return all > 0 ? all : 1;
}

/** The relative errors e / level of all samples on open days (nulls, the closed days, left out). */
export function relativeErrors(samples: ErrorSample[]): number[] {
  const out: number[] = [];
  for (const s of samples) for (const e of s.errors) if (e !== null) out.push(e / s.level);
  return out;
}

/**
 * Central intervals around `point`: for level L, lower_t = point_t + level·Q((1-L)/2) and
 * upper_t = point_t + level·Q((1+L)/2), with Q the empirical quantile of the relative errors
 * (`relativeErrors`) and `level` the recent level where the forecast starts. Closed days get
 * [0, 0]; with `nonNegative`, bounds are clipped at 0. Without errors the interval is the point.
 */
export function intervalsFromErrors(
  point: number[],
  samples: ErrorSample[],
  level: number,
  closed: boolean[],
  levels: number[],
  nonNegative: boolean,
): PredictionInterval[] {
  const relative = relativeErrors(samples);
  const clip = (v: number) => (nonNegative ? Math.max(0, v) : v);
  const q = (p: number) => (relative.length ? quantile(relative, p) : 0);
  return levels.map((coverage) => {
    const lo = level * q((1 - coverage) / 2);
    const hi = level * q((1 + coverage) / 2);
    return {
      level: coverage,
      lower: point.map((p, t) => (closed[t] ? 0 : clip(p + lo))),
      upper: point.map((p, t) => (closed[t] ? 0 : clip(p + hi))),
    };
  });
}

/**
 * Relative errors of `days`-day totals: for each sample and each window of `days` consecutive
 * days inside it, (sum of the daily errors, closed days counting 0) / the sample's level.
 * Windows overlap; windows of closed days only, and samples shorter than `days`, contribute none.
 */
export function relativeWindowTotalErrors(samples: ErrorSample[], days: number): number[] {
  const out: number[] = [];
  for (const s of samples) {
    for (let k = 0; k + days <= s.errors.length; k++) {
      let sum = 0;
      let open = false;
      for (let j = k; j < k + days; j++) {
        if (s.errors[j] === null) continue;
        open = true;
        sum += s.errors[j] as number;
      }
      if (open) out.push(sum / s.level);
    }
  }
  return out;
}
