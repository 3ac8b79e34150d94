// retail-lab clv, churn, crm and migration through the real bin: the CDNOW sample against the
// scipy reference (test/fixtures/clv/reference.json, test/reference/clv_reference.py), UCI Online
// Retail against the scikit-learn reference (test/fixtures/churn/reference.json,
// test/reference/churn_reference.py), and small generated shops (test/cli/clv-data.ts) for the
// Gamma-Gamma boundary and spreadsheet safety.
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { REPO_DATA, tempDir } from "../helpers";
import { CLV_REFERENCE, rel } from "../clv/cdnow";
import { shopCsv } from "./clv-data";
import { cli } from "./run";

const UCI = join(REPO_DATA, "online_retail.csv.gz");
const CDNOW = ["--input", join(REPO_DATA, "cdnow", "CDNOW_sample.txt"), "--map", join(REPO_DATA, "examples", "cdnow.json")];
const CHURN_REFERENCE = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "churn", "reference.json"), "utf8"));

/** A CSV written by the CLI, every column as text. */
const readCsv = (file: string) => pl.readCSV(readFileSync(file, "utf8"), { inferSchemaLength: 0 });
const column = (df: pl.DataFrame, name: string) => (df.getColumn(name).toArray() as string[]).map(Number);
const header = (file: string) => readFileSync(file, "utf8").split("\n")[0];

describe("retail-lab clv on the CDNOW sample (calibration to 1997-09-30 in weeks, holdout to 1998-06-30)", () => {
  const out = join(tempDir(), "clv.csv");
  const r = cli(["clv", ...CDNOW, "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--predict", "52", "--json", "--out", out]);
  const want = CLV_REFERENCE.raw;

  it("prints the issue's JSON keys with the fits of the scipy reference, and no warning", () => {
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ calibrationEnd: "1997-09-30", unit: "week", customers: 2349, repeaters: 946, predict: 52, months: 12, discount: 0.01, out });
    for (const k of ["r", "alpha", "a", "b"]) expect(rel(json.bgnbd[k], want.bgnbd[k])).toBeLessThan(1e-6);
    expect(Math.abs(json.bgnbd.logLik - want.bgnbdLogLik)).toBeLessThan(1e-6);
    expect(json.bgnbd.converged).toBe(true);
    for (const k of ["p", "q", "v"]) expect(rel(json.gammaGamma[k], want.gammaGamma[k])).toBeLessThan(1e-6);
    expect(json.gammaGamma).toMatchObject({ customers: 946, converged: true, fallback: false });
    expect(json.gammaGamma.warning).toBeUndefined();
    expect(rel(json.gammaGamma.spendFrequencyCorrelation, want.spendFrequencyCorrelation)).toBeLessThan(1e-9);
    // the holdout of 39 weeks: 1,882 repeat purchases happened; scipy's fit predicts 1,653.38
    expect(json.validation.holdoutLength).toBe(39);
    expect(json.validation.totals.actualOccasions).toBe(want.holdoutTotals.actualOccasions);
    expect(rel(json.validation.totals.predictedOccasions, want.holdoutTotals.predictedOccasions)).toBeLessThan(1e-6);
    expect(json.validation.byFrequency).toHaveLength(8);
    // segment shares add up to 1 and their customers to all 2,349
    expect(json.bySegment.reduce((s: number, x: { clvShare: number }) => s + x.clvShare, 0)).toBeCloseTo(1, 12);
    expect(json.bySegment.reduce((s: number, x: { customers: number }) => s + x.customers, 0)).toBe(2349);
  });

  it("writes one row per customer with the issue's columns, the reference's predictions, nothing missing", () => {
    expect(header(out)).toBe("customerId,frequency,recency,T,monetary,pAlive,expectedPurchases,expectedSpend,clv,segment");
    const table = readCsv(out);
    expect(table.height).toBe(2349);
    for (const name of ["frequency", "recency", "T", "monetary", "pAlive", "expectedPurchases", "expectedSpend", "clv"]) {
      expect(column(table, name).every(Number.isFinite), name).toBe(true);
    }
    const ids = table.getColumn("customerId").toArray() as string[];
    for (const c of want.customersSample) {
      const i = ids.indexOf(c.customerId);
      expect(rel(column(table, "pAlive")[i], c.pAlive)).toBeLessThan(1e-5);
      expect(rel(column(table, "expectedPurchases")[i], c.expected52)).toBeLessThan(1e-5); // --predict 52
      expect(rel(column(table, "expectedSpend")[i], c.expectedSpend)).toBeLessThan(1e-5);
      expect(rel(column(table, "clv")[i], c.clv12)).toBeLessThan(1e-5);
    }
  });

  it("prints a short report in text", () => {
    const t = cli(["clv", ...CDNOW, "--calibration-end", "1997-09-30"]);
    expect(t.stderr).toBe("");
    expect(t.stdout).toMatch(/^2,349 customers with a purchase by 1997-09-30 \(946 with repeat purchases\), from 6,911 customer purchase lines of 6,919 /m);
    expect(t.stdout).toMatch(/^BG\/NBD: r = 0\.2439 \(SE 0\.01263\), alpha = 4\.422 \(SE 0\.3789\), a = 0\.7925 \(SE 0\.1855\), b = 2\.423 \(SE 0\.7041\); log-likelihood -9,578\.20; converged$/m);
    expect(t.stdout).toContain("Gamma-Gamma on 946 repeat customers: p = 6.250 (SE 1.190), q = 3.744 (SE 0.2901), v = 15.44 (SE 4.159)");
    expect(t.stdout).toContain("expected spend per purchase: the Gamma-Gamma posterior mean");
    expect(t.stdout).toMatch(/^next 51\.43 weeks: .+ expected purchases; 12-month CLV at 1% a month: .+ in total$/m);
  });
});

