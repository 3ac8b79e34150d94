// Newton's method in a box, its log-parameter wrapper, the numerical Hessian and the small
// dense linear algebra under them, on functions whose minimum is known in closed form.
import { describe, expect, it } from "vitest";
import { cholesky, choleskySolve, inverseSpd, minimizeNewton, minimizePositive, numericalHessian } from "../../src/stats/index";

describe("linear algebra", () => {
  it("factors, solves and inverts the example of its doc comment", () => {
    const A = [
      [4, 2],
      [2, 3],
    ];
    const L = cholesky(A)!;
    expect(L[0][0]).toBeCloseTo(2, 15);
    expect(L[1][0]).toBeCloseTo(1, 15);
    expect(L[1][1]).toBeCloseTo(Math.SQRT2, 15);
    // A x = (8, 7): x = A⁻¹ b = (3·8 - 2·7, -2·8 + 4·7) / 8 = (10/8, 12/8)
    const x = choleskySolve(L, [8, 7]);
    expect(x[0]).toBeCloseTo(1.25, 14);
    expect(x[1]).toBeCloseTo(1.5, 14);
    const inv = inverseSpd(A)!;
    expect(inv[0][0]).toBeCloseTo(3 / 8, 15);
    expect(inv[0][1]).toBeCloseTo(-2 / 8, 15);
    expect(inv[1][1]).toBeCloseTo(4 / 8, 15);
  });
  it("says null for matrices that are not positive definite", () => {
    expect(cholesky([[1, 2], [2, 1]])).toBeNull(); // eigenvalues 3 and -1
    expect(inverseSpd([[0, 0], [0, 1]])).toBeNull();
    expect(cholesky([[NaN]])).toBeNull();
  });
});

const quadratic = (centre: number) => ({
  evaluate: (x: Float64Array) => ({ value: (x[0] - centre) ** 2, gradient: [2 * (x[0] - centre)], hessian: [[2]] }),
});

describe("minimizeNewton", () => {
  it("minimises (x - 3)² in one step, and stops on the bound when 3 is outside the box", () => {
    const inside = minimizeNewton({ ...quadratic(3), lower: [0], upper: [10] }, [8]);
    expect(inside.converged).toBe(true);
    expect(inside.x[0]).toBeCloseTo(3, 14);
    expect(inside.iterations).toBeLessThanOrEqual(2); // one Newton step, then a zero-length one
    const bounded = minimizeNewton({ ...quadratic(3), lower: [0], upper: [2] }, [1]);
    expect(bounded.x[0]).toBe(2);
    expect(bounded.atBound).toEqual([true]);
  });
  it("finds Rosenbrock's minimum (1, 1) from (-1.2, 1), through a non-convex region", () => {
    // f = (1 - x)² + 100 (y - x²)²
    const evaluate = (p: Float64Array) => {
      const [x, y] = [p[0], p[1]];
      return {
        value: (1 - x) ** 2 + 100 * (y - x * x) ** 2,
        gradient: [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
        hessian: [
          [2 - 400 * (y - 3 * x * x), -400 * x],
          [-400 * x, 200],
        ],
      };
    };
    const r = minimizeNewton({ evaluate }, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 12);
    expect(r.x[1]).toBeCloseTo(1, 12);
  });
  it("reports a function that keeps falling towards infinity as stalled or held at its bound, never converged inside", () => {
    // f = e^{-x}: no minimum; in the box [0, 50] the infimum is at the bound 50
    const evaluate = (x: Float64Array) => ({ value: Math.exp(-x[0]), gradient: [-Math.exp(-x[0])], hessian: [[Math.exp(-x[0])]] });
    const r = minimizeNewton({ evaluate, lower: [0], upper: [50] }, [0]);
    expect(r.x[0] === 50 || !r.converged).toBe(true);
    if (r.x[0] === 50) expect(r.atBound).toEqual([true]);
  });
});

describe("minimizePositive", () => {
  it("minimises p - ln p at p = 1 and returns the gradient and Hessian in p", () => {
    const r = minimizePositive((p) => ({ value: p[0] - Math.log(p[0]), gradient: [1 - 1 / p[0]], hessian: [[1 / p[0] ** 2]] }), [20]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 12);
    expect(r.hessian[0][0]).toBeCloseTo(1, 10); // 1 / p² at p = 1
  });
  it("stops on the upper bound when the objective keeps falling as p grows", () => {
    // f = 1 / p: decreasing for ever; the box ends at 1e8
    const r = minimizePositive((p) => ({ value: 1 / p[0], gradient: [-1 / p[0] ** 2], hessian: [[2 / p[0] ** 3]] }), [1], { maxIterations: 200 });
    expect(r.atBound[0] || !r.converged).toBe(true);
  });
});

describe("numericalHessian", () => {
  it("recovers [[4, 2], [2, 0]] for x₀² x₁ at (1, 2) from its gradient", () => {
    const H = numericalHessian((x) => [2 * x[0] * x[1], x[0] * x[0]], [1, 2]);
    expect(H[0][0]).toBeCloseTo(4, 8);
    expect(H[0][1]).toBeCloseTo(2, 8);
    expect(H[1][0]).toBeCloseTo(2, 8);
    expect(H[1][1]).toBeCloseTo(0, 8);
  });
});
