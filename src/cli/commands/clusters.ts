/**
 * retail-lab clusters: customer clusters by K-Means (the default: the elbow and silhouette figures, a seeded
 * export), Ward (the same figures per k, from one exact tree) or DBSCAN (clusters and noise at eps, minSamples).
 */
import { fmtInt, round } from "../../util/index";
import { UserError } from "../../errors";
import { writeCsv } from "../../io/index";
import { CLUSTER_METHODS, NOISE, type ClusterMethod } from "../../clusters/index";
import { CLUSTER_FEATURES, customerClusters, customerDbscan } from "../../pipelines/index";
import { decimalOption, intOption, type Command, type IgnoredOption, type OptionValues } from "../args";
import { cleanFromOptions, dataOptions } from "../data-options";

/** `recency,frequency,monetary` -> those names; unknown or repeated names are user errors. */
export function parseFeatures(text: string): string[] {
  const names = text.split(",").map((s) => s.trim());
  if (names.some((n) => n === "")) throw new UserError(`--features takes feature names separated by commas, like recency,frequency,monetary; not "${text}".`);
  const unknown = names.filter((n) => !CLUSTER_FEATURES.includes(n));
  if (unknown.length) throw new UserError(`Unknown feature${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => `"${n}"`).join(", ")}: --features takes names from ${CLUSTER_FEATURES.join(", ")}.`);
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length) throw new UserError(`--features names "${repeated[0]}" twice: list each feature once.`);
  return names;
}

/** `1..10` -> k from 1 to 10; `4` -> k = 4 only. */
export function parseK(text: string): { kMin: number; kMax: number } {
  const m = /^\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?$/.exec(text);
  const kMin = m ? Number(m[1]) : Number.NaN;
  const kMax = m ? Number(m[2] ?? m[1]) : Number.NaN;
  if (!m || kMin < 1 || kMax < kMin) throw new UserError(`--k takes a number of clusters (like 4) or a range (like 1..10) of whole numbers from 1 up; not "${text}".`);
  return { kMin, kMax };
}

/** The method given (`--method`, default kmeans); an unknown name is a user error. */
export function parseMethod(text: string): ClusterMethod {
  const method = CLUSTER_METHODS.find((m) => m === text);
  if (method === undefined) throw new UserError(`--method must be one of ${CLUSTER_METHODS.join(", ")}, not "${text}".`);
  return method;
}

/** The options only some methods read, and what the others would do with them: refused, not ignored. */
const METHOD_OPTIONS: { option: string; methods: readonly ClusterMethod[]; what: string }[] = [
  { option: "k", methods: ["kmeans", "ward"], what: "DBSCAN finds the number of clusters itself" },
  { option: "restarts", methods: ["kmeans"], what: "restarts are for the random starts of K-Means, and this method has none" },
  { option: "seed", methods: ["kmeans"], what: "the seed draws the random starts of K-Means, and this method has none" },
  { option: "eps", methods: ["dbscan"], what: "the neighbourhood radius is DBSCAN's" },
  { option: "min-samples", methods: ["dbscan"], what: "the neighbours a core point needs are DBSCAN's" },
];

/** The method named by the options, when it is a known one (unknown names are refused by `parseMethod`). */
function methodOf(o: OptionValues): ClusterMethod | undefined {
  return CLUSTER_METHODS.find((m) => m === String(o.method ?? "kmeans"));
}

const METHOD_RULES: IgnoredOption[] = METHOD_OPTIONS.flatMap(({ option, methods, what }) =>
  CLUSTER_METHODS.filter((m) => !methods.includes(m)).map((m) => ({
    option,
    when: (o: OptionValues) => methodOf(o) === m,
    because: `--method ${m} does not use it (${what})`,
  })),
);

/** JSON with one top-level key a line and, in arrays, one element a line (each element compact). */
function jsonText(value: Record<string, unknown>): string {
  const field = ([key, v]: [string, unknown]) =>
    Array.isArray(v) && v.some((x) => typeof x === "object" && x !== null)
      ? `  ${JSON.stringify(key)}: [\n${v.map((x) => `    ${JSON.stringify(x)}`).join(",\n")}\n  ]`
      : `  ${JSON.stringify(key)}: ${JSON.stringify(v)}`;
  return `{\n${Object.entries(value).map(field).join(",\n")}\n}`;
}

