/**
 * Segment migration: how customers move between RFM segments from one snapshot to the next,
 * and the probability that a customer now in "Loyal Customers" or "Champions" is "At Risk or
 * worse" at the next snapshot.
 *
 * - A snapshot at day s is the RFM table (`rfmTable`, default segment map) of the lines up to s,
 *   measured to s + 1; scores rank customers against the others present at s.
 * - "At Risk or worse" is the set `AT_RISK_OR_WORSE` = At Risk, Can't Lose Them, Hibernating:
 *   every segment of the default map whose recency score is 1 or 2 (the 40% least recent
 *   customers), whatever their frequency.
 * - With cutoff c and horizon h: the transition matrix runs from c - h to c. The model (logistic
 *   regression, C = 1, on log1p(recency, frequency, monetary, tenure) and a Champions indicator)
 *   is trained on customers in the source segments at c - 2h with labels at c - h, checked on
 *   those at c - h with labels at c, and then scores the customers in them at c (for c + h).
 *
 * Example: a Champion at c - h who is Hibernating at c counts in the cell (Champions,
 * Hibernating); customers whose first purchase falls in (c - h, c] come from "New since last
 * snapshot".
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { float64Column, isoDayOfNumber, strings } from "../util/index";
import { dayNumberOfInput, segmentsAt, type DayInput } from "../clv/index";
import { requireBothOutcomes, scoreClassifier, type ClassifierScores } from "./evaluate";
import { BASELINE_FEATURES, churnProbabilities, fitChurnModel, type ChurnModel, type FeatureSpec } from "./model";
import { checkHorizon, purchaseDayRange, snapshotFeatures } from "./snapshot";

/** The segments that count as "At Risk or worse" (recency score 1 or 2 in the default map). */
export const AT_RISK_OR_WORSE: readonly string[] = ["At Risk", "Can't Lose Them", "Hibernating"];
/** The segments whose customers' risk of falling is scored by default. */
export const MIGRATION_SOURCES: readonly string[] = ["Loyal Customers", "Champions"];
/** The row label of customers who were not customers yet at the earlier snapshot. */
export const NEW_SINCE_LAST = "New since last snapshot";

/** The migration model's features: the churn baseline's and a Champions indicator. */
export const MIGRATION_FEATURES: readonly FeatureSpec[] = [...BASELINE_FEATURES, { column: "champion", transform: "identity" }];

/** A transition matrix between two snapshots. */
export interface TransitionMatrix {
  /** row labels: segments at the earlier snapshot (and `NEW_SINCE_LAST`), sorted */
  from: string[];
  /** column labels: segments at the later snapshot, sorted */
  to: string[];
  /** counts[i][j]: customers in from[i] then in to[j] */
  counts: number[][];
  /** counts divided by their row total */
  rowShares: number[][];
  /** the same as a long table: `fromSegment`, `toSegment`, `customers`, `rowShare`, non-zero cells only */
  table: DataFrame;
}

/**
 * The transition matrix of customers present at the later snapshot, from their segment at the
 * earlier one (`NEW_SINCE_LAST` when absent there). Example: from (A: Champions, B: At Risk) to
 * (A: Hibernating, B: At Risk, C: New Customers): cells (Champions, Hibernating) 1,
 * (At Risk, At Risk) 1, (New since last snapshot, New Customers) 1.
 */
export function transitionMatrix(earlier: DataFrame, later: DataFrame): TransitionMatrix {
  const joined = later
    .select(pl.col("customerId"), pl.col("segment").alias("toSegment"))
    .join(earlier.select(pl.col("customerId"), pl.col("segment").alias("fromSegment")), { on: "customerId", how: "left" })
    .withColumns(pl.col("fromSegment").fillNull(NEW_SINCE_LAST));
  const fromValues = strings(joined, "fromSegment");
  const toValues = strings(joined, "toSegment");
  const from = [...new Set(fromValues)].sort();
  const to = [...new Set(toValues)].sort();
  const counts = from.map(() => to.map(() => 0));
  fromValues.forEach((f, i) => counts[from.indexOf(f)][to.indexOf(toValues[i])]++);
  const rowShares = counts.map((row) => {
    const total = row.reduce((s, v) => s + v, 0);
    return row.map((v) => v / total);
  });
  const cells = from.flatMap((f, i) => to.map((t, j) => ({ f, t, n: counts[i][j], share: rowShares[i][j] }))).filter((c) => c.n > 0);
  const table = pl.DataFrame({
    fromSegment: cells.map((c) => c.f),
    toSegment: cells.map((c) => c.t),
    customers: cells.map((c) => c.n),
    rowShare: cells.map((c) => c.share),
  });
  return { from, to, counts, rowShares, table };
}

