/**
 * Ward and DBSCAN benchmark: wall times of Ward (k = 5, the whole tree then the cut), DBSCAN and
 * the k-distances (k = 10) on
 * 1. the 4,338 UCI Online Retail customers;
 * 2. generated shops (src/generate, 180-day window) with about 10,000 and 100,000 customers who
 *    ordered (their prepared features are cached as CSV in the temp folder after the first run);
 * all on log1p(recency, frequency, monetary) standardised (`clusterPoints`). Beside each figure,
 * scikit-learn's time on the same features, measured in the same run by bench/hclust_peer.py
 * under /usr/bin/python3 (skipped with a note when it is missing), and the ratio ours / theirs.
 * Ward's peak memory is measured in a child process per size (it should grow like n, not n^2).
 * Times are the best of a few runs after a warm-up, wall and CPU (the CPU time is the steadier
 * on a machine shared with other work).
 * Run from the project root: node_modules/.bin/tsx bench/hclust.ts. Prints figures only.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { loadavg, tmpdir } from "os";
import { join } from "path";
import { cleanTransactions } from "../src/clean/clean";
import { clusterPoints, dbscan, kDistances, proposeEps, wardClusters } from "../src/clusters/index";
import { DEFAULT_DATA_FILE } from "../src/data/default";
import { loadDataset } from "../src/data/load";
import { customerFeatures } from "../src/features/index";
import { generateDataset, generatedFrames } from "../src/generate/index";
import { fmtInt } from "../src/util/index";

const RFM = ["recency", "frequency", "monetary"];
const PYTHON = "/usr/bin/python3";
const PEER = join(__dirname, "hclust_peer.py");

/**
 * Best wall time of `repeats` runs of f after one warm-up run, in seconds, with the CPU time
 * (user + system) of that run: on a machine shared with other work the CPU time is the steadier.
 */
function bestOf<T>(repeats: number, f: () => T): { seconds: number; cpu: number; value: T } {
  let seconds = Infinity;
  let cpu = Infinity;
  let value = f();
  for (let r = 0; r < repeats; r++) {
    const c = process.cpuUsage();
    const t = performance.now();
    value = f();
    const wall = (performance.now() - t) / 1000;
    const used = process.cpuUsage(c);
    if (wall < seconds) {
      seconds = wall;
      cpu = (used.user + used.system) / 1e6;
    }
  }
  return { seconds, cpu, value };
}

function writePoints(file: string, points: readonly (readonly number[])[]): void {
  writeFileSync(file, [RFM.join(","), ...points.map((p) => p.map(String).join(","))].join("\n") + "\n");
}

function readPoints(file: string): number[][] {
  return readFileSync(file, "utf8").trim().split("\n").slice(1).map((line) => line.split(",").map(Number));
}

