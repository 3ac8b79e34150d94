/**
 * Retail Lab: the one public entry that notebooks, the CLI and tests import.
 *
 * Data flows one way: load (data/) -> clean (clean/) -> analyses (eda/, rfm/, features/ ->
 * clusters/, series/ -> forecasts/, products/, cohorts/, experiments/) -> display (charts/ build figures,
 * display/ shows tables, charts and findings).
 */
export * from "./model";
export * from "./errors";
export * from "./util/index";
export * from "./data/index";
export * from "./clean/index";
export * from "./eda/index";
export * from "./rfm/index";
export * from "./io/index";
export * from "./generate/index";
export * from "./series/index";
export * from "./forecasts/index";
export * from "./features/index";
export * from "./clusters/index";
export * from "./products/index";
export * from "./cohorts/index";
export * from "./charts/index";
// the warehouse: PostgreSQL as a source, push-down, the refresh (issue 15)
export {
  databaseCleaningReport, databaseDataset, databaseRfm, isDatabaseUrl, redactUrl, refresh, rfmAgreement,
  type RefreshOptions, type RefreshResult, type RfmAgreement, type SourceSpec,
} from "./warehouse/index";
// campaign experiments: design, assignment, outcomes, analysis, reading, simulation (issue 14)
export {
  BOOTSTRAP_METHOD, DEFAULT_RESAMPLES, HASH_METHOD, KS_LIMIT_1PCT, OUTCOME_COLUMNS, SRM_ALARM,
  analyzeAssignment, analyzeCampaign, analyzeData, analyzeExperiment, armLabels, armOfUnit, assignArms, bootstrapDiffInterval, campaignSeed,
  breakdownTable, campaignTruth, checkArmShares, cohensH, comparisonTable, controlSizeForPower, cupedAdjust, cupedFit, decisionSentence, detectableEffectSize,
  estimateOf, evanMillerSampleSize, experimentData, fmtP, hashUnit, holmAdjust, intervalCoverage, liftChartData, meanDesign,
  meanDesignFromValues, meanMde, metricKind, metricValues, movedCustomers, multipleComparisonsWarning, outcomesFromTransactions, parseArmShares,
  proportionDesign, proportionMde, readResult, replicatedPValues, sampleSizeTradeoff, segmentBreakdown, simulateCampaign,
  simulateCampaignData, srmCheck, stratumArms, summarize, twoProportions, uniformKsDistance, welch, zTestPower,
  type AnalysisOptions, type ArmReading, type ArmShare, type ArmSummary, type AssignOptions, type Assignment, type AssignmentLog,
  type CampaignData, type CampaignSpec, type CampaignTruth, type Comparison, type ComparisonTableOptions, type CoverageRow,
  type CupedComparison, type CupedFit, type Design, type DesignOptions, type DetectableEffect, type DiffTest, type Estimate,
  type ExperimentData, type ExperimentResult, type LiftPoint, type MetricKind, type MetricSpec, type OutcomeWindow, type ReadOptions,
  type ReplicatedPValues, type SegmentBreakdown, type SegmentResult, type SrmCheck, type TradeoffPoint,
} from "./experiments/index";
export {
  analyzeAssignmentInData, assignSegments, assignmentLogJson, assignmentLogPath, experimentTableOf, readAssignmentLog, readAssignmentTable,
  readExperimentTable, segmentBaseline, segmentDesign, segmentSize, windowStart,
  type ExperimentColumns, type SegmentAssignmentOptions, type SegmentBaseline, type SegmentDesign, type SegmentWindow,
  dailyForecasts, forecastInputs, type DailyForecasts, type ForecastInputs, type ForecastInputsOptions,
  CLUSTER_FEATURES, RFM_FEATURES, clusterChoice, clusterElbow, clusterPreparation, customerClusters, customerDbscan, elbowLabels,
  type ClusterChoice, type ClusterElbowOptions, type ClusterPreparation, type CustomerClusters, type CustomerClustersOptions,
  type CustomerDbscan, type CustomerDbscanOptions,
  hasStockLevels, productAuditWithDemand, type ProductAuditWithDemand, type ProductAuditWithDemandOptions,
} from "./pipelines/index";
export * from "./display/index";