describe("retail-lab clv where the Gamma-Gamma runs to its boundary p -> ∞ (spend constant within each customer)", () => {
  const dir = tempDir();
  const input = join(dir, "shop.csv");
  writeFileSync(input, shopCsv(200, { constantSpend: true }));
  const out = join(dir, "clv.csv");
  const r = cli(["clv", "--input", input, "--calibration-end", "2011-04-30", "--json", "--out", out]);

  it("flags it in the JSON (converged false, fallback, warning) and on stderr", () => {
    expect(r.status).toBe(0);
    const gg = JSON.parse(r.stdout).gammaGamma;
    expect(gg).toMatchObject({ converged: false, fallback: true, standardErrors: null });
    expect(gg.warning).toMatch(/^The Gamma-Gamma fit runs to the boundary of the parameter space where spend does not vary within a customer \(p -> ∞; it stopped at p = .+\): .+; predictions use each customer's own mean repeat spend/);
    expect(r.stderr).toContain(`retail-lab clv: warning: ${gg.warning}`);
  });

  it("predicts with the fallback: each repeat customer's expected spend is their own mean, no NaN anywhere", () => {
    const table = readCsv(out);
    const x = column(table, "frequency"), m = column(table, "monetary"), spend = column(table, "expectedSpend");
    const repeat = x.map((v, i) => (v > 0 ? i : -1)).filter((i) => i >= 0);
    for (const i of repeat) expect(spend[i]).toBe(m[i]);
    // the others get the repeat customers' mean of m
    const mean = repeat.reduce((s, i) => s + m[i], 0) / repeat.length;
    for (let i = 0; i < x.length; i++) if (x[i] === 0) expect(spend[i]).toBeCloseTo(mean, 9);
    for (const name of ["pAlive", "expectedPurchases", "clv"]) expect(column(table, name).every(Number.isFinite)).toBe(true);
  });

  it("says so in the text report", () => {
    const t = cli(["clv", "--input", input, "--calibration-end", "2011-04-30"]);
    expect(t.stdout).toMatch(/^Gamma-Gamma on \d+ repeat customers: p = \d\.\d{3}e\+[78], .+; not converged \(see the warning\)/m); // p at the edge of the box (1e8) or on its way there
    expect(t.stdout).toContain("expected spend per purchase: the fallback (each customer's own mean repeat spend; the repeat customers' mean for the others)");
    expect(t.stderr).toMatch(/^retail-lab clv: warning: The Gamma-Gamma fit runs to the boundary/m);
  });
});

describe("retail-lab churn on UCI Online Retail (train 2011-06-01, test 2011-09-01, 90 days)", () => {
  const out = join(tempDir(), "churn.csv");
  const r = cli(["churn", "--input", UCI, "--train-cutoff", "2011-06-01", "--test-cutoff", "2011-09-01", "--json", "--out", out]);
  const want = CHURN_REFERENCE;

  it("prints the issue's JSON keys with scikit-learn's baseline", () => {
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ trainCustomers: want.trainCustomers, testCustomers: want.testCustomers, horizonDays: 90, chosenModel: "extended" });
    expect(json.trainChurnRate).toBeCloseTo(want.trainChurnRate, 15);
    expect(json.testChurnRate).toBeCloseTo(want.testChurnRate, 15);
    const exact = want.fits["newton-cholesky"];
    expect(Math.abs(json.logistic.intercept - exact.intercept)).toBeLessThan(1e-9);
    for (const f of ["recency", "frequency", "monetary", "tenure"]) expect(Math.abs(json.logistic.coef[f] - exact.coef[f])).toBeLessThan(1e-9);
    expect(json.logistic.testAuc).toBeCloseTo(want.testAuc, 10);
    expect(json.logistic.testBrier).toBeCloseTo(want.testBrier, 10);
    for (const model of [json.extended, json.pAlive, json.bgnbdNoPurchase]) {
      for (const k of ["testAuc", "testAveragePrecision", "testBrier", "testLiftTopDecile"]) expect(Number.isFinite(model[k])).toBe(true);
    }
    expect(json.extended.features).toEqual(["log1p(recency)", "log1p(frequency)", "log1p(monetary)", "log1p(tenure)", "log1p(recentFrequency)", "bgnbdNoPurchaseLogit"]);
  });

  it("warns that the BG/NBD behind P(alive) ran to its no-dropout boundary at both cutoffs", () => {
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^retail-lab churn: warning: at the training cutoff 2011-06-01, the BG\/NBD fit runs to the boundary of the parameter space where no customer drops out/);
    expect(lines[1]).toMatch(/^retail-lab churn: warning: at the test cutoff 2011-09-01, the BG\/NBD fit runs to the boundary/);
  });

  it("writes the scored test customers with scikit-learn's probabilities", () => {
    const table = readCsv(out);
    expect(table.height).toBe(want.testCustomers);
    expect(header(out)).toBe(
      "customerId,recency,frequency,monetary,tenure,recentFrequency,churned,pAlive,bgnbdNoPurchase,bgnbdNoPurchaseLogit,baselineProbability,pAliveChurnProbability,extendedProbability",
    );
    const ids = table.getColumn("customerId").toArray() as string[];
    const p = column(table, "baselineProbability");
    for (const c of want.sample) expect(p[ids.indexOf(c.customerId)]).toBeCloseTo(c.probability, 9);
  });
});