export const clustersCommand: Command = {
  name: "clusters",
  summary: "customer clusters by K-Means (inertia and silhouette per k, a proposed k), Ward or DBSCAN, and customerId,cluster,name",
  options: [
    ...dataOptions({ customers: false, products: false }),
    { name: "method", value: "kmeans|ward|dbscan", help: "the clustering method (default kmeans); ward: the exact Ward tree cut at each k; dbscan: dense groups and noise" },
    { name: "features", value: "A,B,...", help: `customer features to cluster on (default recency,frequency,monetary); from ${CLUSTER_FEATURES.join(", ")}` },
    { name: "k", value: "1..10|K", help: "kmeans and ward: numbers of clusters to try (default 1..10), or one k" },
    { name: "restarts", value: "N", help: "kmeans: k-means++ restarts per k, the lowest inertia kept (default 10)" },
    { name: "seed", value: "N", help: "kmeans: random seed (default 0): same seed, same clusters, same bytes" },
    { name: "eps", value: "R", help: "dbscan: neighbourhood radius in standard deviations of the prepared features (default: the knee of the min-samples-distance curve)" },
    { name: "min-samples", value: "N", help: "dbscan: points within eps, the point itself counted, that make a core point (default 2 x the number of features)" },
    { name: "json", help: "print the figures (per k, or DBSCAN's clusters and noise) and the clusters as JSON" },
    { name: "out", value: "FILE.csv", help: "write customerId,cluster,name for the chosen k (the single --k, else the proposed k), or DBSCAN's clusters (noise -1)", output: "file" },
  ],
  ignored: METHOD_RULES,
  async run(o) {
    const method = parseMethod(String(o.method ?? "kmeans"));
    const columns = parseFeatures(String(o.features ?? "recency,frequency,monetary"));
    if (method === "dbscan") return runDbscan(o, columns);
    const kText = String(o.k ?? "1..10");
    const { kMin, kMax } = parseK(kText);
    const restarts = intOption(o, "restarts", 10, 1, 1000);
    const seed = intOption(o, "seed", 0, 0, 4294967295);
    const { clean } = await cleanFromOptions(o);
    const run = customerClusters(clean, { method, columns, kMin, kMax, restarts, seed, kLabel: `--k ${kText}` });
    const { elbow: result, proposed, chosen, logged } = run;
    if (o.out) writeCsv(String(o.out), chosen.assignments);
    const nameOf = new Map(chosen.names.map((n) => [n.cluster, n.name]));
    const clusters = chosen.profiles.map((p) => ({ cluster: p.cluster, name: nameOf.get(p.cluster) ?? "", size: p.size, revenueShare: round(p.revenueShare, 4) }));
    const how = method === "ward" ? {} : { restarts, seed };
    if (o.json) {
      console.log(jsonText({
        customers: result.n,
        ...(method === "ward" ? { method } : {}),
        features: columns,
        log1p: logged,
        ...how,
        exactSilhouette: result.exactSilhouette,
        elbow: result.points.map((p) => ({ k: p.k, inertia: round(p.inertia, 3), silhouette: p.silhouette === null ? null : round(p.silhouette, 4), sizes: p.sizes })),
        proposed: { k: proposed.k, rule: proposed.rule, reason: proposed.reason },
        clusters,
        out: o.out ? String(o.out) : null,
      }));
      return;
    }
    const methodText = method === "ward" ? "Ward linkage (exact), cut at each k" : `best of ${restarts} k-means++ restarts, seed ${seed}`;
    console.log(`${fmtInt(result.n)} customers; features ${columns.join(", ")}` + (logged.length ? ` (log1p: ${logged.join(", ")})` : "") +
      `, standardised; ${methodText}; silhouettes ${result.exactSilhouette ? "exact" : "estimated on a sample"}`);
    console.log(`${"k".padStart(3)}  ${(method === "ward" ? "within SS" : "inertia").padStart(10)}  ${"silhouette".padStart(10)}  sizes`);
    for (const p of result.points) {
      console.log(`${String(p.k).padStart(3)}  ${p.inertia.toFixed(1).padStart(10)}  ${(p.silhouette === null ? "-" : p.silhouette.toFixed(3)).padStart(10)}  ${p.sizes.join(" ")}`);
    }
    console.log(kMin === kMax ? `k = ${proposed.k} (as asked)` : `proposed k = ${proposed.k}: ${proposed.reason}`);
    for (const c of clusters) console.log(clusterLine(c));
    if (o.out) console.log(`wrote ${fmtInt(chosen.assignments.height)} customers in ${chosen.k} cluster${chosen.k > 1 ? "s" : ""} to ${o.out}`);
  },
};

