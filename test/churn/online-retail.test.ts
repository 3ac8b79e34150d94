// The churn baseline on UCI Online Retail against scikit-learn 1.2 on the same definitions
// (test/fixtures/churn/reference.json, written by test/reference/churn_reference.py with pandas
// 1.5 and scikit-learn 1.2.1), then the whole validation, segment migration and the CRM list.
import { readFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { AT_RISK_OR_WORSE, churnValidation, crmList, migrationRisk } from "../../src/churn/index";
import { cleanTransactions } from "../../src/clean/clean";
import { DEFAULT_DATA_FILE } from "../../src/data/default";
import { loadDataset } from "../../src/data/load";
import { userErrorOf } from "../clusters/helpers";

const reference = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "churn", "reference.json"), "utf8"));
const { customerLines } = cleanTransactions(loadDataset({ transactions: DEFAULT_DATA_FILE }).transactions);
const result = churnValidation(customerLines, { trainCutoff: reference.trainCutoff, testCutoff: reference.testCutoff, horizonDays: reference.horizonDays });
const FEATURES = ["recency", "frequency", "monetary", "tenure"] as const;

describe("the churn baseline against scikit-learn (train 2011-06-01, test 2011-09-01, 90 days)", () => {
  it("has the same populations and churn rates", () => {
    expect(result.trainCustomers).toBe(reference.trainCustomers); // 2,725
    expect(result.testCustomers).toBe(reference.testCustomers); // 3,324
    expect(result.trainChurnRate).toBeCloseTo(reference.trainChurnRate, 15);
    expect(result.testChurnRate).toBeCloseTo(reference.testChurnRate, 15);
  });
  it("standardises with the same training mean and population SD (StandardScaler)", () => {
    FEATURES.forEach((f, j) => {
      expect(result.baseline.model.mean[j]).toBeCloseTo(reference.mean[f], 12);
      expect(result.baseline.model.scale[j]).toBeCloseTo(reference.scale[f], 12);
    });
  });
  it("finds the coefficients of LogisticRegression(C=1, tol=1e-10) to 1e-6 (newton-cholesky: 1e-9)", () => {
    const exact = reference.fits["newton-cholesky"];
    const lbfgs = reference.fits.lbfgs;
    expect(Math.abs(result.baseline.intercept - exact.intercept)).toBeLessThan(1e-9);
    for (const f of FEATURES) expect(Math.abs(result.baseline.coefficients[f] - exact.coef[f])).toBeLessThan(1e-9);
    // lbfgs stops on its ftol = 64 eps a few 1e-6 away (tenure: 5.2e-6); its objective is higher than ours
    expect(Math.abs(result.baseline.intercept - lbfgs.intercept)).toBeLessThan(1e-5);
    for (const f of FEATURES) expect(Math.abs(result.baseline.coefficients[f] - lbfgs.coef[f])).toBeLessThan(1e-5);
    expect(result.baseline.model.fit.objective).toBeLessThan(lbfgs.objective);
    expect(Math.abs(result.baseline.model.fit.objective - exact.objective)).toBeLessThan(1e-9);
  });
  it("scores the test customers with sklearn's probabilities and metrics", () => {
    const ids = result.scored.getColumn("customerId").toArray() as string[];
    const p = result.scored.getColumn("baselineProbability").toArray() as number[];
    for (const c of reference.sample) expect(p[ids.indexOf(c.customerId)]).toBeCloseTo(c.probability, 9);
    expect(result.baseline.test.auc).toBeCloseTo(reference.testAuc, 10); // roc_auc_score
    expect(result.baseline.test.averagePrecision).toBeCloseTo(reference.testAveragePrecision, 9); // average_precision_score
    expect(result.baseline.test.brier).toBeCloseTo(reference.testBrier, 10); // brier_score_loss
    const bins = result.baseline.test.calibration; // calibration_curve(n_bins=10, strategy="uniform")
    expect(bins.map((b) => b.observedRate)).toHaveLength(reference.calibration.observed.length);
    bins.forEach((b, i) => {
      expect(b.observedRate).toBeCloseTo(reference.calibration.observed[i], 12);
      expect(b.meanPredicted).toBeCloseTo(reference.calibration.predicted[i], 9);
    });
  });
});

describe("the other models on the same test cutoff", () => {
  it("P(alive) alone, the BG/NBD no-purchase probability alone, and the extended model are all reported, finite", () => {
    for (const scores of [result.pAlive.test, result.bgnbdNoPurchase.test, result.extended.test, result.baseline.test]) {
      for (const v of [scores.auc, scores.averagePrecision, scores.brier, scores.liftTopDecile]) expect(Number.isFinite(v)).toBe(true);
      expect(scores.customers).toBe(reference.testCustomers);
    }
    // the BG/NBD fitted at these cutoffs runs to its no-dropout boundary, which the fits say
    expect(result.bgnbdTest.converged).toBe(false);
    expect(result.bgnbdTest.message).toMatch(/no customer drops out/);
    expect(result.extended.model.features.map((f) => f.column)).toEqual(["recency", "frequency", "monetary", "tenure", "recentFrequency", "bgnbdNoPurchaseLogit"]);
  });
  it("refuses a test cutoff that overlaps the training labels", () => {
    expect(userErrorOf(() => churnValidation(customerLines, { trainCutoff: "2011-06-01", testCutoff: "2011-08-01" }))).toMatch(
      /^The test cutoff 2011-08-01 comes before the training labels end on 2011-08-30/,
    );
  });
});

describe("segment migration at 2011-12-09 (90 days)", () => {
  const m = migrationRisk(customerLines, { cutoff: "2011-12-09" });
  it("uses the snapshots c - 2h, c - h, c", () => {
    expect(m.snapshots).toEqual(["2011-06-12", "2011-09-10", "2011-12-09"]);
  });
  it("the transition matrix holds every customer of the later snapshot once; rows share 1", () => {
    const total = m.transitions.counts.flat().reduce((s, v) => s + v, 0);
    expect(total).toBe(4338); // every customer has bought by 2011-12-09
    for (const row of m.transitions.rowShares) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });
  it("scores the Loyal Customers and Champions of today, checked on the previous pair", () => {
    expect(AT_RISK_OR_WORSE).toEqual(["At Risk", "Can't Lose Them", "Hibernating"]);
    const segments = new Set(m.atRisk.getColumn("segment").toArray());
    expect([...segments].sort()).toEqual(["Champions", "Loyal Customers"]);
    const p = m.atRisk.getColumn("probability").toArray() as number[];
    expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
    for (let i = 1; i < p.length; i++) expect(p[i]).toBeLessThanOrEqual(p[i - 1]);
    expect(m.check.auc).toBeGreaterThan(0.5);
  });
});

describe("the CRM list at 2011-12-09", () => {
  const { list, trainCutoff } = crmList(customerLines, { cutoff: "2011-12-09" });
  it("ranks every customer by value at risk, with a reason, finite throughout", () => {
    expect(trainCutoff).toBe("2011-09-10");
    expect(list.height).toBe(4338);
    const v = list.getColumn("valueAtRisk").toArray() as number[];
    for (let i = 1; i < v.length; i++) expect(v[i]).toBeLessThanOrEqual(v[i - 1]);
    for (const c of ["pAlive", "expectedPurchases", "clv", "churnProbability", "valueAtRisk"]) {
      expect((list.getColumn(c).toArray() as number[]).every(Number.isFinite)).toBe(true);
    }
    expect((list.getColumn("reason").toArray() as string[]).every((r) => r.length > 0)).toBe(true);
  });
});
