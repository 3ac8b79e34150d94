/**
 * Campaign experiments over the shop's own data: the jobs the CLI's `experiment design|assign|analyze`
 * and notebook 08 run, each assembling loading, RFM and the experiments domain into one call.
 *
 * - segmentBaseline / segmentDesign: an RFM segment's own conversion rate and revenue per customer,
 *   measured as a backtest: the segment as RFM saw it on a start day (purchases before it only),
 *   and what its customers bought in the `windowDays` days from that day, without any campaign. By
 *   default the window is the last `windowDays` days of the data.
 * - assignSegments: the customers of RFM segments (of all the data, as the `segments` command
 *   exports them), with their country and region (and any customer-table column) to stratify by,
 *   split into arms.
 * - readExperimentTable: a per-customer table (Hillstrom's, an export of outcomes) read as text
 *   and typed column by column, every bad value refused with its file, column and row (polars'
 *   own type inference on the first rows would read Hillstrom's spend, whole numbers for many
 *   rows and then 29.99, as missing).
 * - readAssignmentTable / readAssignmentLog: an assignment written by assignSegments, read back
 *   for the analysis from transactions.
 */
import { existsSync, readFileSync } from "fs";
import pl, { type DataFrame, type Series } from "nodejs-polars";
import type { CleanData } from "../clean/index";
import { parseNumberColumn, readTable, type RawTable } from "../data/index";
import { UserError } from "../errors";
import {
  analyzeAssignment, assignArms, checkArmShares, meanDesignFromValues, meanMde, outcomesFromTransactions, proportionDesign, proportionMde, summarize,
  type AnalysisOptions, type ArmShare, type Assignment, type AssignmentLog, type DesignOptions, type Design, type DetectableEffect,
  type ExperimentResult, type MetricSpec, type OutcomeWindow,
} from "../experiments/index";
import { customerCountries, rfmTable, snapshotDate } from "../rfm/index";
import { DAY_MS, fmtInt, isoDayOfNumber, parseIsoDay, strings } from "../util/index";

/** The experiment's window: a start day and whole days from it (the start defaulting to the last days of the data). */
export interface SegmentWindow {
  /** YYYY-MM-DD; by default `windowDays` days before the day after the last purchase */
  start?: string;
  windowDays: number;
}

/** `1 day`, `30 days`. */
function fmtDays(n: number): string {
  return `${fmtInt(n)} day${n === 1 ? "" : "s"}`;
}

/** The first and last purchase days of the cleaned sales (day numbers). */
function dataDays(clean: CleanData): { first: number; last: number } {
  const last = snapshotDate(clean.sales).getTime() / DAY_MS - 1;
  const first = Math.floor(Number(clean.sales.getColumn("invoiceDate").min()) / DAY_MS);
  return { first, last };
}

/**
 * The window's start day number, checked to lie inside the data: the window's last day
 * (start + windowDays - 1) must not be after the last purchase day, nor the start before the first,
 * or the outcomes would count days the data does not have as days without purchases.
 * Example: data to 2011-12-09, windowDays 30, no start: 2011-11-10 (its 30th day is 2011-12-09).
 */
export function windowStart(clean: CleanData, window: SegmentWindow): number {
  if (!(Number.isInteger(window.windowDays) && window.windowDays > 0)) throw new UserError(`The window must be a whole number of days above 0, not ${window.windowDays}.`);
  const { first, last } = dataDays(clean);
  const start = window.start === undefined ? last + 1 - window.windowDays : parseIsoDay(window.start, "The window's start");
  const end = start + window.windowDays - 1;
  if (end > last) {
    throw new UserError(
      `The window of ${fmtDays(window.windowDays)} from ${isoDayOfNumber(start)} ends on ${isoDayOfNumber(end)}, after the last purchase day in the data ` +
        `(${isoDayOfNumber(last)}): days the data does not have would count as days without purchases; start earlier or shorten the window.`,
    );
  }
  if (start < first) {
    throw new UserError(`The window starts on ${isoDayOfNumber(start)}, before the first purchase day in the data (${isoDayOfNumber(first)}): start on or after it.`);
  }
  return start;
}

/**
 * The analysis of an assignment from the cleaned transactions (analyzeAssignment), once the
 * window is checked to lie inside the data (windowStart).
 */
