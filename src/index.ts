/**
 * Retail Lab: the one public entry that notebooks, the CLI and tests import.
 *
 * Data flows one way: load (data/) -> clean (clean/) -> analyses (eda/, rfm/, features/ ->
 * clusters/, series/ -> forecasts/, products/, cohorts/, experiments/) -> display (charts/ build figures,
 * display/ shows tables, charts and findings).
 */
// the data model and errors
export {
  requireProductColumn, recommendationText, TRANSACTION_COLUMNS, type Transaction, type TransactionColumn,
  type Customer, type Product, type TableReading, type DatasetReading, type Dataset, type Recommendation,
} from "./model";
export {
  isUserError, UserError,
} from "./errors";
// generic helpers: quantiles, days, ids, rounding, formatting, typed column readers, money, random numbers
export {
  quantile, quantileSorted, median, DAY_MS, dayNumberOf, startOfDay, daysBetween, isoDayOf, addDays, dayRange,
  isoWeekday, WEEKDAY_NAMES, weekdayName, dayNumberExpr, lastDayNumber, compareIds, round, shareOrNull, sum, mean,
  fmtInt, fmtNumber, fmtPct, fmtShare, fmtDecimal, fmtMoney, fmtDate, ordinal, fmtCell, float64Column, numbers,
  nullableNumbers, strings, nullableStrings, dates, booleans, moneySum, moneyTotal, mostFrequentBy, seededRng, normal,
  poisson, sampleIndices, disjointSets, find, union, type Rng, type DisjointSets,
} from "./util/index";
// load: reading files, mappings, dates, inspection, SQL
export {
  compileDateFormat, slashPattern, blankToNull, firstFailed, firstIndex, dateFormatsMatching, readsEvery,
  checkTimezone, parseDateColumn, ISO_PATTERN, decodeWindows1252, utf8Damage, lineOfOffset, decodeText,
  TEXT_ENCODINGS, delimiterName, delimiterSetting, splitLine, sampleLines, detectDelimiter, chooseDelimiter,
  headerLikely, resolveColumns, missingColumnError, validateMapping, readMapping, textLayoutOf, CANONICAL_FIELDS,
  REQUIRED_TRANSACTION_COLUMNS, HEADER_SYNONYMS, norm, formatOf, whitespaceToTabs, readCsvTable, readParquetTable,
  readTable, readTableSync, parseNumberColumn, typedByContent, perCustomerReason, typeTransactions, toTransactions,
  loadDataset, loadDatasetAsync, customerRoster, layoutLine, readingLines, profileColumn, inspectFile,
  demographicColumns, withProfile, datasetFiles, loadNotebookDataset, DEFAULT_DATA_FILE, DEFAULT_DATA_ATTRIBUTION,
  refuseFileScans, sql, type DateOptions, type ParseDateOptions, type DatePattern, type TextEncoding,
  type DecodedText, type Delimiter, type DelimiterFit, type TableMapping, type DatasetMapping, type MappingTable,
  type RawTable, type TextLayout, type FileFormat, type TypedTransactions, type DatasetFiles, type ColumnType,
  type ColumnProfile, type Inspection,
} from "./data/index";
// clean: the cleaning rules and their report
export {
  duplicateRows, cleanTransactions, cleanDataset, reportFrame, reportRows, CLEANING_RULES, isNonProductCode,
  isProductExpr, NON_PRODUCT_CODES, NON_PRODUCT_PREFIXES, type CleaningRule, type CleaningReport, type CleanData,
  type CleaningOptions,
} from "./clean/index";
// exploratory analysis
export {
  monthlyMetrics, endsMidMonth, peakMonth, growthDrivers, lastInvoiceDate, newVersusReturning, ordersByWeekdayHour,
  weekdayHourMatrix, busiestSlot, weekdaysWithoutOrders, countrySummary, homeVersusRest, topProducts, overlap,
  descriptionWords, basketSizes, returnsImpact, type PeakMonth, type GrowthDrivers, type ReturnsImpact,
} from "./eda/index";
// RFM scores and segments
export {
  ranksOf, describeTieRule, tieRuleOf, minRanksOf, scoreOfRank, rankScores, TIE_RULES, segmentOf, volumeSegment,
  DEFAULT_SEGMENT_MAP, VOLUME_SEGMENTS, snapshotDate, daysBefore, rfmMeasures, rfmTable, RFM_COLUMNS, segmentSizes, segmentSummary, regionOf,
  customerCountries, segmentMix, segmentShareBy, volumeSummary, segmentMixMatrix, segmentRow, segmentMoves,
  segmentActions, type TieRule, type SegmentRule, type VolumeSegment, type RfmRow, type RfmOptions,
} from "./rfm/index";
// writing files: CSV and atomic writes
export {
  spreadsheetSafe, dataCsvField, csvField, toCsv, writeFileAtomic, writeCsv, clearStaleTemps, refuseUnsafeTarget,
  writeAtomic, writeFilesAtomic, writeFilesAtomicAsync,
} from "./io/index";
// the seeded synthetic shop
export {
  GENERATE_LIMITS, generateDataset, generatedFrames, plantedDailyUnits, resolveGenerateOptions, transactionChunks,
  transactionColumns, DATASET_FILES, writeDataset, writeDatasetInterruptibly, ARCHETYPES, ARCHETYPE_PLANS, CATEGORIES,
  CLOSED_DATES, NON_PRODUCT_LINES, OVERSTOCKED_ABOVE_DAYS, PRODUCT_CLASSES, PRODUCT_CLASS_PLANS, RATES,
  UNDERSTOCKED_BELOW_DAYS, WEEKLY_PROFILE, type CustomerColumns, type DatasetManifest, type GenerateOptions,
  type GeneratedDataset, type GeneratedFrames, type GenerationPlan, type ProductColumns, type ResolvedGenerateOptions,
  type TransactionColumns, type TruthCustomerColumns, type TruthProductColumns, type Archetype, type ArchetypePlan,
  type ProductClass, type ProductClassPlan,
} from "./generate/index";
// daily series and the trading calendar
export {
  ALWAYS_OPEN, dailyProductUnits, dailyRevenue, fromFirstSale, productSeries, revenueSeries, seriesDays, seriesFrame,
  seriesFromFrame, topProductsByUnits, closedMask, detectClosedDays, isClosedDay, DEMAND_CLASS_CUTOFFS,
  classifyDemand, closedDaysFrame, demandClassFrame, monthOfYearProfile, monthlyTotals, completeMonthlyTotals, movingAverage, trendFrame,
  weekdayProfile, weekdayShareMatrix, type DailySeries, type ClosedRun, type TradingCalendar, type ClosedDayOptions,
  type DemandClass, type DemandProfile,
} from "./series/index";
// forecasts: models, backtests, intervals, batches, stocking
export {
  MODEL_NAMES, accuracy, coverage, mae, mase, rmse, seasonalNaiveScale, wape, nelderMead, seasonalNaive,
  seasonalNaiveRmse, fitHoltWinters, holtWintersFilter, holtWintersForecast, DEFAULT_SARIMA_ORDER,
  SARIMA_ORDER_CANDIDATES, formatOrder, sarimaAic, sarimaForecast, selectSarimaOrder, DEFAULT_CHECK_LIMITS,
  forecastProblem, tradingView, chooseModel, rollingOrigins, intervalsFromErrors, recentLevel, relativeErrors,
  relativeWindowTotalErrors, forecastSeries, resolveOptions, tryForecastSeries, validateSeries, demandQuantile,
  stockCheck, stockLevels, stockingQuantity, forecastMany, succeededForecasts, holdoutMase, meanHoldoutMase,
  pooledCoverage, resultsFrame, forecastTable, holdoutTable, meanDailyForecast, stockingTable, type ErrorSample,
  type FailedForecast, type Forecast, type ForecastOptions, type ForecastStatus, type HoldoutEvaluation,
  type HoldoutScore, type ModelName, type ModelScore, type PredictionInterval, type Replacement, type SeriesForecast,
  type Metrics, type Minimum, type HoltWintersFit, type HoltWintersParameters, type OrderTrial, type SarimaForecast,
  type SarimaOrder, type CheckLimits, type TradingView, type ResolvedOptions, type StockCheckOptions, type StockState,
  type StockStatus, type StockingQuantity, type BatchOptions, type BatchProgress, type BatchResult,
} from "./forecasts/index";
// customer features
export {
  CUSTOMER_FEATURE_COLUMNS, customerFeatures, correlationMatrix, pearson, strongestCorrelation, type CustomerFeatures,
  type CustomerFeaturesOptions,
} from "./features/index";
// customer clusters: K-Means, Ward, DBSCAN
export {
  featureMatrix, log1pColumns, standardize, kmeans, silhouetteSample, silhouetteSamples, silhouetteScore,
  silhouetteScores, elbow, proposeK, pca2, pcaComponents, symmetricEigen, adjustedRandIndex, crosstab,
  clusterProfiles, nameClusters, profilesTable, CLUSTER_PLAYS, clusterPoints, SKEWED_FEATURES, skewedFeatures,
  skewness, canonicalClusters, wardLinkage, wardClusters, cutLinkage, cutWard, dendrogramData, dbscan, kDistances,
  kDistanceCurve, proposeEps, clusterWith, compareMethods, methodParameters, methodSilhouette, methodsTable, NOISE,
  wardElbow, clusterSummaries, CLUSTER_METHODS, METHOD_TITLES, type WardElbowOptions,
  type MatrixNames, type Points, type Standardized, type KMeansOptions, type KMeansResult,
  type SilhouetteSampleOptions, type ElbowOptions, type ElbowPoint, type ElbowResult, type ProposedK,
  type ProposeKOptions, type ProposeKRule, type PcaResult, type Crosstab, type Label, type ClusterName,
  type ClusterProfile, type ClusterProfilesOptions, type NameClustersOptions, type ClusterPlayName,
  type CanonicalClusters, type WardLinkage, type WardMerge, type WardCut, type WardOptions, type WardResult,
  type DendrogramData, type DendrogramLeaf, type DendrogramLink, type DbscanOptions, type DbscanResult,
  type KDistanceCurve, type ProposedEps, type ClusterMethod, type CompareMethodsOptions, type MethodAgreement,
  type MethodLabels, type MethodsComparison, type MethodSilhouette, type MethodSpec, type MethodSummary,
} from "./clusters/index";
// the product and inventory audit
export {
  readCatalogue, productDescriptions, quadrantOf, descendingRanks, productSales, withMargins, withQuadrants,
  quadrantCuts, quadrantSummary, QUADRANTS, abcClassOf, withAbcClasses, paretoSummary, paretoCurve, codeList,
  velocityWindow, salesVelocity, daysOfCoverOf, stockAlignment, categorySummary, productPerformance, productAudit,
  productIssueRows, productAuditTable, productActions, type CatalogueEntry, type Catalogue, type Quadrant,
  type AbcClass, type ParetoSummary, type CodeList, type DailyUnitsForecast, type VelocityWindow,
  type StockAlignmentOptions, type StockAlignment, type ProductPerformanceOptions, type ProductAuditOptions,
  type ProductDataIssues, type ProductAudit,
} from "./products/index";
// cohorts, retention and loyalty
export {
  monthIndexOfDay, monthLabel, customerHistories, endDayOf, historiesUpTo, isLastDayOfMonth, cohortRetentionOf,
  cohortRetention, averageRetention, cohortFrame, wilsonInterval, repeatCurveOf, repeatPurchaseCurve,
  loyaltyThreshold, Z95, purchaseGapsOf, timeBetweenPurchases, oneTimeBuyersOf, neverOrdered, loyaltyReport,
  loyaltySummary, loyaltyActions, type CustomerHistory, type CohortRetentionOptions, type CohortRetention,
  type RepeatStep, type RepeatCurve, type RepeatCurveOptions, type LoyaltyThreshold, type PurchaseGaps,
  type OneTimeBuyers, type NeverOrdered, type LoyaltyOptions, type LoyaltyReport,
} from "./cohorts/index";
// charts: plotly figures, every builder named ...Chart
export {
  CHART_SIZE, PALETTE, themed, titleText, TITLE_FONT_SIZE, TITLE_LINE_HEIGHT, textWidth, wrapTitle, barChart,
  groupedBarChart, heatmapChart, histogramChart, lineChart, treemapChart, logBins, powerOfTenTicks, SEQUENTIAL_BLUES,
  clusterColor, clusterHistogramsChart, crosstabHeatmapChart, elbowChart, kDistanceChart, methodSizesChart, pcaScatterChart,
  rfmScatter3dChart, dendrogramChart, percentLabel, repeatCurveChart, retentionHeatmapChart, RETENTION_COLORSCALE, closedDaysChart,
  coverageChart, errorByModelChart, forecastChart, forecastSmallMultiplesChart, holdoutChart, weekdayProfileChart,
  categoryChart, daysOfCoverChart, paretoChart, quadrantChart, QUADRANT_COLORS, liftChart, logTicks, pValueChart,
  sampleSizeChart, clvBySegmentChart, clvDistributionChart, holdoutByFrequencyChart, holdoutTotalsChart,
  spendFrequencyChart, calibrationChart, churnLiftChart, migrationHeatmapChart, precisionRecallChart, rocChart,
  type Figure, type Labels, type LogBins, type ClusterHistogramsChartOptions, type CrosstabHeatmapChartOptions,
  type RfmScatter3dChartOptions, type DendrogramChartOptions, type EffectUnit,
} from "./charts/index";
// the warehouse: PostgreSQL as a source, push-down, the refresh (issue 15)
export {
  databaseCleaningReport, databaseDataset, databaseRfm, isDatabaseUrl, redactUrl, refresh, rfmAgreement,
  type RefreshOptions, type RefreshResult, type RfmAgreement, type SourceSpec,
} from "./warehouse/index";
// campaign experiments: design, assignment, outcomes, analysis, reading, simulation (issue 14)
export {
  BOOTSTRAP_METHOD, DEFAULT_RESAMPLES, KS_LIMIT_1PCT, OUTCOME_COLUMNS, analyzeAssignment, analyzeCampaign,
  analyzeData, analyzeExperiment, armLabels, armOfUnit, assignArms, bootstrapDiffInterval, breakdownTable,
  campaignTruth, checkArmShares, cohensH, comparisonTable, controlSizeForPower, cupedAdjust, cupedFit,
  decisionSentence, detectableEffectSize, evanMillerSampleSize, fmtP, hashUnit, holmAdjust, intervalCoverage,
  liftChartData, meanDesign, meanDesignFromValues, meanMde, movedCustomers, outcomesFromTransactions, parseArmShares,
  proportionDesign, proportionMde, readResult, replicatedPValues, sampleSizeTradeoff, segmentBreakdown,
  simulateCampaign, srmCheck, stratumArms, summarize, twoProportions, uniformKsDistance, welch, zTestPower,
  type AnalysisOptions, type ArmReading, type ArmShare, type ArmSummary, type AssignOptions, type Assignment,
  type AssignmentLog, type CampaignData, type CampaignSpec, type CampaignTruth, type Comparison,
  type ComparisonTableOptions, type CoverageRow, type CupedComparison, type CupedFit, type Design, type DesignOptions,
  type DetectableEffect, type DiffTest, type Estimate, type ExperimentData, type ExperimentResult, type LiftPoint,
  type MetricKind, type MetricSpec, type OutcomeWindow, type ReadOptions, type ReplicatedPValues,
  type SegmentBreakdown, type SegmentResult, type SrmCheck, type TradeoffPoint,
} from "./experiments/index";
// pipelines: the jobs the CLI, the notebooks and the bench share
export {
  analyzeAssignmentInData, assignSegments, assignmentLogJson, assignmentLogPath, readAssignmentLog,
  readAssignmentTable, readExperimentTable, segmentBaseline, segmentDesign, segmentSize, windowStart,
  type ExperimentColumns, type SegmentAssignmentOptions, type SegmentBaseline, type SegmentDesign, type SegmentWindow,
  dailyForecasts, forecastInputs, type DailyForecasts, type ForecastInputs, type ForecastInputsOptions,
  CLUSTER_FEATURES, RFM_FEATURES, clusterChoice, clusterElbow, clusterPreparation, customerClusters, customerDbscan, elbowLabels,
  type ClusterChoice, type ClusterElbowOptions, type ClusterPreparation, type CustomerClusters, type CustomerClustersOptions,
  type CustomerDbscan, type CustomerDbscanOptions,
  hasStockLevels, productAuditWithDemand, type ProductAuditWithDemand, type ProductAuditWithDemandOptions,
} from "./pipelines/index";
// display: tables, charts and markdown in the notebook
export {
  renderPng, closeRenderer, findChromium, plotlyJsPath, CHROMIUM_ARGS, inKernel, sendBundle, escapeHtml, visibleRows,
  tableHtml, tableText, showTable, showMarkdown, bullets, markdownTable, chartBundle, showChart, plotlyDivHtml,
  PLOTLY_MIME, type MimeBundle, type TableOptions,
} from "./display/index";

