/** retail-lab clusters: K-Means customer clusters, the elbow and silhouette figures, and a seeded export. */
import { fmtInt, round } from "../../util/index";
import { UserError } from "../../errors";
import { writeCsv } from "../../io/index";
import { CLUSTER_FEATURES, customerClusters } from "../../pipelines/index";
import { intOption, type Command } from "../args";
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
  summary: "K-Means customer clusters: inertia and silhouette per k (the elbow), a proposed k, and customerId,cluster,name",
  options: [
    ...dataOptions({ customers: false, products: false }),
    { name: "features", value: "A,B,...", help: `customer features to cluster on (default recency,frequency,monetary); from ${CLUSTER_FEATURES.join(", ")}` },
    { name: "k", value: "1..10|K", help: "numbers of clusters to try (default 1..10), or one k" },
    { name: "restarts", value: "N", help: "k-means++ restarts per k, the lowest inertia kept (default 10)" },
    { name: "seed", value: "N", help: "random seed (default 0): same seed, same clusters, same bytes" },
    { name: "json", help: "print the figures per k, the proposed k and the clusters as JSON" },
    { name: "out", value: "FILE.csv", help: "write customerId,cluster,name for the chosen k (the single --k, else the proposed k)", output: "file" },
  ],
  async run(o) {
    const columns = parseFeatures(String(o.features ?? "recency,frequency,monetary"));
    const kText = String(o.k ?? "1..10");
    const { kMin, kMax } = parseK(kText);
    const restarts = intOption(o, "restarts", 10, 1, 1000);
    const seed = intOption(o, "seed", 0, 0, 4294967295);
    const { clean } = await cleanFromOptions(o);
    const run = customerClusters(clean, { columns, kMin, kMax, restarts, seed, kLabel: `--k ${kText}` });
    const { elbow: result, proposed, chosen, logged } = run;
    if (o.out) writeCsv(String(o.out), chosen.assignments);
    const nameOf = new Map(chosen.names.map((n) => [n.cluster, n.name]));
    const profiles = chosen.profiles;
    const clusters = profiles.map((p) => ({ cluster: p.cluster, name: nameOf.get(p.cluster) ?? "", size: p.size, revenueShare: round(p.revenueShare, 4) }));
    if (o.json) {
      console.log(jsonText({
        customers: result.n,
        features: columns,
        log1p: logged,
        restarts,
        seed,
        exactSilhouette: result.exactSilhouette,
        elbow: result.points.map((p) => ({ k: p.k, inertia: round(p.inertia, 3), silhouette: p.silhouette === null ? null : round(p.silhouette, 4), sizes: p.sizes })),
        proposed: { k: proposed.k, rule: proposed.rule, reason: proposed.reason },
        clusters,
        out: o.out ? String(o.out) : null,
      }));
      return;
    }
    console.log(`${fmtInt(result.n)} customers; features ${columns.join(", ")}` + (logged.length ? ` (log1p: ${logged.join(", ")})` : "") +
      `, standardised; best of ${restarts} k-means++ restarts, seed ${seed}; silhouettes ${result.exactSilhouette ? "exact" : "estimated on a sample"}`);
    console.log(`${"k".padStart(3)}  ${"inertia".padStart(10)}  ${"silhouette".padStart(10)}  sizes`);
    for (const p of result.points) {
      console.log(`${String(p.k).padStart(3)}  ${p.inertia.toFixed(1).padStart(10)}  ${(p.silhouette === null ? "-" : p.silhouette.toFixed(3)).padStart(10)}  ${p.sizes.join(" ")}`);
    }
    console.log(kMin === kMax ? `k = ${proposed.k} (as asked)` : `proposed k = ${proposed.k}: ${proposed.reason}`);
    for (const c of clusters) console.log(`  ${String(c.cluster).padStart(2)}  ${c.name.padEnd(16)} ${fmtInt(c.size).padStart(7)} customer${c.size === 1 ? "" : "s"}, ${(c.revenueShare * 100).toFixed(1)}% of revenue`);
    if (o.out) console.log(`wrote ${fmtInt(chosen.assignments.height)} customers in ${chosen.k} cluster${chosen.k > 1 ? "s" : ""} to ${o.out}`);
  },
};
