import { describe, expect, it } from "vitest";
import {
  DEFAULT_SARIMA_ORDER,
  SARIMA_ORDER_CANDIDATES,
  formatOrder,
  nativeMessageProblem,
  sarimaAic,
  sarimaForecast,
  sarimaMinLength,
  selectSarimaOrder,
  withCapturedOutput,
} from "../../src/forecasts/sarima";
import { normal, seededRng } from "../../src/util/index";

/** 20 weeks of a weekly pattern around 100 with N(0, 1) noise, seed 1. */
function weekly(): number[] {
  const rng = seededRng(1);
  const pattern = [10, 20, 15, 12, 18, -30, -45];
  return Array.from({ length: 140 }, (_, t) => 100 + pattern[t % 7] + normal(rng));
}

describe("sarimaForecast", () => {
  it("forecasts a noisy weekly pattern close to its truth", () => {
    const f = sarimaForecast(weekly(), 7, DEFAULT_SARIMA_ORDER, 7);
    const truth = [10, 20, 15, 12, 18, -30, -45].map((p) => 100 + p);
    f.point.forEach((v, h) => expect(Math.abs(v - truth[h])).toBeLessThan(4));
    expect(f.variance[0]).toBeGreaterThan(0.3);
    expect(f.variance[0]).toBeLessThan(3); // innovation variance near the noise's 1
    expect(f.variance[6]).toBeGreaterThanOrEqual(f.variance[0]);
  });
  it("throws on a series the package refuses", () => {
    expect(() => sarimaForecast([1, 2, 3, 4, 5], 7, DEFAULT_SARIMA_ORDER, 3)).toThrow(/too short/);
  });
  it("gives the same numbers for the same series (fresh model each time)", () => {
    expect(sarimaForecast(weekly(), 7, DEFAULT_SARIMA_ORDER, 3)).toEqual(sarimaForecast(weekly(), 7, DEFAULT_SARIMA_ORDER, 3));
  });
});

describe("sarimaAic and the order search", () => {
  it("AIC = n ln σ² + 2(k + 1) with n after differencing", () => {
    // (1,0,1)(1,1,1)7 on 100 values: n = 93, k = 4.
    expect(sarimaAic(2, 100, DEFAULT_SARIMA_ORDER, 7)).toBeCloseTo(93 * Math.log(2) + 10, 12);
    expect(sarimaAic(0, 100, DEFAULT_SARIMA_ORDER, 7)).toBeNull();
    expect(sarimaAic(NaN, 100, DEFAULT_SARIMA_ORDER, 7)).toBeNull();
  });
  it("uses the package's minimum length rule", () => {
    expect(sarimaMinLength(DEFAULT_SARIMA_ORDER, 7)).toBe(0 + 7 + 14);
    expect(formatOrder(DEFAULT_SARIMA_ORDER, 6)).toBe("(1,0,1)(1,1,1)6");
  });
  it("returns the candidate of lowest AIC among those passing the check", () => {
    const { order, trials } = selectSarimaOrder(weekly(), 7, 7, () => true);
    expect(trials.length).toBe(SARIMA_ORDER_CANDIDATES.length);
    const ok = trials.filter((t) => !t.rejected);
    const best = ok.reduce((a, t) => ((t.aic as number) < (a.aic as number) ? t : a));
    expect(order).toEqual(best.order);
  });
  it("returns null when every candidate is rejected", () => {
    const { order, trials } = selectSarimaOrder(weekly(), 7, 7, () => false);
    expect(order).toBeNull();
    expect(trials.every((t) => t.rejected === "failed the sanity check")).toBe(true);
  });
});

describe("native output", () => {
  it("is captured instead of printed, line by line", () => {
    const { value, messages } = withCapturedOutput(() => {
      process.stdout.write("Warning : A\nnon-stationary AR part\n");
      process.stderr.write("Warning : A");
      return 42;
    });
    expect(value).toBe(42);
    expect(messages).toEqual(["Warning : A", "non-stationary AR part"]);
  });
  it("restores the console when the function throws", () => {
    const before = process.stdout.write;
    expect(() => withCapturedOutput(() => { throw new Error("x"); })).toThrow("x");
    expect(process.stdout.write).toBe(before);
  });
  it("disqualifies a non-stationary fit", () => {
    expect(nativeMessageProblem(["non-stationary AR part"])).toMatch(/not stationary/);
    expect(nativeMessageProblem(["Warning : The Matrix system does not have a unique solution"])).toBeNull();
  });
});
