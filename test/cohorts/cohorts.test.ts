import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import {
  averageRetention, cohortFrame, loyaltySummary, cohortRetention, customerHistories, isLastDayOfMonth, loyaltyActions, loyaltyReport, loyaltyThreshold,
  neverOrdered, oneTimeBuyersOf, purchaseGapsOf, repeatPurchaseCurve, timeBetweenPurchases, wilsonInterval,
  type CustomerHistory, type RepeatCurve, type RepeatStep,
} from "../../src/cohorts/index";
import { ordinal } from "../../src/util/index";
import { cleanOf, type Line } from "../products/helpers";

// Four customers; the data ends 2024-04-10 (a partial April).
//   c1: 2024-01-05 (10), 2024-02-10 (20), 2024-04-01 (30)
//   c2: 2024-01-20 (40)
//   c3: 2024-02-03 (5), 2024-02-20 (5), 2024-03-15 (10)   (inv 5 has two lines: 2 + 3)
//   c4: 2024-04-10 (8)
// plus an anonymous sale on 2024-04-10, left out of every customer measure.
const LINES: Line[] = [
  ["1", "P1", 1, 10, "2024-01-05", "c1"],
  ["2", "P1", 2, 10, "2024-02-10", "c1"],
  ["3", "P1", 3, 10, "2024-04-01", "c1"],
  ["4", "P1", 4, 10, "2024-01-20", "c2"],
  ["5", "P1", 1, 2, "2024-02-03", "c3"],
  ["5", "P2", 1, 3, "2024-02-03", "c3"],
  ["6", "P1", 1, 5, "2024-02-20", "c3"],
  ["7", "P1", 1, 10, "2024-03-15", "c3"],
  ["8", "P1", 1, 8, "2024-04-10", "c4"],
  ["9", "P1", 1, 1, "2024-04-10", null],
];
const lines = cleanOf(LINES).customerLines;

describe("customer histories", () => {
  it("counts invoices as orders, in time order, with their values", () => {
    const h = Object.fromEntries(customerHistories(lines).map((x) => [x.customerId, x]));
    expect(Object.keys(h)).toEqual(["c1", "c2", "c3", "c4"]);
    expect(h.c1.values).toEqual([10, 20, 30]);
    expect(h.c3.values).toEqual([5, 5, 10]);
    // 2024-02-03 is day 19756 since 1970-01-01; month index 2024 x 12 + 1
    expect(h.c3.days[0]).toBe(19756);
    expect(h.c3.months).toEqual([2024 * 12 + 1, 2024 * 12 + 1, 2024 * 12 + 2]);
  });
  it("refuses a table without customers", () => {
    expect(() => customerHistories(lines.filter(pl.col("customerId").eq(pl.lit("nobody"))))).toThrow(/customer IDs/);
  });
});

