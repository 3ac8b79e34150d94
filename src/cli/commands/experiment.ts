/**
 * retail-lab experiment design|assign|analyze: campaign experiments from the sample size to the
 * lift. Three commands under one word (see main.ts): each parses its options, makes one call into
 * src/pipelines/experiments or src/experiments, and prints.
 */
import { writeSync } from "fs";
import { fmtInt, fmtMoney, fmtPct } from "../../util/index";
import { tableText } from "../../display/index";
import { UserError } from "../../errors";
import {
  OUTCOME_COLUMNS, analyzeExperiment, comparisonTable, decisionSentence, evanMillerSampleSize, parseArmShares, proportionDesign,
  type AnalysisOptions, type ArmShare, type Comparison, type Design, type DesignOptions, type ExperimentResult, type MetricKind,
  type MetricSpec,
} from "../../experiments/index";
import { refuseUnsafeTarget, toCsv, writeFilesAtomic } from "../../io/index";
import {
  analyzeAssignmentInData, assignSegments, assignmentLogJson, assignmentLogPath, readAssignmentLog, readAssignmentTable, readExperimentTable, segmentDesign,
  type SegmentDesign,
} from "../../pipelines/index";
import { intOption, type Command, type OptionValues } from "../args";
import { cleanFromOptions, dataOptions } from "../data-options";

/** A decimal option (`--mde 0.01`): digits with an optional sign and point; anything else refused naming the option. */
function decimalOption(o: OptionValues, name: string): number | undefined {
  const v = o[name];
  if (v === undefined) return undefined;
  const text = String(v).trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) throw new UserError(`--${name} takes a decimal number written with a point, like 0.05; not "${v}".`);
  return Number(text);
}

/** A comma-separated option (`--metrics visit,spend`): trimmed names, none empty, none twice. */
function listOption(o: OptionValues, name: string, example: string): string[] {
  const text = String(o[name]);
  const names = text.split(",").map((s) => s.trim());
  if (names.some((n) => n === "")) throw new UserError(`--${name} takes names separated by commas, like ${example}; not "${text}".`);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new UserError(`--${name} names "${twice}" twice: list each once.`);
  return names;
}

const KINDS: readonly MetricKind[] = ["proportion", "mean"];

/** `visit,conversion:proportion,spend:mean` -> metric specs (the kind found from the values when not given). */
export function parseMetrics(o: OptionValues): MetricSpec[] {
  return listOption(o, "metrics", "visit,conversion,spend").map((item) => {
    const m = /^(.*?)(?::\s*(\w+))?$/.exec(item)!;
    const column = m[1].trim();
    if (m[2] === undefined) return { column };
    if (!KINDS.includes(m[2] as MetricKind)) throw new UserError(`--metrics: "${item}" declares the kind "${m[2]}"; a metric is column, column:proportion (0/1 values) or column:mean.`);
    return { column, kind: m[2] as MetricKind };
  });
}

/** The --alpha, --power and --ratio of a design. */
function designOptionsOf(o: OptionValues): DesignOptions {
  return { alpha: decimalOption(o, "alpha"), power: decimalOption(o, "power"), ratio: decimalOption(o, "ratio") };
}

/** A rate as points: 0.01 -> "+1.00 points". */
function pointsText(x: number): string {
  return `${x >= 0 ? "+" : ""}${(x * 100).toFixed(2)} points`;
}

/** The lines describing a design: the effect, the customers needed and the power they have. */
function designLines(d: Design, currency: string): string[] {
  const effect = d.metric === "proportion"
    ? `conversion rate ${fmtPct(d.baseline, 2)} -> ${fmtPct(d.baseline + d.mde, 2)} (MDE ${pointsText(d.mde)}, absolute); effect size (Cohen's h) ${d.effectSize.toFixed(6)}`
    : `revenue per customer ${fmtMoney(d.baseline, currency, 2)} (sd ${fmtMoney(d.sd!, currency, 2)}) -> ${fmtMoney(d.baseline + d.mde, currency, 2)} (MDE ${fmtMoney(d.mde, currency, 2)}, absolute); effect size d = MDE / sd = ${d.effectSize.toFixed(6)}`;
  return [
    effect,
    `alpha ${d.alpha} (two-sided), power ${fmtPct(d.power, 1)}, treatment:control size ratio ${d.ratio}`,
    `customers needed: ${fmtInt(d.control)} control + ${fmtInt(d.treatment)} treatment = ${fmtInt(d.total)} (the power with these: ${fmtPct(d.achievedPower, 2)})`,
  ];
}

