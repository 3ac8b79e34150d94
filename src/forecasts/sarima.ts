/**
 * SARIMA through the `arima` package (a WASM build of ctsa). Every model instance is created,
 * used and destroyed inside one function call, so WASM memory does not grow with the number of
 * series, and the instance type (not exported by the package) never leaks into a declaration.
 * Fitting uses exact maximum likelihood with the Nelder-Mead optimiser (optimizer 0): the
 * package's default L-BFGS was seen to diverge silently (see /work/shared/notes/stack.md), and
 * every result is sanity-checked by the caller anyway.
 */
import ARIMA from "arima";

/** A SARIMA order (p,d,q)(P,D,Q)m; the season length m is given separately. */
export interface SarimaOrder {
  p: number;
  d: number;
  q: number;
  P: number;
  D: number;
  Q: number;
}

/** The default order: (1,0,1)(1,1,1)m. */
export const DEFAULT_SARIMA_ORDER: SarimaOrder = { p: 1, d: 0, q: 1, P: 1, D: 1, Q: 1 };

/** The orders tried by `selectSarimaOrder`: seasonal differencing once, small AR/MA terms. */
export const SARIMA_ORDER_CANDIDATES: SarimaOrder[] = [
  { p: 1, d: 0, q: 0, P: 0, D: 1, Q: 1 },
  { p: 0, d: 0, q: 1, P: 0, D: 1, Q: 1 },
  { p: 1, d: 0, q: 1, P: 0, D: 1, Q: 1 },
  { p: 2, d: 0, q: 1, P: 0, D: 1, Q: 1 },
  { p: 1, d: 0, q: 1, P: 1, D: 1, Q: 1 },
];

/** "(p,d,q)(P,D,Q)m" */
export function formatOrder(order: SarimaOrder, season: number): string {
  return `(${order.p},${order.d},${order.q})(${order.P},${order.D},${order.Q})${season}`;
}

/** The fewest values the package accepts for `order` with season `season` (its own rule). */
export function sarimaMinLength(order: SarimaOrder, season: number): number {
  return order.d + season * order.D + Math.max(order.p + order.q, 2 * season, 10);
}

/** Point forecasts and forecast error variances of a SARIMA fit. */
export interface SarimaForecast {
  point: number[];
  /** Variance of the h-step forecast error; variance[0] is the innovation variance σ². */
  variance: number[];
  /** What the native code printed while fitting (e.g. "non-stationary AR part"), trimmed. */
  messages: string[];
}

/**
 * Runs `fn` with process.stdout and process.stderr writes captured instead of printed: the
 * native code prints warnings such as "non-stationary AR part" straight to the console, which
 * would flood a notebook. The captured text is returned (one entry per distinct line).
 */
export function withCapturedOutput<T>(fn: () => T): { value: T; messages: string[] } {
  const captured: string[] = [];
  const out = process.stdout.write;
  const err = process.stderr.write;
  const capture = ((chunk: unknown) => {
    captured.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = capture;
  process.stderr.write = capture;
  try {
    return { value: fn(), messages: distinctLines(captured.join("")) };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

/**
 * Why the native messages of a fit disqualify it, or null: ctsa prints "non-stationary AR part"
 * when the estimated AR polynomial has a root inside the unit circle; with d = 0 the forecasts
 * then drift without bound (on the Online Retail top-100 products, such fits had a median
 * held-out MASE of 4.6 against 0.86 for the others).
 */
export function nativeMessageProblem(messages: string[]): string | null {
  const hit = messages.find((m) => /non-stationary/i.test(m));
  return hit ? `the fit is not stationary (native message: ${hit})` : null;
}

/** The distinct non-empty lines of `text`, trimmed ("Warning : " prefixes split into lines too). */
function distinctLines(text: string): string[] {
  const lines = text
    .split(/\n|(?=Warning : )/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return [...new Set(lines)];
}

/**
 * Fits SARIMA `order` with season `season` to `y` (exact ML, Nelder-Mead) and forecasts
 * `horizon` steps. Throws when the package refuses the series (too short).
 */
export function sarimaForecast(y: number[], season: number, order: SarimaOrder, horizon: number): SarimaForecast {
  const model = new ARIMA({ ...order, s: season, method: 0, optimizer: 0, verbose: false });
  try {
    const { value, messages } = withCapturedOutput(() => {
      model.train(y);
      return model.predict(horizon);
    });
    return { point: Array.from(value[0]), variance: Array.from(value[1]), messages };
  } finally {
    model.destroy();
  }
}

/**
 * Akaike's information criterion from the innovation variance, AIC = n ln σ² + 2(k + 1), with n
 * the values left after differencing (len - d - m·D) and k = p + q + P + Q coefficients (+1 for
 * σ²); the constant n(1 + ln 2π) is dropped, so only differences between orders with the same
 * differencing mean anything. Null when σ² is not a positive finite number.
 */
export function sarimaAic(sigma2: number, length: number, order: SarimaOrder, season: number): number | null {
  if (!(sigma2 > 0) || !Number.isFinite(sigma2)) return null;
  const n = length - order.d - season * order.D;
  const k = order.p + order.q + order.P + order.Q;
  return n * Math.log(sigma2) + 2 * (k + 1);
}

/** One candidate of an order search: its AIC, or why it was rejected. */
export interface OrderTrial {
  order: SarimaOrder;
  aic: number | null;
  rejected?: string;
}

/**
 * The SARIMA order with the lowest AIC among `candidates` fitted to `y` (a small grid search,
 * much faster than the package's auto mode, which took about 2 s on one year of days). Orders
 * are compared only within the same differencing (d, D) as the first candidate, as AIC requires;
 * a candidate whose fit throws, has a non-finite σ², prints a non-stationarity warning, or whose
 * `horizon`-step forecast fails `isSane` is rejected. Returns all trials, and null as the order when every candidate failed.
 */
export function selectSarimaOrder(
  y: number[],
  season: number,
  horizon: number,
  isSane: (point: number[], sigma: number) => boolean,
  candidates: SarimaOrder[] = SARIMA_ORDER_CANDIDATES,
  fit: (order: SarimaOrder) => SarimaForecast = (order) => sarimaForecast(y, season, order, horizon),
): { order: SarimaOrder | null; trials: OrderTrial[] } {
  const trials: OrderTrial[] = [];
  const ref = candidates[0];
  for (const order of candidates) {
    if (order.d !== ref.d || order.D !== ref.D) continue;
    if (y.length < sarimaMinLength(order, season)) {
      trials.push({ order, aic: null, rejected: "series too short" });
      continue;
    }
    try {
      const f = fit(order);
      const aic = sarimaAic(f.variance[0], y.length, order, season);
      const native = nativeMessageProblem(f.messages);
      if (aic === null) trials.push({ order, aic, rejected: "innovation variance not finite" });
      else if (native !== null) trials.push({ order, aic, rejected: native });
      else if (!isSane(f.point, Math.sqrt(f.variance[0]))) trials.push({ order, aic, rejected: "failed the sanity check" });
      else trials.push({ order, aic });
    } catch (e) {
      trials.push({ order, aic: null, rejected: `fit failed: ${(e as Error).message}` });
    }
  }
  let best: OrderTrial | null = null;
  for (const t of trials) if (!t.rejected && t.aic !== null && (best === null || t.aic < (best.aic as number))) best = t;
  return { order: best ? best.order : null, trials };
}