describe("cohort retention", () => {
  it("knows the last day of a month", () => {
    expect(isLastDayOfMonth(Date.UTC(2024, 1, 29) / 86_400_000)).toBe(true);
    expect(isLastDayOfMonth(Date.UTC(2024, 1, 28) / 86_400_000)).toBe(false);
  });
  const r = cohortRetention(lines);
  it("groups customers by first month and leaves censored months null", () => {
    // cohorts Jan (c1, c2), Feb (c3), Apr (c4); no March cohort. April is partial (data ends on the 10th),
    // so the last observed month is March: offsets 0..2 (Jan -> Mar).
    expect(r.cohorts).toEqual(["2024-01", "2024-02", "2024-04"]);
    expect(r.sizes).toEqual([2, 1, 1]);
    expect(r.offsets).toEqual([0, 1, 2]);
    expect([r.end, r.lastObservedMonth, r.partialMonth]).toEqual(["2024-04-10", "2024-03", "2024-04"]);
    // Jan: both in month 0; c1 in Feb (1 of 2); nobody in March (0, observed); Feb: c3 in March (1 of 1), April not observed
    expect(r.retention).toEqual([
      [1, 0.5, 0],
      [1, 1, null],
      [1, null, null],
    ]);
    // revenue: Jan month 0 = 10 + 40 = 50, Feb 20 -> 0.4, Mar 0; Feb cohort: month 0 = 5 + 5 = 10, Mar 10 -> 1
    expect(r.revenueRetention).toEqual([
      [1, 0.4, 0],
      [1, 1, null],
      [1, null, null],
    ]);
    expect(r.active[0]).toEqual([2, 1, 0]);
  });
  it("counts the partial month when asked", () => {
    const p = cohortRetention(lines, { includePartialMonth: true });
    // April observed: Jan offset 3 = c1 (1 of 2, revenue 30 / 50); Feb offset 2 = nobody
    expect(p.offsets).toEqual([0, 1, 2, 3]);
    expect(p.retention[0]).toEqual([1, 0.5, 0, 0.5]);
    expect(p.revenueRetention[0]).toEqual([1, 0.4, 0, 0.6]);
    expect(p.retention[1]).toEqual([1, 1, 0, null]);
    expect(p.partialMonth).toBeNull();
  });
  it("cuts the data at an earlier end", () => {
    // end 2024-02-29 (a month's last day): c4 and the later orders are left out; observed through February
    const e = cohortRetention(lines, { end: new Date("2024-02-29T00:00:00Z") });
    expect(e.cohorts).toEqual(["2024-01", "2024-02"]);
    expect(e.retention).toEqual([[1, 0.5], [1, null]]);
  });
  it("averages retention weighted by cohort size over the observed cohorts", () => {
    const avg = averageRetention(r);
    // offset 1: Jan 1 of 2 + Feb 1 of 1 = 2 of 3; offset 2: Jan only, 0 of 2
    expect(avg[1]).toMatchObject({ cohorts: 2, customers: 3, retention: 2 / 3 });
    expect(avg[2]).toMatchObject({ cohorts: 1, customers: 2, retention: 0, revenueRetention: 0 });
    // revenue offset 1: (20 + 10) / (50 + 10)
    expect(avg[1].revenueRetention).toBeCloseTo(0.5, 12);
  });
  it("gives the observed cells as a long table", () => {
    const f = cohortFrame(r);
    // 3 + 2 + 1 observed cells
    expect(f.height).toBe(6);
    expect(f.columns).toEqual(["cohort", "offset", "size", "active", "retention", "revenue", "revenueRetention"]);
  });
});

describe("Wilson interval", () => {
  it("matches hand computation", () => {
    // 2 of 3: p = 2/3, z^2 = 3.8415, centre (0.6667 + 0.6402) / 2.2805 = 0.5731, half 0.3654 -> [0.2077, 0.9385]
    const w = wilsonInterval(2, 3);
    expect(w.lower).toBeCloseTo(0.2077, 4);
    expect(w.upper).toBeCloseTo(0.9385, 4);
    // 0 of 10: [0, z^2 / (n + z^2)] = [0, 3.8415 / 13.8415 = 0.2775]
    expect(wilsonInterval(0, 10).lower).toBe(0);
    expect(wilsonInterval(0, 10).upper).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(0, 0)).toEqual({ lower: null, upper: null });
    // 10 of 10: upper exactly 1, lower 10 / (10 + z^2) = 10 / 13.8415 = 0.7225
    expect(wilsonInterval(10, 10).upper).toBe(1);
    expect(wilsonInterval(10, 10).lower).toBeCloseTo(0.7225, 4);
  });
});