/** One line of the summary: number, name, size and revenue share of a cluster. */
function clusterLine(c: { cluster: number; name: string; size: number; revenueShare: number }): string {
  return `  ${String(c.cluster).padStart(2)}  ${c.name.padEnd(16)} ${fmtInt(c.size).padStart(7)} customer${c.size === 1 ? "" : "s"}, ${(c.revenueShare * 100).toFixed(1)}% of revenue`;
}

/**
 * `clusters --method dbscan`: DBSCAN at --eps and --min-samples (minSamples by default 2 x the
 * number of features, after Sander et al. 1998; eps by default the knee of the minSamples-distance
 * curve, `proposeEps`), the clusters named as K-Means clusters are, noise as -1.
 */
async function runDbscan(o: OptionValues, columns: string[]): Promise<void> {
  const minSamples = intOption(o, "min-samples", 2 * columns.length, 1, 1_000_000);
  const eps = o.eps === undefined ? undefined : decimalOption(o, "eps", 0, (x) => x > 0, "a radius greater than 0, in standard deviations of the prepared features (like 0.3)");
  const { clean } = await cleanFromOptions(o);
  const db = customerDbscan(clean, { columns, eps, minSamples });
  const { run, logged } = db;
  if (o.out) writeCsv(String(o.out), db.assignments);
  const nameOf = new Map(run.names.map((n) => [n.cluster, n.name]));
  const groups = [...run.profiles, ...(run.noiseProfile ? [run.noiseProfile] : [])]
    .map((p) => ({ cluster: p.cluster, name: p.cluster < 0 ? NOISE.name : nameOf.get(p.cluster) ?? "", size: p.size, revenueShare: round(p.revenueShare, 4) }));
  const epsReason = db.epsProposal ? db.epsProposal.reason : "eps as given";
  const customers = db.features.height;
  if (o.json) {
    console.log(jsonText({
      customers,
      method: "dbscan",
      features: columns,
      log1p: logged,
      eps: db.eps,
      minSamples,
      epsReason,
      clusters: run.clusters,
      noise: run.noise,
      core: run.core,
      sizes: run.sizes,
      silhouette: run.silhouette.value === null ? null : round(run.silhouette.value, 4),
      silhouetteOver: run.silhouette.note,
      groups,
      out: o.out ? String(o.out) : null,
    }));
    return;
  }
  console.log(`${fmtInt(customers)} customers; features ${columns.join(", ")}` + (logged.length ? ` (log1p: ${logged.join(", ")})` : "") +
    `, standardised; DBSCAN with eps = ${Number(db.eps.toPrecision(6))}, minSamples = ${minSamples} (${epsReason.replace(/\.$/, "")})`);
  console.log(`${run.clusters} cluster${run.clusters === 1 ? "" : "s"}, ${fmtInt(run.noise)} noise point${run.noise === 1 ? "" : "s"}, ${fmtInt(run.core ?? 0)} core points; sizes ${run.sizes.join(" ")}`);
  console.log(`silhouette ${run.silhouette.value === null ? "-" : run.silhouette.value.toFixed(3)} ${run.silhouette.note}`);
  for (const g of groups) console.log(clusterLine(g));
  if (o.out) console.log(`wrote ${fmtInt(customers)} customers in ${run.clusters} cluster${run.clusters === 1 ? "" : "s"} and noise (-1) to ${o.out}`);
}
