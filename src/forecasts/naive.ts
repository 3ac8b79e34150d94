/**
 * Seasonal naive forecast, the baseline every model must beat: each future day repeats the same
 * position of the last observed season, f_{n+h} = y_{n - m + ((h-1) mod m)} for h = 1, 2, ...
 * (m = season length; with a weekly season, "same weekday last week").
 */
export function seasonalNaive(history: number[], season: number, horizon: number): number[] {
  if (history.length < season) throw new Error(`seasonal naive needs ${season} values, got ${history.length}`);
  const last = history.length - season;
  return Array.from({ length: horizon }, (_, h) => history[last + (h % season)]);
}

/**
 * The in-sample one-step error of the seasonal naive: sqrt(mean (y_t - y_{t-m})²) over
 * t = m..n-1; null when n <= m. Used as the yardstick of "sane" residuals of other models.
 */
export function seasonalNaiveRmse(history: number[], season: number): number | null {
  if (history.length <= season) return null;
  let sum = 0;
  for (let t = season; t < history.length; t++) sum += (history[t] - history[t - season]) ** 2;
  return Math.sqrt(sum / (history.length - season));
}
