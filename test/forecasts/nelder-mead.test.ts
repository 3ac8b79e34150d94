import { describe, expect, it } from "vitest";
import { nelderMead } from "../../src/forecasts/nelder-mead";

describe("nelderMead", () => {
  it("finds the minimum of a shifted quadratic", () => {
    const m = nelderMead(([x, y]) => (x - 1) ** 2 + 3 * (y + 2) ** 2, [0, 0], { tolerance: 1e-14, maxIterations: 2000 });
    expect(m.x[0]).toBeCloseTo(1, 4);
    expect(m.x[1]).toBeCloseTo(-2, 4);
    expect(m.value).toBeLessThan(1e-8);
  });
  it("finds the Rosenbrock valley's minimum at (1, 1)", () => {
    const m = nelderMead(([x, y]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2, [-1.2, 1], { tolerance: 1e-15, maxIterations: 5000 });
    expect(m.x[0]).toBeCloseTo(1, 3);
    expect(m.x[1]).toBeCloseTo(1, 3);
  });
  it("treats non-finite values as +Infinity and stays deterministic", () => {
    const f = ([x]: number[]) => (x < 0 ? NaN : (x - 2) ** 2);
    const a = nelderMead(f, [1]);
    expect(a.x[0]).toBeCloseTo(2, 3);
    expect(nelderMead(f, [1])).toEqual(a);
  });
});