/** Options of `migrationRisk`. */
export interface MigrationOptions {
  cutoff: DayInput;
  /** h, days between snapshots; default 90 */
  horizonDays?: number;
  /** segments whose customers are scored; default Loyal Customers and Champions */
  sources?: readonly string[];
}

/** What `migrationRisk` found. */
export interface MigrationResult {
  /** the snapshot days c - 2h, c - h, c */
  snapshots: [string, string, string];
  horizonDays: number;
  sources: readonly string[];
  /** from c - h to c */
  transitions: TransitionMatrix;
  model: ChurnModel;
  trainCustomers: number;
  /** the check on the later pair (c - h -> c) */
  check: ClassifierScores;
  /**
   * Customers in the source segments at c: `customerId`, `segment`, `recency`, `frequency`,
   * `monetary`, `tenure`, `probability` (of being At Risk or worse at c + h), highest first
   * (ties by customerId).
   */
  atRisk: DataFrame;
}

/** Source-segment customers at a day with features, a Champions indicator and (if `next` is given) the label. */
function migrationRows(lines: DataFrame, day: number, h: number, segments: DataFrame, sources: readonly string[], next?: DataFrame): DataFrame {
  const inSources = segments.filter(pl.col("segment").isIn([...sources]));
  let rows = snapshotFeatures(lines, day, h)
    .join(inSources, { on: "customerId" })
    .withColumns(pl.when(pl.col("segment").eq(pl.lit("Champions"))).then(pl.lit(1)).otherwise(pl.lit(0)).cast(pl.Float64).alias("champion"));
  if (next) {
    const fell = next.select(pl.col("customerId"), pl.col("segment").isIn([...AT_RISK_OR_WORSE]).cast(pl.Float64).alias("fell"));
    rows = rows.join(fell, { on: "customerId" });
  }
  return rows.sort("customerId");
}

/** The migration analysis at a cutoff (see the file comment). */
export function migrationRisk(lines: DataFrame, options: MigrationOptions): MigrationResult {
  const h = options.horizonDays ?? 90;
  checkHorizon(h);
  const sources = options.sources ?? MIGRATION_SOURCES;
  const c = dayNumberOfInput(options.cutoff, "The cutoff");
  const { first, last } = purchaseDayRange(lines);
  if (c > last) throw new UserError(`The cutoff ${isoDayOfNumber(c)} is after the last purchase in the data (${isoDayOfNumber(last)}).`);
  if (c - 2 * h < first) {
    throw new UserError(
      `Segment migration at ${isoDayOfNumber(c)} needs snapshots at ${isoDayOfNumber(c - 2 * h)} and ${isoDayOfNumber(c - h)} (two horizons of ${h} days earlier), and the data start on ${isoDayOfNumber(first)}: choose a later cutoff or a shorter horizon.`,
    );
  }
  const days = [c - 2 * h, c - h, c];
  const [s0, s1, s2] = days.map((d) => segmentsAt(lines, d));
  const train = migrationRows(lines, days[0], h, s0, sources, s1);
  const check = migrationRows(lines, days[1], h, s1, sources, s2);
  const now = migrationRows(lines, days[2], h, s2, sources);
  if (train.height === 0 || now.height === 0) {
    throw new UserError(`No customer is in ${sources.join(" or ")} at ${isoDayOfNumber(train.height === 0 ? days[0] : days[2])}: there is no one to score.`);
  }
  const fell = `fell to ${AT_RISK_OR_WORSE.join(", ")} ${h} days later`;
  requireBothOutcomes(float64Column(train, "fell"), `Among ${sources.join(" and ")} at ${isoDayOfNumber(days[0])}`, fell);
  const model = fitChurnModel(train, MIGRATION_FEATURES, "fell");
  const checkLabels = float64Column(check, "fell");
  const scores = scoreClassifier(churnProbabilities(model, check), checkLabels, `Among ${sources.join(" and ")} at ${isoDayOfNumber(days[1])}`, fell);
  const atRisk = now
    .withColumns(pl.Series("probability", churnProbabilities(model, now)))
    .select("customerId", "segment", "recency", "frequency", "monetary", "tenure", "probability")
    .sort([pl.col("probability").mul(-1), pl.col("customerId")]);
  return {
    snapshots: days.map(isoDayOfNumber) as [string, string, string],
    horizonDays: h,
    sources,
    transitions: transitionMatrix(s1, s2),
    model,
    trainCustomers: train.height,
    check: scores,
    atRisk,
  };
}
