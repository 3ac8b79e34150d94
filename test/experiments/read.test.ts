import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import {
  analyzeExperiment, breakdownTable, comparisonTable, decisionSentence, fmtP, liftChartData, readResult, segmentBreakdown, type ExperimentResult,
} from "../../src/experiments/index";
import { readHillstrom } from "./helpers";

describe("reading Hillstrom's result", () => {
  const result = analyzeExperiment(readHillstrom(), {
    armColumn: "segment",
    control: "No E-Mail",
    metrics: ["visit", "conversion", "spend"],
    covariate: "history",
    bootstrap: false,
  });
  const spend = readResult(result, { metric: "spend", money: true, currency: "$", segmentSize: 64_000 });

  it("one decision sentence per arm, from the CUPED estimate, with Holm's p over the two arms", () => {
    expect(spend.map((r) => r.arm)).toEqual(["Mens E-Mail", "Womens E-Mail"]);
    const mens = result.comparisons.find((c) => c.arm === "Mens E-Mail" && c.metric === "spend")!;
    expect(spend[0].estimate).toEqual({ diff: mens.cuped!.diff, ci95: mens.cuped!.ci95, p: mens.cuped!.pHolm, adjustment: "CUPED", holm: true, relativeLift: mens.cuped!.diff / mens.control });
    // means $1.4226 and $0.6528 (reference.test.ts checks them against scipy); CUPED diff 0.7673 in [0.4827, 1.0520]
    expect(spend[0].sentence).toBe(
      "Mens E-Mail vs No E-Mail, spend per customer: +$0.77 ($1.42 against $0.65, +117.5% relative; 95% interval +$0.48 to +$1.05, " +
        "CUPED-adjusted on history), p < 0.001 (Holm-adjusted over 2 arms): significant at the 5% level.",
    );
    expect(spend[1].sentence).toMatch(/^Womens E-Mail vs No E-Mail, spend per customer: \+\$0\.42 .*, p = 0\.0012 \(Holm-adjusted over 2 arms\): significant at the 5% level\.$/);
  });
  it("the money for the whole segment: diff x customers, interval x customers", () => {
    const e = spend[0].estimate;
    expect(spend[0].money).toEqual({ customers: 64_000, total: e.diff * 64_000, ci95: [e.ci95[0] * 64_000, e.ci95[1] * 64_000] });
    // 0.76734 x 64,000 = 49,109; 0.48271 x 64,000 = 30,893; 1.05196 x 64,000 = 67,326
    expect(spend[0].moneySentence).toBe("Over the 64,000 customers of the segment that is +$49,109 (95% interval +$30,893 to +$67,326).");
    expect(readResult(result, { metric: "spend" })[0].money).toBeNull();
  });
  it("rates read in points, the raw estimate on request, extra customers for the segment", () => {
    const [mens] = readResult(result, { metric: "conversion", useCuped: false, segmentSize: 64_000 });
    // 1.2531% - 0.5726% = 0.6805 points; 0.6805% of 64,000 = 436
    expect(mens.sentence).toBe(
      "Mens E-Mail vs No E-Mail, conversion rate: +0.68 points (1.25% against 0.57%, +118.8% relative; 95% interval +0.50 to +0.86 points), " +
        "p < 0.001 (Holm-adjusted over 2 arms): significant at the 5% level.",
    );
    expect(mens.moneySentence).toBe("Over the 64,000 customers of the segment that is +436 customers with conversion = 1 (95% interval +320 to +551).");
  });
  it("lift chart data: one point per comparison with the interval the reading uses", () => {
    const points = liftChartData(result, "spend");
    expect(points.map((p) => [p.arm, p.metric, p.adjustment, p.significant])).toEqual([
      ["Mens E-Mail", "spend", "CUPED", true],
      ["Womens E-Mail", "spend", "CUPED", true],
    ]);
    expect([points[0].lo, points[0].diff, points[0].hi]).toEqual([spend[0].estimate.ci95[0], spend[0].estimate.diff, spend[0].estimate.ci95[1]]);
    expect(liftChartData(result)).toHaveLength(6); // 2 arms x 3 metrics
  });
  it("the comparisons as a table for a person: rates in points, money with its currency, CUPED beside", () => {
    const t = comparisonTable(result, { money: ["spend"], currency: "$" });
    expect(t.columns).toEqual([
      "arm", "metric", "control", "treatment", "difference", "95% interval", "p", "p (Holm)", "relative lift",
      "CUPED difference", "CUPED 95% interval", "CUPED p (Holm)", "variance reduction",
    ]);
    // Mens E-Mail visit (reference.test.ts checks the figures against statsmodels): 18.2757% vs 10.6167%, diff 0.076590,
    // Wald [0.069954, 0.083226], lift 0.721405; CUPED 0.076414 in [0.069792, 0.083035], variance reduction 0.00444
    expect(t.row(0)).toEqual(["Mens E-Mail", "visit", "10.62%", "18.28%", "+7.66 pt", "+7.00 to +8.32 pt", "< 0.001", "< 0.001", "+72.1%", "+7.64 pt", "+6.98 to +8.30 pt", "< 0.001", "0.44%"]);
    expect(t.row(2).slice(0, 6)).toEqual(["Mens E-Mail", "spend", "$0.65", "$1.42", "+$0.77", "+$0.49 to +$1.05"]);
    expect(t.getColumn("arm").toArray()).toEqual(["Mens E-Mail", "Mens E-Mail", "Mens E-Mail", "Womens E-Mail", "Womens E-Mail", "Womens E-Mail"]);
    // p 0.0011294 (Womens spend, scipy): two significant digits
    expect(t.row(5)[6]).toBe("0.0011");
  });
  it("a per-segment breakdown as one table: the segment and its customers before each comparison", () => {
    const b = segmentBreakdown(readHillstrom(), { armColumn: "segment", control: "No E-Mail", metrics: ["spend"], bootstrap: false }, "channel");
    const t = breakdownTable(b, { money: ["spend"], currency: "$" });
    expect(t.columns.slice(0, 5)).toEqual(["channel", "customers", "arm", "metric", "control"]);
    // Multichannel, Phone, Web: 2 arms each
    expect(t.getColumn("channel").toArray()).toEqual(["Multichannel", "Multichannel", "Phone", "Phone", "Web", "Web"]);
    const sizes = b.segments.map((s) => s.customers);
    expect(t.getColumn("customers").toArray()).toEqual(sizes.flatMap((n) => [n, n]));
    expect(sizes.reduce((a, n) => a + n, 0)).toBe(64_000);
    expect(t.row(0).slice(2)).toEqual(comparisonTable(b.segments[0].result!, { money: ["spend"], currency: "$" }).row(0));
  });
  it("refuses a metric that was not analysed", () => {
    expect(() => readResult(result, { metric: "revenue" })).toThrow(
      'There is no comparison of arm "Mens E-Mail" on metric "revenue" (arms: Mens E-Mail, Womens E-Mail; metrics: visit, conversion, spend).',
    );
  });
});

