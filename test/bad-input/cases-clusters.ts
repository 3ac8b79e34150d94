/** The refusals of clusters --method kmeans|ward|dbscan (issue 17's bad input, and the options a method does not use). */
import { join } from "path";
import { UCI_HEADER } from "../cli/clv-data";
import type { BadInputCase } from "./types";

/**
 * Three customers, all in January 2011: 5 buys once (1 x 1.0), 6 twice (2 x 3.0 on the 2nd,
 * 3 x 2.0 on the 5th), 7 twice (3 x 2.0 on the 3rd and the 4th).
 */
const THREE = [
  UCI_HEADER,
  "1,A1,mug,1,2011-01-01 10:00:00,1.0,5,United Kingdom",
  "2,A2,mug,2,2011-01-02 10:00:00,3.0,6,United Kingdom",
  "3,A3,mug,3,2011-01-03 10:00:00,2.0,7,United Kingdom",
  "4,A4,mug,3,2011-01-04 10:00:00,2.0,7,United Kingdom",
  "5,A5,mug,3,2011-01-05 10:00:00,2.0,6,United Kingdom",
].join("\n") + "\n";
const OLD = "old export, must survive\n";

export const CLUSTER_CASES: BadInputCase[] = [
  // issue 17's list
  {
    name: "clusters --method dbscan with eps 0",
    files: { "t.csv": THREE, "c.csv": OLD },
    args: (d) => ["clusters", "--input", join(d, "t.csv"), "--method", "dbscan", "--eps", "0", "--out", join(d, "c.csv")],
    message: 'retail-lab clusters: --eps must be a radius greater than 0, in standard deviations of the prepared features (like 0.3), not "0".',
    untouched: ["c.csv"],
  },
  {
    name: "clusters --method dbscan with a negative eps",
    args: () => ["clusters", "--method", "dbscan", "--eps", "-0.3"],
    message: 'retail-lab clusters: --eps must be a radius greater than 0, in standard deviations of the prepared features (like 0.3), not "-0.3".',
  },
  {
    name: "clusters --method dbscan with minSamples 0",
    args: () => ["clusters", "--method", "dbscan", "--eps", "0.3", "--min-samples", "0"],
    message: 'retail-lab clusters: --min-samples must be a whole number from 1 to 1,000,000, not "0".',
  },
  {
    name: "clusters --method dbscan with minSamples above the number of customers",
    files: { "t.csv": THREE },
    args: (d) => ["clusters", "--input", join(d, "t.csv"), "--method", "dbscan", "--eps", "0.3", "--min-samples", "4"],
    message:
      "retail-lab clusters: minSamples = 4 is above the 3 customers, so no customer could be a core point and all would be noise: choose minSamples <= 3.",
  },
  {
    name: "clusters --method ward with k above the number of customers",
    files: { "t.csv": THREE, "c.csv": OLD },
    args: (d) => ["clusters", "--input", join(d, "t.csv"), "--method", "ward", "--k", "4", "--out", join(d, "c.csv")],
    message: "retail-lab clusters: --k 4 needs at least 4 customers and the data has 3: choose a smaller k.",
    untouched: ["c.csv"],
  },
  {
    name: "clusters --method ward with the default k range on fewer customers",
    files: { "t.csv": THREE },
    args: (d) => ["clusters", "--input", join(d, "t.csv"), "--method", "ward"],
    message: "retail-lab clusters: --k 1..10 needs at least 10 customers and the data has 3: choose a smaller k.",
  },
  {
    name: "clusters with an unknown method",
    args: () => ["clusters", "--method", "hdbscan"],
    message: 'retail-lab clusters: --method must be one of kmeans, ward, dbscan, not "hdbscan".',
  },
  {
    name: "clusters --method dbscan where every customer is noise",
    files: { "t.csv": THREE, "c.csv": OLD },
    args: (d) => ["clusters", "--input", join(d, "t.csv"), "--method", "dbscan", "--eps", "0.01", "--min-samples", "2", "--out", join(d, "c.csv")],
    // recency from 2011-01-06: 5, 1, 2 days; frequency 1, 2, 2; monetary 1, 12, 12; log1p, standardised
    // (population sd): customers 6 and 7 differ only in recency, at distance 0.89388 (scipy's cdist), the
    // smallest distance to another customer: the smallest 2-distance, printed to 4 digits.
    message:
      "retail-lab clusters: DBSCAN with eps = 0.01 and minSamples = 2 finds no core point, so all 3 customers would be noise: raise eps to at least 0.8939 (the smallest 2-distance) or lower minSamples.",
    untouched: ["c.csv"],
  },
  // options a method does not use: refused, not ignored
  {
    name: "clusters --eps without --method dbscan",
    args: () => ["clusters", "--eps", "0.3"],
    message: "retail-lab clusters: --eps would be ignored: --method kmeans does not use it (the neighbourhood radius is DBSCAN's); leave one of them out.",
  },
  {
    name: "clusters --method ward with --min-samples",
    args: () => ["clusters", "--method", "ward", "--min-samples", "10"],
    message: "retail-lab clusters: --min-samples would be ignored: --method ward does not use it (the neighbours a core point needs are DBSCAN's); leave one of them out.",
  },
  {
    name: "clusters --method dbscan with --k",
    args: () => ["clusters", "--method", "dbscan", "--k", "4"],
    message: "retail-lab clusters: --k would be ignored: --method dbscan does not use it (DBSCAN finds the number of clusters itself); leave one of them out.",
  },
  {
    name: "clusters --method ward with --restarts",
    args: () => ["clusters", "--method", "ward", "--restarts", "5"],
    message: "retail-lab clusters: --restarts would be ignored: --method ward does not use it (restarts are for the random starts of K-Means, and this method has none); leave one of them out.",
  },
  {
    name: "clusters --method dbscan with --seed",
    args: () => ["clusters", "--method", "dbscan", "--seed", "3"],
    message: "retail-lab clusters: --seed would be ignored: --method dbscan does not use it (the seed draws the random starts of K-Means, and this method has none); leave one of them out.",
  },
];