export function analyzeAssignmentInData(clean: CleanData, assignment: DataFrame, window: OutcomeWindow, options: Omit<AnalysisOptions, "armColumn">): ExperimentResult {
  windowStart(clean, window);
  return analyzeAssignment(assignment, clean.customerLines, window, options);
}

/** A segment's own behaviour over a window, without a campaign (see the module comment). */
export interface SegmentBaseline {
  segment: string;
  /** the window's first day, YYYY-MM-DD: the segment is RFM's on this day */
  start: string;
  windowDays: number;
  /** the segment's customers on the start day */
  customers: number;
  /** per customer: customerId, arm ("segment"), conversion, revenue, orders, units in the window */
  outcomes: DataFrame;
  /** share of the customers who bought in the window */
  conversionRate: number;
  /** each customer's revenue in the window, in customerId order */
  revenue: Float64Array;
  /** their mean and sample standard deviation (n - 1) */
  revenueMean: number;
  revenueSd: number;
}

/** The names of the segments in an RFM table, sorted, for the sentence refusing an unknown one. */
function segmentNames(rfm: DataFrame): string[] {
  return [...new Set(strings(rfm, "segment"))].sort();
}

/**
 * The baseline of an RFM segment: its customers as RFM saw them on the window's start day (the
 * purchases before that day only, the snapshot on it) and their conversion (bought at all) and
 * revenue in the window. Example: data to 2011-12-09, "At Risk", 30 days: RFM of the purchases to
 * 2011-11-09, outcomes from 2011-11-10 to 2011-12-09.
 */
export function segmentBaseline(clean: CleanData, segment: string, window: SegmentWindow): SegmentBaseline {
  const startDay = windowStart(clean, window);
  const start = new Date(startDay * DAY_MS);
  const before = (df: DataFrame) => df.filter(pl.col("invoiceDate").lt(pl.lit(start)));
  const rfm = rfmTable(before(clean.customerLines), before(clean.sales), { snapshot: start });
  const members = rfm.filter(pl.col("segment").eq(pl.lit(segment)));
  if (members.height === 0) {
    throw new UserError(`No customer is in a segment named "${segment}" on ${isoDayOfNumber(startDay)} (RFM of the purchases before it). Segments then: ${segmentNames(rfm).join(", ")}.`);
  }
  const assignment = members.select("customerId").withColumns(pl.lit("segment").alias("arm"));
  const outcomes = outcomesFromTransactions(assignment, clean.customerLines, { start: isoDayOfNumber(startDay), windowDays: window.windowDays });
  const revenue = Float64Array.from(outcomes.getColumn("revenue").toTypedArray() as Float64Array);
  const spread = summarize(revenue);
  return {
    segment,
    start: isoDayOfNumber(startDay),
    windowDays: window.windowDays,
    customers: members.height,
    outcomes,
    conversionRate: summarize(outcomes.getColumn("conversion").toTypedArray() as Float64Array).mean,
    revenue,
    revenueMean: spread.mean,
    revenueSd: Math.sqrt(spread.variance),
  };
}

/** What a campaign on a segment can measure: the design for the MDE, and the MDE the segment's customers today give. */
export interface SegmentDesign {
  baseline: SegmentBaseline;
  metric: "conversion" | "revenue";
  design: Design;
  /** the segment's customers today (RFM of all the purchases): those a campaign would split */
  customersNow: number;
  /** the smallest effect detectable if today's customers are split control:treatment as 1:ratio; null when there are none */
  wholeSegment: DetectableEffect | null;
}

/** The customers of an RFM segment today (RFM of all the purchases, ties "min", as the `segments` export counts them). */
export function segmentSize(clean: CleanData, segment: string): number {
  return rfmTable(clean.customerLines, clean.sales).filter(pl.col("segment").eq(pl.lit(segment))).height;
}

/**
 * The design of a campaign on an RFM segment from its own baseline (segmentBaseline): for
 * "conversion" the two-proportion design at the segment's conversion rate, for "revenue" the
 * two-means design with the standard deviation of its customers' revenue; and the effect the
 * segment's customers today can detect. `mde` is absolute (points of rate, or money per customer).
 * Example: "At Risk" of the UCI data, 30 days: 283 customers on 2011-11-10, 30.4% bought; 372 today.
 */
