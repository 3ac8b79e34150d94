/**
 * The analysis of an experiment: one row per customer with an arm column and metric columns
 * (an outcomes table, or a per-customer table like Hillstrom's). For every treatment arm
 * against the control and every metric:
 * - a 0/1 metric (kind "proportion", declared or found by its values): the rates, the
 *   difference with the unpooled Wald 95% interval, the pooled two-proportion z-test;
 * - any other metric (kind "mean"): the means, the difference with the Welch-Satterthwaite 95%
 *   interval, Welch's t-test, and a seeded percentile bootstrap interval beside it;
 * - the relative lift diff / control (null when the control's rate or mean is 0);
 * - with a covariate: CUPED (θ over all customers of the experiment) and Welch on Y';
 * - Holm-adjusted p-values over the treatment arms of each metric (the family: one metric's
 *   comparisons with the control; CUPED p-values adjusted as their own family);
 * and once: the arm counts and the sample-ratio-mismatch check against the design shares.
 * Formulas: ./compare, ./cuped, ./bootstrap. Bad input is refused with one sentence; no output
 * is ever NaN.
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { compareIds } from "../util/index";
import { checkArmShares, hashUnit, type ArmShare } from "./assign";
import { BOOTSTRAP_METHOD, DEFAULT_RESAMPLES, bootstrapDiffInterval } from "./bootstrap";
import { holmAdjust, srmCheck, summarize, twoProportions, welch, type DiffTest, type SrmCheck } from "./compare";
import { cupedAdjust, cupedFit, type CupedFit } from "./cuped";

/** How a metric is compared: as a rate of 0/1 values, or as a mean. */
export type MetricKind = "proportion" | "mean";

/** A metric column and, optionally, its kind (found from the values when left out). */
export interface MetricSpec {
  column: string;
  kind?: MetricKind;
}

/** Options of the analysis. */
export interface AnalysisOptions {
  /** the column naming each customer's arm */
  armColumn: string;
  /** the control arm's name */
  control: string;
  metrics: (string | MetricSpec)[];
  /** treatment arms to compare (default: every arm in the data but the control) */
  arms?: string[];
  /** a pre-period column for CUPED */
  covariate?: string;
  /** the design's shares for the SRM check (default: equal shares for the arms in the data) */
  shares?: ArmShare[];
  /** the bootstrap of mean metrics: resamples (2,000) and seed (1); false for none */
  bootstrap?: { resamples?: number; seed?: number } | false;
}

/** CUPED's result for one comparison. */
export interface CupedComparison {
  covariate: string;
  theta: number;
  diff: number;
  se: number;
  ci95: [number, number];
  df: number;
  p: number;
  pHolm: number;
  /** 1 - se'² / se²: the share of the difference's variance CUPED removed */
  varianceReduction: number;
}

/**
 * One treatment arm against the control on one metric: the DiffTest fields (diff, se, ci95,
 * statistic, df, p; se is the interval's: unpooled for proportions, Welch's for means; statistic the
 * pooled z or Welch's t; df null for proportions) and the figures around them.
 */
export interface Comparison extends DiffTest {
  arm: string;
  metric: string;
  kind: MetricKind;
  /** the treatment arm's rate or mean */
  treatment: number;
  /** the control's rate or mean */
  control: number;
  nTreatment: number;
  nControl: number;
  pHolm: number;
  /** diff / control; null when the control's rate or mean is 0 */
  relativeLift: number | null;
  /** the bootstrap 95% interval of diff (mean metrics, unless the bootstrap is off) */
  bootstrap95?: [number, number];
  cuped?: CupedComparison;
}

/** The whole analysis, the JSON the CLI prints. */
export interface ExperimentResult {
  armColumn: string;
  control: string;
  /** customers per arm: the control first, then the others in name order */
  arms: Record<string, number>;
  srm: SrmCheck;
  metrics: { column: string; kind: MetricKind }[];
  covariate: string | null;
  bootstrap: { method: string; resamples: number; seed: number } | null;
  comparisons: Comparison[];
}

/** The arm of every row, as text; an empty arm is refused with its row. */
export function armLabels(df: DataFrame, armColumn: string): string[] {
  if (!df.columns.includes(armColumn)) {
    throw new UserError(`There is no arm column "${armColumn}" (columns: ${df.columns.join(", ")}).`);
  }
  const labels = df.getColumn(armColumn).cast(pl.Utf8).toArray() as (string | null)[];
  const missing = labels.indexOf(null);
  if (missing >= 0) throw new UserError(`Column ${armColumn} has no arm at row ${missing + 1}: every customer needs one.`);
  return labels as string[];
}

