import { describe, expect, it } from "vitest";
import {
  closedDaysChart,
  coverageChart,
  errorByModelChart,
  forecastChart,
  forecastSmallMultiplesChart,
  holdoutChart,
  weekdayProfileChart,
} from "../../src/charts/forecasts";
import { forecastSeries } from "../../src/forecasts/forecast";
import { detectClosedDays } from "../../src/series/closed";
import { SATURDAYS_CLOSED, syntheticSeries } from "./synthetic";

const series = syntheticSeries(120);
const result = forecastSeries(series, { calendar: SATURDAYS_CLOSED, models: ["seasonal-naive", "holt-winters"] });
const title = (fig: { layout?: Record<string, unknown> }) => (fig.layout?.title as { text: string }).text;

describe("forecast charts", () => {
  it("draws history, band and forecast with the last history day just before the forecast", () => {
    const fig = forecastChart(series, result, { historyDays: 14 });
    expect(fig.data.map((t) => t.name)).toEqual(["history", "80% interval", `forecast (${result.forecast.model})`]);
    const x = fig.data[0].x as string[];
    expect(x.length).toBe(14);
    expect(x[13]).toBe("2011-05-02"); // day 119
    expect((fig.data[2].x as string[])[0]).toBe("2011-05-03");
    expect((fig.data[1].y as number[]).length).toBe(56); // upper 28 + lower 28
    expect(title(fig)).toMatch(/^P1: 28-day forecast/);
  });
  it("shows the held-out check against the seasonal naive", () => {
    const fig = holdoutChart(series, result);
    expect(fig?.data.map((t) => t.name)).toEqual(["training", "80% interval", `forecast (${result.holdout?.forecast.model})`, "seasonal naive", "held-out actual"]);
    expect(fig?.data[4].y).toEqual(series.values.slice(92));
    expect(holdoutChart(series, { ...result, holdout: null })).toBeNull();
  });
  it("lays out small multiples on their own axes", () => {
    const fig = forecastSmallMultiplesChart([{ history: series, result }, { history: series, result }], { columns: 2 });
    expect(fig.layout?.xaxis2).toMatchObject({ domain: [0.53, 1], anchor: "y2" });
    expect(fig.data.filter((t) => t.xaxis === "x2").length).toBe(3);
    expect((fig.layout?.annotations as unknown[]).length).toBe(2);
  });
  it("compares models and coverage", () => {
    const e = errorByModelChart([result]);
    expect(e.data[0].x).toEqual(["seasonal-naive", "holt-winters"]);
    expect(e.data[1].x).toEqual(["seasonal-naive", "holt-winters", "chosen"]);
    expect((e.data[1].y as number[])[2]).toBe(result.holdout?.metrics.mase);
    const c = coverageChart([result]);
    expect(c.data[0].y).toEqual(result.holdout?.coverage.map((x) => x.coverage));
    expect(c.data[1].y).toEqual([0.8, 0.95]);
  });
  it("draws the weekday profile and the closed-days calendar", () => {
    const w = weekdayProfileChart(series);
    expect(w.data[0].x).toEqual(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]);
    expect((w.data[0].y as number[])[5]).toBe(0);
    const shop = { id: "revenue", start: "2011-01-05", values: Array.from({ length: 35 }, (_, i) => ((i + 3) % 7 === 6 || i === 9 ? 0 : 10)) };
    const cal = detectClosedDays(shop);
    expect(cal.closedDates).toEqual(["2011-01-14"]);
    const fig = closedDaysChart(shop, cal);
    const z = fig.data[0].z as (number | null)[][];
    expect(z.length).toBe(7);
    expect(z[0][0]).toBeNull(); // Monday 2011-01-03 is before the series
    expect(z[2][0]).toBe(10); // Wednesday 2011-01-05
    expect((fig.data[1].text as string[]).length).toBe(5 + 1); // five Saturdays and one holiday
    expect(title(fig)).toBe("Closed days. Weekdays: Saturday. Closures: 2011-01-14..2011-01-15");
  });
});