export function segmentDesign(clean: CleanData, segment: string, metric: "conversion" | "revenue", mde: number, window: SegmentWindow, options: DesignOptions = {}): SegmentDesign {
  const baseline = segmentBaseline(clean, segment, window);
  const during = `the ${fmtDays(window.windowDays)} from ${baseline.start}`;
  const customersNow = segmentSize(clean, segment);
  const control = customersNow / (1 + (options.ratio ?? 1));
  if (metric === "conversion") {
    const rate = baseline.conversionRate;
    if (rate === 0 || rate === 1) {
      throw new UserError(`${rate === 0 ? "None" : "All"} of the ${fmtInt(baseline.customers)} "${segment}" customers bought in ${during}: a conversion rate of ${rate} gives no baseline to design on; try a longer window or another start.`);
    }
    const design = proportionDesign(rate, mde, options);
    return { baseline, metric, design, customersNow, wholeSegment: control > 0 ? proportionMde(rate, control, options) : null };
  }
  if (baseline.customers < 2) throw new UserError(`The segment "${segment}" has 1 customer on ${baseline.start}: a revenue design needs the spread of at least two.`);
  if (baseline.revenueSd === 0) {
    throw new UserError(`Every one of the ${fmtInt(baseline.customers)} "${segment}" customers spent ${baseline.revenueMean} in ${during}: revenue with no variance gives no design; try a longer window or another start.`);
  }
  const design = meanDesignFromValues(baseline.revenue, mde, options);
  return { baseline, metric, design, customersNow, wholeSegment: control > 0 ? meanMde(baseline.revenueSd, control, options) : null };
}

/** Which customers to assign and how (see assignSegments). */
export interface SegmentAssignmentOptions {
  /** the RFM segments whose customers take part, each named as rfmTable names it */
  segments: string[];
  experiment: string;
  arms: ArmShare[];
  /** segment, country, region, or a column of `profiles` */
  stratify?: string;
  /** the assignment day, YYYY-MM-DD */
  date: string;
  /** the customers table (a roster gives its customers without purchases the segment "No Orders"; its columns can stratify) */
  profiles?: DataFrame;
}

/**
 * The customers of the given RFM segments (RFM of all the purchases, ties "min", as the `segments`
 * export) with their segment, country and region (and the profile columns), split into arms by
 * assignArms. The table for the CRM: customerId, segment, the stratification column (when it
 * is not segment), arm; sorted by customerId. Example: "Can't Lose Them" of the UCI data: 37
 * customers, about half in each arm of control:50,offer:50.
 */
export function assignSegments(clean: CleanData, options: SegmentAssignmentOptions): Assignment {
  const roster = options.profiles ? strings(options.profiles.select(pl.col("customerId").cast(pl.Utf8)), "customerId") : undefined;
  const rfm = rfmTable(clean.customerLines, clean.sales, { roster });
  const names = segmentNames(rfm);
  if (options.segments.length === 0) throw new UserError("An assignment needs at least one segment.");
  for (const s of options.segments) {
    if (!names.includes(s)) throw new UserError(`No segment named "${s}". Segments in this data: ${names.join(", ")}.`);
  }
  let people = rfm.filter(pl.col("segment").isIn(options.segments)).select("customerId", "segment").join(customerCountries(clean.customerLines), { on: "customerId", how: "left" });
  if (options.profiles) {
    const extra = options.profiles.columns.filter((c) => !people.columns.includes(c) || c === "customerId");
    people = people.join(options.profiles.select(...extra).withColumns(pl.col("customerId").cast(pl.Utf8)), { on: "customerId", how: "left" });
  }
  const { table, log } = assignArms(people, { experiment: options.experiment, arms: options.arms, stratify: options.stratify, date: options.date });
  const segmentOf = new Map(strings(people, "customerId").map((id, i) => [id, strings(people, "segment")[i]]));
  const ids = strings(table, "customerId");
  const columns: Series[] = [pl.Series("customerId", ids), pl.Series("segment", ids.map((id) => segmentOf.get(id)!))];
  for (const c of table.columns.slice(1)) if (c !== "segment") columns.push(table.getColumn(c));
  return { table: pl.DataFrame(columns), log };
}

/** The assignment log's file for an assignment table's: `winback.csv` -> `winback.log.json`. */
export function assignmentLogPath(table: string): string {
  return table.replace(/(\.csv)?$/i, ".log.json");
}

