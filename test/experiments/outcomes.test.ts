import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { analyzeAssignment, outcomesFromTransactions } from "../../src/experiments/index";

const assignment = pl.DataFrame({ customerId: ["1", "2", "3", "4"], arm: ["control", "offer", "offer", "control"] });

/** Customer purchase lines as cleaning leaves them (amount = quantity x unitPrice). */
function lines(rows: [string, string, number, number, string][]): pl.DataFrame {
  return pl
    .DataFrame({
      invoice: rows.map((r) => r[1]),
      customerId: rows.map((r) => r[0]),
      quantity: rows.map((r) => r[2]),
      unitPrice: rows.map((r) => r[3]),
      invoiceDate: rows.map((r) => new Date(`${r[4]}Z`)),
    })
    .withColumns(pl.col("quantity").mul(pl.col("unitPrice")).alias("amount"));
}

const purchases = lines([
  // customer 2: invoices A (2 x 3 + 1 x 1) and B (1 x 4) inside the window
  ["2", "A", 2, 3, "2011-01-03T10:00:00"],
  ["2", "A", 1, 1, "2011-01-03T10:00:00"],
  ["2", "B", 1, 4, "2011-01-09T23:59:00"],
  // customer 1: the day before the start (pre-period) and the first moment after the window
  ["1", "C", 5, 2, "2010-12-31T12:00:00"],
  ["1", "D", 1, 9, "2011-01-10T00:00:00"],
  // customer 3: the start's midnight exactly (inside)
  ["3", "E", 3, 1.5, "2011-01-03T00:00:00"],
  // customer 9 was not assigned: left out
  ["9", "F", 1, 100, "2011-01-04T00:00:00"],
]);

describe("outcomes from transactions", () => {
  // window: 2011-01-03 00:00 <= invoiceDate < 2011-01-10 00:00 (7 days)
  const out = outcomesFromTransactions(assignment, purchases, { start: "2011-01-03", windowDays: 7, preDays: 7 });

  it("keeps the assignment's rows and columns, then conversion, revenue, orders, units, preRevenue", () => {
    expect(out.columns).toEqual(["customerId", "arm", "conversion", "revenue", "orders", "units", "preRevenue"]);
    expect(out.getColumn("customerId").toArray()).toEqual(["1", "2", "3", "4"]);
  });
  it("counts the window exactly: from the start's midnight, for windowDays whole days", () => {
    const rows = out.toRecords();
    // customer 1: only the pre-period line (5 x 2 = 10) and one just after the window: nothing inside
    expect(rows[0]).toMatchObject({ conversion: 0, revenue: 0, orders: 0, units: 0, preRevenue: 10 });
    // customer 2: 2 x 3 + 1 x 1 + 1 x 4 = 11 over invoices A and B, 4 units
    expect(rows[1]).toMatchObject({ conversion: 1, revenue: 11, orders: 2, units: 4, preRevenue: 0 });
    // customer 3: 3 x 1.5 at midnight of the start day
    expect(rows[2]).toMatchObject({ conversion: 1, revenue: 4.5, orders: 1, units: 3, preRevenue: 0 });
    // customer 4 bought nothing: zeros, not missing
    expect(rows[3]).toMatchObject({ conversion: 0, revenue: 0, orders: 0, units: 0, preRevenue: 0 });
  });
  it("analyses an assignment from the transactions in one call", () => {
    const r = analyzeAssignment(assignment, purchases, { start: "2011-01-03", windowDays: 7, preDays: 7 }, { control: "control", metrics: ["conversion", "revenue"], bootstrap: false });
    // control: customers 1 and 4 (nothing bought); offer: customers 2 and 3 (both bought: 11 and 4.5)
    expect(r.arms).toEqual({ control: 2, offer: 2 });
    expect(r.comparisons.map((c) => [c.metric, c.treatment, c.control])).toEqual([
      ["conversion", 1, 0],
      ["revenue", 7.75, 0],
    ]);
  });
  it("leaves out preRevenue without a pre-period", () => {
    expect(outcomesFromTransactions(assignment, purchases, { start: "2011-01-03", windowDays: 7 }).columns).not.toContain("preRevenue");
  });
  it("refuses a bad window or missing columns, one sentence each", () => {
    expect(() => outcomesFromTransactions(assignment, purchases, { start: "2011-01-03", windowDays: 0 })).toThrow(
      "The window must be a whole number of days above 0, not 0.",
    );
    expect(() => outcomesFromTransactions(assignment, purchases, { start: "3 Jan", windowDays: 7 })).toThrow(/The experiment's start must be a calendar day/);
    expect(() => outcomesFromTransactions(assignment.drop("arm"), purchases, { start: "2011-01-03", windowDays: 7 })).toThrow(
      "The assignment table has no arm column (columns: customerId).",
    );
    expect(() => outcomesFromTransactions(assignment.withColumns(pl.lit(1).alias("revenue")), purchases, { start: "2011-01-03", windowDays: 7 })).toThrow(
      "The assignment table already has a revenue column: outcomes would overwrite it.",
    );
  });
});
