import { describe, expect, it } from "vitest";
import { fitHoltWinters, holtWintersFilter, holtWintersForecast } from "../../src/forecasts/holt-winters";

describe("holtWintersFilter", () => {
  it("follows the recursions on a case worked by hand", () => {
    // m = 2, y = 1, 3, 2, 4; no trend; α = 0.5, γ = 0.5.
    // l0 = 2, s = [-1, 1]. t0: ŷ = 1, e = 0, l = 2, s0 = -1. t1: ŷ = 3, e = 0, l = 2, s1 = 1.
    // t2: ŷ = 1, e = 1, l = .5(2+1) + .5·2 = 2.5, s0 = .5(2-2.5) + .5(-1) = -0.75.
    // t3: ŷ = 3.5, e = .5, l = .5(4-1) + .5·2.5 = 2.75, s1 = .5(4-2.75) + .5·1 = 1.125.
    const r = holtWintersFilter([1, 3, 2, 4], 2, { alpha: 0.5, beta: 0, gamma: 0.5, phi: 1 }, false);
    expect(r.sse).toBeCloseTo(1 + 0.25, 12);
    expect(r.level).toBeCloseTo(2.75, 12);
    expect(r.slope).toBe(0);
    expect(r.seasonals).toEqual([-0.75, 1.125]);
  });
});

describe("holtWintersForecast", () => {
  it("adds the damped trend and the season", () => {
    const fit = {
      alpha: 0.5, beta: 0.1, gamma: 0.1, phi: 0.5, season: 2, trend: true,
      level: 10, slope: 4, seasonals: [-1, 1], sse: 0, rmse: 0,
    };
    // h=1: 10 + .5·4 - 1 = 11; h=2: 10 + .75·4 + 1 = 14; h=3: 10 + .875·4 - 1 = 12.5
    expect(holtWintersForecast(fit, 3)).toEqual([11, 14, 12.5]);
  });
});

describe("fitHoltWinters", () => {
  it("recovers a clean weekly pattern on a trend", () => {
    const pattern = [5, 8, 9, 7, 6, 2, 0];
    const y = Array.from({ length: 70 }, (_, t) => 50 + 0.5 * t + pattern[t % 7]);
    const fit = fitHoltWinters(y, 7);
    expect(fit.rmse).toBeLessThan(1); // the first season carries the initialisation error
    const f = holtWintersForecast(fit, 7);
    const truth = Array.from({ length: 7 }, (_, h) => 50 + 0.5 * (70 + h) + pattern[(70 + h) % 7]);
    f.forEach((v, h) => expect(Math.abs(v - truth[h])).toBeLessThan(2));
    expect(fit.alpha).toBeGreaterThan(0);
    expect(fit.alpha).toBeLessThan(1);
    expect(fit.phi).toBeGreaterThanOrEqual(0.8);
    expect(fit.phi).toBeLessThanOrEqual(0.98);
  });
  it("needs two seasons", () => {
    expect(() => fitHoltWinters([1, 2, 3], 2)).toThrow(/needs 4 values/);
  });
});
