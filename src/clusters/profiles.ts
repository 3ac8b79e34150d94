/** Describing clusters of customers: sizes, revenue, typical values, and names derived from them. */
import pl from "nodejs-polars";
import type { DataFrame, Series } from "nodejs-polars";
import { UserError } from "../errors";
import { fmtInt, fmtMoney, fmtPct, moneySum, moneyTotal } from "../util/index";

/** One cluster described by `clusterProfiles`. */
export interface ClusterProfile {
  cluster: number;
  /** Number of customers. */
  size: number;
  /** size / number of customers. */
  sizeShare: number;
  /** The cluster's sum of the revenue column / the sum over all customers (0 when that is 0). */
  revenueShare: number;
  /** Mean of each feature over the cluster's customers. */
  mean: Record<string, number>;
  /** Median of each feature over the cluster's customers. */
  median: Record<string, number>;
}

/** Options of `clusterProfiles`. */
export interface ClusterProfilesOptions {
  /** Column summed for the revenue share. Default "monetary". */
  revenueColumn?: string;
  /** Features described. Default: every numeric column. */
  columns?: readonly string[];
}

const NUMERIC = new Set(["Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64", "Float32", "Float64"]);

/** Names of the numeric columns of a DataFrame. */
function numericColumns(df: DataFrame): string[] {
  return df.columns.filter((c) => NUMERIC.has(String(df.getColumn(c).dtype.variant)));
}

/**
 * Per cluster: size, share of customers, share of revenue (sum of `revenueColumn` in the cluster /
 * total), and mean and median of each feature. `features` has one row per customer and `labels`
 * the cluster of each row, in the same order. Sorted by cluster number.
 */
export function clusterProfiles(
  features: DataFrame,
  labels: readonly number[],
  options: ClusterProfilesOptions = {},
): ClusterProfile[] {
  const { revenueColumn = "monetary" } = options;
  if (labels.length !== features.height) {
    throw new UserError(
      `There are ${labels.length} labels for ${features.height} customers: give one cluster per row of the features table.`,
    );
  }
  if (!features.columns.includes(revenueColumn)) {
    throw new UserError(
      `The features table has no revenue column "${revenueColumn}": pass revenueColumn (columns: ${features.columns.join(", ")}).`,
    );
  }
  const columns = options.columns ?? numericColumns(features);
  for (const c of columns) {
    if (!features.columns.includes(c)) {
      throw new UserError(`The features table has no column "${c}": its columns are ${features.columns.join(", ")}.`);
    }
  }
  const total = moneyTotal(features, revenueColumn);
  const withLabels = features.withColumns(pl.Series("__cluster", [...labels], pl.Int32));
  const table = withLabels
    .groupBy("__cluster")
    .agg(
      pl.len().alias("__size"),
      moneySum(pl.col(revenueColumn).cast(pl.Float64)).alias("__revenue"),
      ...columns.map((c) => pl.col(c).cast(pl.Float64).mean().alias(`__mean_${c}`)),
      ...columns.map((c) => pl.col(c).cast(pl.Float64).median().alias(`__median_${c}`)),
    )
    .sort("__cluster");
  const rows = table.toRecords() as Record<string, number>[];
  return rows.map((row) => ({
    cluster: Number(row["__cluster"]),
    size: Number(row["__size"]),
    sizeShare: Number(row["__size"]) / features.height,
    revenueShare: total !== 0 ? row["__revenue"] / total : 0,
    mean: Object.fromEntries(columns.map((c) => [c, row[`__mean_${c}`]])),
    median: Object.fromEntries(columns.map((c) => [c, row[`__median_${c}`]])),
  }));
}

/**
 * The profiles as a table for display: cluster, name (when given, indexed by cluster number),
 * size, sizeShare, revenueShare, then `mean <feature>` and `median <feature>` columns.
 */
