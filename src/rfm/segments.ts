/** RFM segments from the R and F scores, and volume segments from units bought. */

/** One rule of a segment map: a regular expression over the two digits `RF`, and a segment name. */
export interface SegmentRule {
  pattern: string;
  segment: string;
}

/**
 * The default segment map (first digit R, second F), as in the widely used RFM segmentation
 * of the UCI data. Rules are tried in order; the first match names the segment.
 */
export const DEFAULT_SEGMENT_MAP: SegmentRule[] = [
  { pattern: "^[1-2][1-2]$", segment: "Hibernating" },
  { pattern: "^[1-2][3-4]$", segment: "At Risk" },
  { pattern: "^[1-2]5$", segment: "Can't Lose Them" },
  { pattern: "^3[1-2]$", segment: "About To Sleep" },
  { pattern: "^33$", segment: "Need Attention" },
  { pattern: "^[3-4][4-5]$", segment: "Loyal Customers" },
  { pattern: "^41$", segment: "Promising" },
  { pattern: "^51$", segment: "New Customers" },
  { pattern: "^[4-5][2-3]$", segment: "Potential Loyalists" },
  { pattern: "^5[4-5]$", segment: "Champions" },
];

/** The segment of an R and F score pair under a map; "Unmapped" when no rule matches. */
export function segmentOf(r: number, f: number, map: SegmentRule[] = DEFAULT_SEGMENT_MAP): string {
  const key = `${r}${f}`;
  for (const rule of map) if (new RegExp(rule.pattern).test(key)) return rule.segment;
  return "Unmapped";
}

/** Volume segments by units bought, in order. */
export const VOLUME_SEGMENTS = ["No Orders", "Low", "Mid", "High"] as const;
export type VolumeSegment = (typeof VOLUME_SEGMENTS)[number];

/** Volume segment of a customer's units: 0 No Orders, 1-10 Low, 11-30 Mid, over 30 High. */
export function volumeSegment(units: number): VolumeSegment {
  if (units <= 0) return "No Orders";
  if (units <= 10) return "Low";
  if (units <= 30) return "Mid";
  return "High";
}