describe("repeat-purchase curve", () => {
  // With W = 30 days before 2024-04-10:
  // step 1: 4 customers; c4's first order is 0 days before the end -> censored; eligible c1 (96 days), c2 (81), c3 (67);
  //         repeaters c1, c3 -> 2 of 3
  // step 2: c1 (2nd order 2024-02-10, 60 days) and c3 (2024-02-20, 50 days) eligible, both have a 3rd -> 2 of 2
  // step 3: c1's 3rd order is 9 days and c3's 26 days before the end: both censored -> no share
  const curve = repeatPurchaseCurve(lines, { window: 30 });
  it("leaves customers without W days to come back out of the denominator", () => {
    expect(curve.steps.map((s) => [s.n, s.customers, s.censored, s.eligible, s.repeaters])).toEqual([
      [1, 4, 1, 3, 2],
      [2, 2, 0, 2, 2],
      [3, 2, 2, 0, 0],
    ]);
    expect(curve.steps.map((s) => s.share)).toEqual([2 / 3, 1, null]);
    expect(curve.steps[0].lower).toBeCloseTo(0.2077, 4);
    expect(curve.steps[2].lower).toBeNull();
    expect([curve.window, curve.end]).toEqual([30, "2024-04-10"]);
  });
  it("counts everyone with W = 0 and censors more with a longer window", () => {
    const w0 = repeatPurchaseCurve(lines, { window: 0 });
    // step 1: 2 of 4 repeat; step 2: 2 of 2; step 3: 0 of 2 (nobody has a 4th order)
    expect(w0.steps.map((s) => s.share)).toEqual([0.5, 1, 0]);
    const w70 = repeatPurchaseCurve(lines, { window: 70 });
    // step 1: c1 (96) and c2 (81) only -> 1 of 2
    expect(w70.steps[0]).toMatchObject({ censored: 2, eligible: 2, repeaters: 1, share: 0.5 });
  });
  it("refuses a negative window", () => {
    expect(() => repeatPurchaseCurve(lines, { window: -1 })).toThrow(/window/);
  });
});

describe("loyalty threshold", () => {
  const step = (n: number, eligible: number, repeaters: number): RepeatStep => ({
    n, customers: eligible, censored: 0, eligible, repeaters, share: repeaters / eligible, ...wilsonInterval(repeaters, eligible),
  });
  // shares 0.5 (100), 0.82 (100), 0.9 (10: too few), 0.86 (400), 0.95 (400)
  // Wilson lower bounds: 82/100 -> 0.733; 344/400 -> 0.823; 380/400 -> 0.923
  const curve: RepeatCurve = { window: 90, end: "2024-01-01", steps: [step(1, 100, 50), step(2, 100, 82), step(3, 10, 9), step(4, 400, 344), step(5, 400, 380)] };
  it("is the first step reaching the level, and the first whose lower bound reaches it", () => {
    const t = loyaltyThreshold(curve, 0.8);
    expect([t.n, t.confidentN]).toEqual([2, 4]);
    expect(t.step?.share).toBe(0.82);
  });
  it("skips steps with too few eligible customers", () => {
    // at level 0.88: step 3 (0.9, 10 customers) is skipped with the default minimum of 30, so step 5 (0.95)
    expect(loyaltyThreshold(curve, 0.88).n).toBe(5);
    expect(loyaltyThreshold(curve, 0.88, 1).n).toBe(3);
  });
  it("is null when no step reaches the level", () => {
    const t = loyaltyThreshold(curve, 0.99);
    expect([t.n, t.confidentN, t.step]).toEqual([null, null, null]);
    expect(() => loyaltyThreshold(curve, 1.2)).toThrow(/between 0 and 1/);
  });
});

