/**
 * The EDA functions on six sales lines, every expected value worked out by hand:
 *   inv  code  qty  date              price  customer  country  amount
 *   1    A     2    Mon 2011-01-03 10:15  1.5  c1  UK       3
 *   1    B     1    Mon 2011-01-03 10:15  10   c1  UK       10
 *   2    A     4    Wed 2011-01-05 12:00  1.5  c2  France   6
 *   3    POST  1    Tue 2011-02-01 09:00  18   c1  UK       18   (not a product)
 *   3    A     1    Tue 2011-02-01 09:00  1.5  c1  UK       1.5
 *   4    B     3    Tue 2011-02-15 12:30  10   -   UK       30
 * and one cancellation: C5, A, -2 x 1.5 by c1.
 */
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import {
  basketSizes, busiestSlot, countrySummary, descriptionWords, endsMidMonth, homeVersusRest, lastInvoiceDate, monthlyMetrics,
  growthDrivers, newVersusReturning, ordersByWeekdayHour, overlap, peakMonth, returnsImpact, topProducts, weekdayHourMatrix,
  weekdaysWithoutOrders,
} from "../../src/eda/index";
import { numbers, quantile } from "../../src/util/index";

const d = (s: string) => new Date(`${s}Z`);
const sales = pl.DataFrame({
  invoice: ["1", "1", "2", "3", "3", "4"],
  stockCode: ["A", "B", "A", "POST", "A", "B"],
  description: ["RED HEART", "BLUE BAG", "RED HEART", "POSTAGE", "RED HEART", "BLUE BAG"],
  quantity: [2, 1, 4, 1, 1, 3],
  invoiceDate: [d("2011-01-03T10:15:00"), d("2011-01-03T10:15:00"), d("2011-01-05T12:00:00"), d("2011-02-01T09:00:00"), d("2011-02-01T09:00:00"), d("2011-02-15T12:30:00")],
  unitPrice: [1.5, 10, 1.5, 18, 1.5, 10],
  customerId: ["c1", "c1", "c2", "c1", "c1", null],
  country: ["UK", "UK", "France", "UK", "UK", "UK"],
}).withColumns(pl.col("quantity").mul(pl.col("unitPrice")).alias("amount"), pl.col("stockCode").neq(pl.lit("POST")).alias("isProduct"));
const customerLines = sales.filter(pl.col("customerId").isNotNull());
const returns = pl.DataFrame({ invoice: ["C5"], stockCode: ["A"], quantity: [-2], unitPrice: [1.5], customerId: ["c1"], amount: [-3] });

describe("monthly", () => {
  it("monthlyMetrics: revenue, orders, customers with an ID, units and the ratios", () => {
    expect(monthlyMetrics(sales).toRecords()).toEqual([
      { month: "2011-01", revenue: 19, orders: 2, customers: 2, units: 7, avgOrderValue: 9.5, unitsPerOrder: 3.5 },
      { month: "2011-02", revenue: 49.5, orders: 2, customers: 1, units: 5, avgOrderValue: 24.75, unitsPerOrder: 2.5 },
    ]);
  });
  it("newVersusReturning: new in the month of the first purchase, returning after", () => {
    expect(newVersusReturning(customerLines).toRecords()).toEqual([
      { month: "2011-01", newCustomers: 2, returningCustomers: 0 },
      { month: "2011-02", newCustomers: 0, returningCustomers: 1 },
    ]);
  });
  it("peakMonth leaves out a month the data stops inside", () => {
    const m = monthlyMetrics(sales);
    expect(lastInvoiceDate(sales).toISOString()).toBe("2011-02-15T12:30:00.000Z");
    expect(endsMidMonth(d("2011-02-15T12:30:00"))).toBe(true);
    expect(endsMidMonth(d("2011-02-28T17:00:00"))).toBe(false);
    expect(peakMonth(m, d("2011-02-15T12:30:00"))).toEqual({ month: "2011-01", revenue: 19, ratioToMean: 1, partialMonth: "2011-02" });
    // complete February: peak 49.5 against the mean of 19 and 49.5 = 34.25
    expect(peakMonth(m, d("2011-02-28T17:00:00"))).toEqual({ month: "2011-02", revenue: 49.5, ratioToMean: 49.5 / 34.25, partialMonth: null });
  });
});

