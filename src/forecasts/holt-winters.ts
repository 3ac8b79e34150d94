/**
 * Additive Holt-Winters (exponential smoothing with an additive, optionally damped, trend and an
 * additive season of length m). With level l, trend b, seasonal terms s and damping φ:
 *   one-step forecast  ŷ_t = l_{t-1} + φ b_{t-1} + s_{t-m}
 *   level              l_t = α (y_t - s_{t-m}) + (1-α)(l_{t-1} + φ b_{t-1})
 *   trend              b_t = β (l_t - l_{t-1}) + (1-β) φ b_{t-1}
 *   season             s_t = γ (y_t - l_t) + (1-γ) s_{t-m}
 *   h-step forecast    ŷ_{n+h} = l_n + (φ + φ² + ... + φ^h) b_n + s_{n-m+((h-1) mod m)}
 * Initial state (classical decomposition of the first two seasons): l_0 = mean of season 1,
 * b_0 = (mean of season 2 - mean of season 1) / m, s_i = y_i - l_0 for i < m.
 * α, β, γ (and φ for the damped trend) minimise the in-sample one-step SSE Σ (y_t - ŷ_t)²,
 * found by Nelder-Mead over unconstrained parameters mapped into 0 < α < 1, 0 < β < α,
 * 0 < γ < 1 - α, 0.8 <= φ <= 0.98. Without a trend, b = 0 and β is not fitted.
 */
import { nelderMead } from "./nelder-mead";

/** The smoothing parameters of an additive Holt-Winters model. */
export interface HoltWintersParameters {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/** A fitted additive Holt-Winters model: parameters, final state and in-sample fit. */
export interface HoltWintersFit extends HoltWintersParameters {
  season: number;
  trend: boolean;
  level: number;
  slope: number;
  /** The last m seasonal terms, oldest first (seasonals[i] is for day n - m + i). */
  seasonals: number[];
  sse: number;
  /** sqrt(SSE / n): the in-sample one-step root mean squared error. */
  rmse: number;
}

/** The in-sample one-step SSE and final state of additive Holt-Winters with fixed parameters. */
export function holtWintersFilter(
  y: number[],
  season: number,
  p: HoltWintersParameters,
  trend: boolean,
): { sse: number; level: number; slope: number; seasonals: number[] } {
  const m = season;
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  let level = mean(y.slice(0, m));
  let slope = trend ? (mean(y.slice(m, 2 * m)) - level) / m : 0;
  const s = y.slice(0, m).map((v) => v - level);
  const phi = trend ? p.phi : 0;
  let sse = 0;
  for (let t = 0; t < y.length; t++) {
    const seasonal = s[t % m];
    const e = y[t] - (level + phi * slope + seasonal);
    sse += e * e;
    const newLevel = p.alpha * (y[t] - seasonal) + (1 - p.alpha) * (level + phi * slope);
    slope = trend ? p.beta * (newLevel - level) + (1 - p.beta) * phi * slope : 0;
    level = newLevel;
    s[t % m] = p.gamma * (y[t] - level) + (1 - p.gamma) * seasonal;
  }
  const n = y.length;
  const seasonals = Array.from({ length: m }, (_, i) => s[(n - m + i) % m]);
  return { sse, level, slope, seasonals };
}

const logistic = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (p: number) => Math.log(p / (1 - p));

/** Parameters from the unconstrained Nelder-Mead coordinates (see the module comment for the ranges). */
function parametersFrom(z: number[], trend: boolean): HoltWintersParameters {
  const alpha = logistic(z[0]);
  const gamma = (1 - alpha) * logistic(z[1]);
  if (!trend) return { alpha, beta: 0, gamma, phi: 1 };
  return { alpha, gamma, beta: alpha * logistic(z[2]), phi: 0.8 + 0.18 * logistic(z[3]) };
}

/**
 * Additive Holt-Winters fitted to `y` by minimising the one-step SSE (see the module comment).
 * Needs at least two seasons.
 */
export function fitHoltWinters(y: number[], season: number, options: { trend?: boolean } = {}): HoltWintersFit {
  const trend = options.trend ?? true;
  if (y.length < 2 * season) throw new Error(`Holt-Winters needs ${2 * season} values, got ${y.length}`);
  // Start: alpha 0.2, gamma 0.1 of the rest, beta 0.1 of alpha, phi 0.89.
  const z0 = trend ? [logit(0.2), logit(0.1 / 0.8), logit(0.1), 0] : [logit(0.2), logit(0.1 / 0.8)];
  const best = nelderMead((z) => holtWintersFilter(y, season, parametersFrom(z, trend), trend).sse, z0, {
    step: 1,
    maxIterations: 150 * z0.length,
    tolerance: 1e-7,
  });
  const p = parametersFrom(best.x, trend);
  const state = holtWintersFilter(y, season, p, trend);
  return { ...p, season, trend, ...state, rmse: Math.sqrt(state.sse / y.length) };
}

/** The h-step forecasts h = 1..horizon of a fitted additive Holt-Winters model. */
export function holtWintersForecast(fit: HoltWintersFit, horizon: number): number[] {
  const out: number[] = [];
  let damp = 0;
  let phiPower = 1;
  for (let h = 1; h <= horizon; h++) {
    if (fit.trend) {
      phiPower *= fit.phi;
      damp += phiPower;
    }
    out.push(fit.level + damp * fit.slope + fit.seasonals[(h - 1) % fit.season]);
  }
  return out;
}