// Customer lifetime value and churn (issue 13), listed name by name
export {
  calibrationEndDay, calibrationSummary, calibrationSummaryOf, dayNumberOfInput, daysPerUnit, holdoutActuals,
  holdoutActualsOf, purchaseOccasions, summaryArrays, type DayInput, type HoldoutOptions, type SummaryArrays,
  type SummaryOptions, type TimeUnit, checkRepeatData, type RepeatData, fmtParameter, type FitVerdict, type Params,
  BGNBD_PARAMS, bgnbdExpectedIfAlive, bgnbdExpectedIfAliveMany, bgnbdExpectedPurchases, bgnbdLogLikelihood,
  bgnbdLogLikelihoodDerivatives, bgnbdNoPurchaseProbability, bgnbdPAlive, bgnbdPredict, fitBgNbd, type BgNbdFit,
  type BgNbdParams, type BgNbdPredictions, fitNbd, GAMMA_GAMMA_PARAMS, expectedSpend, fitGammaGamma,
  fitNoWithinCustomerVariation, gammaGammaLogLikelihood, gammaGammaLogLikelihoodDerivatives, pearsonCorrelation,
  repeatSpendData, type GammaGammaFit, type GammaGammaParams, type SpendData, checkClvOptions, clvBySegment,
  customerLifetimeValues, type ClvOptions, holdoutComparison, type HoldoutComparison, type HoldoutData,
  type HoldoutTotals, simulateCustomers, type SimulatedCustomers, type SimulationOptions, plantedRecovery,
  type ParameterRecovery, type PlantedRecovery, customerValue, segmentsAt, type CustomerValueOptions,
  type CustomerValueResult,
} from "./clv/index";
export {
  checkHorizon, checkedCutoff, churnLabels, churnSnapshot, purchaseDayRange, snapshotFeatures, type SnapshotOptions,
  BASELINE_FEATURES, churnProbabilities, contributionReasons, fitChurnModel, meanAndScale, namedCoefficients,
  standardizedColumns, type ChurnModel, type FeatureSpec, requireBothOutcomes, scoreClassifier, type ClassifierScores,
  checkNoLeakage, churnValidation, type ChurnValidationOptions, type ChurnValidationResult, type ModelReport,
  type ModelSnapshot, AT_RISK_OR_WORSE, MIGRATION_SOURCES, NEW_SINCE_LAST, migrationRisk, transitionMatrix,
  type MigrationOptions, type MigrationResult, type TransitionMatrix, crmList, valueAtRiskList, type CrmOptions,
  type CrmResult, modelCurves, validationCurves, type ModelCurves,
} from "./churn/index";
// the day arithmetic notebook 07 uses to place its cutoffs inside the data
export { isoDayOfNumber, parseIsoDay } from "./util/index";