/**
 * A metric or covariate column as numbers: numeric or boolean (true = 1), no gaps, all finite;
 * anything else refused with the column, row and value.
 */
export function metricValues(df: DataFrame, column: string, role = "metric"): Float64Array {
  if (!df.columns.includes(column)) throw new UserError(`There is no ${role} column "${column}" (columns: ${df.columns.join(", ")}).`);
  const s = df.getColumn(column);
  const type = String(s.dtype).replace(/^DataType\((.*)\)$/, "$1");
  if (!s.isNumeric() && type !== "Bool") throw new UserError(`The ${role} column "${column}" holds ${type}, not numbers.`);
  const floats = s.cast(pl.Float64);
  if (floats.nullCount() > 0) {
    const row = (floats.toArray() as (number | null)[]).indexOf(null);
    throw new UserError(`The ${role} column "${column}" has no value at row ${row + 1}: every customer needs a number.`);
  }
  const out = Float64Array.from(floats.toTypedArray() as Float64Array);
  const bad = out.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new UserError(`The ${role} column "${column}" has ${out[bad]} at row ${bad + 1}: every customer needs a finite number.`);
  return out;
}

/** The first row whose value is neither 0 nor 1, or -1. */
function firstNonBinary(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) if (values[i] !== 0 && values[i] !== 1) return i;
  return -1;
}

/** A metric's kind: as declared (a "proportion" must hold only 0 and 1), else proportion when it does. */
export function metricKind(values: Float64Array, spec: MetricSpec): MetricKind {
  const bad = firstNonBinary(values);
  if (spec.kind === "proportion" && bad >= 0) {
    throw new UserError(`The binary metric "${spec.column}" has ${values[bad]} at row ${bad + 1}: a proportion takes only 0 and 1.`);
  }
  return spec.kind ?? (bad < 0 ? "proportion" : "mean");
}

/** Row indices of each arm, arms in the order control first, then by name. */
function armRows(labels: string[], control: string): Map<string, number[]> {
  const rows = new Map<string, number[]>();
  labels.forEach((arm, i) => {
    const list = rows.get(arm);
    if (list) list.push(i);
    else rows.set(arm, [i]);
  });
  const names = [...rows.keys()].sort((a, b) => (a === control ? -1 : b === control ? 1 : compareIds(a, b)));
  return new Map(names.map((n) => [n, rows.get(n)!]));
}

/** The design shares checked against the arms in the data (equal shares by default). */
function designShares(arms: string[], shares: ArmShare[] | undefined, armColumn: string): ArmShare[] {
  if (shares === undefined) return arms.map((arm) => ({ arm, share: 1 / arms.length }));
  checkArmShares(shares);
  for (const arm of arms) {
    if (!shares.some((s) => s.arm === arm)) throw new UserError(`The arm "${arm}" of column ${armColumn} is not in the design's shares (${shares.map((s) => s.arm).join(", ")}).`);
  }
  for (const s of shares) {
    if (!arms.includes(s.arm)) throw new UserError(`The design's arm "${s.arm}" has no customers in column ${armColumn} (arms found: ${arms.join(", ")}).`);
  }
  return shares;
}

/** The treatment arms to compare, each present; the control present; each with at least two customers. */
function comparedArms(rows: Map<string, number[]>, options: AnalysisOptions): string[] {
  const found = [...rows.keys()];
  const list = `arms found: ${found.join(", ")}`;
  if (!rows.has(options.control)) throw new UserError(`The control arm "${options.control}" is not in column ${options.armColumn} (${list}).`);
  const arms = options.arms ?? found.filter((a) => a !== options.control);
  if (arms.length === 0) throw new UserError(`Column ${options.armColumn} has only the control arm "${options.control}": there is nothing to compare it with.`);
  for (const [i, arm] of arms.entries()) {
    if (arms.indexOf(arm) !== i) throw new UserError(`The arm "${arm}" is listed twice among the arms to compare.`);
    if (!rows.has(arm)) throw new UserError(`The arm "${arm}" is not in column ${options.armColumn} (${list}).`);
    if (arm === options.control) throw new UserError(`The arm "${arm}" is the control: it cannot be compared with itself.`);
  }
  for (const arm of [options.control, ...arms]) {
    const n = rows.get(arm)!.length;
    if (n < 2) throw new UserError(`The arm "${arm}" has ${n} customer${n === 1 ? "" : "s"}: a comparison needs at least two in every arm.`);
  }
  return arms;
}

