// CLV as issue 13 defines it, per customer and per segment, and the holdout validation, at the
// scipy reference's parameters so that only the formulas are compared
// (test/fixtures/clv/reference.json from test/reference/clv_reference.py, scipy 1.10).
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import {
  bgnbdExpectedIfAlive,
  bgnbdPAlive,
  calibrationSummary,
  clvBySegment,
  customerLifetimeValues,
  expectedSpend,
  fitGammaGamma,
  holdoutActuals,
  holdoutComparison,
  repeatSpendData,
  summaryArrays,
  type BgNbdParams,
  type GammaGammaFit,
} from "../../src/clv/index";
import { userErrorOf } from "../clusters/helpers";
import { cdnowClean, CLV_REFERENCE, rel } from "./cdnow";

const reference = CLV_REFERENCE;
const lines = cdnowClean().customerLines;
const summary = calibrationSummary(lines, { calibrationEnd: "1997-09-30" });
const data = summaryArrays(summary);
const bg = reference.raw.bgnbd as BgNbdParams;
const gg = { ...fitGammaGamma(repeatSpendData(data.frequency, data.monetary)), params: reference.raw.gammaGamma, fallback: false } as GammaGammaFit;
const spend = expectedSpend(gg, data.frequency, data.monetary);

describe("customer lifetime value", () => {
  it("equals the issue's sum computed with scipy's hyp2f1, per customer and in total (12 months, 1% a month, weeks)", () => {
    const clv = customerLifetimeValues(bg, data, spend, { months: 12, discount: 0.01, daysPerUnit: 7 });
    const ids = summary.getColumn("customerId").toArray() as string[];
    for (const c of reference.raw.customersSample) expect(rel(clv[ids.indexOf(c.customerId)], c.clv12)).toBeLessThan(1e-11);
    expect(rel(clv.reduce((s, v) => s + v, 0), reference.raw.clvTotal12)).toBeLessThan(1e-11);
  });
  it("without discounting, telescopes to P(alive) · E[Y(360 days) | alive] · spend", () => {
    const clv = customerLifetimeValues(bg, data, spend, { months: 12, discount: 0, daysPerUnit: 7 });
    for (const i of [0, 1, 2, 500]) {
      const direct = bgnbdPAlive(bg, data.frequency[i], data.recency[i], data.T[i]) * bgnbdExpectedIfAlive(bg, 360 / 7, data.frequency[i], data.T[i]) * spend[i];
      expect(rel(clv[i], direct)).toBeLessThan(1e-12);
    }
  });
  it("discounting lowers every customer's value; a one-month horizon is the first month's purchases / (1 + d)", () => {
    const plain = customerLifetimeValues(bg, data, spend, { months: 12, discount: 0, daysPerUnit: 7 });
    const discounted = customerLifetimeValues(bg, data, spend, { months: 12, discount: 0.05, daysPerUnit: 7 });
    for (let i = 0; i < 50; i++) expect(discounted[i]).toBeLessThan(plain[i]);
    const one = customerLifetimeValues(bg, data, spend, { months: 1, discount: 0.02, daysPerUnit: 7 });
    const first = bgnbdPAlive(bg, data.frequency[0], data.recency[0], data.T[0]) * bgnbdExpectedIfAlive(bg, 30 / 7, data.frequency[0], data.T[0]);
    expect(rel(one[0], (first * spend[0]) / 1.02)).toBeLessThan(1e-13);
  });
  it("refuses a horizon or discount rate that makes no sense", () => {
    for (const [months, discount, msg] of [
      [0, 0.01, "The CLV horizon must be a whole number of months from 1 to 600, not 0."],
      [1.5, 0.01, "The CLV horizon must be a whole number of months from 1 to 600, not 1.5."],
      [12, -0.1, "The monthly discount rate must be at least 0 and below 1 (0.01 is 1% a month), not -0.1."],
    ] as const) {
      expect(userErrorOf(() => customerLifetimeValues(bg, data, spend, { months, discount, daysPerUnit: 7 }))).toBe(msg);
    }
  });
  it("totals per segment: customers, total, mean and share, largest total first", () => {
    const perCustomer = pl.DataFrame({ customerId: ["a", "b", "c", "d"], clv: [10, 30, 20, 40] });
    const segments = pl.DataFrame({ customerId: ["a", "b", "c"], segment: ["Champions", "At Risk", "Champions"] });
    const t = clvBySegment(perCustomer, segments);
    // Champions: a + c = 30 (2 customers, mean 15); d has no segment: 40; At Risk: 30; total 100
    expect(t.rows()).toEqual([
      ["No segment", 1, 40, 40, 0.4],
      ["At Risk", 1, 30, 30, 0.3],
      ["Champions", 2, 30, 15, 0.3],
    ]);
  });
});

describe("holdout validation (Fader, Hardie & Lee's figure 4)", () => {
  const actual = holdoutActuals(lines, { calibrationEnd: "1997-09-30", holdoutEnd: "1998-06-30" });
  const comparison = holdoutComparison(
    bg,
    data,
    39, // 1997-10-01 .. 1998-06-30: 273 days = 39 weeks
    {
      occasions: Float64Array.from(actual.getColumn("holdoutOccasions").toArray() as number[]),
      spend: Float64Array.from(actual.getColumn("holdoutSpend").toArray() as number[]),
    },
    spend,
  );
  it("per calibration frequency 0..6, 7+: the customers, actual and predicted mean holdout purchases of scipy's computation", () => {
    const rows = comparison.byFrequency.toRecords() as { frequency: string; customers: number; actualOccasions: number; predictedOccasions: number }[];
    expect(rows.map((r) => r.frequency)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    rows.forEach((r, i) => {
      const want = reference.raw.byFrequency[i];
      expect(r.customers).toBe(want.customers);
      expect(rel(r.actualOccasions, want.actual)).toBeLessThan(1e-13);
      expect(rel(r.predictedOccasions, want.predicted)).toBeLessThan(1e-11);
    });
  });
  it("in total, purchases and spend", () => {
    const want = reference.raw.holdoutTotals;
    expect(comparison.totals.actualOccasions).toBe(want.actualOccasions); // 1,882 repeat purchase days
    expect(rel(comparison.totals.predictedOccasions, want.predictedOccasions)).toBeLessThan(1e-11);
    expect(rel(comparison.totals.actualSpend, want.actualSpend)).toBeLessThan(1e-12);
    expect(rel(comparison.totals.predictedSpend, want.predictedSpend)).toBeLessThan(1e-11);
  });
  it("groups a hand example: two x = 0 customers predicted 0.2 and 0.4 who made 0 and 1", () => {
    const tiny = { frequency: Float64Array.of(0, 0), recency: Float64Array.of(0, 0), T: Float64Array.of(10, 10) };
    const c = holdoutComparison(bg, tiny, 5, { occasions: Float64Array.of(0, 1), spend: Float64Array.of(0, 20) }, Float64Array.of(10, 10));
    const row = c.byFrequency.toRecords()[0] as Record<string, number | string>;
    expect(row.customers).toBe(2);
    expect(row.actualOccasions).toBe(0.5);
    expect(row.actualSpend).toBe(10);
    expect(row.predictedSpend).toBeCloseTo((row.predictedOccasions as number) * 10, 14);
  });
});