export function profilesTable(profiles: readonly ClusterProfile[], names?: readonly Pick<ClusterName, "cluster" | "name" | "play">[]): DataFrame {
  const byCluster = new Map((names ?? []).map((x) => [x.cluster, x]));
  const features = profiles.length > 0 ? Object.keys(profiles[0].mean) : [];
  const series: Series[] = [pl.Series("cluster", profiles.map((p) => p.cluster), pl.Int32)];
  if (names !== undefined) {
    series.push(pl.Series("name", profiles.map((p) => byCluster.get(p.cluster)?.name ?? ""), pl.Utf8));
    series.push(pl.Series("play", profiles.map((p) => byCluster.get(p.cluster)?.play ?? ""), pl.Utf8));
  }
  series.push(pl.Series("size", profiles.map((p) => p.size), pl.Int32));
  series.push(pl.Series("sizeShare", profiles.map((p) => p.sizeShare), pl.Float64));
  series.push(pl.Series("revenueShare", profiles.map((p) => p.revenueShare), pl.Float64));
  for (const f of features) series.push(pl.Series(`mean ${f}`, profiles.map((p) => p.mean[f]), pl.Float64));
  for (const f of features) series.push(pl.Series(`median ${f}`, profiles.map((p) => p.median[f]), pl.Float64));
  return pl.DataFrame(series);
}

/** A cluster's name and the marketing play that goes with it (`nameClusters`). */
export interface ClusterName {
  cluster: number;
  name: string;
  play: string;
  /** Rank score of recency in [0, 1]: 1 for the most recent cluster (lowest mean recency). */
  recencyScore: number;
  /** Rank score of frequency in [0, 1]: 1 for the highest mean frequency. */
  frequencyScore: number;
  /** Rank score of monetary in [0, 1]: 1 for the highest mean monetary. */
  monetaryScore: number;
}

/** The segment names `nameClusters` can give, each with its marketing play. */
export const CLUSTER_PLAYS = {
  VIP: "Reward and retain: early access, loyalty perks, personal service; no discounts needed.",
  Loyal: "Grow the basket: cross-sell and upsell, invite to the loyalty programme.",
  Promising: "Build the habit: second-purchase incentive, welcome series, recommendations.",
  "At risk": "Win back now: personalised reminder and a time-limited offer before they lapse.",
  Hibernating: "Reactivate cheaply: seasonal campaigns and bestseller recommendations.",
  Inactive: "Spend little: occasional newsletter; leave out of costly campaigns.",
  "All customers": "One segment: treat everyone alike, or try a larger k.",
} as const;

/** A segment name of `CLUSTER_PLAYS`. */
export type ClusterPlayName = keyof typeof CLUSTER_PLAYS;

/** Options of `nameClusters`: the feature names holding recency, frequency and monetary. */
export interface NameClustersOptions {
  recency?: string;
  frequency?: string;
  monetary?: string;
}

/**
 * Rank scores in [0, 1] of values: (rank - 1) / (count - 1), rank 1 for the smallest, ties sharing
 * their average rank; 1 for a single value.
 */
function rankScores(values: readonly number[]): number[] {
  const n = values.length;
  if (n === 1) return [1];
  return values.map((v) => {
    let below = 0;
    let equal = 0;
    for (const w of values) {
      if (w < v) below++;
      else if (w === v) equal++;
    }
    return (below + (equal - 1) / 2) / (n - 1);
  });
}

/**
 * Names every cluster from the ranks of its mean recency, frequency and monetary among the
 * clusters (never by hand), with the marketing play of `CLUSTER_PLAYS`:
 * - scores R (1 = most recent), F and M (1 = highest) are rank scores in [0, 1];
 * - the cluster with the highest R + F + M is "VIP", the one with the lowest is "Inactive"
 *   (ties: the lower cluster number is VIP, the higher is Inactive);
 * - each other cluster is "Loyal" if (F + M) / 2 >= 0.5 and R >= 0.5, "At risk" if
 *   (F + M) / 2 >= 0.5 and R < 0.5, "Promising" if (F + M) / 2 < 0.5 and R >= 0.5, else
 *   "Hibernating";
 * - a name given to several clusters is numbered "Loyal 1", "Loyal 2", ... by decreasing R + F + M.
 * A single cluster is "All customers". Deterministic: depends only on the profiles.
 */
