/**
 * Forecasting charts: plain plotly figures (plotly.js 3: titles as `{ text }`) built from
 * DailySeries, TradingCalendar and SeriesForecast objects. Nothing here computes a forecast.
 */
import type { Figure } from "./theme";
import { addDays, isoDayOfNumber, isoWeekday, parseIsoDay, WEEKDAY_NAMES } from "../util/index";
import { seriesDays } from "../series/index";
import { weekdayProfile } from "../series/index";
import type { DailySeries, TradingCalendar } from "../series/index";
import { meanHoldoutMase, pooledCoverage } from "../forecasts/index";
import { MODEL_NAMES, type FailedForecast, type Forecast, type ModelName, type SeriesForecast } from "../forecasts/index";

/** Colours: history, forecast, band, held-out actual, naive (Okabe-Ito, as the project palette). */
const COLOURS = { history: "#4b5563", forecast: "#0072B2", band: "rgba(0,114,178,0.18)", actual: "#D55E00", naive: "#E69F00", closed: "#CC79A7" };

const axisTitle = (text: string, extra: Record<string, unknown> = {}) => ({ title: { text }, automargin: true, ...extra });

/** The last `days` days of `series` as x (days) and y (values). */
function tail(series: DailySeries, days: number): { x: string[]; y: number[] } {
  const from = Math.max(0, series.values.length - days);
  return { x: seriesDays(series).slice(from), y: series.values.slice(from) };
}

/**
 * Traces of one forecast: the interval band at `level` (a closed polygon, upper then lower
 * reversed), then the point forecast. `axes` places them in a subplot ("x2"/"y2"...).
 */
function forecastTraces(f: Forecast, level: number, name: string, axes: { xaxis?: string; yaxis?: string } = {}, showlegend = true): Record<string, unknown>[] {
  const traces: Record<string, unknown>[] = [];
  const iv = f.intervals.find((i) => i.level === level);
  if (iv) {
    traces.push({
      type: "scatter",
      mode: "lines",
      name: `${Math.round(level * 100)}% interval`,
      x: [...f.dates, ...[...f.dates].reverse()],
      y: [...iv.upper, ...[...iv.lower].reverse()],
      fill: "toself",
      fillcolor: COLOURS.band,
      line: { width: 0 },
      hoverinfo: "skip",
      showlegend,
      ...axes,
    });
  }
  traces.push({ type: "scatter", mode: "lines", name, x: f.dates, y: f.point, line: { color: COLOURS.forecast, width: 2 }, showlegend, ...axes });
  return traces;
}

/**
 * History (the last `historyDays` days, default 84) and the forecast of the days after it, with
 * its interval band at `level` (default 0.8), for one series.
 */
export function forecastChart(history: DailySeries, result: SeriesForecast, options: { historyDays?: number; level?: number } = {}): Figure {
  const level = options.level ?? 0.8;
  const h = tail(history, options.historyDays ?? 84);
  return {
    data: [
      { type: "scatter", mode: "lines", name: "history", x: h.x, y: h.y, line: { color: COLOURS.history, width: 1.5 } },
      ...forecastTraces(result.forecast, level, `forecast (${result.forecast.model})`),
    ],
    layout: {
      title: { text: `${history.id}: ${result.forecast.dates.length}-day forecast, ${result.forecast.model}` },
      xaxis: axisTitle("day"),
      yaxis: axisTitle("value", { rangemode: "tozero" }),
      legend: { orientation: "h", y: -0.2 },
    },
  };
}

/**
 * The held-out check of one series: the end of the training window, the held-out actuals, the
 * chosen model's forecast with its band at `level`, and the seasonal naive for comparison.
 * Null when the result has no holdout.
 */
