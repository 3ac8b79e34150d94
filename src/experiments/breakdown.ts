/**
 * Per-segment breakdowns: the same analysis within each value of a segment column (channel,
 * country, RFM segment), with the warning that many segments make many tests. Each segment is
 * analysed on its own customers (CUPED's θ fitted within it); a segment where an arm has fewer
 * than two customers is listed as skipped with the reason, never dropped silently.
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { compareIds, fmtInt } from "../util/index";
import { analyzeExperiment, armLabels, type AnalysisOptions, type ExperimentResult } from "./analyze";

/** One segment's analysis, or why there is none. */
export interface SegmentResult {
  segment: string;
  customers: number;
  result: ExperimentResult | null;
  /** the sentence saying why the segment was not analysed */
  skipped: string | null;
}

/** The breakdown and its multiple-comparisons warning. */
export interface SegmentBreakdown {
  segmentColumn: string;
  segments: SegmentResult[];
  /** p-values computed across all analysed segments (comparisons x segments) */
  tests: number;
  warning: string;
}

/**
 * The warning for `tests` unadjusted tests at level alpha: how many would look significant by
 * chance alone. Example: 12 tests at 5%: "about 0.6 would".
 */
export function multipleComparisonsWarning(tests: number, segments: number, alpha = 0.05): string {
  const chance = tests * alpha;
  return (
    `${fmtInt(segments)} segments x their comparisons make ${fmtInt(tests)} tests: at the ${+(alpha * 100).toFixed(2)}% level about ` +
    `${chance < 10 ? chance.toFixed(1) : fmtInt(chance)} of them would look significant by chance alone even if the campaign did nothing anywhere. ` +
    "The p-values are not adjusted across segments: treat a segment's result as a hypothesis for its own test, not as a finding."
  );
}

/**
 * The analysis within each segment (segments sorted by name), with the warning.
 * Example: Hillstrom by channel (Phone, Web, Multichannel): 3 segments x 2 arms x 3 metrics = 18 tests.
 */
export function segmentBreakdown(df: DataFrame, options: AnalysisOptions, segmentColumn: string): SegmentBreakdown {
  armLabels(df, options.armColumn); // the arm column is checked before any segment
  if (!df.columns.includes(segmentColumn)) {
    throw new UserError(`There is no segment column "${segmentColumn}" (columns: ${df.columns.join(", ")}).`);
  }
  const values = df.getColumn(segmentColumn).cast(pl.Utf8).toArray() as (string | null)[];
  const missing = values.indexOf(null);
  if (missing >= 0) throw new UserError(`Column ${segmentColumn} has no segment at row ${missing + 1}: every customer needs one for a breakdown.`);
  const tagged = df.withColumns(pl.Series("__segment", values as string[]));
  // the arms of the whole table, so every segment makes the same comparisons
  const arms = options.arms ?? [...new Set(armLabels(df, options.armColumn))].filter((a) => a !== options.control).sort(compareIds);
  const segments: SegmentResult[] = [];
  for (const segment of [...new Set(values as string[])].sort(compareIds)) {
    const part = tagged.filter(pl.col("__segment").eq(pl.lit(segment))).drop("__segment");
    const labels = armLabels(part, options.armColumn);
    const short = [options.control, ...arms].map((arm) => ({ arm, n: labels.filter((l) => l === arm).length })).find((a) => a.n < 2);
    if (short !== undefined) {
      const skipped = `${segmentColumn} ${segment}: the arm "${short.arm}" has ${short.n} customer${short.n === 1 ? "" : "s"} there, and a comparison needs at least two in every arm.`;
      segments.push({ segment, customers: part.height, result: null, skipped });
    } else {
      segments.push({ segment, customers: part.height, result: analyzeExperiment(part, { ...options, arms }), skipped: null });
    }
  }
  const analysed = segments.filter((s) => s.result !== null);
  const tests = analysed.reduce((n, s) => n + s.result!.comparisons.length, 0);
  return { segmentColumn, segments, tests, warning: multipleComparisonsWarning(tests, analysed.length) };
}
