/**
 * Forecast accuracy metrics. `actual` and `forecast` are aligned arrays of the same length;
 * e_t = actual_t - forecast_t. A metric that is undefined (empty input, zero scale) is null,
 * never NaN.
 */

function checkAligned(actual: number[], forecast: number[]): void {
  if (actual.length !== forecast.length) {
    throw new Error(`actual has ${actual.length} values but forecast has ${forecast.length}`);
  }
}

/** Mean absolute error: MAE = (1/n) Σ |e_t|; null when n = 0. */
export function mae(actual: number[], forecast: number[]): number | null {
  checkAligned(actual, forecast);
  if (actual.length === 0) return null;
  return actual.reduce((a, y, i) => a + Math.abs(y - forecast[i]), 0) / actual.length;
}

/** Root mean squared error: RMSE = sqrt((1/n) Σ e_t²); null when n = 0. */
export function rmse(actual: number[], forecast: number[]): number | null {
  checkAligned(actual, forecast);
  if (actual.length === 0) return null;
  return Math.sqrt(actual.reduce((a, y, i) => a + (y - forecast[i]) ** 2, 0) / actual.length);
}

/**
 * The in-sample seasonal-naive scale of MASE: (1/(n-m)) Σ_{t=m}^{n-1} |y_t - y_{t-m}| over the
 * training window `history` (m = `lag`, 7 for daily data with a weekly season); null when the
 * history has no more than m values.
 */
export function seasonalNaiveScale(history: number[], lag = 7): number | null {
  if (history.length <= lag) return null;
  let sum = 0;
  for (let t = lag; t < history.length; t++) sum += Math.abs(history[t] - history[t - lag]);
  return sum / (history.length - lag);
}

/**
 * Mean absolute scaled error (Hyndman & Koehler 2006): MASE = MAE / scale, scale =
 * seasonalNaiveScale(history, lag). Below 1: better than the in-sample seasonal naive one step
 * ahead. Null when MAE or the scale is undefined or the scale is 0 (a constant history).
 */
export function mase(actual: number[], forecast: number[], history: number[], lag = 7): number | null {
  const error = mae(actual, forecast);
  const scale = seasonalNaiveScale(history, lag);
  if (error === null || scale === null || scale === 0) return null;
  return error / scale;
}

/**
 * Weighted absolute percentage error: WAPE = Σ |e_t| / Σ |actual_t|; null when Σ |actual_t| = 0.
 */
export function wape(actual: number[], forecast: number[]): number | null {
  checkAligned(actual, forecast);
  const total = actual.reduce((a, y) => a + Math.abs(y), 0);
  if (total === 0) return null;
  return actual.reduce((a, y, i) => a + Math.abs(y - forecast[i]), 0) / total;
}

/**
 * Interval coverage: the share of t with lower_t <= actual_t <= upper_t, counted over the t
 * where `include[t]` is true (all when omitted); null when no t counts.
 */
export function coverage(actual: number[], lower: number[], upper: number[], include?: boolean[]): number | null {
  let n = 0;
  let inside = 0;
  actual.forEach((y, t) => {
    if (include && !include[t]) return;
    n++;
    if (y >= lower[t] && y <= upper[t]) inside++;
  });
  return n === 0 ? null : inside / n;
}

/** The four accuracy metrics of one forecast (see each function for its formula). */
export interface Metrics {
  mae: number | null;
  rmse: number | null;
  mase: number | null;
  wape: number | null;
}

/** MAE, RMSE, MASE (scaled on `history`, lag `lag`) and WAPE of `forecast` against `actual`. */
export function accuracy(actual: number[], forecast: number[], history: number[], lag = 7): Metrics {
  return {
    mae: mae(actual, forecast),
    rmse: rmse(actual, forecast),
    mase: mase(actual, forecast, history, lag),
    wape: wape(actual, forecast),
  };
}