/** What the segment's customers today can detect, in a sentence. */
function wholeSegmentLine(s: SegmentDesign, currency: string): string {
  const w = s.wholeSegment;
  const today = `today the segment has ${fmtInt(s.customersNow)} customers (RFM of all the purchases)`;
  if (w === null) return `${today}: there is no one to split`;
  const reach = w.mde === null ? "no rise of the rate up to 100%" : s.metric === "conversion" ? `a rise of ${pointsText(w.mde)}` : `a rise of ${fmtMoney(w.mde, currency, 2)} per customer`;
  const enough = s.design.total <= s.customersNow ? "enough for this MDE" : `this MDE needs ${fmtInt(s.design.total)}`;
  const split = s.design.ratio === 1 ? "split in half" : `split 1:${s.design.ratio}`;
  return `${today}, ${enough}; ${split}, they detect ${reach} at this power and level`;
}

export const experimentDesignCommand: Command = {
  name: "experiment design",
  summary: "the customers a campaign test needs: sample size and power for a conversion rate or revenue per customer (MDE absolute)",
  options: [
    { name: "metric", value: "conversion|revenue", help: "what the campaign should move (default conversion)" },
    { name: "baseline", value: "RATE", help: "the control's conversion rate, like 0.05 (without --segment)" },
    { name: "mde", value: "X", help: "the minimum detectable effect, absolute: 0.01 is one point of rate; for revenue, money per customer", required: true },
    { name: "alpha", value: "A", help: "two-sided significance level (default 0.05)" },
    { name: "power", value: "P", help: "probability of detecting the MDE (default 0.8)" },
    { name: "ratio", value: "R", help: "treatment arm size / control arm size (default 1)" },
    { name: "segment", value: "NAME", help: 'an RFM segment whose own conversion rate and revenue spread are the baseline, e.g. "At Risk"' },
    { name: "start", value: "YYYY-MM-DD", help: "with --segment: the segment as RFM saw it on this day, its purchases in the window from it (default: the last --window-days days of the data)" },
    { name: "window-days", value: "N", help: "with --segment: the campaign's window in days (default 30)" },
    { name: "currency", value: "SYMBOL", help: "currency symbol for revenue (default £)" },
    ...dataOptions({ customers: false, products: false }),
    { name: "json", help: "print the design as JSON" },
  ],
  ignored: [
    { option: "baseline", when: (o) => o.segment !== undefined, because: "--segment measures the segment's own conversion rate" },
    { option: "baseline", when: (o) => o.metric === "revenue", because: "--metric revenue takes its baseline from the segment's customers" },
    ...["start", "window-days", "input", "map"].map((option) => ({ option, when: (o: OptionValues) => o.segment === undefined, because: "without --segment the design reads no data" })),
  ],
  async run(o) {
    const metric = String(o.metric ?? "conversion");
    if (metric !== "conversion" && metric !== "revenue") throw new UserError(`--metric must be conversion or revenue, not "${metric}".`);
    const mde = decimalOption(o, "mde")!;
    const options = designOptionsOf(o);
    const currency = String(o.currency ?? "£");
    if (o.segment === undefined) {
      if (metric === "revenue") throw new UserError("A revenue design needs --segment NAME: the standard deviation of revenue per customer comes from the segment's own customers.");
      if (o.baseline === undefined) throw new UserError("A conversion design needs --baseline RATE (the control's rate, like 0.05) or --segment NAME to measure it.");
      const design = proportionDesign(decimalOption(o, "baseline")!, mde, options);
      const miller = evanMillerSampleSize(design.baseline, design.mde, design.alpha, design.power);
      if (o.json) {
        console.log(JSON.stringify({ design, evanMillerPerArm: miller }, null, 2));
        return;
      }
      for (const line of designLines(design, currency)) console.log(line);
      console.log(`Evan Miller's calculator says ${fmtInt(miller)} per arm: its formula takes the variance under no effect at the baseline alone (see the README)`);
      return;
    }
    const windowDays = intOption(o, "window-days", 30, 1, 3660);
    const { clean } = await cleanFromOptions(o);
    const s = segmentDesign(clean, String(o.segment), metric, mde, { start: o.start === undefined ? undefined : String(o.start), windowDays }, options);
    const b = s.baseline;
    if (o.json) {
      const segment = { name: b.segment, start: b.start, windowDays: b.windowDays, customers: b.customers, conversionRate: b.conversionRate, revenueMean: b.revenueMean, revenueSd: b.revenueSd };
      console.log(JSON.stringify({ segment, design: s.design, customersNow: s.customersNow, wholeSegment: s.wholeSegment }, null, 2));
      return;
    }
    console.log(
      `segment "${b.segment}": ${fmtInt(b.customers)} customers on ${b.start} (RFM of the purchases before it); in the ${fmtInt(b.windowDays)} days from ${b.start}, ` +
        `${fmtPct(b.conversionRate, 2)} of them bought, revenue per customer ${fmtMoney(b.revenueMean, currency, 2)} (sd ${fmtMoney(b.revenueSd, currency, 2)})`,
    );
    for (const line of designLines(s.design, currency)) console.log(line);
    console.log(wholeSegmentLine(s, currency));
  },
};

