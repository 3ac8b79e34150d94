/**
 * retail-lab experiment design|assign|analyze through the real bin: Hillstrom's JSON against the
 * scipy/statsmodels figures (test/reference/experiments.json, from test/reference/experiments.py
 * with scipy 1.10.1 and statsmodels 0.13.5), designs by hand and from a segment of hand-made
 * purchases, an assignment written with its log and read back by the analysis.
 */
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import reference from "../reference/experiments.json";
import { closeness } from "../experiments/helpers";
import { REPO_DATA, tempDir } from "../helpers";
import { cli } from "./run";

const HILLSTROM = join(REPO_DATA, "hillstrom", "hillstrom.csv.gz");

/** The JSON a successful run printed. */
function json(r: { status: number | null; stdout: string; stderr: string }): Record<string, unknown> {
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

type Row = Record<string, unknown> & { arm: string; metric: string; ci95: number[]; cuped: Record<string, unknown> & { ci95: number[] } };

describe("experiment analyze --json on Hillstrom", () => {
  const out = json(cli([
    "experiment", "analyze", "--input", HILLSTROM, "--arm-column", "segment", "--control", "No E-Mail",
    "--metrics", "visit,conversion,spend", "--covariate", "history", "--no-bootstrap", "--json",
  ]));
  const comparisons = out.comparisons as Row[];

  it("has the issue's shape: arms, srm, comparisons; each comparison's figures in the issue's order, cuped's too", () => {
    expect(Object.keys(out)).toEqual(["arms", "srm", "comparisons"]);
    expect(out.arms).toEqual(reference.hillstrom.arms); // 21,306 / 21,307 / 21,387
    expect(Object.keys(comparisons[0]).slice(0, 10)).toEqual(["arm", "metric", "kind", "treatment", "control", "diff", "ci95", "p", "relativeLift", "cuped"]);
    expect(Object.keys(comparisons[0].cuped).slice(0, 5)).toEqual(["theta", "diff", "se", "p", "varianceReduction"]);
    expect(comparisons.map((c) => [c.arm, c.metric, c.kind])).toEqual([
      ["Mens E-Mail", "visit", "proportion"], ["Mens E-Mail", "conversion", "proportion"], ["Mens E-Mail", "spend", "mean"],
      ["Womens E-Mail", "visit", "proportion"], ["Womens E-Mail", "conversion", "proportion"], ["Womens E-Mail", "spend", "mean"],
    ]);
  });

  it("every figure equals scipy/statsmodels' to 1e-9 (differences and intervals), p-values to 1e-9 relative", () => {
    for (const r of reference.hillstrom.comparisons) {
      const c = comparisons.find((x) => x.arm === r.arm && x.metric === r.metric)!;
      for (const f of ["treatment", "control", "diff", "se", "relativeLift"] as const) expect(closeness(c[f] as number, r[f]), `${r.arm} ${r.metric} ${f}`).toBeLessThan(1e-9);
      c.ci95.forEach((v, i) => expect(closeness(v, r.ci95[i])).toBeLessThan(1e-9));
      expect(Math.abs((c.p as number) - r.p) / r.p).toBeLessThan(1e-9);
      expect(Math.abs((c.pHolm as number) - r.pHolm) / r.pHolm).toBeLessThan(1e-9);
      for (const f of ["theta", "diff", "se", "varianceReduction"] as const) expect(closeness(c.cuped[f] as number, r.cuped[f]), `${r.arm} ${r.metric} cuped.${f}`).toBeLessThan(1e-9);
      c.cuped.ci95.forEach((v, i) => expect(closeness(v, r.cuped.ci95[i])).toBeLessThan(1e-9));
      expect(Math.abs((c.cuped.p as number) - r.cuped.p) / r.cuped.p).toBeLessThan(1e-9);
    }
    const srm = out.srm as { chi2: number; p: number; mismatch: boolean };
    expect(closeness(srm.chi2, reference.hillstrom.srm.chi2)).toBeLessThan(1e-12); // 0.2025 against equal thirds
    expect(srm.mismatch).toBe(false);
  });

  it("the text report: counts, the sample-ratio check, a table and one decision per comparison", () => {
    const r = cli(["experiment", "analyze", "--input", HILLSTROM, "--arm-column", "segment", "--control", "No E-Mail", "--metrics", "conversion,spend", "--no-bootstrap", "--money", "spend", "--currency", "$"]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("64,000 customers: No E-Mail 21,306 (the control), Mens E-Mail 21,307, Womens E-Mail 21,387");
    expect(lines[1]).toBe("sample ratio: chi-square 0.203 (2 df) against equal shares, p = 0.904: the counts fit the design");
    // means $1.4226 and $0.6528: +$0.77, Welch interval [0.4851, 1.0545] (reference.test.ts)
    expect(r.stdout).toMatch(/^Mens E-Mail +spend +\$0\.65 +\$1\.42 +\+\$0\.77 +\+\$0\.49 to \+\$1\.05 +< 0\.001 +< 0\.001 +\+117\.9%$/m);
    expect(lines.filter((l) => l.startsWith("- "))).toHaveLength(4);
    expect(r.stdout).toContain("- Womens E-Mail vs No E-Mail, spend per customer: +$0.42 ($1.08 against $0.65, +65.0% relative; 95% interval +$0.17 to +$0.68), p = 0.0011 (Holm-adjusted over 2 arms): significant at the 5% level.");
  });

  it("the bootstrap interval for the mean metric: seeded, so the same seed prints the same bytes", () => {
    const args = ["experiment", "analyze", "--input", HILLSTROM, "--arm-column", "segment", "--control", "No E-Mail", "--metrics", "conversion,spend", "--resamples", "200", "--seed", "5", "--json"];
    const a = cli(args);
    const boot = (JSON.parse(a.stdout).comparisons as { metric: string; diff: number; bootstrap95?: number[] }[]);
    expect(boot.filter((c) => c.bootstrap95).map((c) => c.metric)).toEqual(["spend", "spend"]); // means only
    const mens = boot.find((c) => c.metric === "spend")!;
    expect(mens.bootstrap95![0]).toBeLessThan(mens.diff);
    expect(mens.bootstrap95![1]).toBeGreaterThan(mens.diff);
    expect(cli(args).stdout).toBe(a.stdout);
  });
});

describe("experiment analyze on the edges: no NaN", () => {
  it("a control whose rate is 0 has no relative lift (null), a metric constant in both arms a difference of 0 with p = 1", () => {
    const file = join(tempDir(), "edge.csv");
    writeFileSync(file, "arm,bought,flat\nA,0,1\nA,0,1\nA,0,1\nB,1,1\nB,0,1\nB,1,1\n");
    const r = cli(["experiment", "analyze", "--input", file, "--arm-column", "arm", "--control", "A", "--metrics", "bought,flat:mean", "--json"]);
    const [bought, flat] = json(r).comparisons as Row[];
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    expect([bought.kind, bought.control, bought.relativeLift]).toEqual(["proportion", 0, null]);
    // 2/3 against 0/3: Wald se √((2/3)(1/3)/3) = 0.272166; pooled 1/3: z = (2/3) / √((1/3)(2/3)(2/3)) = 1.732051
    expect(bought.ci95[0]).toBeCloseTo(2 / 3 - 1.959963984540054 * Math.sqrt(2 / 27), 12);
    expect(bought.statistic as number).toBeCloseTo(Math.sqrt(3), 12);
    expect([flat.diff, flat.ci95, flat.p, flat.relativeLift]).toEqual([0, [0, 0], 1, 0]);
    expect(flat.bootstrap95).toEqual([0, 0]);
  });
});

describe("experiment design", () => {
  it("a conversion rate by hand: 5% -> 6% needs 8,143 per arm (Cohen's h); Evan Miller's formula 7,663", () => {
    const r = cli(["experiment", "design", "--baseline", "0.05", "--mde", "0.01"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split("\n").slice(0, 4)).toEqual([
      "conversion rate 5.00% -> 6.00% (MDE +1.00 points, absolute); effect size (Cohen's h) 0.043907",
      "alpha 0.05 (two-sided), power 80.0%, treatment:control size ratio 1",
      "customers needed: 8,143 control + 8,143 treatment = 16,286 (the power with these: 80.00%)",
      "Evan Miller's calculator says 7,663 per arm: its formula takes the variance under no effect at the baseline alone (see the README)",
    ]);
    // statsmodels' NormalIndPower: 30% -> 35% with three times as many treated customers
    const ref = reference.design.find((x) => x.metric === "proportion" && x.ratio === 3)!;
    const d = json(cli(["experiment", "design", "--baseline", "0.3", "--mde", "0.05", "--ratio", "3", "--json"])).design as Record<string, number>;
    expect([ref.baseline, ref.mde, ref.alpha, ref.power]).toEqual([0.3, 0.05, 0.05, 0.8]);
    expect(closeness(d.controlExact, ref.controlRoot)).toBeLessThan(1e-12);
    expect(closeness(d.effectSize, ref.effectSize)).toBeLessThan(1e-13);
    expect([d.control, d.treatment]).toEqual([Math.ceil(ref.controlRoot), Math.ceil(ref.controlRoot * 3)]);
  });

  const dir = tempDir();
  const data = join(dir, "t.csv");
  // c1..c4: one £10 purchase each on 2024-01-05; c5 buys often; the data ends 2024-03-10. In the last 10 days
  // (2024-03-01 .. 03-10) c1 spends 2 x £5 and c2 £30 + £2: conversion 2 of 4, revenue [10, 32, 0, 0]
  writeFileSync(data, [
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
    "1,A,mug,1,2024-01-05 10:00:00,10,c1,United Kingdom", "2,A,mug,1,2024-01-05 10:00:00,10,c2,United Kingdom",
    "3,A,mug,1,2024-01-05 10:00:00,10,c3,United Kingdom", "4,A,mug,1,2024-01-05 10:00:00,10,c4,France",
    "5,A,mug,2,2024-02-20 10:00:00,10,c5,United Kingdom", "6,A,mug,2,2024-02-27 10:00:00,10,c5,United Kingdom",
    "7,A,mug,2,2024-02-28 10:00:00,10,c5,United Kingdom", "8,A,mug,2,2024-03-02 10:00:00,5,c1,United Kingdom",
    "9,A,mug,1,2024-03-09 10:00:00,30,c2,United Kingdom", "9,B,pen,1,2024-03-09 10:00:00,2,c2,United Kingdom",
    "10,A,mug,1,2024-03-10 10:00:00,10,c5,United Kingdom",
  ].join("\n") + "\n");

  it("from a segment's own customers: its rate, its revenue spread, and what the whole segment detects", () => {
    const conv = json(cli(["experiment", "design", "--input", data, "--segment", "Hibernating", "--window-days", "10", "--mde", "0.3", "--json"]));
    expect(conv.segment).toEqual({ name: "Hibernating", start: "2024-03-01", windowDays: 10, customers: 4, conversionRate: 0.5, revenueMean: 10.5, revenueSd: Math.sqrt(683 / 3) });
    expect((conv.design as { baseline: number }).baseline).toBe(0.5);
    expect(conv.customersNow).toBe(2); // c3 and c4 are still Hibernating at the end of the data
    expect((conv.wholeSegment as { control: number }).control).toBe(1);
    const rev = cli(["experiment", "design", "--input", data, "--segment", "Hibernating", "--window-days", "10", "--metric", "revenue", "--mde", "20"]);
    expect(rev.status, rev.stderr).toBe(0);
    // sd √(683/3) = 15.088627: d = 20 / 15.088627 = 1.325502
    expect(rev.stdout).toContain("revenue per customer £10.50 (sd £15.09) -> £30.50 (MDE £20.00, absolute); effect size d = MDE / sd = 1.325502");
    expect(rev.stdout).toMatch(/^today the segment has 2 customers \(RFM of all the purchases\), this MDE needs \d+; split in half, they detect a rise of £[\d.]+ per customer at this power and level$/m);
  });

  it("assign writes the CRM table and its log together; the same inputs give the same bytes", () => {
    const out = join(dir, "w.csv");
    const args = ["experiment", "assign", "--input", data, "--name", "spring", "--segment", "Hibernating,Champions", "--stratify", "country", "--date", "2024-03-11", "--out", out];
    const r = cli(args);
    expect(r.status, r.stderr).toBe(0);
    const table = readFileSync(out, "utf8");
    const log = JSON.parse(readFileSync(join(dir, "w.log.json"), "utf8"));
    expect(table.split("\n")[0]).toBe("customerId,segment,country,arm");
    expect(log).toMatchObject({ experiment: "spring", date: "2024-03-11", stratify: "country", arms: [{ arm: "control", share: 0.5 }, { arm: "offer", share: 0.5 }] });
    expect(log.customers).toBe(table.trim().split("\n").length - 1);
    expect(r.stdout).toContain(`to ${out}: control ${log.counts.control}, offer ${log.counts.offer} (stratified by country, ${log.strata.length} strata)`);
    expect(cli(args).status).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(table);
  });

  it("analyze from an assignment and the transactions: the window's outcomes, the log's shares for the sample-ratio check", () => {
    const assignment = join(dir, "a.csv");
    writeFileSync(assignment, "customerId,arm\nc1,offer\nc2,offer\nc3,control\nc4,control\n");
    writeFileSync(join(dir, "a.log.json"), JSON.stringify({ arms: [{ arm: "control", share: 0.5 }, { arm: "offer", share: 0.5 }] }));
    const out = json(cli(["experiment", "analyze", "--input", data, "--assignment", assignment, "--control", "control", "--metrics", "conversion,revenue", "--start", "2024-03-01", "--window-days", "10", "--no-bootstrap", "--json"]));
    const [conv, rev] = out.comparisons as Row[];
    // offer c1, c2 both bought (10 and 32), control c3, c4 nothing
    expect([conv.kind, conv.treatment, conv.control, conv.diff]).toEqual(["proportion", 1, 0, 1]);
    expect([rev.kind, rev.treatment, rev.control, rev.diff]).toEqual(["mean", 21, 0, 21]);
    expect((out.srm as { shares: unknown }).shares).toEqual({ control: 0.5, offer: 0.5 });
  });
});
