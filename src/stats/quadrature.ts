/**
 * Gaussian quadrature for expectations over a Beta distribution: nodes p_i in (0, 1) and weights
 * w_i (summing to 1) such that Σ w_i f(p_i) = E[f(p)], p ~ Beta(a, b), exactly for polynomials f
 * of degree up to 2n - 1, and to rounding for smooth f with enough nodes.
 *
 * Gauss-Jacobi by Golub & Welsch (1969): with x = 2p - 1 the Beta density is the Jacobi weight
 * (1 - x)^α (1 + x)^β, α = b - 1, β = a - 1; the nodes are the eigenvalues of the symmetric
 * tridiagonal Jacobi matrix of the orthonormal Jacobi polynomials, the weights the squared first
 * components of its normalised eigenvectors. Works for any a, b > 0, very large ones included
 * (the nodes then cluster around the mean a / (a + b)).
 *
 * Example: n = 1 gives the one node p = a / (a + b) with weight 1 (the mean).
 */

/** Nodes (ascending) and weights of an n-point rule for Beta(a, b). */
export interface BetaQuadrature {
  nodes: Float64Array;
  weights: Float64Array;
}

/**
 * Eigenvalues of the symmetric tridiagonal matrix (diagonal d, off-diagonal e[1..n-1]) and the
 * first component of each normalised eigenvector, by the QL algorithm with implicit shifts
 * (tqli, as in Numerical Recipes §11.3), rotating only the first row of the eigenvector matrix.
 * d and e are overwritten; returns the first components.
 */
function tridiagonalEigen(d: Float64Array, e: Float64Array): Float64Array {
  const n = d.length;
  const z = new Float64Array(n);
  z[0] = 1;
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  for (let l = 0; l < n; l++) {
    let iterations = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (++iterations > 60) throw new RangeError("the quadrature's eigenvalues did not converge in 60 QL iterations");
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = Math.hypot(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1, c = 1, p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        let f = s * e[i];
        const b = c * e[i];
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] -= p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        f = z[i + 1];
        z[i + 1] = s * z[i] + c * f;
        z[i] = c * z[i] - s * f;
      }
      if (r === 0 && i >= l) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
  return z;
}

/** The n-point Gauss rule for E[f(p)], p ~ Beta(a, b) (see the file comment). */
export function betaQuadrature(a: number, b: number, n = 32): BetaQuadrature {
  if (!(a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b))) throw new RangeError(`a Beta distribution needs finite a, b > 0, not ${a}, ${b}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`a quadrature needs a positive whole number of nodes, not ${n}`);
  const alpha = b - 1, beta = a - 1, ab = alpha + beta;
  const diag = new Float64Array(n), off = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const s = 2 * k + ab;
    // the k = 0 entry written as (β - α) / (α + β + 2), which stays finite when α + β = 0
    diag[k] = k === 0 ? (beta - alpha) / (ab + 2) : ((beta - alpha) * (beta + alpha)) / (s * (s + 2));
    if (k > 0) {
      // k = 1 written with the factor (α + β + 1) cancelled, finite when α + β + 1 = 0
      off[k] = k === 1
        ? Math.sqrt((4 * (1 + alpha) * (1 + beta)) / ((ab + 2) * (ab + 2) * (ab + 3)))
        : Math.sqrt((4 * k * (k + alpha) * (k + beta) * (k + ab)) / (s * s * (s + 1) * (s - 1)));
    }
  }
  const first = tridiagonalEigen(diag, off);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => diag[i] - diag[j]);
  const nodes = Float64Array.from(order, (i) => Math.min(1, Math.max(0, (diag[i] + 1) / 2)));
  const weights = Float64Array.from(order, (i) => first[i] * first[i]);
  let total = 0;
  for (const w of weights) total += w;
  for (let i = 0; i < n; i++) weights[i] /= total;
  return { nodes, weights };
}
