/**
 * Disjoint sets (union-find) over the items 0..n-1, with path halving and union by size:
 * `find` and `union` take near-constant amortised time.
 *
 * Example: const s = disjointSets(4); union(s, 0, 1); union(s, 2, 3); union(s, 1, 3);
 * find(s, 0) === find(s, 2) (one set {0, 1, 2, 3}).
 */

/** The forest: parent[i] is i for a root; size[r] is the number of items under root r. */
export interface DisjointSets {
  parent: Int32Array;
  size: Int32Array;
}

/** n singleton sets {0}, {1}, ..., {n - 1}. */
export function disjointSets(n: number): DisjointSets {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  return { parent, size: new Int32Array(n).fill(1) };
}

/** The root (representative) of the set holding item i. */
export function find(s: DisjointSets, i: number): number {
  const p = s.parent;
  while (p[i] !== i) {
    p[i] = p[p[i]];
    i = p[i];
  }
  return i;
}

/** Joins the sets of items a and b; returns the root of the joined set. */
export function union(s: DisjointSets, a: number, b: number): number {
  let ra = find(s, a);
  let rb = find(s, b);
  if (ra === rb) return ra;
  if (s.size[ra] < s.size[rb]) [ra, rb] = [rb, ra];
  s.parent[rb] = ra;
  s.size[ra] += s.size[rb];
  return ra;
}
