/**
 * Reading a result: per treatment arm one computed decision sentence (significant or not, the
 * size, the interval) and what it means in money for the whole segment, and the data of a
 * lift-with-interval chart as plain objects (the chart itself is drawn by the display layer).
 *
 * Which estimate: the CUPED-adjusted one when the analysis had a covariate (same target, a
 * narrower interval), else the raw one. Which p-value: Holm-adjusted when several treatment
 * arms were compared, else the raw one; the sentence says which. The 95% interval is never
 * adjusted for several arms, so with Holm it can exclude 0 while the decision says "not
 * significant": the sentence then says so.
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { fmtInt, fmtMoney, fmtPct } from "../util/index";
import type { Comparison, ExperimentResult } from "./analyze";
import type { SegmentBreakdown } from "./breakdown";

/** How to read one metric. */
export interface ReadOptions {
  /** the metric to read (a column of the analysis) */
  metric: string;
  /** significance level, 0.05 by default */
  alpha?: number;
  /** true when the metric is money per customer (revenue, spend): figures get the currency */
  money?: boolean;
  /** the currency symbol, "£" by default */
  currency?: string;
  /** customers in the whole segment, for the money it would make if all got the treatment */
  segmentSize?: number;
  /** use the CUPED estimate when there is one (true by default) */
  useCuped?: boolean;
}

/** The estimate a reading is based on. */
export interface Estimate {
  diff: number;
  ci95: [number, number];
  p: number;
  /** "CUPED" when the covariate-adjusted estimate is used */
  adjustment: "CUPED" | null;
  /** true when p is Holm-adjusted over several arms */
  holm: boolean;
  /** diff / the control's rate or mean; null when that is 0 */
  relativeLift: number | null;
}

/** One arm's reading. */
export interface ArmReading {
  arm: string;
  metric: string;
  significant: boolean;
  estimate: Estimate;
  sentence: string;
  /** diff x segment size and its interval, when a segment size was given */
  money: { customers: number; total: number; ci95: [number, number] } | null;
  moneySentence: string | null;
}

/** The estimate of a comparison: CUPED's when present and wanted, Holm's p when several arms. */
export function estimateOf(c: Comparison, arms: number, useCuped = true): Estimate {
  const holm = arms > 1;
  const relative = (diff: number) => (c.control === 0 ? null : diff / c.control);
  if (useCuped && c.cuped !== undefined) {
    const diff = c.cuped.diff;
    return { diff, ci95: c.cuped.ci95, p: holm ? c.cuped.pHolm : c.cuped.p, adjustment: "CUPED", holm, relativeLift: relative(diff) };
  }
  return { diff: c.diff, ci95: c.ci95, p: holm ? c.pHolm : c.p, adjustment: null, holm, relativeLift: c.relativeLift };
}

/**
 * A p-value as read: "p < 0.001" or "p = 0.034" (two significant digits, more when rounding would
 * put it on the other side of alpha: 0.04996 at alpha 0.05 reads "p = 0.04996", not "p = 0.05").
 */
export function fmtP(p: number, alpha = 0.05): string {
  if (p < 0.001) return "p < 0.001";
  let digits = 2;
  while (digits < 6 && p < alpha !== Number(p.toPrecision(digits)) < alpha) digits++;
  return `p = ${Number(p.toPrecision(digits))}`;
}

/** A difference with its sign: "+7.66" points for rates (the caller says "points"), "+$0.77" for money, "+0.031" otherwise. */
function signed(x: number, c: Comparison, options: ReadOptions): string {
  const sign = x > 0 ? "+" : "";
  if (c.kind === "proportion") return `${sign}${(x * 100).toFixed(2)}`;
  if (options.money) return `${sign}${fmtMoney(x, options.currency ?? "£", 2)}`;
  return `${sign}${Number(x.toPrecision(3))}`;
}

/** A level as read: "18.28%" for rates, "$1.42" for money. */
function level(x: number, c: Comparison, options: ReadOptions): string {
  if (c.kind === "proportion") return fmtPct(x, 2);
  if (options.money) return fmtMoney(x, options.currency ?? "£", 2);
  return `${Number(x.toPrecision(3))}`;
}

/**
 * The decision sentence of one comparison.
 * Example (Hillstrom, CUPED on history): "Mens E-Mail vs No E-Mail, spend per customer: +$0.77 ($1.42
 * against $0.65, +117.5% relative; 95% interval +$0.48 to +$1.05, CUPED-adjusted on history), p < 0.001
 * (Holm-adjusted over 2 arms): significant at the 5% level."
 */
