/**
 * Exploration helpers for daily series: weekly and yearly shape, trend, and how regular a
 * product's demand is. Profiles are polars frames (sorted) for display in a notebook.
 */
import pl from "nodejs-polars";
import type { DataFrame } from "nodejs-polars";
import { seriesFrame } from "./daily";
import { closedMask } from "./closed";
import { ALWAYS_OPEN, type DailySeries, type TradingCalendar } from "./types";
import { numbers, strings, WEEKDAY_NAMES } from "../util/index";

/**
 * The weekly shape of `series`: one row per ISO weekday present (1 = Monday ... 7 = Sunday),
 * columns `weekday`, `name`, `days` (how many of that weekday), `mean` (mean value on that weekday),
 * `share` (that weekday's total / the series total; 0 when the total is 0). Sorted by weekday.
 */
export function weekdayProfile(series: DailySeries): DataFrame {
  const total = series.values.reduce((a, v) => a + v, 0);
  const profile = seriesFrame(series)
    .withColumns(pl.col("date").date.weekday().cast(pl.Int32).alias("weekday"))
    .groupBy("weekday")
    .agg(
      pl.len().cast(pl.Int32).alias("days"),
      pl.col("value").mean().alias("mean"),
      pl.col("value").sum().alias("sum"),
    )
    .sort("weekday");
  const names = (profile.getColumn("weekday").toArray() as number[]).map((w) => WEEKDAY_NAMES[w]);
  return profile
    .withColumns(
      pl.Series("name", names),
      (total === 0 ? pl.lit(0) : pl.col("sum").div(total)).cast(pl.Float64).alias("share"),
    )
    .select("weekday", "name", "days", "mean", "share");
}

/**
 * Monthly totals of `series`: columns `month` ("YYYY-MM"), `days` (days of the month in the
 * series; the first and last months may be partial), `total`, `meanPerDay` (= total / days).
 * Sorted by month.
 */
export function monthlyTotals(series: DailySeries): DataFrame {
  return seriesFrame(series)
    .withColumns(pl.col("date").date.strftime("%Y-%m").alias("month"))
    .groupBy("month")
    .agg(pl.len().cast(pl.Int32).alias("days"), pl.col("value").sum().alias("total"))
    .withColumns(pl.col("total").div(pl.col("days")).alias("meanPerDay"))
    .sort("month");
}

/**
 * The rows of `monthlyTotals(series)` whose month the series covers whole (its `days` equal the
 * days of that calendar month): a series that starts or stops inside a month leaves that month
 * out, so totals compare like with like. Sorted by month.
 * Example: 2011-01-30 to 2011-03-01 -> February only (January has 2 of 31 days, March 1 of 31).
 */
export function completeMonthlyTotals(series: DailySeries): DataFrame {
  const totals = monthlyTotals(series);
  const days = numbers(totals, "days");
  const whole = strings(totals, "month").map((m, i) => {
    const [y, mo] = m.split("-").map(Number);
    return days[i] === new Date(Date.UTC(y, mo, 0)).getUTCDate(); // day 0 of the next month: this month's last day
  });
  return totals.filter(pl.Series("whole", whole, pl.Bool));
}

/**
 * The yearly shape of `series`: one row per calendar month present (1..12), columns `month`,
 * `days`, `meanPerDay` (mean daily value over every day of that month in any year) and `index`
 * (meanPerDay / the mean daily value of the whole series; 1 = an average month, 0 if the series
 * mean is 0). Sorted by month. With one year of history this is that year's monthly shape.
 */
export function monthOfYearProfile(series: DailySeries): DataFrame {
  const n = series.values.length;
  const overall = n === 0 ? 0 : series.values.reduce((a, v) => a + v, 0) / n;
  return seriesFrame(series)
    .withColumns(pl.col("date").date.month().cast(pl.Int32).alias("month"))
    .groupBy("month")
    .agg(pl.len().cast(pl.Int32).alias("days"), pl.col("value").mean().alias("meanPerDay"))
    .withColumns((overall === 0 ? pl.lit(0) : pl.col("meanPerDay").div(overall)).cast(pl.Float64).alias("index"))
    .sort("month");
}

/**
 * Trailing moving average: out[i] = mean(values[i-window+1 .. i]); null for the first
 * window-1 days, where the window is not full.
 */
export function movingAverage(values: number[], window: number): (number | null)[] {
  const w = Math.max(1, Math.floor(window));
  const out: (number | null)[] = [];
  let sum = 0;
  values.forEach((v, i) => {
    sum += v;
    if (i >= w) sum -= values[i - w];
    out.push(i >= w - 1 ? sum / w : null);
  });
  return out;
}

/**
 * The trend of `series`: frame `date`, `value`, `trend` (the trailing `window`-day moving
 * average, default 28 days = 4 weeks, which averages out the weekly pattern; null until the
 * window is full).
 */
export function trendFrame(series: DailySeries, window = 28): DataFrame {
  return seriesFrame(series).withColumns(pl.Series("trend", movingAverage(series.values, window), pl.Float64));
}

