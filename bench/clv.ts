/**
 * CLV and churn benchmark: wall times of
 * 1. the BG/NBD + Gamma-Gamma fits and the per-customer predictions (P(alive), expected
 *    purchases in the next 39 weeks, expected spend, 12-month CLV) on 23,570 customers (the CDNOW
 *    summary replicated 10 times, with mean spends drawn from the published Gamma-Gamma; and
 *    customers simulated with the CDNOW fits' parameters) and on 1,000,000 simulated customers
 *    (target: a tenth of scipy's time at the same optimum);
 * 2. the churn baseline (log1p, standardisation, L2 logistic regression to convergence) on
 *    1,000,000 simulated customers.
 * Beside each, the scipy / scikit-learn peer on the same data in the same run (bench/clv_peer.py
 * with Debian's /usr/bin/python3), or a note when it has no scipy.
 * An untimed warm-up pass runs first, so that the figures are of compiled code, as numpy's are.
 * Run from the project root: node_modules/.bin/tsx bench/clv.ts
 */
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { loadavg, tmpdir } from "os";
import { join } from "path";
import pl from "nodejs-polars";
import { BASELINE_FEATURES, fitChurnModel } from "../src/churn/index";
import { seededRng } from "../src/util/index";
import { gammaVariate } from "../src/stats/index";
import { timedWallCpu } from "./util";
import {
  bgnbdPredict,
  customerLifetimeValues,
  expectedSpend,
  fitBgNbd,
  fitGammaGamma,
  repeatSpendData,
  simulateCustomers,
  summaryArrays,
  type SummaryArrays,
} from "../src/clv/index";

const PYTHON = "/usr/bin/python3";
const PEER = join(__dirname, "clv_peer.py");
const s = (seconds: number) => `${seconds.toFixed(3)} s`;

const time = timedWallCpu;

function peerAvailable(): boolean {
  return spawnSync(PYTHON, ["-c", "import scipy, sklearn"], { encoding: "utf8" }).status === 0;
}

/** What bench/clv_peer.py prints for each kind. */
interface ClvPeer {
  bgnbdSeconds: number;
  gammaGammaSeconds: number;
  predictSeconds: number;
  /** CPU seconds of the three steps */
  cpuSeconds: [number, number, number];
  bgnbdLogLik: number;
  gammaGammaLogLik: number;
  expected39: number;
  clv: number;
}
interface LogisticPeer {
  seconds: number;
  cpuSeconds: number;
  intercept: number;
  coef: number[];
}

