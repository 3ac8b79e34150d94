/**
 * The data of a dendrogram of the top of a Ward tree: the last p - 1 merges drawn as U-shaped
 * links over p leaves, each leaf a cluster of the cut at p clusters. Coordinates as scipy's
 * `dendrogram(Z, truncate_mode="lastp", p=p, no_plot=True)`: leaves at x = 5, 15, 25, ... in
 * drawing order (for each merge, cluster a is drawn left of cluster b), a link from (x of its left
 * child, height of it) up to the merge height and down to its right child, leaves at height 0.
 * Plain objects; the chart is built by src/charts/dendrogram.ts.
 */
import { UserError } from "../errors";
import type { WardLinkage } from "./ward";

/** A leaf of the truncated tree: a single point or a cluster formed below the top p - 1 merges. */
export interface DendrogramLeaf {
  /** Cluster number in the linkage (point number when below n). */
  node: number;
  /** Number of points in it. */
  size: number;
  /** A point of the cluster (to look up its label in a cut at k <= p). */
  member: number;
  /** x of the leaf: 5, 15, 25, ... */
  x: number;
  /** As scipy's ivl: "(size)" for a cluster of several points, the point number for a single point. */
  label: string;
}

/** One merge of the top of the tree, drawn as a U: four corners, left foot to right foot. */
export interface DendrogramLink {
  /** Cluster number of the merge (n + i). */
  node: number;
  /** Merge height (Ward distance). */
  height: number;
  /** x of the corners, as scipy's icoord: [left, left, right, right]. */
  x: [number, number, number, number];
  /** Heights of the corners, as scipy's dcoord: [left child, merge, merge, right child]. */
  y: [number, number, number, number];
}

/** The dendrogram of the top of a tree (`dendrogramData`). */
export interface DendrogramData {
  /** Number of leaves drawn. */
  p: number;
  /** Leaves left to right. */
  leaves: DendrogramLeaf[];
  /** Links in scipy's order (each after the links below it: post-order). */
  links: DendrogramLink[];
}

/**
 * The top of the tree with p leaves (p clamped to the number of points, as scipy does): the
 * merges numbered 2n - p and above are drawn; every cluster below them is a leaf.
 *
 * Example: points [0], [2], [5], [6] (merges {2, 3} at 1 as cluster 4, {0, 1} at 2 as cluster 5,
 * {4, 5} at 6.364 as cluster 6) with p = 2: leaves cluster 4 "(2)" at x 5 and cluster 5 "(2)" at
 * x 15 (cluster 6 merges a = 4 and b = 5); one link x [5, 5, 15, 15], y [0, 6.364, 6.364, 0].
 */
export function dendrogramData(linkage: WardLinkage, p = 12): DendrogramData {
  const { n, merges } = linkage;
  if (!Number.isInteger(p) || p < 1) throw new UserError(`p = ${p}: a dendrogram needs a whole number of leaves >= 1.`);
  if (merges.length !== n - 1) throw new UserError(`The linkage has ${merges.length} merges for ${n} points: it needs n - 1.`);
  const leavesShown = Math.min(p, n);
  const member = new Int32Array(2 * n - 1);
  for (let i = 0; i < n; i++) member[i] = i;
  merges.forEach((m, i) => (member[n + i] = member[m.a]));
  const sizeOf = (c: number) => (c < n ? 1 : merges[c - n].size);
  const leaves: DendrogramLeaf[] = [];
  const links: DendrogramLink[] = [];
  /** Draws cluster c from x offset `left`: returns its x (middle of its U), width used and height. */
  const draw = (c: number, left: number): { x: number; width: number; height: number } => {
    if (c < 2 * n - leavesShown) {
      const size = sizeOf(c);
      leaves.push({ node: c, size, member: member[c], x: left + 5, label: c < n ? String(c) : `(${size})` });
      return { x: left + 5, width: 10, height: 0 };
    }
    const m = merges[c - n];
    const a = draw(m.a, left);
    const b = draw(m.b, left + a.width);
    links.push({ node: c, height: m.height, x: [a.x, a.x, b.x, b.x], y: [a.height, m.height, m.height, b.height] });
    return { x: (a.x + b.x) / 2, width: a.width + b.width, height: m.height };
  };
  draw(2 * n - 2, 0);
  return { p: leavesShown, leaves, links };
}