/**
 * Syntetos-Boylan demand classes: "smooth" (regular, little size variation), "erratic" (regular
 * but sizes vary a lot), "intermittent" (many days without demand, sizes steady), "lumpy" (both),
 * and "too-short" when there is too little history to tell.
 */
export type DemandClass = "smooth" | "erratic" | "intermittent" | "lumpy" | "too-short";

/** The Syntetos-Boylan-Croston (2005) cut-offs: ADI 1.32 days, CV² 0.49. */
export const DEMAND_CLASS_CUTOFFS = { adi: 1.32, cv2: 0.49 } as const;

/** How regular a series' demand is (see `classifyDemand`). */
export interface DemandProfile {
  id: string;
  /** Open days in the history (closed days of the calendar are not counted). */
  openDays: number;
  /** Open days with demand > 0. */
  demandDays: number;
  /** Average inter-demand interval: openDays / demandDays (null when demandDays = 0). */
  adi: number | null;
  /** Squared coefficient of variation of the non-zero demand sizes: (population sd / mean)² (null when demandDays = 0). */
  cv2: number | null;
  class: DemandClass;
}

/**
 * The demand class of `series` on the open days of `calendar`: ADI = openDays / demandDays,
 * CV² = (sd / mean)² of the non-zero values; smooth when ADI < 1.32 and CV² < 0.49, erratic when
 * ADI < 1.32 and CV² >= 0.49, intermittent when ADI >= 1.32 and CV² < 0.49, lumpy otherwise.
 * "too-short" when there are fewer than `minOpenDays` open days (default 28, four weeks) or
 * fewer than 2 days with demand: ADI and CV² mean little there.
 */
export function classifyDemand(
  series: DailySeries,
  calendar: TradingCalendar = ALWAYS_OPEN,
  minOpenDays = 28,
): DemandProfile {
  const closed = closedMask(calendar, series.start, series.values.length);
  const open = series.values.filter((_, i) => !closed[i]);
  const sizes = open.filter((v) => v > 0);
  const mean = sizes.reduce((a, v) => a + v, 0) / (sizes.length || 1);
  const variance = sizes.reduce((a, v) => a + (v - mean) ** 2, 0) / (sizes.length || 1);
  const adi = sizes.length > 0 ? open.length / sizes.length : null;
  const cv2 = sizes.length > 0 ? variance / (mean * mean) : null;
  let cls: DemandClass;
  if (open.length < minOpenDays || sizes.length < 2 || adi === null || cv2 === null) cls = "too-short";
  else if (adi < DEMAND_CLASS_CUTOFFS.adi) cls = cv2 < DEMAND_CLASS_CUTOFFS.cv2 ? "smooth" : "erratic";
  else cls = cv2 < DEMAND_CLASS_CUTOFFS.cv2 ? "intermittent" : "lumpy";
  return { id: series.id, openDays: open.length, demandDays: sizes.length, adi, cv2, class: cls };
}

/** `classifyDemand` of each series as a frame (columns as DemandProfile), sorted by id. */
export function demandClassFrame(series: DailySeries[], calendar: TradingCalendar = ALWAYS_OPEN): DataFrame {
  const rows = series.map((s) => classifyDemand(s, calendar)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return pl.DataFrame({
    id: rows.map((r) => r.id),
    openDays: rows.map((r) => r.openDays),
    demandDays: rows.map((r) => r.demandDays),
    adi: pl.Series("adi", rows.map((r) => r.adi), pl.Float64),
    cv2: pl.Series("cv2", rows.map((r) => r.cv2), pl.Float64),
    class: rows.map((r) => r.class),
  });
}

/**
 * The closures of `calendar` as a frame for display: one row per closed run (`start`, `end`,
 * `days`, kind "closure"), then one row per closed weekday (`start` = `end` = its name, `days`
 * null, kind "weekly"). Runs sorted by start.
 */
export function closedDaysFrame(calendar: TradingCalendar): DataFrame {
  const runs = [...calendar.closedRuns].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const weekly = calendar.closedWeekdays.map((w) => WEEKDAY_NAMES[w] as string);
  return pl.DataFrame({
    kind: [...runs.map(() => "closure"), ...weekly.map(() => "weekly")],
    start: [...runs.map((r) => r.start), ...weekly],
    end: [...runs.map((r) => r.end), ...weekly],
    days: pl.Series("days", [...runs.map((r) => r.days), ...weekly.map(() => null)], pl.Int32),
  });
}

/**
 * Weekly shape of several series side by side, for a heatmap: `z[i][d]` = the share of series
 * i's total sold on ISO weekday d + 1 (Monday first; 0 on weekdays without any value), so
 * products of different volumes compare. Rows in the order given.
 */
export function weekdayShareMatrix(series: DailySeries[]): { ids: string[]; weekdays: string[]; z: number[][] } {
  const weekdays = WEEKDAY_NAMES.slice(1) as string[];
  const z = series.map((s) => {
    const row = new Array<number>(7).fill(0);
    const p = weekdayProfile(s).toRecords() as { weekday: number; share: number }[];
    for (const r of p) row[Number(r.weekday) - 1] = Number(r.share);
    return row;
  });
  return { ids: series.map((s) => s.id), weekdays, z };
}