describe("growthDrivers", () => {
  const m = monthlyMetrics(sales);
  it("splits the growth from the quietest to the peak month into orders and order value", () => {
    // January £19 in 2 orders (£9.50 each), February £49.50 in 2 orders (£24.75): orders x1, order value x2.605
    expect(growthDrivers(m, d("2011-02-28T17:00:00"))).toEqual({
      from: "2011-01", to: "2011-02", revenueRatio: 49.5 / 19, ordersRatio: 1, orderValueRatio: 24.75 / 9.5, driver: "order value",
    });
  });
  it("names orders when they grew more, and needs two complete months", () => {
    // January 2 orders of £9.50, March 4 orders of £12: orders x2, order value x1.263
    const more = pl.DataFrame({ month: ["2011-01", "2011-03"], revenue: [19, 48], orders: [2, 4] });
    expect(growthDrivers(more, d("2011-03-31T17:00:00"))?.driver).toBe("orders");
    expect(growthDrivers(m, d("2011-02-15T12:30:00"))).toBeNull(); // February partial: one complete month
  });
});

describe("when", () => {
  const slots = ordersByWeekdayHour(sales);
  it("counts each invoice once at its weekday and hour", () => {
    expect(slots.toRecords()).toEqual([
      { weekday: 1, hour: 10, orders: 1 }, { weekday: 2, hour: 9, orders: 1 }, { weekday: 2, hour: 12, orders: 1 }, { weekday: 3, hour: 12, orders: 1 },
    ]);
  });
  it("lays the counts out for a heatmap, names the busiest slot and the days without orders", () => {
    const m = weekdayHourMatrix(slots);
    expect(m.hours).toEqual([9, 10, 11, 12]);
    expect(m.z.slice(0, 3)).toEqual([[0, 1, 0, 0], [1, 0, 0, 1], [0, 0, 0, 1]]);
    expect(busiestSlot(slots)).toEqual({ weekday: "Monday", hour: 10, orders: 1, share: 0.25 }); // all tie: earliest
    expect(weekdaysWithoutOrders(slots)).toEqual(["Thursday", "Friday", "Saturday", "Sunday"]);
  });
});

describe("where", () => {
  it("countrySummary and the home market against the rest", () => {
    const c = countrySummary(sales);
    expect(c.select("country", "revenue", "orders", "customers").toRecords()).toEqual([
      { country: "UK", revenue: 62.5, orders: 3, customers: 1 },
      { country: "France", revenue: 6, orders: 1, customers: 1 },
    ]);
    const [home, rest] = homeVersusRest(c, "UK");
    expect(home).toEqual({ group: "UK", revenue: 62.5, orders: 3, customers: 1, revenueShare: 62.5 / 68.5 });
    expect(rest.revenueShare).toBeCloseTo(6 / 68.5, 12);
  });
});

describe("what", () => {
  it("topProducts by revenue and by units, non-products left out, and their overlap", () => {
    const byRevenue = topProducts(sales, "revenue", 5);
    const byUnits = topProducts(sales, "units", 5);
    expect(byRevenue.select("stockCode", "revenue", "units", "orders").toRecords()).toEqual([
      { stockCode: "B", revenue: 40, units: 4, orders: 2 },
      { stockCode: "A", revenue: 10.5, units: 7, orders: 3 },
    ]);
    expect(byUnits.getColumn("stockCode").toArray()).toEqual(["A", "B"]);
    expect(overlap(byRevenue, byUnits)).toEqual(["B", "A"]);
  });
  it("descriptionWords counts each product once, most first, ties by word", () => {
    expect(descriptionWords(sales, 10)).toEqual([
      { word: "BAG", products: 1 }, { word: "BLUE", products: 1 }, { word: "HEART", products: 1 }, { word: "RED", products: 1 },
    ]);
  });
});

describe("baskets and returns", () => {
  it("basketSizes per invoice and the interpolated quantile", () => {
    const b = basketSizes(sales);
    expect(b.toRecords()).toEqual([
      { invoice: "1", products: 2, units: 3, value: 13 },
      { invoice: "2", products: 1, units: 4, value: 6 },
      { invoice: "3", products: 2, units: 2, value: 19.5 },
      { invoice: "4", products: 1, units: 3, value: 30 },
    ]);
    // products sorted 1,1,2,2: h = 3 x 0.5 = 1.5 -> 1 + 0.5 x (2 - 1)
    expect(quantile(numbers(b, "products"), 0.5)).toBe(1.5);
  });
  it("returnsImpact: value lost, unit return rate, share of customers who cancelled", () => {
    expect(returnsImpact(sales, returns)).toEqual({
      cancelledValue: 3, salesValue: 68.5, revenueLostShare: 3 / 68.5, unitReturnRate: 2 / 12, customersWithReturns: 0.5,
    });
  });
});