export function decisionSentence(c: Comparison, result: ExperimentResult, options: ReadOptions): string {
  const arms = new Set(result.comparisons.map((x) => x.arm)).size;
  const e = estimateOf(c, arms, options.useCuped);
  const alpha = options.alpha ?? 0.05;
  const significant = e.p < alpha;
  const what = c.kind === "proportion" ? `${c.metric} rate` : `${c.metric} per customer`;
  const adjusted = e.adjustment === null ? "" : `, CUPED-adjusted on ${c.cuped!.covariate}`;
  const holm = e.holm ? ` (Holm-adjusted over ${arms} arms)` : "";
  const points = c.kind === "proportion" ? " points" : "";
  const level95 = `95% interval ${signed(e.ci95[0], c, options)} to ${signed(e.ci95[1], c, options)}${points}`;
  const lift = e.relativeLift === null ? "" : `, ${e.relativeLift >= 0 ? "+" : ""}${fmtPct(e.relativeLift, 1)} relative`;
  const at = `at the ${+(alpha * 100).toFixed(2)}% level`;
  const excludesZero = e.ci95[0] > 0 || e.ci95[1] < 0;
  const verdict = significant
    ? `significant ${at}`
    : !excludesZero
      ? `not significant ${at}: the data are consistent with no effect`
      : e.holm
        ? `not significant ${at} once adjusted for ${arms} arms, although the unadjusted interval excludes 0`
        : `not significant ${at}, although the interval excludes 0 (the pooled test and the unpooled interval differ at the margin)`;
  return (
    `${c.arm} vs ${result.control}, ${what}: ${signed(e.diff, c, options)}${points} (${level(c.treatment, c, options)} against ` +
    `${level(c.control, c, options)}${lift}; ${level95}${adjusted}), ${fmtP(e.p, alpha)}${holm}: ${verdict}.`
  );
}

/** The comparison of `arm` on `metric`, or a sentence saying which exist. */
function comparisonOf(result: ExperimentResult, arm: string, metric: string): Comparison {
  const c = result.comparisons.find((x) => x.arm === arm && x.metric === metric);
  if (c === undefined) {
    const metrics = [...new Set(result.comparisons.map((x) => x.metric))].join(", ");
    const arms = [...new Set(result.comparisons.map((x) => x.arm))].join(", ");
    throw new UserError(`There is no comparison of arm "${arm}" on metric "${metric}" (arms: ${arms}; metrics: ${metrics}).`);
  }
  return c;
}

/**
 * Every treatment arm's reading of one metric: the decision sentence and, with a segment size,
 * the money: diff x customers with the interval x customers ("if the whole segment got it").
 */
export function readResult(result: ExperimentResult, options: ReadOptions): ArmReading[] {
  const armNames = [...new Set(result.comparisons.map((x) => x.arm))];
  const size = options.segmentSize;
  if (size !== undefined && !(Number.isInteger(size) && size > 0)) throw new UserError(`The segment size must be a whole number of customers above 0, not ${size}.`);
  return armNames.map((arm) => {
    const c = comparisonOf(result, arm, options.metric);
    const e = estimateOf(c, armNames.length, options.useCuped);
    const significant = e.p < (options.alpha ?? 0.05);
    const money = size === undefined ? null : { customers: size, total: e.diff * size, ci95: [e.ci95[0] * size, e.ci95[1] * size] as [number, number] };
    return { arm, metric: options.metric, significant, estimate: e, sentence: decisionSentence(c, result, options), money, moneySentence: money && segmentSentence(money, c, options) };
  });
}

/**
 * What a difference means for the whole segment, in whole units: money with the currency,
 * rates as extra customers. Example: "Over the 64,000 customers of the segment that is +$49,269
 * (95% interval +$31,049 to +$67,489)."
 */
function segmentSentence(money: NonNullable<ArmReading["money"]>, c: Comparison, options: ReadOptions): string {
  const amount = (x: number) => (x > 0 ? "+" : "") + (c.kind === "mean" && options.money ? fmtMoney(x, options.currency ?? "£", 0) : fmtInt(x));
  const what = c.kind === "proportion" ? ` customers with ${c.metric} = 1` : options.money ? "" : ` ${c.metric}`;
  return `Over the ${fmtInt(money.customers)} customers of the segment that is ${amount(money.total)}${what} (95% interval ${amount(money.ci95[0])} to ${amount(money.ci95[1])}).`;
}

/** One bar of the lift chart: an arm's difference on a metric with its 95% interval. */
export interface LiftPoint {
  arm: string;
  metric: string;
  kind: "proportion" | "mean";
  diff: number;
  lo: number;
  hi: number;
  relativeLift: number | null;
  significant: boolean;
  adjustment: "CUPED" | null;
}