export function holdoutChart(history: DailySeries, result: SeriesForecast, options: { historyDays?: number; level?: number } = {}): Figure | null {
  const hold = result.holdout;
  if (!hold) return null;
  const level = options.level ?? 0.8;
  const train: DailySeries = { ...history, values: history.values.slice(0, history.values.length - hold.actual.length) };
  const h = tail(train, options.historyDays ?? 56);
  const naive = hold.byModel.find((b) => b.model === "seasonal-naive");
  const cover = hold.coverage.find((c) => c.level === level)?.coverage;
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? "n/a" : v.toFixed(2));
  return {
    data: [
      { type: "scatter", mode: "lines", name: "training", x: h.x, y: h.y, line: { color: COLOURS.history, width: 1.5 } },
      ...forecastTraces(hold.forecast, level, `forecast (${hold.forecast.model})`),
      ...(naive ? [{ type: "scatter", mode: "lines", name: "seasonal naive", x: hold.dates, y: naive.point, line: { color: COLOURS.naive, dash: "dash", width: 1.5 } }] : []),
      { type: "scatter", mode: "markers", name: "held-out actual", x: hold.dates, y: hold.actual, marker: { color: COLOURS.actual, size: 6 } },
    ],
    layout: {
      title: {
        text: `${history.id}: held-out ${hold.actual.length} days, MASE ${fmt(hold.metrics.mase)} (naive ${fmt(naive?.metrics.mase)}), ${Math.round(level * 100)}% coverage ${fmt(cover)}`,
      },
      xaxis: axisTitle("day"),
      yaxis: axisTitle("value", { rangemode: "tozero" }),
      legend: { orientation: "h", y: -0.2 },
    },
  };
}

/**
 * Small multiples: one panel per series (history tail + forecast + band), `columns` panels a row
 * (default 3), each titled with the series id and the model. Panels share nothing, so each has its
 * own scale.
 */
export function forecastSmallMultiplesChart(
  items: { history: DailySeries; result: SeriesForecast }[],
  options: { columns?: number; historyDays?: number; level?: number; title?: string } = {},
): Figure {
  const columns = Math.max(1, options.columns ?? 3);
  const rows = Math.max(1, Math.ceil(items.length / columns));
  const level = options.level ?? 0.8;
  const gapX = 0.06;
  const gapY = 0.1;
  const width = (1 - gapX * (columns - 1)) / columns;
  const height = (1 - gapY * (rows - 1)) / rows;
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = {
    title: { text: options.title ?? `Forecasts of ${items.length} series` },
    showlegend: false,
    height: Math.max(360, 260 * rows),
    annotations: [] as Record<string, unknown>[],
  };
  items.forEach(({ history, result }, k) => {
    const suffix = k === 0 ? "" : String(k + 1);
    const axes = { xaxis: `x${suffix}`, yaxis: `y${suffix}` };
    const col = k % columns;
    const row = Math.floor(k / columns);
    const x0 = col * (width + gapX);
    const y1 = 1 - row * (height + gapY);
    layout[`xaxis${suffix}`] = { domain: [x0, x0 + width], anchor: axes.yaxis, tickfont: { size: 9 } };
    layout[`yaxis${suffix}`] = { domain: [y1 - height, y1], anchor: axes.xaxis, rangemode: "tozero", tickfont: { size: 9 } };
    const h = tail(history, options.historyDays ?? 56);
    data.push({ type: "scatter", mode: "lines", name: "history", x: h.x, y: h.y, line: { color: COLOURS.history, width: 1 }, ...axes });
    data.push(...forecastTraces(result.forecast, level, "forecast", axes, false));
    (layout.annotations as Record<string, unknown>[]).push({
      text: `${history.id} (${result.forecast.model})`,
      x: x0 + width / 2,
      y: y1,
      xref: "paper",
      yref: "paper",
      xanchor: "center",
      yanchor: "bottom",
      showarrow: false,
      font: { size: 11 },
    });
  });
  return { data, layout };
}

/**
 * Mean held-out MASE of each model (and of the chosen forecast) over the series where all of
 * them have one, with the mean backtest MASE beside it; lower is better, 1 = the in-sample
 * seasonal naive's one-step error.
 */
export function errorByModelChart(results: (SeriesForecast | FailedForecast)[], title = "Error by model (MASE)"): Figure {
  const ok = results.filter((r): r is SeriesForecast => r.status !== "failed");
  const models = MODEL_NAMES.filter((m) => ok.some((r) => r.holdout?.byModel.some((b) => b.model === m)));
  const among: (ModelName | "chosen")[] = [...models, "chosen"];
  const holdout = among.map((m) => meanHoldoutMase(ok, m, among));
  const backtest = models.map((m) => {
    const v = ok.map((r) => r.backtest.find((b) => b.model === m)?.mase).filter((x): x is number => typeof x === "number");
    return v.length === 0 ? null : v.reduce((a, x) => a + x, 0) / v.length;
  });
  return {
    data: [
      { type: "bar", name: "backtest (training window)", x: models, y: backtest, marker: { color: "#56B4E9" } },
      { type: "bar", name: `held-out last days (${holdout[0]?.series ?? 0} series)`, x: among, y: holdout.map((h) => h.mean), marker: { color: COLOURS.forecast } },
    ],
    layout: {
      title: { text: title },
      barmode: "group",
      xaxis: axisTitle("model"),
      yaxis: axisTitle("mean MASE", { rangemode: "tozero" }),
      shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: 1, y1: 1, line: { dash: "dot", color: "#999999" } }],
      legend: { orientation: "h", y: -0.2 },
    },
  };
}