/** The values at the given rows. */
function pick(values: ArrayLike<number>, rows: number[]): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]];
  return out;
}

/** The comparison's seed: the base seed mixed with arm and metric, so adding a metric changes no other interval. */
function comparisonSeed(seed: number, arm: string, metric: string): number {
  return Math.floor(hashUnit(`bootstrap\0${seed}`, `${arm}\0${metric}`) * 2 ** 32);
}

/** Welch's test, refusing (with the metric and arms named) two arms constant at different values. */
function welchTest(t: Float64Array, c: Float64Array, metric: string, arm: string, control: string): DiffTest {
  const st = summarize(t);
  const sc = summarize(c);
  if (st.variance === 0 && sc.variance === 0 && st.mean !== sc.mean) {
    throw new UserError(`The metric "${metric}" is constant in both arms ("${arm}" ${st.mean}, "${control}" ${sc.mean}): there is no variance to test the difference against.`);
  }
  return welch(st, sc);
}

function total(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

/** The test of one arm against the control, by the metric's kind (successes counted exactly for proportions). */
function diffTest(kind: MetricKind, t: Float64Array, c: Float64Array, metric: string, arm: string, control: string): DiffTest {
  if (kind === "proportion") return twoProportions(total(t), t.length, total(c), c.length);
  return welchTest(t, c, metric, arm, control);
}

/** Welch's squared standard error of the raw difference, the baseline of CUPED's variance reduction. */
function welchVariance(t: Float64Array, c: Float64Array): number {
  const st = summarize(t);
  const sc = summarize(c);
  return st.variance / st.n + sc.variance / sc.n;
}

/** The analysis' input as plain data: each customer's arm, metric values and covariate. */
export interface ExperimentData {
  /** the arm of every customer */
  labels: string[];
  metrics: { spec: MetricSpec; values: Float64Array }[];
  covariate: { column: string; values: Float64Array } | null;
}

/** The bootstrap settings of the options (null when off), checked. */
function bootstrapSettings(options: AnalysisOptions): { resamples: number; seed: number } | null {
  if (options.bootstrap === false) return null;
  const boot = { resamples: options.bootstrap?.resamples ?? DEFAULT_RESAMPLES, seed: options.bootstrap?.seed ?? 1 };
  if (!(Number.isInteger(boot.resamples) && boot.resamples >= 100)) {
    throw new UserError(`The bootstrap needs a whole number of at least 100 resamples, not ${boot.resamples}.`);
  }
  return boot;
}

/** The covariate, refused when it has no variance (CUPED would divide by 0). */
function checkedCovariate(covariate: ExperimentData["covariate"]): ExperimentData["covariate"] {
  if (covariate !== null && summarize(covariate.values).variance === 0) {
    throw new UserError(`The covariate "${covariate.column}" has the same value (${covariate.values[0]}) for every customer: it has no variance to adjust with.`);
  }
  return covariate;
}

/** What one metric's comparisons share: its values, kind, the arms' rows, the CUPED-adjusted values. */
interface MetricContext {
  spec: MetricSpec;
  kind: MetricKind;
  y: Float64Array;
  rows: Map<string, number[]>;
  control: string;
  covariate: string | null;
  fit: CupedFit | null;
  adjusted: Float64Array | null;
  boot: { resamples: number; seed: number } | null;
}

/** CUPED's comparison of one arm: Welch on Y', and the share of the raw variance it removed. */
function cupedComparison(m: MetricContext, arm: string, yt: Float64Array, yc: Float64Array): CupedComparison {
  const c = welchTest(pick(m.adjusted!, m.rows.get(arm)!), pick(m.adjusted!, m.rows.get(m.control)!), `${m.spec.column}, CUPED-adjusted`, arm, m.control);
  const raw = welchVariance(yt, yc);
  return {
    covariate: m.covariate!,
    theta: m.fit!.theta,
    diff: c.diff,
    se: c.se,
    ci95: c.ci95,
    df: c.df ?? 0,
    p: c.p,
    pHolm: c.p,
    // raw = 0 only for a metric constant in both arms at one value, where CUPED has nothing to remove
    varianceReduction: raw === 0 ? 0 : 1 - (c.se * c.se) / raw,
  };
}

/** One arm against the control on one metric (pHolm filled in later, over the metric's arms). */
function compareArm(m: MetricContext, arm: string): Comparison {
  const yt = pick(m.y, m.rows.get(arm)!);
  const yc = pick(m.y, m.rows.get(m.control)!);
  const test = diffTest(m.kind, yt, yc, m.spec.column, arm, m.control);
  const control = total(yc) / yc.length;
  const comparison: Comparison = {
    arm,
    metric: m.spec.column,
    kind: m.kind,
    treatment: total(yt) / yt.length,
    control,
    nTreatment: yt.length,
    nControl: yc.length,
    ...test,
    pHolm: test.p,
    relativeLift: control === 0 ? null : test.diff / control,
  };
  if (m.kind === "mean" && m.boot !== null) comparison.bootstrap95 = bootstrapDiffInterval(yt, yc, m.boot.resamples, comparisonSeed(m.boot.seed, arm, m.spec.column));
  if (m.fit !== null) comparison.cuped = cupedComparison(m, arm, yt, yc);
  return comparison;
}

/** Holm's adjustment over one metric's comparisons, for the raw and the CUPED p-values. */
function withHolm(comparisons: Comparison[]): Comparison[] {
  holmAdjust(comparisons.map((c) => c.p)).forEach((p, i) => (comparisons[i].pHolm = p));
  if (comparisons.every((c) => c.cuped !== undefined)) holmAdjust(comparisons.map((c) => c.cuped!.p)).forEach((p, i) => (comparisons[i].cuped!.pHolm = p));
  return comparisons;
}

/**
 * Analyses an experiment given as plain data (what analyzeExperiment reads from a table; the
 * simulations call it directly). See the module comment.
 */
export function analyzeData(data: ExperimentData, options: AnalysisOptions): ExperimentResult {
  const rows = armRows(data.labels, options.control);
  const arms = comparedArms(rows, options);
  const counts: Record<string, number> = {};
  for (const [arm, r] of rows) counts[arm] = r.length;
  const srm = srmCheck(counts, designShares([...rows.keys()], options.shares, options.armColumn));
  if (data.metrics.length === 0) throw new UserError("The analysis needs at least one metric column.");
  const covariate = checkedCovariate(data.covariate);
  const boot = bootstrapSettings(options);
  const byMetric = data.metrics.map(({ spec, values: y }) => {
    const fit = covariate === null ? null : cupedFit(y, covariate.values);
    const context: MetricContext = {
      spec,
      kind: metricKind(y, spec),
      y,
      rows,
      control: options.control,
      covariate: covariate?.column ?? null,
      fit,
      adjusted: fit === null ? null : cupedAdjust(y, covariate!.values, fit),
      boot,
    };
    return { column: spec.column, kind: context.kind, comparisons: withHolm(arms.map((arm) => compareArm(context, arm))) };
  });
  return {
    armColumn: options.armColumn,
    control: options.control,
    arms: counts,
    srm,
    metrics: byMetric.map(({ column, kind }) => ({ column, kind })),
    covariate: covariate?.column ?? null,
    bootstrap: boot === null ? null : { method: BOOTSTRAP_METHOD, ...boot },
    // arm-major order: every metric of the first arm, then the next arm
    comparisons: arms.flatMap((_, a) => byMetric.map((m) => m.comparisons[a])),
  };
}

/**
 * The columns of a table as the analysis' plain data: the arm labels, each metric's values
 * (numeric or boolean, no gaps, finite), the covariate's.
 */
export function experimentData(df: DataFrame, options: AnalysisOptions): ExperimentData {
  const labels = armLabels(df, options.armColumn);
  const metrics = options.metrics.map((m) => {
    const spec = typeof m === "string" ? { column: m } : m;
    return { spec, values: metricValues(df, spec.column) };
  });
  const covariate = options.covariate === undefined ? null : { column: options.covariate, values: metricValues(df, options.covariate, "covariate") };
  return { labels, metrics, covariate };
}

/**
 * Analyses an experiment table: one row per customer, an arm column and metric columns (see the
 * module comment). The CLI's analyze and the notebook's analysis step are this one call.
 * Example: arms A (control) with conversions [0, 1, 0, 0] and B with [1, 1, 0, 1]: rates 0.25
 * and 0.75, diff 0.5, Wald interval 0.5 ± 1.959964 √(0.1875/4 + 0.1875/4) = [-0.1001, 1.1001].
 */
export function analyzeExperiment(df: DataFrame, options: AnalysisOptions): ExperimentResult {
  return analyzeData(experimentData(df, options), options);
}
