/**
 * The forecast job (src/pipelines/forecasts): the shop's daily revenue, its trading calendar and
 * the series to forecast, assembled once for the CLI, notebooks 04 and 05 and the bench; then the
 * batch. Hand-made sales, figures written beside each expectation.
 */
import { describe, expect, it } from "vitest";
import { forecastMany } from "../../src/forecasts/index";
import { dailyForecasts, forecastInputs } from "../../src/pipelines/index";
import { detectClosedDays, productSeries, revenueSeries } from "../../src/series/index";
import { userErrorOf } from "../clusters/helpers";
import { cleanOf, type Line } from "../products/helpers";

/** 70 days from 2024-01-01 (a Monday): 10001 sells 3 a day, 10002 1 a day from 2024-01-15, 10003 5 units once; no trade on Sundays. */
function lines(): Line[] {
  const out: Line[] = [];
  for (let d = 0; d < 70; d++) {
    const day = new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
    if (d % 7 === 6) continue; // Sundays closed
    out.push([`a${d}`, "10001", 3, 2, day, "c1"]);
    if (d >= 14) out.push([`b${d}`, "10002", 1, 10, day, "c2"]);
  }
  out.push(["c", "10003", 5, 1, "2024-02-01", "c3"]);
  return out;
}
const sales = cleanOf(lines()).sales;

describe("forecastInputs", () => {
  it("builds the shop's revenue, its calendar and the top products' units", () => {
    const inputs = forecastInputs(sales, { products: { top: 2 } });
    // units: 10001 3 x 60 open days = 180, 10002 1 x 48 open days from day 14 (56 days, 8 Sundays) = 48, 10003 5
    expect(inputs.series.map((s) => s.id)).toEqual(["10001", "10002"]);
    expect(inputs.series[0].start).toBe("2024-01-01");
    expect(inputs.series[1].start).toBe("2024-01-15"); // from its first sale
    expect(inputs.calendar.closedWeekdays).toEqual(detectClosedDays(revenueSeries(sales)).closedWeekdays);
    expect(inputs.calendar.closedWeekdays.length).toBe(1); // Sunday
    expect(inputs.shop).toEqual(revenueSeries(sales));
    // revenue on a Monday from day 14: 10001 3 x £2 + 10002 1 x £10 = £16
    expect(inputs.shop.values[14]).toBe(16);
  });

  it("takes named codes, in the order given, and the shop's revenue as one series", () => {
    expect(forecastInputs(sales, { products: { codes: ["10003", "10001"] } }).series).toEqual(productSeries(sales, ["10003", "10001"]));
    const revenue = forecastInputs(sales, { target: "revenue" });
    expect(revenue.series).toEqual([revenue.shop]);
  });

  it("refuses codes that never sold, naming them and the source", () => {
    expect(userErrorOf(() => forecastInputs(sales, { products: { codes: ["10001", "Z", "Y"] }, source: "shop.csv" }))).toBe("No sales of product(s) Z, Y in shop.csv.");
    const postageOnly = cleanOf([["p", "POST", 1, 5, "2024-01-01", "c1"]]).sales;
    expect(userErrorOf(() => forecastInputs(postageOnly, { products: { top: 5 } }))).toBe("the data has no product sales to forecast.");
  });
});

describe("dailyForecasts", () => {
  it("is forecastMany over the inputs with their calendar", async () => {
    const { inputs, batch } = await dailyForecasts(sales, { products: { top: 2 }, horizon: 7, holdout: 0, workers: 0 });
    const direct = await forecastMany(productSeries(sales, ["10001", "10002"]), { horizon: 7, holdout: 0, workers: 0, calendar: detectClosedDays(revenueSeries(sales)) });
    expect(inputs.series.map((s) => s.id)).toEqual(["10001", "10002"]);
    expect(batch.results).toEqual(direct.results);
    expect(batch.results.every((r) => r.status !== "failed" && r.forecast.point.length === 7)).toBe(true);
  });
});
