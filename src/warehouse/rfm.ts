/**
 * The RFM table from measures computed elsewhere (the database): the scoring and segments of
 * src/rfm `rfmTable`, applied to a `rfmMeasures`-shaped frame. Scores, segments and volumes
 * come from src/rfm's own functions (`rankScores`, `segmentOf`, `volumeSegment`), so the table
 * is the one `rfmTable` builds; test/warehouse/pushdown.test.ts compares the two byte for byte.
 *
 * (`rfmTable` computes its measures in memory and has no entry point for given measures; this
 * is that entry point, to be folded into src/rfm when its owner splits `rfmTable`.)
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { DEFAULT_SEGMENT_MAP, rankScores, segmentOf, volumeSegment, type RfmOptions } from "../rfm/index";
import { numbers, strings } from "../util/index";

/** Options of `rfmFromMeasures`: the bins and the segment map of `RfmOptions`. */
export type RfmScoring = Pick<RfmOptions, "bins" | "segmentMap">;

/**
 * One row per customer: customerId, recency, frequency, monetary, units, R, F, M, segment,
 * volume (`RfmRow`), in the order of `measures` (sorted by customerId). R ranks recency
 * reversed (most recent gets the top score); F and M rank ascending; ties by customer ID.
 */
export function rfmFromMeasures(measures: DataFrame, options: RfmScoring = {}): DataFrame {
  const bins = options.bins ?? 5;
  if (!Number.isInteger(bins) || bins < 2 || bins > 10) throw new UserError(`RFM needs 2 to 10 score bins, not ${bins}.`);
  const ids = strings(measures, "customerId");
  const recency = numbers(measures, "recency");
  const frequency = numbers(measures, "frequency");
  const monetary = numbers(measures, "monetary");
  const units = numbers(measures, "units");
  const R = rankScores(recency, ids, bins, true);
  const F = rankScores(frequency, ids, bins);
  const M = rankScores(monetary, ids, bins);
  const map = options.segmentMap ?? DEFAULT_SEGMENT_MAP;
  return pl.DataFrame({
    customerId: ids,
    recency, frequency, monetary, units,
    R, F, M,
    segment: R.map((r, i) => segmentOf(r, F[i], map)),
    volume: units.map(volumeSegment),
  });
}
