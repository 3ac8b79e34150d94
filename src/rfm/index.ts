export {
  ranksOf, describeTieRule, tieRuleOf, minRanksOf, scoreOfRank, rankScores, TIE_RULES, type TieRule,
} from "./scores";
export {
  segmentOf, volumeSegment, DEFAULT_SEGMENT_MAP, VOLUME_SEGMENTS, type SegmentRule, type VolumeSegment,
} from "./segments";
export {
  snapshotDate, daysBefore, rfmMeasures, rfmFromMeasures, rfmTable, RFM_COLUMNS, type RfmRow, type RfmOptions,
} from "./rfm";
export {
  segmentSizes, segmentSummary, regionOf, customerCountries, segmentMix, segmentShareBy, volumeSummary, segmentMixMatrix,
  segmentRow, segmentMoves,
} from "./summary";
export {
  segmentActions,
} from "./actions";
