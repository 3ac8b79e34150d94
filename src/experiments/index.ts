/**
 * Campaign experiments, from design to lift: sample sizes (design), a deterministic split
 * (assign), per-customer outcomes (outcomes), the comparisons with the control (analyze,
 * compare, cuped, bootstrap), per-segment breakdowns (breakdown), their reading in sentences and
 * chart data (read), and a seeded campaign simulator for the honesty checks (simulate). Each CLI
 * subcommand and notebook step is one call: proportionDesign / meanDesignFromValues (+
 * sampleSizeTradeoff), assignArms (+ parseArmShares), analyzeExperiment or analyzeAssignment,
 * readResult and liftChartData.
 */
export {
  cohensH,
  controlSizeForPower,
  detectableEffectSize,
  evanMillerSampleSize,
  meanDesign,
  meanDesignFromValues,
  meanMde,
  proportionDesign,
  proportionMde,
  sampleSizeTradeoff,
  zTestPower,
  type DetectableEffect,
  type Design,
  type DesignOptions,
  type TradeoffPoint,
} from "./design";
export {
  HASH_METHOD,
  armOfUnit,
  assignArms,
  checkArmShares,
  hashUnit,
  movedCustomers,
  parseArmShares,
  stratumArms,
  type ArmShare,
  type AssignOptions,
  type Assignment,
  type AssignmentLog,
} from "./assign";
export { OUTCOME_COLUMNS, analyzeAssignment, outcomesFromTransactions, type OutcomeWindow } from "./outcomes";
export { SRM_ALARM, holmAdjust, srmCheck, summarize, twoProportions, welch, type ArmSummary, type DiffTest, type SrmCheck } from "./compare";
export { cupedAdjust, cupedFit, type CupedFit } from "./cuped";
export { BOOTSTRAP_METHOD, DEFAULT_RESAMPLES, bootstrapDiffInterval } from "./bootstrap";
export {
  analyzeData,
  analyzeExperiment,
  armLabels,
  experimentData,
  metricKind,
  metricValues,
  type AnalysisOptions,
  type Comparison,
  type CupedComparison,
  type ExperimentData,
  type ExperimentResult,
  type MetricKind,
  type MetricSpec,
} from "./analyze";
export { multipleComparisonsWarning, segmentBreakdown, type SegmentBreakdown, type SegmentResult } from "./breakdown";
export {
  breakdownTable,
  comparisonTable,
  decisionSentence,
  estimateOf,
  fmtP,
  liftChartData,
  readResult,
  type ArmReading,
  type Estimate,
  type LiftPoint,
  type ReadOptions,
  type ComparisonTableOptions,
} from "./read";
export {
  KS_LIMIT_1PCT,
  analyzeCampaign,
  campaignSeed,
  campaignTruth,
  intervalCoverage,
  replicatedPValues,
  simulateCampaign,
  simulateCampaignData,
  uniformKsDistance,
  type CampaignData,
  type CampaignSpec,
  type CampaignTruth,
  type CoverageRow,
  type ReplicatedPValues,
} from "./simulate";
