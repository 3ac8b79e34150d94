import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import {
  dailyProductUnits,
  dailyRevenue,
  fromFirstSale,
  productSeries,
  revenueSeries,
  seriesDays,
  seriesFromFrame,
  topProductsByUnits,
} from "../../src/series/daily";

/** A tiny sales table: two products and one POST line over 2011-01-03 .. 2011-01-06. */
function sales() {
  const at = (d: string) => new Date(`${d}T00:00:00Z`);
  return pl
    .DataFrame({
      invoice: ["1", "1", "2", "3", "4"],
      stockCode: ["A", "POST", "B", "A", "B"],
      quantity: [2, 1, 5, 3, 1],
      invoiceDate: [at("2011-01-03").getTime() + 9 * 3.6e6, at("2011-01-03").getTime() + 9 * 3.6e6, at("2011-01-04").getTime() + 23 * 3.6e6, at("2011-01-06").getTime(), at("2011-01-06").getTime() + 3.6e6],
      unitPrice: [1.5, 10, 2, 1.5, 2],
      customerId: ["c1", "c1", null, "c2", "c3"],
    })
    .withColumns(
      pl.col("invoiceDate").cast(pl.Datetime("ms")),
      pl.col("quantity").mul(pl.col("unitPrice")).alias("amount"),
      pl.col("stockCode").neq(pl.lit("POST")).alias("isProduct"),
    );
}

describe("dailyProductUnits", () => {
  it("has every day for every product, zeros on days without sales, sorted", () => {
    const d = dailyProductUnits(sales());
    expect(d.columns).toEqual(["stockCode", "date", "units"]);
    const rows = d.toRecords().map((r) => [r.stockCode, (r.date as unknown as Date).toISOString().slice(0, 10), r.units]);
    expect(rows).toEqual([
      ["A", "2011-01-03", 2],
      ["A", "2011-01-04", 0],
      ["A", "2011-01-05", 0],
      ["A", "2011-01-06", 3],
      ["B", "2011-01-03", 0],
      ["B", "2011-01-04", 5],
      ["B", "2011-01-05", 0],
      ["B", "2011-01-06", 1],
    ]);
  });
  it("names the missing column", () => {
    expect(() => dailyProductUnits(sales().drop("isProduct"))).toThrow(/"isProduct"/);
  });
});

describe("dailyRevenue", () => {
  it("sums amount of every row, products or not, per calendar day", () => {
    const d = dailyRevenue(sales());
    expect(d.getColumn("revenue").toArray()).toEqual([2 * 1.5 + 10, 10, 0, 3 * 1.5 + 2]);
    expect(revenueSeries(sales())).toEqual({ id: "revenue", start: "2011-01-03", values: [13, 10, 0, 6.5] });
  });
});

describe("topProductsByUnits", () => {
  it("ranks products by units, ties by code, non-products excluded", () => {
    expect(topProductsByUnits(sales(), 5)).toEqual(["B", "A"]); // B 6 units, A 5; POST not a product
    const s = sales().withColumns(pl.when(pl.col("invoice").eq(pl.lit("4"))).then(pl.lit(0)).otherwise(pl.col("quantity")).alias("quantity"));
    expect(topProductsByUnits(s, 1)).toEqual(["A"]); // A 5, B 5: tie goes to "A"
  });
});

describe("productSeries", () => {
  it("starts each product at its first sale and keeps trailing zeros", () => {
    expect(productSeries(sales(), ["B", "A"])).toEqual([
      { id: "B", start: "2011-01-04", values: [5, 0, 1] },
      { id: "A", start: "2011-01-03", values: [2, 0, 0, 3] },
    ]);
  });
  it("rejects an unknown stock code", () => {
    expect(() => productSeries(sales(), ["POST"])).toThrow(/"POST" has no product sales/);
  });
});

describe("seriesFromFrame", () => {
  it("rejects a hole in the days", () => {
    const f = pl.DataFrame({ id: ["x", "x"], date: [0, 2], v: [1, 2] }).withColumns(pl.col("date").cast(pl.Int32).cast(pl.Date));
    expect(() => seriesFromFrame(f, { idColumn: "id", valueColumn: "v" })).toThrow(/jumps from 1970-01-01 to 1970-01-03/);
  });
});

describe("fromFirstSale and seriesDays", () => {
  it("drops leading zeros and lists the days", () => {
    const s = fromFirstSale({ id: "x", start: "2011-01-30", values: [0, 0, 4, 0] });
    expect(s).toEqual({ id: "x", start: "2011-02-01", values: [4, 0] });
    expect(seriesDays(s)).toEqual(["2011-02-01", "2011-02-02"]);
    expect(fromFirstSale({ id: "z", start: "2011-01-01", values: [0, 0] }).values).toEqual([0, 0]);
  });
});