/**
 * Interval coverage on the held-out open days, pooled over series, against the nominal level:
 * a calibrated interval at 80% covers about 80% of days.
 */
export function coverageChart(results: (SeriesForecast | FailedForecast)[], levels = [0.8, 0.95]): Figure {
  const cov = levels.map((l) => pooledCoverage(results, l));
  const names = levels.map((l) => `${Math.round(l * 100)}% interval`);
  return {
    data: [
      { type: "bar", name: "observed", x: names, y: cov.map((c) => c.coverage), text: cov.map((c) => (c.coverage === null ? "" : `${(c.coverage * 100).toFixed(1)}% of ${c.days} days`)), textposition: "auto", marker: { color: COLOURS.forecast } },
      { type: "scatter", mode: "markers", name: "nominal", x: names, y: levels, marker: { symbol: "line-ew-open", size: 40, color: COLOURS.actual, line: { width: 3 } } },
    ],
    layout: {
      title: { text: "Prediction interval coverage on held-out days" },
      xaxis: axisTitle(""),
      yaxis: axisTitle("share of days inside", { range: [0, 1], tickformat: ".0%" }),
      legend: { orientation: "h", y: -0.2 },
    },
  };
}

/** Mean value per weekday (Monday first) of `series`, from `weekdayProfile`. */
export function weekdayProfileChart(series: DailySeries, valueLabel = "mean per day"): Figure {
  const rows = weekdayProfile(series).toRecords() as { name: string; mean: number; days: number }[];
  return {
    data: [{ type: "bar", x: rows.map((r) => r.name), y: rows.map((r) => r.mean), text: rows.map((r) => `${r.days} days`), marker: { color: COLOURS.forecast } }],
    layout: { title: { text: `${series.id}: weekday profile` }, xaxis: axisTitle("weekday"), yaxis: axisTitle(valueLabel, { rangemode: "tozero" }) },
  };
}

/**
 * A calendar of `shop` (one column per week, one row per weekday, colour = value) with the
 * closed days of `calendar` marked by a cross, and the closed runs listed in the title.
 */
export function closedDaysChart(shop: DailySeries, calendar: TradingCalendar): Figure {
  const first = parseIsoDay(shop.start);
  const monday = first - (isoWeekday(shop.start) - 1);
  const weeks = Math.ceil((first + shop.values.length - monday) / 7);
  const weekStarts = Array.from({ length: weeks }, (_, w) => isoDayOfNumber(monday + 7 * w));
  const z: (number | null)[][] = Array.from({ length: 7 }, () => new Array(weeks).fill(null));
  const closedX: string[] = [];
  const closedY: string[] = [];
  const closedText: string[] = [];
  const closedDates = new Set(calendar.closedDates);
  shop.values.forEach((v, i) => {
    const day = addDays(shop.start, i);
    const wd = isoWeekday(day);
    const w = Math.floor((first + i - monday) / 7);
    z[wd - 1][w] = v;
    if (calendar.closedWeekdays.includes(wd) || closedDates.has(day)) {
      closedX.push(weekStarts[w]);
      closedY.push(WEEKDAY_NAMES[wd]);
      closedText.push(day);
    }
  });
  const runs = calendar.closedRuns.map((r) => (r.days === 1 ? r.start : `${r.start}..${r.end}`)).join(", ");
  const weekdays = calendar.closedWeekdays.map((w) => WEEKDAY_NAMES[w]).join(", ") || "none";
  return {
    data: [
      { type: "heatmap", x: weekStarts, y: WEEKDAY_NAMES.slice(1), z, colorscale: "Blues", colorbar: { title: { text: shop.id } }, hoverongaps: false },
      { type: "scatter", mode: "markers", name: "closed", x: closedX, y: closedY, text: closedText, marker: { symbol: "x", color: COLOURS.closed, size: 7 }, hovertemplate: "%{text}: closed<extra></extra>" },
    ],
    layout: {
      title: { text: `Closed days. Weekdays: ${weekdays}. Closures: ${runs || "none"}` },
      xaxis: axisTitle("week starting"),
      yaxis: axisTitle("", { autorange: "reversed" }),
      showlegend: false,
    },
  };
}