/** Child mode: Ward on the points of a CSV, printing its time and the peak memory it added. */
if (process.argv[2] === "--ward-memory") {
  const points = readPoints(process.argv[3]);
  global.gc?.();
  const before = process.resourceUsage().maxRSS / 1024;
  const start = performance.now();
  wardClusters(points, { kMin: 5 });
  const seconds = (performance.now() - start) / 1000;
  console.log(JSON.stringify({ seconds, beforeMb: before, peakMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

/** The UCI customers' prepared points. */
function uciPoints(): number[][] {
  const clean = cleanTransactions(loadDataset({ transactions: DEFAULT_DATA_FILE }).transactions);
  return clusterPoints(customerFeatures(clean.customerLines, clean.returns), RFM);
}

/** Prepared points of a generated shop with `customers` profiles (about 85% of them order), cached as CSV. */
function generatedPoints(rows: number, customers: number): { file: string; points: number[][] } {
  const file = join(tmpdir(), `retail-lab-bench-hclust-${rows}-${customers}.csv`);
  if (!existsSync(file)) {
    const frames = generatedFrames(generateDataset({ rows, seed: 1, customers, days: 180 }));
    const clean = cleanTransactions(frames.transactions);
    const points = clusterPoints(customerFeatures(clean.customerLines, clean.returns), RFM);
    writePoints(`${file}.tmp`, points);
    spawnSync("mv", [`${file}.tmp`, file]);
  }
  return { file, points: readPoints(file) };
}

interface PeerResult {
  versions: Record<string, string>;
  ward?: { seconds: number; cpu: number; sizes: number[]; peakRssMb: number; rssBeforeMb: number } | { skipped: string };
  dbscan: { eps: number; minSamples: number; seconds: number; cpu: number; clusters: number; noise: number; sizes: number[] }[];
  kDistance?: { seconds: number; cpu: number };
}

/** scikit-learn's times on the same features, or the reason there are none. */
function peer(file: string, job: Record<string, unknown>): PeerResult | string {
  if (!existsSync(PYTHON)) return `${PYTHON} not found: no scikit-learn peer`;
  const dir = mkdtempSync(join(tmpdir(), "retail-lab-hclust-peer-"));
  try {
    writeFileSync(join(dir, "job.json"), JSON.stringify(job));
    const r = spawnSync(PYTHON, [PEER, file, join(dir, "job.json")], { encoding: "utf8", maxBuffer: 1 << 26 });
    if (r.status !== 0) return `the scikit-learn peer failed: ${(r.stderr || "").trim().split("\n").pop()}`;
    return JSON.parse(r.stdout) as PeerResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Ward's time and added peak memory, in a fresh process. */
function wardMemory(file: string): { seconds: number; beforeMb: number; peakMb: number } | string {
  const r = spawnSync(join(__dirname, "..", "node_modules", ".bin", "tsx"), [__filename, "--ward-memory", file], { encoding: "utf8" });
  if (r.status !== 0) return `failed: ${r.stderr.trim().split("\n").pop()}`;
  return JSON.parse(r.stdout.trim().split("\n").pop() as string);
}

const s = (x: number) => `${x.toFixed(3)} s`;
type Timed = { seconds: number; cpu: number };
const t = (x: Timed) => `${s(x.seconds)} (cpu ${s(x.cpu)})`;
const vs = (ours: Timed, theirs: Timed | undefined) =>
  theirs === undefined ? "" : `; scikit-learn ${t(theirs)}; ours / theirs ${(ours.seconds / theirs.seconds).toFixed(2)} (cpu ${(ours.cpu / theirs.cpu).toFixed(2)})`;

function benchmark(name: string, file: string, points: number[][], repeats: number): void {
  const n = points.length;
  console.log(`\n${name}: ${fmtInt(n)} customers`);
  const minSamples = 2 * RFM.length;
  const knee = proposeEps(kDistances(points, minSamples), minSamples);
  const settings: [number, number][] = [[0.3, 10], [Number(knee.eps.toPrecision(3)), minSamples]];
  const theirs = peer(file, { wardK: 5, dbscan: settings, kDistance: 10, repeats });
  const sk = typeof theirs === "string" ? undefined : theirs;
  if (typeof theirs === "string") console.log(`  (${theirs})`);
  else console.log(`  peer: scikit-learn ${theirs.versions["scikit-learn"]}, scipy ${theirs.versions.scipy}, best of ${repeats}`);

  const ward = bestOf(repeats, () => wardClusters(points, { kMin: 5 }));
  const skWard = sk?.ward !== undefined && "seconds" in sk.ward ? sk.ward : undefined;
  const same = skWard ? (skWard.sizes.join(" ") === ward.value.cuts[0].sizes.join(" ") ? ", same sizes" : ", SIZES DIFFER") : "";
  console.log(`  Ward k = 5: ${t(ward)}${vs(ward, skWard)}${same}; sizes ${ward.value.cuts[0].sizes.join(" ")}`);
  if (sk?.ward !== undefined && "skipped" in sk.ward) console.log(`    scikit-learn skipped: ${sk.ward.skipped}`);
  const mem = wardMemory(file);
  if (typeof mem === "string") console.log(`    Ward memory: ${mem}`);
  else {
    const skMem = skWard ? `; scikit-learn's peak ${skWard.peakRssMb.toFixed(0)} MB (from ${skWard.rssBeforeMb.toFixed(0)} MB)` : "";
    console.log(`    Ward in a fresh process: ${s(mem.seconds)}, peak memory ${mem.peakMb.toFixed(0)} MB (from ${mem.beforeMb.toFixed(0)} MB with the points read)${skMem}`);
  }
  settings.forEach(([eps, ms], i) => {
    const run = bestOf(repeats, () => dbscan(points, { eps, minSamples: ms }));
    const p = sk?.dbscan[i];
    const check = p ? (p.clusters === run.value.clusters && p.noise === run.value.noise && p.sizes.join() === run.value.sizes.join() ? ", same clusters and noise" : ", CLUSTERS DIFFER") : "";
    const why = i === 1 ? " (eps at the knee of the 6-distance curve)" : "";
    console.log(`  DBSCAN eps = ${eps}, minSamples = ${ms}${why}: ${t(run)}${vs(run, p)}${check}; ${run.value.clusters} clusters, ${fmtInt(run.value.noise)} noise`);
  });
  const kd = bestOf(repeats, () => kDistances(points, 10));
  console.log(`  k-distances, k = 10: ${t(kd)}${vs(kd, sk?.kDistance)}`);
}

console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
const work = mkdtempSync(join(tmpdir(), "retail-lab-hclust-bench-"));
try {
  const uci = uciPoints();
  const uciFile = join(work, "uci.csv");
  writePoints(uciFile, uci);
  benchmark("UCI Online Retail", uciFile, uci, 5);
  const ten = generatedPoints(300_000, 11_800);
  benchmark("Generated shop (300,000 lines, 11,800 profiles, 180 days)", ten.file, ten.points, 3);
  const hundred = generatedPoints(3_000_000, 118_000);
  benchmark("Generated shop (3,000,000 lines, 118,000 profiles, 180 days)", hundred.file, hundred.points, 1);
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`\nload average after: ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