/** The assignment log as the JSON written beside the table (two-space indent, a final line break). */
export function assignmentLogJson(log: AssignmentLog): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A column of a raw table, or a sentence naming the file and the columns it has. */
function rawColumn(raw: RawTable, column: string, role: string): void {
  if (!raw.df.columns.includes(column)) throw new UserError(`${raw.file} has no ${role} column "${column}" (columns: ${raw.df.columns.join(", ")}).`);
}

/** A column as trimmed text, refusing an empty value with the file, column and row. */
function textColumn(raw: RawTable, column: string, role: string): string[] {
  rawColumn(raw, column, role);
  const values = (raw.df.getColumn(column).cast(pl.Utf8).toArray() as (string | null)[]).map((v) => (v === null ? "" : v.trim()));
  const empty = values.indexOf("");
  if (empty >= 0) throw new UserError(`${raw.file}: column "${column}" is empty at row ${empty + 1}; every customer needs ${role === "arm" ? "an arm" : `a ${role}`}.`);
  return values;
}

/** What a per-customer table must hold for an analysis. */
export interface ExperimentColumns {
  armColumn: string;
  metrics: MetricSpec[];
  covariate?: string;
}

/**
 * A per-customer table typed for the analysis: the arm column as trimmed text, every metric and
 * the covariate as Float64 (parseNumberColumn: an empty or non-numeric value is refused with the
 * file, column, row and value), a metric declared "proportion" refused at its first value other
 * than 0 or 1; the other columns as they were read.
 */
export function experimentTableOf(raw: RawTable, columns: ExperimentColumns): DataFrame {
  const typed = [pl.Series(columns.armColumn, textColumn(raw, columns.armColumn, "arm"))];
  const numeric = (column: string, role: string) => {
    rawColumn(raw, column, role);
    return parseNumberColumn(raw.df.getColumn(column), { file: raw.file, column }).alias(column);
  };
  for (const m of columns.metrics) {
    const values = numeric(m.column, "metric");
    if (m.kind === "proportion") {
      const bad = (values.toArray() as number[]).findIndex((v) => v !== 0 && v !== 1);
      if (bad >= 0) throw new UserError(`${raw.file}: column "${m.column}" row ${bad + 1} has ${raw.df.getColumn(m.column).get(bad)}, but it is declared a proportion, which takes only 0 and 1.`);
    }
    typed.push(values);
  }
  if (columns.covariate !== undefined) typed.push(numeric(columns.covariate, "covariate"));
  return raw.df.withColumns(...typed);
}

/** Reads a per-customer table (text, gzip, Parquet, .xlsx) and types it for the analysis (experimentTableOf). */
export async function readExperimentTable(file: string, columns: ExperimentColumns): Promise<DataFrame> {
  return experimentTableOf(await readTable(file), columns);
}

/**
 * An assignment table read back: customerId and arm as trimmed text, each customer once (a repeated
 * id is refused with both rows: its purchases would count twice); the other columns as read.
 */
export async function readAssignmentTable(file: string): Promise<DataFrame> {
  const raw = await readTable(file);
  const ids = textColumn(raw, "customerId", "customerId");
  const arms = textColumn(raw, "arm", "arm");
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    const before = seen.get(id);
    if (before !== undefined) throw new UserError(`${file}: customerId ${id} is assigned twice (rows ${before + 1} and ${i + 1}); each customer has one arm.`);
    seen.set(id, i);
  });
  return raw.df.withColumns(pl.Series("customerId", ids), pl.Series("arm", arms));
}

/**
 * The arms and shares of the log beside an assignment table (assignmentLogPath), or null when
 * there is none; a log that does not read as one is refused with its file.
 */
export function readAssignmentLog(table: string): ArmShare[] | null {
  const file = assignmentLogPath(table);
  if (file === table || !existsSync(file)) return null;
  let log: Partial<AssignmentLog>;
  try {
    log = JSON.parse(readFileSync(file, "utf8")) as Partial<AssignmentLog>;
  } catch (e) {
    throw new UserError(`${file}: the assignment log is not valid JSON (${(e as Error).message}).`);
  }
  const arms = log.arms;
  if (!Array.isArray(arms) || !arms.every((a) => typeof a?.arm === "string" && typeof a?.share === "number")) {
    throw new UserError(`${file}: the assignment log has no "arms" list of {"arm", "share"}.`);
  }
  return checkArmShares(arms.map((a) => ({ arm: a.arm, share: a.share })));
}