/** Today's date, YYYY-MM-DD (UTC): the assignment day when --date is not given. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export const experimentAssignCommand: Command = {
  name: "experiment assign",
  summary: "split RFM segments' customers into arms by a hash of experiment name + customer id (same inputs, same arms); CSV for the CRM and the assignment log",
  options: [
    ...dataOptions({ customers: true, products: false }),
    { name: "name", value: "NAME", help: "the experiment's name: it seeds every customer's hash, so another name splits independently", required: true },
    { name: "segment", value: "NAME[,NAME]", help: `the RFM segments whose customers take part, e.g. "Can't Lose Them"`, required: true },
    { name: "arms", value: "ARM:PCT,...", help: "arms and their shares in percent, adding up to 100 (default control:50,offer:50)" },
    { name: "stratify", value: "COLUMN", help: "split each segment, country, region (or a column of --customers) in the arms' shares" },
    { name: "date", value: "YYYY-MM-DD", help: "the assignment day, for the log (default today)" },
    { name: "out", value: "FILE.csv", help: "where to write customerId,segment,[stratum],arm (atomically, with the log in FILE.log.json)", required: true, output: "file" },
  ],
  async run(o) {
    const out = String(o.out);
    const logFile = assignmentLogPath(out);
    refuseUnsafeTarget(logFile);
    const arms = parseArmShares(String(o.arms ?? "control:50,offer:50"));
    const segments = listOption(o, "segment", `"Can't Lose Them,At Risk"`);
    const { dataset, clean } = await cleanFromOptions(o);
    const { table, log } = assignSegments(clean, {
      segments, experiment: String(o.name), arms, stratify: o.stratify === undefined ? undefined : String(o.stratify), date: String(o.date ?? today()), profiles: dataset.customers,
    });
    writeFilesAtomic([
      { path: out, write: (fd) => writeSync(fd, Buffer.from(toCsv(table), "utf8")) },
      { path: logFile, write: (fd) => writeSync(fd, Buffer.from(assignmentLogJson(log), "utf8")) },
    ]);
    const counts = log.arms.map((a) => `${a.arm} ${fmtInt(log.counts[a.arm])}`).join(", ");
    console.log(`wrote ${fmtInt(log.customers)} customers of ${segments.map((s) => `"${s}"`).join(", ")} to ${out}: ${counts}${log.stratify ? ` (stratified by ${log.stratify}, ${fmtInt(log.strata!.length)} strata)` : ""}`);
    console.log(`assignment log: ${logFile}`);
  },
};

/** The shares the SRM check compares the counts with, and where they came from. */
function sharesOf(o: OptionValues): { shares: ArmShare[] | undefined; from: string } {
  if (o.shares !== undefined) return { shares: parseArmShares(String(o.shares)), from: "--shares" };
  if (o.assignment !== undefined) {
    const logged = readAssignmentLog(String(o.assignment));
    if (logged) return { shares: logged, from: `the assignment log ${assignmentLogPath(String(o.assignment))}` };
  }
  return { shares: undefined, from: "equal shares" };
}