// Customer lifetime value and churn (issue 13), listed name by name
export {
  calibrationEndDay,
  calibrationSummary,
  calibrationSummaryOf,
  checkCustomerLines,
  dayNumberOfInput,
  daysPerUnit,
  holdoutActuals,
  holdoutActualsOf,
  purchaseOccasions,
  summaryArrays,
  type DayInput,
  type HoldoutOptions,
  type SummaryArrays,
  type SummaryOptions,
  type TimeUnit,
  MIN_REPEAT_CUSTOMERS,
  checkRepeatData,
  type RepeatData,
  PARAMETER_BOUNDS,
  fmtParameter,
  type FitVerdict,
  type Params,
  BGNBD_PARAMS,
  bgnbdExpectedIfAlive,
  bgnbdExpectedIfAliveMany,
  bgnbdExpectedPurchases,
  bgnbdLogLikelihood,
  bgnbdLogLikelihoodDerivatives,
  bgnbdNoPurchaseProbability,
  bgnbdPAlive,
  bgnbdPredict,
  fitBgNbd,
  type BgNbdFit,
  type BgNbdParams,
  type BgNbdPredictions,
  NBD_PARAMS,
  fitNbd,
  nbdLogLikelihood,
  GAMMA_GAMMA_PARAMS,
  expectedSpend,
  fitGammaGamma,
  fitNoWithinCustomerVariation,
  gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodDerivatives,
  pearsonCorrelation,
  repeatSpendData,
  type GammaGammaFit,
  type GammaGammaParams,
  type SpendData,
  checkClvOptions,
  clvBySegment,
  customerLifetimeValues,
  type ClvOptions,
  holdoutComparison,
  type HoldoutComparison,
  type HoldoutData,
  type HoldoutTotals,
  simulateCustomers,
  type SimulatedCustomers,
  type SimulationOptions,
  plantedRecovery,
  type ParameterRecovery,
  type PlantedRecovery,
  customerValue,
  segmentsAt,
  type CustomerValueOptions,
  type CustomerValueResult,
} from "./clv/index";
export {
  SNAPSHOT_FEATURES,
  checkHorizon,
  checkedCutoff,
  churnLabels,
  churnSnapshot,
  purchaseDayRange,
  snapshotFeatures,
  type SnapshotOptions,
  BASELINE_FEATURES,
  churnProbabilities,
  contributionReasons,
  featureValues,
  fitChurnModel,
  meanAndScale,
  namedCoefficients,
  standardizedColumns,
  type ChurnModel,
  type FeatureSpec,
  requireBothOutcomes,
  scoreClassifier,
  type ClassifierScores,
  EXTENDED_FEATURES,
  checkNoLeakage,
  churnValidation,
  modelSnapshot,
  type ChurnValidationOptions,
  type ChurnValidationResult,
  type ModelReport,
  type ModelSnapshot,
  AT_RISK_OR_WORSE,
  MIGRATION_FEATURES,
  MIGRATION_SOURCES,
  NEW_SINCE_LAST,
  migrationRisk,
  transitionMatrix,
  type MigrationOptions,
  type MigrationResult,
  type TransitionMatrix,
  CRM_COLUMNS,
  crmList,
  valueAtRiskList,
  type CrmOptions,
  type CrmResult,
  CHURN_MODEL_NAMES,
  modelCurves,
  validationCurves,
  type ModelCurves,
} from "./churn/index";
// the day arithmetic notebook 07 uses to place its cutoffs inside the data
export { isoDayOfNumber, parseIsoDay } from "./util/index";
