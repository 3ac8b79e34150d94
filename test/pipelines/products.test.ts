/**
 * The product audit with forecast demand (src/pipelines/products), as the CLI's `products` and
 * notebook 05 run it: with stock levels, the best sellers by revenue get a forecast demand; without,
 * nothing is forecast and demand is the recent velocity.
 */
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { cleanTransactions } from "../../src/clean/index";
import { topProducts } from "../../src/eda/index";
import { forecastMany, meanDailyForecast } from "../../src/forecasts/index";
import { generateDataset, generatedFrames } from "../../src/generate/index";
import { hasStockLevels, productAuditWithDemand } from "../../src/pipelines/index";
import { productAudit } from "../../src/products/index";
import { detectClosedDays, productSeries, revenueSeries } from "../../src/series/index";
import { nullableNumbers, strings } from "../../src/util/index";

const frames = generatedFrames(generateDataset({ rows: 20_000, seed: 3 }));
const sales = cleanTransactions(frames.transactions).sales;

describe("hasStockLevels", () => {
  it("is true only for a catalogue with a stockLevel column", () => {
    expect(hasStockLevels(frames.products)).toBe(true);
    expect(hasStockLevels(frames.products.drop("stockLevel"))).toBe(false);
    expect(hasStockLevels(undefined)).toBe(false);
  });
});

describe("productAuditWithDemand", () => {
  it("forecasts the best sellers by revenue when there is stock, and the audit divides stock by that demand", async () => {
    const run = await productAuditWithDemand(sales, frames.products, { forecastTop: 3, demandDays: 14, workers: 0 });
    // assembled by hand: the 3 best sellers by revenue, their 14-day forecasts without a holdout, the mean per day
    const best = strings(topProducts(sales, "revenue", 3), "stockCode");
    const direct = await forecastMany(productSeries(sales, best), { calendar: detectClosedDays(revenueSeries(sales)), holdout: 0, horizon: 14, workers: 0 });
    const demand = meanDailyForecast(direct.results, 14);
    expect(run.demand).toEqual(demand);
    expect(Object.keys(run.demand!).sort()).toEqual([...best].sort());
    const expected = productAudit(sales, { catalogue: frames.products, forecastDailyUnits: demand });
    expect(run.audit.stock.table.sort("stockCode").toRecords()).toEqual(expected.stock.table.sort("stockCode").toRecords());
    const table = run.audit.stock.table.filter(pl.col("demandSource").eq(pl.lit("forecast"))).sort("stockCode");
    expect(strings(table, "stockCode")).toEqual([...best].sort());
    const cover = nullableNumbers(table, "daysOfCover"), stock = nullableNumbers(table, "stockLevel");
    strings(table, "stockCode").forEach((code, i) => {
      if (demand[code] > 0 && stock[i]! > 0) expect(cover[i]).toBeCloseTo(stock[i]! / demand[code], 9);
    });
  });

  it("forecasts nothing without stock levels (days of cover need stock)", async () => {
    const noStock = frames.products.drop("stockLevel");
    const run = await productAuditWithDemand(sales, noStock, { forecastTop: 3, workers: 0 });
    expect(run.forecasts).toBeNull();
    expect(run.demand).toBeNull();
    expect(run.audit.stock.table.toRecords()).toEqual(productAudit(sales, { catalogue: noStock }).stock.table.toRecords());
    expect((await productAuditWithDemand(sales, frames.products, { forecastTop: 0 })).demand).toBeNull();
  });
});