/** Runs the Python peer on columns written to a temporary file; null with a note if it cannot. */
function peer<T>(kind: "bgnbd" | "logistic", columns: Float64Array[]): T | null {
  const dir = mkdtempSync(join(tmpdir(), "retail-lab-clv-bench-"));
  try {
    const file = join(dir, "columns.f64");
    const all = new Float64Array(columns.length * columns[0].length);
    columns.forEach((c, j) => all.set(c, j * c.length));
    writeFileSync(file, Buffer.from(all.buffer));
    const r = spawnSync(PYTHON, [PEER, kind, file, String(columns[0].length)], { encoding: "utf8", maxBuffer: 1 << 24 });
    if (r.status !== 0) {
      console.log(`  (peer failed: ${r.stderr.trim().split("\n").pop()})`);
      return null;
    }
    return JSON.parse(r.stdout) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function clvRun(label: string, data: SummaryArrays, withPeer: boolean): void {
  const [bg, tBg, cBg] = time(() => fitBgNbd(data));
  const [gg, tGg, cGg] = time(() => fitGammaGamma(repeatSpendData(data.frequency, data.monetary)));
  const [predictions, tPredict, cPredict] = time(() => {
    const p = bgnbdPredict(bg.params, data, 39);
    const spend = expectedSpend(gg, data.frequency, data.monetary);
    const clv = customerLifetimeValues(bg.params, data, spend, { months: 12, discount: 0.01, daysPerUnit: 7 });
    return { expected: p.expectedPurchases.reduce((a, b) => a + b, 0), clv: clv.reduce((a, b) => a + b, 0) };
  });
  const ours = tBg + tGg + tPredict;
  const oursCpu = cBg + cGg + cPredict;
  console.log(`${label}: ${data.frequency.length.toLocaleString("en-GB")} customers (wall, cpu in brackets)`);
  console.log(`  ours:  BG/NBD ${s(tBg)} (${s(cBg)}; ${bg.iterations} Newton iterations, log-likelihood ${bg.logLik.toFixed(4)}, ${bg.converged ? "converged" : "not converged"}), Gamma-Gamma ${s(tGg)} (${s(cGg)}; log-likelihood ${gg.logLik.toFixed(4)}), predictions ${s(tPredict)} (${s(cPredict)}); total ${s(ours)} (${s(oursCpu)})`);
  if (!withPeer) return;
  const py = peer<ClvPeer>("bgnbd", [data.frequency, data.recency, data.T, data.monetary]);
  if (!py) return;
  const theirs = py.bgnbdSeconds + py.gammaGammaSeconds + py.predictSeconds;
  const [pcBg, pcGg, pcPredict] = py.cpuSeconds;
  console.log(`  scipy: BG/NBD ${s(py.bgnbdSeconds)} (${s(pcBg)}; log-likelihood ${py.bgnbdLogLik.toFixed(4)}), Gamma-Gamma ${s(py.gammaGammaSeconds)} (${s(pcGg)}; log-likelihood ${py.gammaGammaLogLik.toFixed(4)}), predictions ${s(py.predictSeconds)} (${s(pcPredict)}); total ${s(theirs)} (${s(pcBg + pcGg + pcPredict)})`);
  console.log(`  ratio ours / scipy, wall (cpu): BG/NBD fit ${(tBg / py.bgnbdSeconds).toFixed(3)} (${(cBg / pcBg).toFixed(3)}), Gamma-Gamma fit ${(tGg / py.gammaGammaSeconds).toFixed(3)} (${(cGg / pcGg).toFixed(3)}), predictions ${(tPredict / py.predictSeconds).toFixed(3)} (${(cPredict / pcPredict).toFixed(3)}), all ${(ours / theirs).toFixed(3)} (${(oursCpu / (pcBg + pcGg + pcPredict)).toFixed(3)})`);
  console.log(`  log-likelihood ours - scipy: BG/NBD ${(bg.logLik - py.bgnbdLogLik).toExponential(2)}, Gamma-Gamma ${(gg.logLik - py.gammaGammaLogLik).toExponential(2)} (positive: ours is higher)`);
  console.log(`  predictions: expected purchases in 39 weeks ${predictions.expected.toFixed(2)} (scipy ${py.expected39.toFixed(2)}), total CLV ${predictions.clv.toFixed(2)} (scipy ${py.clv.toFixed(2)}; they differ by the optima's difference)`);
}

function churnRun(n: number, withPeer: boolean): void {
  // customers of one shop observed to a cutoff, in days: the simulated BG/NBD process gives each
  // customer's first purchase (T days before the cutoff), repeat purchases and what happens next
  const sim = simulateCustomers({ customers: n, bgnbd: { r: 0.8, alpha: 70, a: 0.5, b: 3 }, gammaGamma: { p: 2, q: 3.5, v: 480 }, minT: 1, maxT: 365, holdout: 90, seed: 11 });
  const table = pl.DataFrame({
    recency: Float64Array.from(sim.T, (T, i) => Math.floor(T - sim.recency[i]) + 1),
    frequency: Float64Array.from(sim.frequency, (x) => x + 1),
    monetary: Float64Array.from(sim.monetary, (m, i) => (sim.frequency[i] + 1) * (m > 0 ? m : 100)),
    tenure: Float64Array.from(sim.T, (T) => Math.floor(T) + 1),
    churned: Float64Array.from(sim.holdoutPurchases, (k) => (k === 0 ? 1 : 0)),
  });
  const [model, seconds, cpu] = time(() => fitChurnModel(table, BASELINE_FEATURES));
  console.log(`churn baseline: ${n.toLocaleString("en-GB")} simulated customers, churn rate ${(Number(table.getColumn("churned").mean())).toFixed(3)}`);
  console.log(`  ours:    ${s(seconds)} (cpu ${s(cpu)}; ${model.fit.iterations} Newton iterations, intercept ${model.fit.intercept.toFixed(6)}, coefficients ${model.fit.coefficients.map((c) => c.toFixed(6)).join(" ")})`);
  if (!withPeer) return;
  const cols = ["recency", "frequency", "monetary", "tenure", "churned"].map((c) => Float64Array.from(table.getColumn(c).toArray() as number[]));
  const py = peer<LogisticPeer>("logistic", cols);
  if (!py) return;
  console.log(`  sklearn: ${s(py.seconds)} (cpu ${s(py.cpuSeconds)}; lbfgs, intercept ${py.intercept.toFixed(6)}, coefficients ${py.coef.map((c) => c.toFixed(6)).join(" ")})`);
  console.log(`  ratio ours / sklearn, wall (cpu): ${(seconds / py.seconds).toFixed(3)} (${(cpu / py.cpuSeconds).toFixed(3)})`);
}

function replicate(data: SummaryArrays, times: number): SummaryArrays {
  const rep = (a: Float64Array) => {
    const out = new Float64Array(a.length * times);
    for (let k = 0; k < times; k++) out.set(a, k * a.length);
    return out;
  };
  return { frequency: rep(data.frequency), recency: rep(data.recency), T: rep(data.T), monetary: rep(data.monetary) };
}

const withPeer = peerAvailable();
console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
if (!withPeer) console.log(`note: ${PYTHON} has no scipy or scikit-learn, so the peer timings are skipped.`);
const cdnow = replicate(summaryArrays(pl.readCSV(join(__dirname, "..", "data", "cdnow", "cdnow_customers_summary.csv"))), 10);
const cdnowParams = { bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, gammaGamma: { p: 6.25, q: 3.74, v: 15.44 }, minT: 27, maxT: 39 };
// the summary file has no spend: draw each repeat customer's mean spend from the Gamma-Gamma
// process with the published parameters (ν ~ Gamma(q, γ), mean of x values ~ Gamma(p x, ν x))
const rng = seededRng(5);
cdnow.monetary = Float64Array.from(cdnow.frequency, (x) => {
  const nu = gammaVariate(rng, cdnowParams.gammaGamma.q, cdnowParams.gammaGamma.v);
  return x > 0 ? gammaVariate(rng, cdnowParams.gammaGamma.p * x, nu * x) : 0;
});
// one untimed pass first: V8 compiles the hot functions on their first calls (numpy's are compiled already)
const [, warmup] = time(() => {
  const sample = simulateCustomers({ customers: 23_570, ...cdnowParams, seed: 99 });
  const fit = fitBgNbd(sample);
  const gg = fitGammaGamma(repeatSpendData(sample.frequency, sample.monetary));
  bgnbdPredict(fit.params, sample, 39);
  customerLifetimeValues(fit.params, sample, expectedSpend(gg, sample.frequency, sample.monetary), { months: 12, discount: 0.01, daysPerUnit: 7 });
  fitChurnModel(pl.DataFrame({ recency: sample.T, frequency: sample.frequency, monetary: sample.T, tenure: sample.T, churned: sample.aliveAtT.map((a) => 1 - a) }), BASELINE_FEATURES);
});
console.log(`warm-up pass (JIT compilation included, not counted below): ${s(warmup)}`);
clvRun("CDNOW summary x 10 (spend simulated)", cdnow, withPeer);
clvRun("simulated, CDNOW parameters", simulateCustomers({ customers: 23_570, ...cdnowParams, seed: 1 }), withPeer);
clvRun("simulated, CDNOW parameters", simulateCustomers({ customers: 1_000_000, ...cdnowParams, seed: 2 }), withPeer);
churnRun(1_000_000, withPeer);
console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