describe("reading: no effect, and an interval that disagrees with the decision", () => {
  const flat = analyzeExperiment(pl.DataFrame({ arm: ["A", "A", "A", "A", "B", "B", "B", "B"], y: [0, 1, 0, 1, 1, 0, 1, 0] }), {
    armColumn: "arm",
    control: "A",
    metrics: ["y"],
  });
  it("a difference of 0 is not significant and consistent with no effect", () => {
    const [r] = readResult(flat, { metric: "y" });
    expect(r.significant).toBe(false);
    // rates 0.5 and 0.5: Wald ± 1.959964 √(0.25/4 + 0.25/4) = ± 0.692952
    expect(r.sentence).toBe(
      "B vs A, y rate: 0.00 points (50.00% against 50.00%, +0.0% relative; 95% interval -69.30 to +69.30 points), p = 1: " +
        "not significant at the 5% level: the data are consistent with no effect.",
    );
  });
  it("with Holm the unadjusted interval can exclude 0 while the decision says no: the sentence says so", () => {
    const c = { ...flat.comparisons[0], diff: 0.1, ci95: [0.01, 0.19] as [number, number], p: 0.03, pHolm: 0.06 };
    const twoArms: ExperimentResult = { ...flat, comparisons: [c, { ...c, arm: "C", p: 0.02, pHolm: 0.06 }] };
    expect(decisionSentence(c, twoArms, { metric: "y" })).toMatch(/not significant at the 5% level once adjusted for 2 arms, although the unadjusted interval excludes 0\.$/);
  });
  it("p-values read as p < 0.001 or with two significant digits, more near alpha", () => {
    expect([fmtP(1e-12), fmtP(0.0012345), fmtP(0.0512), fmtP(1)]).toEqual(["p < 0.001", "p = 0.0012", "p = 0.051", "p = 1"]);
    // rounding never carries a p-value across alpha: 0.04996 is significant at 5%, 0.05 would not be
    expect([fmtP(0.04996), fmtP(0.0999, 0.1)]).toEqual(["p = 0.04996", "p = 0.0999"]);
  });
});
