/** Helpers for the generator tests: clean sales, RFM, a small k-means and the adjusted Rand index. */
import pl, { type DataFrame } from "nodejs-polars";
import { seededRng } from "../../src/util/index";

/** Clean gross sales lines: duplicates dropped, no C invoices, quantity > 0, unitPrice > 0. */
export function cleanSales(tx: DataFrame): DataFrame {
  return tx
    .unique({ maintainOrder: true })
    .filter(pl.col("invoice").str.startsWith("C").not().and(pl.col("quantity").gt(0)).and(pl.col("unitPrice").gt(0)));
}

/** One customer's recency (days from last order day to the day after the last sale day), frequency and monetary. */
export interface Rfm {
  customerId: string;
  recency: number;
  frequency: number;
  monetary: number;
}

const DAY = 86_400_000;

/** RFM per registered customer of clean sales. */
export function rfmOf(clean: DataFrame): Rfm[] {
  const cust = clean.filter(pl.col("customerId").isNotNull());
  const last = Math.floor(new Date(cust.getColumn("invoiceDate").max() as unknown as Date).getTime() / DAY);
  return (cust
    .groupBy("customerId")
    .agg(
      pl.col("invoiceDate").max().alias("lastDate"),
      pl.col("invoice").nUnique().alias("frequency"),
      pl.col("quantity").mul(pl.col("unitPrice")).sum().alias("monetary"),
    )
    .sort("customerId")
    .toRecords() as unknown as Array<{ customerId: string; lastDate: Date; frequency: number; monetary: number }>)
    .map((r) => ({
      customerId: r.customerId,
      recency: last + 1 - Math.floor(new Date(r.lastDate).getTime() / DAY),
      frequency: r.frequency,
      monetary: r.monetary,
    }));
}

function dist2(a: number[], b: number[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] - b[j]) ** 2;
  return s;
}

/** Lloyd k-means with k-means++ starts (best of `restarts` by inertia); labels per point. */
export function kmeansLabels(points: number[][], k: number, seed: number, restarts = 8): number[] {
  const rng = seededRng(seed);
  let best: number[] = [];
  let bestInertia = Infinity;
  for (let r = 0; r < restarts; r++) {
    const centres: number[][] = [points[Math.floor(rng() * points.length)]];
    while (centres.length < k) {
      const d = points.map((p) => Math.min(...centres.map((c) => dist2(p, c))));
      let u = rng() * d.reduce((a, b) => a + b, 0);
      let i = 0;
      while (i < d.length - 1 && (u -= d[i]) > 0) i++;
      centres.push(points[i]);
    }
    let labels = new Array<number>(points.length).fill(-1);
    for (let it = 0; it < 100; it++) {
      const next = points.map((p) => {
        let b = 0;
        for (let c = 1; c < k; c++) if (dist2(p, centres[c]) < dist2(p, centres[b])) b = c;
        return b;
      });
      const changed = next.some((l, i) => l !== labels[i]);
      labels = next;
      for (let c = 0; c < k; c++) {
        const members = points.filter((_, i) => labels[i] === c);
        if (members.length) centres[c] = members[0].map((_, j) => members.reduce((s, p) => s + p[j], 0) / members.length);
      }
      if (!changed) break;
    }
    const inertia = points.reduce((s, p, i) => s + dist2(p, centres[labels[i]]), 0);
    if (inertia < bestInertia) {
      bestInertia = inertia;
      best = labels;
    }
  }
  return best;
}

/** Adjusted Rand index of two labellings. */
export function adjustedRandIndex(a: ArrayLike<unknown>, b: ArrayLike<unknown>): number {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const cells = new Map<string, number>();
  const rows = new Map<unknown, number>();
  const cols = new Map<unknown, number>();
  for (let i = 0; i < a.length; i++) {
    const key = `${String(a[i])}\u0000${String(b[i])}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
  }
  const sum = (m: Map<unknown, number>) => [...m.values()].reduce((s, n) => s + pairs(n), 0);
  const index = sum(cells as Map<unknown, number>);
  const expected = (sum(rows) * sum(cols)) / pairs(a.length);
  const max = (sum(rows) + sum(cols)) / 2;
  return (index - expected) / (max - expected);
}

/** Columns standardised to mean 0, standard deviation 1. */
export function standardised(points: number[][]): number[][] {
  const d = points[0].length;
  const mean = Array.from({ length: d }, (_, j) => points.reduce((s, p) => s + p[j], 0) / points.length);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(points.reduce((s, p) => s + (p[j] - mean[j]) ** 2, 0) / points.length));
  return points.map((p) => p.map((v, j) => (v - mean[j]) / sd[j]));
}