/**
 * The data of a lift-with-interval chart: per comparison (all metrics, or `metric` only) the
 * estimate and interval a reading uses. Example: one point per arm for metric "spend".
 */
export function liftChartData(result: ExperimentResult, metric?: string, alpha = 0.05, useCuped = true): LiftPoint[] {
  const arms = new Set(result.comparisons.map((x) => x.arm)).size;
  return result.comparisons
    .filter((c) => metric === undefined || c.metric === metric)
    .map((c) => {
      const e = estimateOf(c, arms, useCuped);
      return { arm: c.arm, metric: c.metric, kind: c.kind, diff: e.diff, lo: e.ci95[0], hi: e.ci95[1], relativeLift: e.relativeLift, significant: e.p < alpha, adjustment: e.adjustment };
    });
}

/** How comparisonTable writes money. */
export interface ComparisonTableOptions {
  /** metrics that are money per customer (spend, revenue): written with the currency */
  money?: string[];
  /** the currency symbol, "£" by default */
  currency?: string;
  /** significance level of fmtP's rounding, 0.05 by default */
  alpha?: number;
}

/** A p-value for a table cell: "< 0.001" or "0.034" (fmtP without the "p"). */
function pCell(p: number, alpha: number): string {
  return fmtP(p, alpha).replace(/^p (= )?/, "");
}

/**
 * Every comparison of a result as text for a person: arm, metric, the control's and treatment's
 * rate or mean, the difference and its 95% interval (rates in points, money with the currency),
 * p and Holm's p, the relative lift; with a covariate CUPED's difference, interval, Holm p and the
 * variance reduction; with the bootstrap its interval. One row per comparison, in the result's order.
 */
export function comparisonTable(result: ExperimentResult, options: ComparisonTableOptions = {}): DataFrame {
  const alpha = options.alpha ?? 0.05;
  const rows = result.comparisons.map((c) => {
    const o: ReadOptions = { metric: c.metric, money: options.money?.includes(c.metric) ?? false, currency: options.currency };
    const points = c.kind === "proportion" ? " pt" : "";
    const diff = (x: number) => `${signed(x, c, o)}${points}`;
    const interval = (ci: [number, number]) => `${signed(ci[0], c, o)} to ${signed(ci[1], c, o)}${points}`;
    const row: Record<string, string> = {
      arm: c.arm,
      metric: c.metric,
      control: level(c.control, c, o),
      treatment: level(c.treatment, c, o),
      difference: diff(c.diff),
      "95% interval": interval(c.ci95),
      p: pCell(c.p, alpha),
      "p (Holm)": pCell(c.pHolm, alpha),
      "relative lift": c.relativeLift === null ? "" : `${c.relativeLift >= 0 ? "+" : ""}${fmtPct(c.relativeLift, 1)}`,
    };
    if (c.cuped) {
      row["CUPED difference"] = diff(c.cuped.diff);
      row["CUPED 95% interval"] = interval(c.cuped.ci95);
      row["CUPED p (Holm)"] = pCell(c.cuped.pHolm, alpha);
      row["variance reduction"] = fmtPct(c.cuped.varianceReduction, 2);
    }
    if (result.bootstrap !== null) row["bootstrap 95%"] = c.bootstrap95 ? interval(c.bootstrap95) : "";
    return row;
  });
  const columns = Object.keys(rows[0] ?? { arm: "", metric: "" });
  return pl.DataFrame(Object.fromEntries(columns.map((k) => [k, rows.map((r) => r[k])])));
}

/**
 * A per-segment breakdown as one table: the segment, its customers, then its comparisons as
 * comparisonTable writes them (p-values unadjusted across segments: see the breakdown's warning).
 * Segments that were skipped have no rows (their sentences are in `skipped`).
 */
export function breakdownTable(breakdown: SegmentBreakdown, options: ComparisonTableOptions = {}): DataFrame {
  const parts = breakdown.segments
    .filter((s) => s.result !== null)
    .map((s) => {
      const t = comparisonTable(s.result!, options);
      const tagged = t.withColumns(pl.lit(s.segment).alias(breakdown.segmentColumn), pl.lit(s.customers).cast(pl.Int64).alias("customers"));
      return tagged.select(breakdown.segmentColumn, "customers", ...t.columns);
    });
  if (parts.length === 0) throw new UserError(`No ${breakdown.segmentColumn} could be analysed: ${breakdown.segments.map((s) => s.skipped).join(" ")}`);
  return pl.concat(parts);
}