/** The analysis as the issue's JSON: arms, srm, then each comparison with its figures (no NaN: the analysis never makes one). */
export function resultJson(result: ExperimentResult): Record<string, unknown> {
  const comparison = (c: Comparison) => ({
    arm: c.arm, metric: c.metric, kind: c.kind, treatment: c.treatment, control: c.control, diff: c.diff, ci95: c.ci95, p: c.p, relativeLift: c.relativeLift,
    ...(c.cuped ? { cuped: { theta: c.cuped.theta, diff: c.cuped.diff, se: c.cuped.se, p: c.cuped.p, varianceReduction: c.cuped.varianceReduction, ci95: c.cuped.ci95, df: c.cuped.df, pHolm: c.cuped.pHolm, covariate: c.cuped.covariate } } : {}),
    se: c.se, statistic: c.statistic, df: c.df, pHolm: c.pHolm, nTreatment: c.nTreatment, nControl: c.nControl,
    ...(c.bootstrap95 ? { bootstrap95: c.bootstrap95 } : {}),
  });
  return { arms: result.arms, srm: result.srm, comparisons: result.comparisons.map(comparison) };
}

/** The analysis options shared by both inputs: control, metrics, shares, bootstrap. */
function analysisOptionsOf(o: OptionValues, metrics: MetricSpec[], shares: ArmShare[] | undefined): Omit<AnalysisOptions, "armColumn"> {
  const resamples = intOption(o, "resamples", 2000, 100, 1_000_000);
  const seed = intOption(o, "seed", 1, 0, 4294967295);
  return { control: String(o.control), metrics, shares, bootstrap: o["no-bootstrap"] ? false : { resamples, seed } };
}

/** The text report of an analysis: counts, the SRM check, the comparisons' table, a decision sentence per comparison. */
function printResult(result: ExperimentResult, sharesFrom: string, money: string[], currency: string): void {
  const total = Object.values(result.arms).reduce((a, b) => a + b, 0);
  console.log(`${fmtInt(total)} customers: ${Object.entries(result.arms).map(([arm, n]) => `${arm} ${fmtInt(n)}${arm === result.control ? " (the control)" : ""}`).join(", ")}`);
  const s = result.srm;
  console.log(
    `sample ratio: chi-square ${s.chi2.toFixed(3)} (${s.df} df) against ${sharesFrom}, p = ${Number(s.p.toPrecision(3))}: ` +
      (s.mismatch ? "MISMATCH (p < 0.001): the split did not go as designed; find out why before reading the results" : "the counts fit the design"),
  );
  console.log(`metrics: ${result.metrics.map((m) => `${m.column} (${m.kind === "proportion" ? "proportion of 0/1" : "mean"})`).join(", ")}` +
    (result.covariate ? `; CUPED on ${result.covariate}` : "") + (result.bootstrap ? `; bootstrap: ${result.bootstrap.method}, ${fmtInt(result.bootstrap.resamples)} resamples, seed ${result.bootstrap.seed}` : ""));
  const table = comparisonTable(result, { money, currency });
  console.log(tableText(table, { limit: table.height }).split("\n").slice(1).join("\n"));
  for (const c of result.comparisons) console.log(`- ${decisionSentence(c, result, { metric: c.metric, money: money.includes(c.metric), currency })}`);
}

