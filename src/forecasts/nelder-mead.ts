/**
 * Nelder-Mead simplex minimisation (Nelder & Mead 1965, with the standard coefficients:
 * reflection 1, expansion 2, contraction 0.5, shrink 0.5). Derivative-free and deterministic:
 * the same start gives the same result.
 */

/** The result of `nelderMead`: the best point found, its value, and the iterations used. */
export interface Minimum {
  x: number[];
  value: number;
  iterations: number;
}

/**
 * A local minimum of `f` starting from `x0`. The initial simplex is x0 plus `step` along each
 * axis. Stops when the spread of values across the simplex falls below `tolerance` (relative to
 * the best value, plus a tiny absolute floor) or after `maxIterations`. A non-finite f(x) counts
 * as +Infinity, so the search moves away from invalid regions.
 */
export function nelderMead(
  f: (x: number[]) => number,
  x0: number[],
  options: { step?: number; maxIterations?: number; tolerance?: number } = {},
): Minimum {
  const step = options.step ?? 0.5;
  const maxIterations = options.maxIterations ?? 200 * x0.length;
  const tolerance = options.tolerance ?? 1e-8;
  const value = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const n = x0.length;
  let simplex = [x0, ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + step : v)))].map((x) => ({ x, v: value(x) }));
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0];
    const worst = simplex[n];
    if (Math.abs(worst.v - best.v) <= tolerance * Math.abs(best.v) + 1e-12) break;
    const centroid = new Array(n).fill(0);
    for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) centroid[j] += simplex[k].x[j] / n;
    const along = (t: number) => centroid.map((c, j) => c + t * (worst.x[j] - c));
    const reflected = along(-1);
    const vr = value(reflected);
    if (vr < best.v) {
      const expanded = along(-2);
      const ve = value(expanded);
      simplex[n] = ve < vr ? { x: expanded, v: ve } : { x: reflected, v: vr };
    } else if (vr < simplex[n - 1].v) {
      simplex[n] = { x: reflected, v: vr };
    } else {
      const contracted = vr < worst.v ? along(-0.5) : along(0.5);
      const vc = value(contracted);
      if (vc < Math.min(vr, worst.v)) {
        simplex[n] = { x: contracted, v: vc };
      } else {
        simplex = simplex.map((p, k) =>
          k === 0 ? p : (() => {
            const x = p.x.map((v, j) => best.x[j] + 0.5 * (v - best.x[j]));
            return { x, v: value(x) };
          })(),
        );
      }
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return { x: simplex[0].x, value: simplex[0].v, iterations };
}
