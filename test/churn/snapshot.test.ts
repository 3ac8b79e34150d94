// Churn snapshots, models and the CRM list on lines small enough to check by hand.
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import {
  BASELINE_FEATURES,
  checkNoLeakage,
  churnSnapshot,
  contributionReasons,
  fitChurnModel,
  migrationRisk,
  meanAndScale,
  standardizedColumns,
  transitionMatrix,
  valueAtRiskList,
  NEW_SINCE_LAST,
} from "../../src/churn/index";
import { parseIsoDay } from "../../src/util/index";
import { userErrorOf } from "../clusters/helpers";

const d = (s: string) => new Date(`${s}T10:00:00Z`);
/** X: 2011-01-10 (invoice A), 2011-03-01 (B and C); Y: 2011-02-01 (D), 2011-04-15 (E); Z: 2011-06-29 (F). */
const lines = pl.DataFrame({
  customerId: ["X", "X", "X", "Y", "Y", "Z"],
  invoice: ["A", "B", "C", "D", "E", "F"],
  invoiceDate: [d("2011-01-10"), d("2011-03-01"), d("2011-03-01"), d("2011-02-01"), d("2011-04-15"), d("2011-06-29")],
  amount: [10, 20.5, 4.25, 7, 9, 3],
});


describe("churnSnapshot", () => {
  it("features to the day after the cutoff, and the label of the next h days", () => {
    const s = churnSnapshot(lines, { cutoff: "2011-03-31", horizonDays: 90 });
    // Z has no purchase on or before the cutoff: not in the population
    expect(s.getColumn("customerId").toArray()).toEqual(["X", "Y"]);
    // X: recency 2011-04-01 - 2011-03-01 = 31; 3 invoices; 34.75; tenure 2011-04-01 - 2011-01-10 = 81;
    // all 3 invoices in the last 90 days (2010-12-31, 2011-03-31]; no purchase in 2011-04-01..2011-06-29: churned
    expect(s.row(0)).toEqual(["X", 31, 3, 34.75, 81, 3, 1]);
    // Y: recency 2011-04-01 - 2011-02-01 = 59; 1 invoice; 7; tenure 59; D is in the last 90 days; buys 2011-04-15: not churned
    expect(s.row(1)).toEqual(["Y", 59, 1, 7, 59, 1, 0]);
  });
  it("refuses a horizon past the data, a cutoff before it, a bad horizon", () => {
    expect(userErrorOf(() => churnSnapshot(lines, { cutoff: "2011-04-01", horizonDays: 90 }))).toBe(
      "The cutoff 2011-04-01 plus the horizon of 90 days ends on 2011-06-30, past the last purchase in the data (2011-06-29): the churn labels would not be observed; choose an earlier cutoff or a shorter horizon.",
    );
    expect(userErrorOf(() => churnSnapshot(lines, { cutoff: "2010-12-31", horizonDays: 30 }))).toBe(
      "The cutoff 2010-12-31 is before the first purchase in the data (2011-01-10): no customer exists yet.",
    );
    expect(userErrorOf(() => churnSnapshot(lines, { cutoff: "2011-03-31", horizonDays: 0 }))).toBe("The churn horizon must be a whole number of days from 1 to 3650, not 0.");
  });
  it("refuses a test cutoff before the training labels end (leakage)", () => {
    expect(userErrorOf(() => checkNoLeakage(parseIsoDay("2011-06-01"), parseIsoDay("2011-08-01"), 90))).toBe(
      "The test cutoff 2011-08-01 comes before the training labels end on 2011-08-30 (training cutoff 2011-06-01 plus 90 days): the test features would overlap the training labels (leakage); choose a test cutoff on or after 2011-08-30.",
    );
    expect(() => checkNoLeakage(parseIsoDay("2011-06-01"), parseIsoDay("2011-08-30"), 90)).not.toThrow();
  });
});