describe("time between purchases, one-time buyers, never ordered", () => {
  it("pools the gaps between distinct purchase days", () => {
    // c1: 01-05 -> 02-10 = 36 days, 02-10 -> 04-01 = 51; c3: 02-03 -> 02-20 = 17, 02-20 -> 03-15 = 24
    // sorted 17, 24, 36, 51: median (24 + 36) / 2 = 30; q1 = 17 + 0.75 x 7 = 22.25; q3 = 36 + 0.25 x 15 = 39.75; mean 128 / 4 = 32
    const g = timeBetweenPurchases(lines);
    expect(g.gaps).toEqual([36, 51, 17, 24]);
    expect([g.customers, g.median, g.q1, g.q3, g.mean]).toEqual([2, 30, 22.25, 39.75, 32]);
  });
  it("counts two invoices on one day as one purchase day", () => {
    const h: CustomerHistory[] = [{ customerId: "x", days: [10, 10, 15], months: [0, 0, 0], values: [1, 1, 1] }];
    expect(purchaseGapsOf(h).gaps).toEqual([5]);
    expect(purchaseGapsOf([{ customerId: "y", days: [3], months: [0], values: [1] }]).median).toBeNull();
  });
  it("shares one-time buyers, among all and among those who had time to return", () => {
    // c2 and c4 bought once: 2 of 4; with W = 30, c4 (first order on the last day) is not eligible: 1 of 3
    const o = oneTimeBuyersOf(customerHistories(lines), 30);
    expect([o.customers, o.oneTime, o.share, o.eligible, o.eligibleOneTime]).toEqual([4, 2, 0.5, 3, 1]);
    expect(o.eligibleShare).toBeCloseTo(1 / 3, 12);
  });
  it("counts sign-ups who never ordered, null without a roster", () => {
    const roster = pl.DataFrame({ customerId: ["c1", "c2", "c3", "c5", "c6", "c6"] });
    // distinct sign-ups c1, c2, c3, c5, c6: c5 and c6 never ordered -> 2 of 5; c4 bought but is not on the roster
    expect(neverOrdered(lines, roster)).toEqual({ signups: 5, neverOrdered: 2, share: 0.4, buyersNotInRoster: 1 });
    expect(neverOrdered(lines)).toBeNull();
  });
});

describe("loyalty report and actions", () => {
  const roster = pl.DataFrame({ customerId: ["c1", "c2", "c3", "c4", "c5"] });
  const r = loyaltyReport(lines, { roster, window: 30, level: 0.8, minEligible: 1 });
  it("puts the parts together on one end date", () => {
    expect([r.end, r.customers, r.orders]).toEqual(["2024-04-10", 4, 8]);
    expect(r.threshold.n).toBe(2); // step 1 2/3 < 0.8, step 2 2/2
    expect(r.threshold.confidentN).toBeNull(); // 2 of 2: Wilson lower bound 0.34
    expect(r.neverOrdered?.neverOrdered).toBe(1);
  });
  it("writes the computed figures into the sentences", () => {
    const a = Object.fromEntries(loyaltyActions(r).map((x) => [x.subject, x.finding]));
    // average month-1 retention 2 of 3 = 66.7%, over 2 cohorts
    expect(a.retention).toMatch(/^On average 66\.7% of a monthly cohort buys again the next month .*\(2 cohorts observed\)/);
    expect(a["second order"]).toMatch(/^66\.7% of first-time buyers with at least 30 days .* 3 customers; 1 too recent to count/);
    expect(a["loyalty threshold"]).toMatch(/^After their 2nd order, 100\.0% of customers order again/);
    expect(a["time between purchases"]).toMatch(/within 30 days of the previous one \(quartiles 22-40 days, 4 gaps\)/);
    expect(a["one-time buyers"]).toMatch(/^50\.0% of customers \(2 of 4\) ordered once; among those who had 30 days to return, 33\.3%/);
    expect(a["never ordered"]).toMatch(/^20\.0% of sign-ups \(1 of 5\) never ordered/);
  });
  it("summarises the report as plain JSON", () => {
    const s = JSON.parse(JSON.stringify(loyaltySummary(r)));
    expect(s.threshold).toMatchObject({ level: 0.8, n: 2, share: 1, eligible: 2, confidentN: null });
    expect(s.timeBetweenPurchases).toEqual({ customers: 2, median: 30, q1: 22.25, q3: 39.75, mean: 32, gaps: 4 });
    expect(s.curve).toHaveLength(3);
    expect(s.retention).toMatchObject({ cohorts: 3, lastObservedMonth: "2024-03", partialMonth: "2024-04" });
  });
  it("says so when no step reaches the level", () => {
    const low = loyaltyReport(lines, { window: 30, level: 0.99 });
    expect(loyaltyActions(low).find((x) => x.subject === "loyalty threshold")?.finding).toMatch(/^No order count reaches a 99\.0% chance/);
  });
  it("writes ordinals", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"]);
  });
});
