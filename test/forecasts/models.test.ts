import { describe, expect, it } from "vitest";
import { DEFAULT_CHECK_LIMITS } from "../../src/forecasts/checks";
import { createModelRunner, rememberedSarima, type ModelContext, type SarimaMemory } from "../../src/forecasts/models";
import { DEFAULT_SARIMA_ORDER } from "../../src/forecasts/sarima";
import { SATURDAYS_CLOSED, syntheticSeries } from "./synthetic";

const ctx: ModelContext = {
  calendar: SATURDAYS_CLOSED,
  limits: DEFAULT_CHECK_LIMITS,
  autoOrder: DEFAULT_SARIMA_ORDER,
  fitWindow: 182,
  ensembleMembers: ["holt-winters", "sarima"],
};
const history = syntheticSeries(84).values; // 12 weeks from Monday 2011-01-03

describe("createModelRunner", () => {
  const run = createModelRunner("2011-01-03", ctx);
  it("repeats last week for the seasonal naive", () => {
    expect(run("seasonal-naive", history, 9).point).toEqual([...history.slice(77), ...history.slice(77, 79)]);
  });
  it("forecasts 0 on closed Saturdays and nothing below 0", () => {
    for (const model of ["holt-winters", "sarima"] as const) {
      const r = run(model, history, 14);
      expect(r.replaced).toBeNull();
      expect([r.point[5], r.point[12]]).toEqual([0, 0]); // days 89 and 96 are Saturdays
      for (const v of r.point) expect(v).toBeGreaterThanOrEqual(0);
    }
  });
  it("averages the ensemble members and remembers every run", () => {
    const hw = run("holt-winters", history, 14);
    const sarima = run("sarima", history, 14);
    const e = run("ensemble", history, 14);
    e.point.forEach((v, h) => expect(v).toBeCloseTo((hw.point[h] + sarima.point[h]) / 2, 10));
    expect(run("holt-winters", history, 14)).toBe(hw);
  });
  it("replaces a model failing its check and says why", () => {
    const strict = createModelRunner("2011-01-03", { ...ctx, limits: { boundFactor: 0.01, residualFactor: 3 } });
    const r = strict("holt-winters", history, 7);
    expect(r.replaced).toMatch(/outside ±0.01 ×/);
    expect(r.point).toEqual(strict("seasonal-naive", history, 7).point);
    expect(strict("ensemble", history, 7).replaced).toBe("every ensemble member was replaced");
  });
  it("replaces a model whose fit throws", () => {
    const r = createModelRunner("2011-01-03", { ...ctx, autoOrder: null })("auto-sarima", history, 7);
    expect(r.replaced).toBe("fit failed: no SARIMA order passed the AIC search");
  });
});

describe("rememberedSarima", () => {
  it("fits an order to the same data once", () => {
    const memory: SarimaMemory = new Map();
    const y = history.slice(0, 60);
    const a = rememberedSarima(memory, y, 7, DEFAULT_SARIMA_ORDER, 5, 60);
    expect(rememberedSarima(memory, y, 7, DEFAULT_SARIMA_ORDER, 5, 60)).toBe(a);
    expect(memory.size).toBe(1);
    rememberedSarima(memory, y, 7, DEFAULT_SARIMA_ORDER, 6, 60);
    expect(memory.size).toBe(2);
  });
});
