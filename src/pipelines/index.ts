/**
 * Pipelines: the jobs that assemble several domains, written once so that the CLI, the notebooks
 * and the benchmarks produce the same tables for the same options.
 */
export {
  analyzeAssignmentInData, assignSegments, assignmentLogJson, assignmentLogPath, experimentTableOf, readAssignmentLog, readAssignmentTable,
  readExperimentTable, segmentBaseline, segmentDesign, segmentSize, windowStart,
  type ExperimentColumns, type SegmentAssignmentOptions, type SegmentBaseline, type SegmentDesign, type SegmentWindow,
} from "./experiments";
export { dailyForecasts, forecastInputs, type DailyForecasts, type ForecastInputs, type ForecastInputsOptions } from "./forecasts";
export {
  CLUSTER_FEATURES, RFM_FEATURES, clusterChoice, clusterElbow, clusterPreparation, customerClusters, customerDbscan, elbowLabels,
  type ClusterChoice, type ClusterElbowOptions, type ClusterPreparation, type CustomerClusters, type CustomerClustersOptions,
  type CustomerDbscan, type CustomerDbscanOptions,
} from "./clusters";
export { hasStockLevels, productAuditWithDemand, type ProductAuditWithDemand, type ProductAuditWithDemandOptions } from "./products";