export const experimentAnalyzeCommand: Command = {
  name: "experiment analyze",
  summary: "each arm against the control per metric: rates or means, 95% intervals, p-values (Holm over arms), CUPED, bootstrap, the sample-ratio check",
  options: [
    ...dataOptions({ customers: false, products: false }).map((s) =>
      s.name === "input" ? { ...s, value: "FILE", help: "a per-customer table (one row per customer: arm column, metric columns); with --assignment, the transactions (default: the shipped UCI data)" } : s),
    { name: "arm-column", value: "COL", help: "the column naming each customer's arm (per-customer table)" },
    { name: "control", value: "NAME", help: "the control arm", required: true },
    { name: "metrics", value: "M1,M2", help: "metric columns, each optionally :proportion (0/1) or :mean (default: proportion when every value is 0 or 1); with --assignment from conversion, revenue, orders, units", required: true },
    { name: "covariate", value: "COL", help: "a pre-period column for CUPED (per-customer table)" },
    { name: "assignment", value: "FILE.csv", help: "an assignment written by experiment assign: outcomes from the transactions of --input" },
    { name: "start", value: "YYYY-MM-DD", help: "with --assignment: the first day of the campaign's window" },
    { name: "window-days", value: "N", help: "with --assignment: the window's length in days" },
    { name: "pre-days", value: "N", help: "with --assignment: CUPED on each customer's revenue in the N days before --start" },
    { name: "shares", value: "ARM:PCT,...", help: "the design's shares for the sample-ratio check (default: the assignment log, else equal shares)" },
    { name: "resamples", value: "N", help: "bootstrap resamples for mean metrics (default 2000)" },
    { name: "seed", value: "N", help: "bootstrap seed (default 1): same seed, same intervals" },
    { name: "no-bootstrap", help: "leave the bootstrap interval out (faster)" },
    { name: "money", value: "M1,M2", help: "metrics to print as money per customer (default: revenue with --assignment)" },
    { name: "currency", value: "SYMBOL", help: "currency symbol of --money (default £)" },
    { name: "json", help: "print the analysis as JSON: arms, srm, comparisons" },
  ],
  ignored: [
    ...["start", "window-days", "pre-days", "map"].map((option) => ({ option, when: (o: OptionValues) => o.assignment === undefined, because: "only an analysis from --assignment and transactions reads it" })),
    { option: "arm-column", when: (o) => o.assignment !== undefined, because: "an assignment file's arms are in its arm column" },
    { option: "covariate", when: (o) => o.assignment !== undefined, because: "with --assignment the covariate is the revenue of the --pre-days days before --start" },
    ...["resamples", "seed"].map((option) => ({ option, when: (o: OptionValues) => o["no-bootstrap"] !== undefined, because: "--no-bootstrap leaves the bootstrap out" })),
    ...["money", "currency"].map((option) => ({ option, when: (o: OptionValues) => o.json !== undefined, because: "--json prints the numbers as they are" })),
  ],
  async run(o) {
    const metrics = parseMetrics(o);
    const { shares, from } = sharesOf(o);
    const options = analysisOptionsOf(o, metrics, shares);
    const currency = String(o.currency ?? "£");
    let result: ExperimentResult;
    let money: string[];
    if (o.assignment === undefined) {
      if (o.input === undefined) throw new UserError("retail-lab experiment analyze needs --input FILE (a per-customer table), or --assignment FILE with the transactions. See retail-lab experiment analyze --help.");
      if (o["arm-column"] === undefined) throw new UserError("An analysis of a per-customer table needs --arm-column COL: the column naming each customer's arm.");
      const armColumn = String(o["arm-column"]);
      const covariate = o.covariate === undefined ? undefined : String(o.covariate);
      const table = await readExperimentTable(String(o.input), { armColumn, metrics, covariate });
      result = analyzeExperiment(table, { ...options, armColumn, covariate });
      money = o.money === undefined ? [] : listOption(o, "money", "spend");
    } else {
      for (const needed of ["start", "window-days"]) {
        if (o[needed] === undefined) throw new UserError(`An analysis from --assignment needs --${needed}: the outcomes are the purchases in the window from --start.`);
      }
      const unknown = metrics.find((m) => !(OUTCOME_COLUMNS as readonly string[]).includes(m.column));
      if (unknown) throw new UserError(`--metrics "${unknown.column}": an analysis from --assignment measures ${OUTCOME_COLUMNS.join(", ")}.`);
      // conversion is 0/1 by definition; revenue, orders and units are means even when every customer has 0 or 1
      for (const m of metrics) m.kind ??= m.column === "conversion" ? "proportion" : "mean";
      const windowDays = intOption(o, "window-days", 30, 1, 3660);
      const preDays = o["pre-days"] === undefined ? undefined : intOption(o, "pre-days", 90, 1, 3660);
      const assignment = await readAssignmentTable(String(o.assignment));
      const { clean } = await cleanFromOptions(o);
      result = analyzeAssignmentInData(clean, assignment, { start: String(o.start), windowDays, preDays }, { ...options, covariate: preDays === undefined ? undefined : "preRevenue" });
      money = o.money === undefined ? ["revenue"] : listOption(o, "money", "revenue");
    }
    if (o.json) {
      console.log(JSON.stringify(resultJson(result), null, 2));
      return;
    }
    printResult(result, from, money, currency);
  },
};

/** The experiment commands, in the order the help lists them. */
export const EXPERIMENT_COMMANDS: Command[] = [experimentDesignCommand, experimentAssignCommand, experimentAnalyzeCommand];