describe("retail-lab crm", () => {
  it("ranks every customer by value at risk = CLV x churn probability, spreadsheet-safe", () => {
    const dir = tempDir();
    const input = join(dir, "shop.csv");
    // customer IDs that a spreadsheet would read as formulas
    writeFileSync(input, shopCsv(200, { idPrefix: "=" }));
    const out = join(dir, "crm.csv");
    const r = cli(["crm", "--input", input, "--cutoff", "2011-06-15", "--horizon-days", "30", "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(header(out)).toBe("customerId,segment,pAlive,expectedPurchases,clv,churnProbability,valueAtRisk,reason");
    const table = readCsv(out);
    const ids = table.getColumn("customerId").toArray() as string[];
    expect(ids.every((id) => /^'=\d{3}$/.test(id))).toBe(true); // '=001: shown as text
    const clv = column(table, "clv"), p = column(table, "churnProbability"), risk = column(table, "valueAtRisk");
    for (let i = 0; i < risk.length; i++) {
      expect(risk[i]).toBeCloseTo(clv[i] * p[i], 9);
      if (i > 0) expect(risk[i]).toBeLessThanOrEqual(risk[i - 1]);
    }
    // every customer with a purchase by the cutoff: customer i's first purchase is on day 7i mod 120 < 166 (2011-06-15)
    expect(table.height).toBe(200);
    expect(r.stdout).toMatch(/^200 customers at 2011-06-15, ranked by value at risk = 12-month CLV x churn probability \(no purchase in the next 30 days, logistic baseline trained at 2011-05-16\)/m);
    expect(r.stdout).toContain(`wrote 200 customers to ${out}`);
  });
});

describe("retail-lab migration on UCI Online Retail (cutoff 2011-12-09, 90 days)", () => {
  const out = join(tempDir(), "loyal.csv");
  const r = cli(["migration", "--input", UCI, "--from", "Loyal Customers", "--json", "--out", out]);

  it("scores today's Loyal Customers with the probability of being At Risk or worse next quarter", () => {
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.snapshots).toEqual(["2011-06-12", "2011-09-10", "2011-12-09"]);
    expect(json.atRiskOrWorse).toEqual(["At Risk", "Can't Lose Them", "Hibernating"]);
    expect(json.scored).toMatchObject({ at: "2011-12-09", for: "2012-03-08" }); // 2011-12-09 + 90 days
    const table = readCsv(out);
    expect(header(out)).toBe("customerId,segment,recency,frequency,monetary,tenure,probability");
    expect(new Set(table.getColumn("segment").toArray())).toEqual(new Set(["Loyal Customers"]));
    expect(table.height).toBe(json.scored.customers);
    const p = column(table, "probability");
    for (let i = 0; i < p.length; i++) {
      expect(p[i]).toBeGreaterThanOrEqual(0);
      expect(p[i]).toBeLessThanOrEqual(1);
      if (i > 0) expect(p[i]).toBeLessThanOrEqual(p[i - 1]);
    }
    expect(json.scored.meanProbability).toBeCloseTo(p.reduce((s, v) => s + v, 0) / p.length, 12);
  });

  it("the transition shares of the Loyal Customers row come from the transition table", () => {
    const json = JSON.parse(r.stdout);
    const row = json.transitions.filter((c: { fromSegment: string }) => c.fromSegment === "Loyal Customers");
    const n = row.reduce((s: number, c: { customers: number }) => s + c.customers, 0);
    const worse = row.filter((c: { toSegment: string }) => json.atRiskOrWorse.includes(c.toSegment)).reduce((s: number, c: { customers: number }) => s + c.customers, 0);
    expect(json.moves).toEqual([{ segment: "Loyal Customers", customers: n, stayed: expect.any(Number), atRiskOrWorse: worse / n }]);
  });
});