export function nameClusters(profiles: readonly ClusterProfile[], options: NameClustersOptions = {}): ClusterName[] {
  const { recency = "recency", frequency = "frequency", monetary = "monetary" } = options;
  if (profiles.length === 0) return [];
  for (const f of [recency, frequency, monetary]) {
    if (!(f in profiles[0].mean)) {
      throw new UserError(
        `The profiles have no feature "${f}": profile recency, frequency and monetary, or name the columns to use.`,
      );
    }
  }
  const k = profiles.length;
  const r = rankScores(profiles.map((p) => -p.mean[recency]));
  const f = rankScores(profiles.map((p) => p.mean[frequency]));
  const m = rankScores(profiles.map((p) => p.mean[monetary]));
  const total = profiles.map((_, i) => r[i] + f[i] + m[i]);
  // Clusters by decreasing total, ties by cluster number.
  const byTotal = profiles
    .map((_, i) => i)
    .sort((a, b) => total[b] - total[a] || profiles[a].cluster - profiles[b].cluster);
  const base: ClusterPlayName[] = profiles.map((_, i) => {
    if (k === 1) return "All customers";
    if (i === byTotal[0]) return "VIP";
    if (i === byTotal[k - 1]) return "Inactive";
    const value = (f[i] + m[i]) / 2;
    if (value >= 0.5) return r[i] >= 0.5 ? "Loyal" : "At risk";
    return r[i] >= 0.5 ? "Promising" : "Hibernating";
  });
  const names = base.map((x) => x as string);
  for (const segment of new Set(base)) {
    const members = byTotal.filter((i) => base[i] === segment);
    if (members.length > 1) members.forEach((i, rank) => (names[i] = `${segment} ${rank + 1}`));
  }
  return profiles.map((p, i) => ({
    cluster: p.cluster,
    name: names[i],
    play: CLUSTER_PLAYS[base[i]],
    recencyScore: r[i],
    frequencyScore: f[i],
    monetaryScore: m[i],
  }));
}

/**
 * One sentence per named cluster, in the order of `names`: its name and number, size and share of
 * customers, share of revenue, median recency, frequency and monetary (money with `currency`),
 * and its play. A name whose cluster has no profile is refused (a caller's bug). Works for
 * DBSCAN's noise too: give it a name with cluster -1 and profile it as cluster -1.
 *
 * Example: { cluster: 1, name: "VIP", play: "Reward." } with a profile of 3 customers of 5 (60%),
 * 85.7% of revenue, medians 20 days, 3 orders, 50 -> "**VIP** (cluster 1): 3 customers (60.0%)
 * bringing 85.7% of revenue; median 20 days since the last order, 3 orders, £50 spent. Play: Reward."
 */
export function clusterSummaries(
  profiles: readonly ClusterProfile[],
  names: readonly Pick<ClusterName, "cluster" | "name" | "play">[],
  currency = "£",
): string[] {
  return names.map((n) => {
    const p = profiles.find((x) => x.cluster === n.cluster);
    if (p === undefined) throw new RangeError(`cluster ${n.cluster} has no profile`);
    return `**${n.name}** (cluster ${n.cluster}): ${fmtInt(p.size)} customer${p.size === 1 ? "" : "s"} (${fmtPct(p.sizeShare)}) bringing ${fmtPct(p.revenueShare)} of revenue; ` +
      `median ${fmtInt(p.median.recency)} day${p.median.recency === 1 ? "" : "s"} since the last order, ${fmtInt(p.median.frequency)} order${p.median.frequency === 1 ? "" : "s"}, ${fmtMoney(p.median.monetary, currency)} spent. Play: ${n.play.replace(/\.$/, "")}.`;
  });
}
