import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { CUSTOMER_FEATURE_COLUMNS, customerFeatures, type CustomerFeatures } from "../../src/features";
import { isUserError } from "../../src/errors";

type Line = [invoice: string, stockCode: string, quantity: number, when: string, unitPrice: number, customerId: string | null];

/** A transactions table with the canonical columns; `when` is "YYYY-MM-DD HH:MM" shop time. */
function table(rows: Line[]) {
  const date = (s: string) => new Date(`${s.replace(" ", "T")}:00Z`);
  return pl.DataFrame([
    pl.Series("invoice", rows.map((r) => r[0]), pl.Utf8),
    pl.Series("stockCode", rows.map((r) => r[1]), pl.Utf8),
    pl.Series("description", rows.map(() => null), pl.Utf8),
    pl.Series("quantity", rows.map((r) => r[2]), pl.Float64),
    pl.Series("invoiceDate", rows.map((r) => date(r[3]))).cast(pl.Datetime("ms")),
    pl.Series("unitPrice", rows.map((r) => r[4]), pl.Float64),
    pl.Series("customerId", rows.map((r) => r[5]), pl.Utf8),
    pl.Series("country", rows.map(() => "United Kingdom"), pl.Utf8),
  ]);
}

// Customer C first, so the output order is checked. Weekdays: 2010-12-01 Wednesday,
// 2011-06-06 Monday, 2011-10-14 Friday, 2011-12-05 Monday, 2011-12-08 Thursday, 2011-12-09 Friday.
const purchases = table([
  ["6", "P4", 3, "2010-12-01 08:26", 1.111, "C"],
  ["1", "P1", 2, "2011-12-05 10:15", 1.25, "A"],
  ["1", "P2", 1, "2011-12-05 10:15", 3.333, "A"],
  ["2", "P1", 4, "2011-10-14 09:30", 1.25, "A"],
  ["3", "P3", 1, "2011-06-06 10:45", 10, "A"],
  ["4", "P1", 10, "2011-12-09 12:50", 1, "B"],
  ["5", "P2", 1, "2011-12-08 15:00", 5, "B"],
]);
const returns = table([
  ["C7", "P1", -2, "2011-12-06 11:00", 1.25, "A"],
  ["C8", "P1", -1, "2011-12-06 11:00", 1.25, null],
  ["C9", "P9", -5, "2011-12-06 11:00", 2, "D"],
]);

function rows(df: ReturnType<typeof customerFeatures>): CustomerFeatures[] {
  return df.toRecords() as unknown as CustomerFeatures[];
}

describe("customerFeatures", () => {
  const out = customerFeatures(purchases, returns);
  const byId = Object.fromEntries(rows(out).map((r) => [r.customerId, r]));

  it("has one row per customer of the purchases, sorted by customerId, with the documented columns", () => {
    expect(out.columns).toEqual([...CUSTOMER_FEATURE_COLUMNS]);
    expect(out.getColumn("customerId").toArray()).toEqual(["A", "B", "C"]);
  });

  it("measures recency and tenure in calendar days from the day after the last invoice day", () => {
    // Last invoice day 2011-12-09, snapshot 2011-12-10.
    expect(byId.A.recency).toBe(5); // last purchase 2011-12-05
    expect(byId.B.recency).toBe(1); // 2011-12-09, 12:50 and the time of day do not matter
    expect(byId.C.recency).toBe(374); // 2010-12-01: 30 days of December 2010 + 344 to 2011-12-10
    expect(byId.A.tenure).toBe(187); // 2011-06-06 -> 2011-12-06 is 183 days, + 4
    expect(byId.B.tenure).toBe(2); // 2011-12-08
    expect(byId.C.tenure).toBe(374);
  });

  it("counts distinct invoices, units, distinct products and sums the spend to the cent", () => {
    expect([byId.A.frequency, byId.B.frequency, byId.C.frequency]).toEqual([3, 2, 1]);
    expect([byId.A.units, byId.B.units, byId.C.units]).toEqual([8, 11, 3]);
    expect([byId.A.distinctProducts, byId.B.distinctProducts, byId.C.distinctProducts]).toEqual([3, 2, 1]);
    // A: 2.50 + 3.333 + 5.00 + 10 = 20.833 -> 20.83; C: 3 * 1.111 = 3.333 -> 3.33
    expect([byId.A.monetary, byId.B.monetary, byId.C.monetary]).toEqual([20.83, 15, 3.33]);
    expect(byId.A.avgBasket).toBeCloseTo(20.83 / 3, 12);
    expect(byId.B.avgBasket).toBe(7.5);
  });

  it("computes the return rate from the customer's return lines only", () => {
    expect(byId.A.returnRate).toBe(0.25); // 2 returned / 8 bought; the anonymous return is ignored
    expect(byId.B.returnRate).toBe(0);
    expect(out.height).toBe(3); // D returned without buying: not a customer of the purchases
    expect(rows(customerFeatures(purchases)).map((r) => r.returnRate)).toEqual([0, 0, 0]);
  });

  it("picks the weekday and hour with most invoices, the earliest on ties", () => {
    expect(byId.A.favouriteWeekday).toBe(0); // two Monday invoices, one Friday
    expect(byId.A.favouriteHour).toBe(10); // 10:15 and 10:45
    expect(byId.B.favouriteWeekday).toBe(3); // Thursday and Friday once each
    expect(byId.B.favouriteHour).toBe(12); // 12:50 and 15:00 once each
    expect(byId.C.favouriteWeekday).toBe(2);
    expect(byId.C.favouriteHour).toBe(8);
  });

  it("gives the share of spend in October to December", () => {
    expect(byId.A.q4Share).toBeCloseTo(10.833 / 20.833, 12);
    expect(byId.B.q4Share).toBe(1);
    expect(byId.C.q4Share).toBe(1);
  });

  it("uses a given snapshot date", () => {
    const later = rows(customerFeatures(purchases, returns, { snapshotDate: new Date(Date.UTC(2012, 0, 1)) }));
    expect(later.find((r) => r.customerId === "B")?.recency).toBe(23); // 2011-12-09 -> 2012-01-01
  });

  it("reads microsecond timestamps the same way", () => {
    const us = purchases.withColumns(pl.col("invoiceDate").cast(pl.Datetime("us")));
    expect(rows(customerFeatures(us, returns))).toEqual(rows(out));
  });

  it("uses an amount column when present", () => {
    const withAmount = purchases.withColumns(pl.col("quantity").mul(pl.col("unitPrice")).alias("amount"));
    expect(rows(customerFeatures(withAmount, returns))).toEqual(rows(out));
  });

  it("rejects anonymous lines, missing columns and empty tables with a UserError", () => {
    const anonymous = table([["1", "P1", 1, "2011-12-05 10:15", 1, null]]);
    const errorOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const e1 = errorOf(() => customerFeatures(anonymous));
    expect(isUserError(e1) && (e1 as Error).message).toMatch(/1 rows with no customerId/);
    const e2 = errorOf(() => customerFeatures(purchases.drop("quantity")));
    expect(isUserError(e2) && (e2 as Error).message).toMatch(/no column "quantity"/);
    const e3 = errorOf(() => customerFeatures(purchases.head(0)));
    expect(isUserError(e3) && (e3 as Error).message).toMatch(/empty/);
    const e4 = errorOf(() => customerFeatures(purchases.vstack(returns.head(1))));
    expect(isUserError(e4) && (e4 as Error).message).toMatch(/1 lines with quantity <= 0/);
  });
});
