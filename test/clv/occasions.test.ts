// Purchase occasions, the calibration summary and the holdout actuals on lines small enough to
// check by hand (the doc comment's example), and their refusals.
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { calibrationSummary, holdoutActuals, purchaseOccasions, summaryArrays } from "../../src/clv/index";
import { userErrorOf } from "../clusters/helpers";

const d = (s: string) => new Date(`${s}T12:00:00Z`);
/** Customer A: 1997-01-01 $10; 1997-01-15 $20 and $5 (one occasion of $25); 1997-03-01 $30; 1997-10-10 $8 (after E).
 *  Customer B: one purchase on 1997-09-30 (the calibration end itself). Customer C: first buys after E. */
const lines = pl.DataFrame({
  customerId: ["A", "A", "A", "A", "A", "B", "C"],
  invoiceDate: [d("1997-01-01"), d("1997-01-15"), d("1997-01-15"), d("1997-03-01"), d("1997-10-10"), d("1997-09-30"), d("1997-10-02")],
  amount: [10, 20, 5, 30, 8, 12, 40],
});


describe("purchase occasions and the calibration summary", () => {
  it("one occasion per customer-day, valued at the day's total", () => {
    const occ = purchaseOccasions(lines);
    expect(occ.height).toBe(6); // A has 4 days, B 1, C 1
    expect(occ.filter(pl.col("customerId").eq(pl.lit("A"))).getColumn("value").toArray()).toEqual([10, 25, 30, 8]);
  });
  it("x, t_x, T and the mean repeat value, in days and in weeks", () => {
    const days = calibrationSummary(lines, { calibrationEnd: "1997-09-30", unit: "day" });
    expect(days.getColumn("customerId").toArray()).toEqual(["A", "B"]); // C did not exist yet
    const a = days.row(0);
    // x = 2 (Jan 15, Mar 1); t_x = Jan 1 -> Mar 1 = 31 + 28 = 59 days; T = Jan 1 -> Sep 30 = 272 days; monetary (25 + 30) / 2
    expect(a).toEqual(["A", 2, 59, 272, 27.5]);
    // B bought on the calibration end: it belongs to the calibration period, T = 0
    expect(days.row(1)).toEqual(["B", 0, 0, 0, 0]);
    const weeks = summaryArrays(calibrationSummary(lines, { calibrationEnd: "1997-09-30" }));
    expect(weeks.T[0]).toBeCloseTo(272 / 7, 14); // 38.857 weeks
    expect(weeks.recency[0]).toBeCloseTo(59 / 7, 14);
  });
  it("holdout actuals: occasions and spend in (E, H], zero for those who did not buy (H = the last day with purchases)", () => {
    const h = holdoutActuals(lines, { calibrationEnd: "1997-09-30", holdoutEnd: "1997-10-10" });
    // A bought once ($8) in the holdout; B did not; C is not a calibration customer
    expect(h.rows()).toEqual([
      ["A", 1, 8],
      ["B", 0, 0],
    ]);
  });
});

describe("refusals", () => {
  it("a calibration end outside the data", () => {
    expect(userErrorOf(() => calibrationSummary(lines, { calibrationEnd: "1996-12-31" }))).toMatch(/The calibration end 1996-12-31 is outside the data, whose purchases run from 1997-01-01 to 1997-10-10/);
    expect(userErrorOf(() => calibrationSummary(lines, { calibrationEnd: "1998-01-01" }))).toMatch(/outside the data/);
    expect(userErrorOf(() => calibrationSummary(lines, { calibrationEnd: "1997-02-30" }))).toMatch(/calendar day written YYYY-MM-DD/);
  });
  it("a holdout end past the data or not after the calibration end", () => {
    expect(userErrorOf(() => holdoutActuals(lines, { calibrationEnd: "1997-09-30", holdoutEnd: "1998-06-30" }))).toMatch(/past the data, whose last purchase is on 1997-10-10/);
    expect(userErrorOf(() => holdoutActuals(lines, { calibrationEnd: "1997-09-30", holdoutEnd: "1997-09-30" }))).toMatch(/must come after the calibration end/);
  });
  it("zero, negative or missing spend, and a missing column", () => {
    const bad = (amount: (number | null)[]) => pl.DataFrame({ customerId: ["A", "A"], invoiceDate: [d("1997-01-01"), d("1997-01-02")], amount });
    expect(userErrorOf(() => purchaseOccasions(bad([5, -3.2])))).toMatch(/Customer line 2 \(customer A\) has amount -3.2: spend must be a positive number/);
    expect(userErrorOf(() => purchaseOccasions(bad([0, 1])))).toMatch(/Customer line 1 \(customer A\) has amount 0/);
    expect(userErrorOf(() => purchaseOccasions(bad([1, null])))).toMatch(/has amount null/);
    expect(userErrorOf(() => purchaseOccasions(bad([1, Number.POSITIVE_INFINITY])))).toMatch(/has amount Infinity/);
    expect(userErrorOf(() => purchaseOccasions(lines.drop("amount")))).toMatch(/no column "amount"/);
  });
  it("a calibration summary with gaps or impossible rows", () => {
    const s = pl.DataFrame({ frequency: [1, null], recency: [2, 0], T: [3, 4] });
    expect(userErrorOf(() => summaryArrays(s))).toMatch(/no frequency on row 2/);
  });
});
