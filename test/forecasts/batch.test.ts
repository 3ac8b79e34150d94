import { describe, expect, it } from "vitest";
import { forecastMany, type BatchProgress } from "../../src/forecasts/batch";
import { tryForecastSeries } from "../../src/forecasts/forecast";
import { SATURDAYS_CLOSED, syntheticSeries } from "./synthetic";

const options = { calendar: SATURDAYS_CLOSED, models: ["seasonal-naive", "holt-winters", "sarima"] as const };
const series = [
  syntheticSeries(120, 1, "A"),
  { id: "BAD", start: "2011-01-03", values: [1, 2, 3] },
  syntheticSeries(120, 2, "B", 3),
  syntheticSeries(100, 3, "C", 0.5),
];

describe("forecastMany", () => {
  it("runs on worker threads, in input order, with the in-process results, isolating a bad series", async () => {
    const progress: BatchProgress[] = [];
    const r = await forecastMany(series, { ...options, models: [...options.models], workers: 2 }, (p) => progress.push(p));
    expect(r.note).toBeNull();
    expect(r.mode).toBe("workers");
    expect(r.threads).toBe(2);
    expect(r.results.map((x) => x.seriesId)).toEqual(["A", "BAD", "B", "C"]);
    expect(r.failed).toEqual([expect.objectContaining({ seriesId: "BAD", status: "failed", userError: true })]);
    expect(r.failed[0].error).toMatch(/3 days/);
    const inProcess = series.map((s) => tryForecastSeries(s, { ...options, models: [...options.models] }));
    expect(r.results).toEqual(inProcess);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4]);
    expect(progress.every((p) => p.total === 4)).toBe(true);
  });
  it("runs in-process when asked for no workers", async () => {
    const r = await forecastMany(series.slice(0, 2), { ...options, models: [...options.models], workers: 0 });
    expect(r.mode).toBe("in-process");
    expect(r.results.map((x) => x.status)).toEqual(["ok", "failed"]);
  });
  it("falls back to in-process when workers cannot start, and says why", async () => {
    // A function cannot be sent to a worker thread: starting one fails with a DataCloneError.
    const calendar = { ...SATURDAYS_CLOSED, describe: () => "not cloneable" };
    const r = await forecastMany(series.slice(0, 2), { ...options, models: [...options.models], calendar, workers: 2 });
    expect(r.mode).toBe("in-process");
    expect(r.note).toMatch(/worker threads could not start: .*could not be cloned/);
    expect(r.results.map((x) => x.status)).toEqual(["ok", "failed"]);
  });
  it("rejects bad options for the whole batch", async () => {
    await expect(forecastMany(series, { horizon: 0 })).rejects.toThrow(/horizon/);
  });
});
