/**
 * Acceptance figures on the UCI Online Retail data (the last 28 days, 2011-11-12..2011-12-09,
 * held out; model choice only sees the training window). The sales table is the project's own:
 * the loader and cleaning rules of src/data and src/clean.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { DataFrame } from "nodejs-polars";
import pl from "nodejs-polars";
import { forecastMany } from "../../src/forecasts/batch";
import { forecastSeries } from "../../src/forecasts/forecast";
import { meanHoldoutMase, pooledCoverage } from "../../src/forecasts/summary";
import type { SeriesForecast } from "../../src/forecasts/types";
import { detectClosedDays } from "../../src/series/closed";
import { productSeries, revenueSeries, topProductsByUnits } from "../../src/series/daily";
import type { DailySeries, TradingCalendar } from "../../src/series/types";
import { join } from "path";
import { cleanTransactions } from "../../src/clean/clean";
import { loadDataset } from "../../src/data/load";
import { REPO_DATA } from "../helpers";

function loadSales(): DataFrame {
  return cleanTransactions(loadDataset({ transactions: join(REPO_DATA, "online_retail.csv.gz") }).transactions).sales;
}

let sales: DataFrame;
let revenue: DailySeries;
let calendar: TradingCalendar;

beforeAll(() => {
  sales = loadSales();
  revenue = revenueSeries(sales);
  calendar = detectClosedDays(revenue);
});

describe("Online Retail: series and closed days", () => {
  it("spans 2010-12-01..2011-12-09 with Saturdays and Christmas closed", () => {
    expect(revenue.start).toBe("2010-12-01");
    expect(revenue.values.length).toBe(374);
    expect(calendar.closedWeekdays).toEqual([6]);
    expect(calendar.closedRuns[0]).toEqual({ start: "2010-12-24", end: "2011-01-03", days: 11 });
  });
});

describe("Online Retail: daily revenue, last 28 days held out", () => {
  let r: SeriesForecast;
  beforeAll(() => {
    r = forecastSeries(revenue, { calendar });
  });
  it("reproduces the seasonal naive's MASE of 1.376", () => {
    expect(r.holdout?.dates[0]).toBe("2011-11-12");
    const naive = r.holdout?.byModel.find((b) => b.model === "seasonal-naive")?.metrics.mase as number;
    expect(naive).toBeCloseTo(1.376, 3);
  });
  it("chooses a forecast no worse than the seasonal naive", () => {
    const naive = r.holdout?.byModel.find((b) => b.model === "seasonal-naive")?.metrics.mase as number;
    const chosen = r.holdout?.metrics.mase as number;
    console.info(`revenue: chosen ${r.chosenModel} MASE ${chosen.toFixed(3)}, seasonal naive ${naive.toFixed(3)}`);
    expect(chosen).toBeLessThanOrEqual(naive);
  });
});

describe("Online Retail: top 50 products by units, last 28 days held out", () => {
  let results: Awaited<ReturnType<typeof forecastMany>>;
  beforeAll(async () => {
    const top = topProductsByUnits(sales, 50);
    const series = productSeries(sales.filter(pl.col("stockCode").isIn(top)), top);
    results = await forecastMany(series, { calendar });
  });
  it("reports the one product too short to forecast instead of failing the batch", () => {
    expect(results.results.length).toBe(50);
    // 23843 sold once, 80,995 units on the last day: a one-day series.
    expect(results.failed.map((f) => [f.seriesId, f.userError])).toEqual([["23843", true]]);
  });
  it("has a mean chosen MASE no worse than the seasonal naive's", () => {
    const chosen = meanHoldoutMase(results.results, "chosen", ["chosen", "seasonal-naive"]);
    const naive = meanHoldoutMase(results.results, "seasonal-naive", ["chosen", "seasonal-naive"]);
    console.info(`top 50: mean MASE chosen ${chosen.mean?.toFixed(3)} vs naive ${naive.mean?.toFixed(3)} over ${chosen.series} series`);
    expect(chosen.series).toBe(49);
    expect(chosen.mean as number).toBeLessThanOrEqual(naive.mean as number);
  });
  it("has 80% intervals covering 70-90% of held-out open days", () => {
    const c80 = pooledCoverage(results.results, 0.8);
    const c95 = pooledCoverage(results.results, 0.95);
    console.info(`top 50: coverage 80% ${c80.coverage?.toFixed(3)}, 95% ${c95.coverage?.toFixed(3)} over ${c80.days} days`);
    expect(c80.coverage as number).toBeGreaterThanOrEqual(0.7);
    expect(c80.coverage as number).toBeLessThanOrEqual(0.9);
    expect(c95.coverage as number).toBeGreaterThan(c80.coverage as number);
  });
});
