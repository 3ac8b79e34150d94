// customerValue, the one call the CLI and the notebook make: end to end on the CDNOW sample,
// never NaN, and the bad inputs of issue 13 refused with one sentence each.
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { customerValue } from "../../src/clv/index";
import { cdnowClean } from "./cdnow";
import { userErrorOf } from "../clusters/helpers";

const lines = cdnowClean().customerLines;


describe("customerValue on the CDNOW sample", () => {
  const result = customerValue(lines, { calibrationEnd: "1997-09-30", holdoutEnd: "1998-06-30", unit: "week", predict: 39 });
  it("fits both models and scores every calibration customer", () => {
    expect(result.customers).toBe(2349);
    expect(result.repeaters).toBe(946);
    expect(result.bgnbd.converged).toBe(true);
    expect(result.gammaGamma.converged).toBe(true);
    expect(result.perCustomer.height).toBe(2349);
    expect(result.perCustomer.columns).toEqual(["customerId", "frequency", "recency", "T", "monetary", "pAlive", "expectedPurchases", "expectedSpend", "clv", "segment"]);
    expect(result.validation?.holdoutLength).toBe(39); // 273 days
  });
  it("has no NaN, no infinity and no missing value in any output column", () => {
    for (const name of ["pAlive", "expectedPurchases", "expectedSpend", "clv"]) {
      const values = result.perCustomer.getColumn(name).toArray() as number[];
      expect(values.every((v) => Number.isFinite(v))).toBe(true);
    }
    expect(result.perCustomer.getColumn("segment").nullCount()).toBe(0);
    for (const v of Object.values(result.validation!.totals)) expect(Number.isFinite(v)).toBe(true);
  });
  it("segment totals add up to the customers' CLV", () => {
    const total = Number(result.perCustomer.getColumn("clv").sum());
    // segment totals add each CLV rounded to a millionth (moneySum): at most 2,349 x 0.5e-6 apart
    expect(Math.abs(Number(result.bySegment.getColumn("totalClv").sum()) - total)).toBeLessThanOrEqual(2349 * 0.5e-6);
    expect(Number(result.bySegment.getColumn("customers").sum())).toBe(2349);
  });
  it("the expected purchases over the holdout are those of the validation", () => {
    // predict = 39 weeks = the holdout length: the totals agree
    expect(Number(result.perCustomer.getColumn("expectedPurchases").sum())).toBeCloseTo(result.validation!.totals.predictedOccasions, 8);
  });
});

describe("customerValue refuses bad input with one sentence", () => {
  it("a calibration end outside the data", () => {
    expect(userErrorOf(() => customerValue(lines, { calibrationEnd: "1998-07-01" }))).toBe(
      "The calibration end 1998-07-01 is outside the data, whose purchases run from 1997-01-01 to 1998-06-30: choose a day in that range.",
    );
  });
  it("a holdout end past the data", () => {
    expect(userErrorOf(() => customerValue(lines, { calibrationEnd: "1997-09-30", holdoutEnd: "1998-09-30" }))).toBe(
      "The holdout end 1998-09-30 is past the data, whose last purchase is on 1998-06-30: the holdout period would not be fully observed.",
    );
  });
  it("fewer than 30 customers with repeat purchases", () => {
    // the first two weeks of 1997: few customers have bought twice yet
    expect(userErrorOf(() => customerValue(lines, { calibrationEnd: "1997-01-03" }))).toMatch(
      /^The BG\/NBD model needs at least 30 customers with repeat purchases in the calibration period, and there (are|is) \d+: choose a later calibration end or use more data\.$/,
    );
  });
  it("zero or negative spend", () => {
    const refund = lines.head(5).withColumns(pl.lit(-12.5).alias("amount"));
    expect(userErrorOf(() => customerValue(refund, { calibrationEnd: "1997-01-05" }))).toMatch(
      /^Customer line 1 \(customer \d+\) has amount -12.5: spend must be a positive number; clean the data first/,
    );
  });
  it("a horizon that is not a whole number of months, a negative discount, a bad unit", () => {
    expect(userErrorOf(() => customerValue(lines, { calibrationEnd: "1997-09-30", months: 0 }))).toMatch(/whole number of months/);
    expect(userErrorOf(() => customerValue(lines, { calibrationEnd: "1997-09-30", discount: -0.01 }))).toMatch(/discount rate/);
    expect(userErrorOf(() => customerValue(lines, { calibrationEnd: "1997-09-30", unit: "month" as never }))).toBe('The time unit must be "day" or "week", not "month".');
    expect(userErrorOf(() => customerValue(lines, { calibrationEnd: "1997-09-30", predict: -5 }))).toBe("The prediction period must be a positive number of weeks, not -5.");
  });
});
