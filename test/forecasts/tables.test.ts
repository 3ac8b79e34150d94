import { describe, expect, it } from "vitest";
import { forecastSeries } from "../../src/forecasts/forecast";
import { stockingQuantity } from "../../src/forecasts/stock";
import { forecastTable, holdoutTable, meanDailyForecast, stockingTable } from "../../src/forecasts/tables";
import type { FailedForecast, SeriesForecast } from "../../src/forecasts/types";
import { syntheticSeries } from "./synthetic";

const result = forecastSeries(syntheticSeries(120, 3, "P1"), { horizon: 14, holdout: 14, models: ["seasonal-naive", "holt-winters"] });
const failed: FailedForecast = { seriesId: "BAD", status: "failed", userError: true, error: "too short" };

describe("forecast tables", () => {
  it("forecastTable: one row per day, bounds per level in percent, cents", () => {
    const t = forecastTable([result], [0.8, 0.95]);
    expect(t.columns).toEqual(["date", "series", "model", "point", "lower_80", "upper_80", "lower_95", "upper_95"]);
    expect(t.height).toBe(14);
    const first = t.row(0);
    expect(first[0]).toBe(result.forecast.dates[0]);
    expect(first[3]).toBe(Math.round(result.forecast.point[0] * 100) / 100);
    for (const r of t.toRecords() as Record<string, number>[]) {
      expect(r.lower_95 <= r.lower_80 && r.lower_80 <= r.point + 0.01 && r.point <= r.upper_80 + 0.01 && r.upper_80 <= r.upper_95).toBe(true);
    }
  });

  it("meanDailyForecast: the mean of the first `days` points, failed series left out", () => {
    const p = result.forecast.point;
    expect(meanDailyForecast([result, failed], 7)).toEqual({ P1: (p[0] + p[1] + p[2] + p[3] + p[4] + p[5] + p[6]) / 7 });
    expect(meanDailyForecast([failed])).toEqual({});
  });

  it("holdoutTable: every candidate model once, exactly one chosen", () => {
    const t = holdoutTable(result);
    expect((t.getColumn("model").toArray() as string[]).sort()).toEqual(["holt-winters", "seasonal-naive"]);
    expect((t.getColumn("chosen").toArray() as boolean[]).filter(Boolean)).toHaveLength(1);
    const chosen = t.toRecords().find((r) => r.chosen) as Record<string, unknown>;
    expect(chosen.model).toBe(result.chosenModel);
    expect(chosen.holdoutMase).toBe(result.holdout?.metrics.mase);
  });

  it("stockingTable: the stocking quantities, and 7-day expected demand from the point forecast", () => {
    const t = stockingTable([result, failed] as (SeriesForecast | FailedForecast)[], 0.95);
    expect(t.height).toBe(1);
    const row = t.toRecords()[0] as Record<string, unknown>;
    const q = stockingQuantity(result, 0.95);
    expect(row).toMatchObject({ seriesId: "P1", tomorrow: q.tomorrow, tomorrowUnits: q.tomorrowUnits, units7Days: q.weekUnits, tomorrowClosed: false });
    expect(row.expected7Days).toBe(Math.round(result.forecast.point.slice(0, 7).reduce((a, v) => a + v, 0)));
  });
});