describe("segment migration refusals", () => {
  it("needs two horizons of history before the cutoff", () => {
    expect(userErrorOf(() => migrationRisk(lines, { cutoff: "2011-04-01", horizonDays: 90 }))).toBe(
      "Segment migration at 2011-04-01 needs snapshots at 2010-10-03 and 2011-01-01 (two horizons of 90 days earlier), and the data start on 2011-01-10: choose a later cutoff or a shorter horizon.",
    );
    expect(userErrorOf(() => migrationRisk(lines, { cutoff: "2011-07-01", horizonDays: 10 }))).toBe("The cutoff 2011-07-01 is after the last purchase in the data (2011-06-29).");
  });
});

describe("churn models", () => {
  it("standardise with the training mean and population SD; a constant feature keeps scale 1", () => {
    expect(meanAndScale(Float64Array.of(0, 2))).toEqual({ mean: 1, scale: 1 });
    expect(meanAndScale(Float64Array.of(5, 5, 5))).toEqual({ mean: 5, scale: 1 });
    const train = pl.DataFrame({ recency: [Math.E - 1, Math.E ** 3 - 1], frequency: [1, 1], monetary: [1, 1], tenure: [1, 1], churned: [0, 1] });
    const model = fitChurnModel(train, BASELINE_FEATURES);
    // log1p(recency) = (1, 3): mean 2, SD 1; a later value log1p = 4 -> 2
    expect(model.mean[0]).toBeCloseTo(2, 14);
    expect(model.scale[0]).toBeCloseTo(1, 14);
    const later = pl.DataFrame({ recency: [Math.E ** 4 - 1], frequency: [1], monetary: [1], tenure: [1] });
    expect(standardizedColumns(model, later)[0][0]).toBeCloseTo(2, 12);
  });
  it("the reason names the largest positive contributions", () => {
    const model = {
      features: [
        { column: "recency", transform: "identity" as const },
        { column: "frequency", transform: "identity" as const },
      ],
      mean: [0, 0],
      scale: [1, 1],
      fit: { intercept: 0, coefficients: [1.2, -0.5], objective: 0, iterations: 0, converged: true, message: "" },
    };
    // w = (1.2, -0.5), z = (1, -0.8): contributions 1.2 and 0.4; z = (-1, 1): none positive
    const rows = pl.DataFrame({ recency: [1, -1], frequency: [-0.8, 1] });
    expect(contributionReasons(model, rows)).toEqual(["recency high (+1.20), frequency low (+0.40)", "no feature raises the risk"]);
  });
});

describe("transitions and the CRM list", () => {
  it("the transition matrix of the doc comment's example", () => {
    const earlier = pl.DataFrame({ customerId: ["A", "B"], segment: ["Champions", "At Risk"] });
    const later = pl.DataFrame({ customerId: ["A", "B", "C"], segment: ["Hibernating", "At Risk", "New Customers"] });
    const t = transitionMatrix(earlier, later);
    expect(t.from).toEqual(["At Risk", "Champions", NEW_SINCE_LAST]);
    expect(t.to).toEqual(["At Risk", "Hibernating", "New Customers"]);
    expect(t.counts).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(t.table.rows()).toEqual([
      ["At Risk", "At Risk", 1, 1],
      ["Champions", "Hibernating", 1, 1],
      [NEW_SINCE_LAST, "New Customers", 1, 1],
    ]);
  });
  it("ranks by value at risk = CLV x churn probability", () => {
    const perCustomer = pl.DataFrame({ customerId: ["a", "b", "c"], segment: ["Champions", "At Risk", "Loyal Customers"], pAlive: [0.9, 0.5, 0.8], expectedPurchases: [3, 1, 2], clv: [200, 100, 50] });
    const churn = pl.DataFrame({ customerId: ["a", "b", "c"], churnProbability: [0.4, 0.7, 0.5], reason: ["r1", "r2", "r3"] });
    const list = valueAtRiskList(perCustomer, churn);
    // 200 x 0.4 = 80 ahead of 100 x 0.7 = 70 and 50 x 0.5 = 25
    expect(list.getColumn("customerId").toArray()).toEqual(["a", "b", "c"]);
    expect(list.getColumn("valueAtRisk").toArray()).toEqual([80, 70, 25]);
    expect(list.columns).toEqual(["customerId", "segment", "pAlive", "expectedPurchases", "clv", "churnProbability", "valueAtRisk", "reason"]);
  });
});
