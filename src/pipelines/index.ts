/**
 * Pipelines: the jobs that assemble several domains, written once so that the CLI, the notebooks
 * and the benchmarks produce the same tables for the same options.
 */
export {
  analyzeAssignmentInData, assignSegments, assignmentLogJson, assignmentLogPath, experimentTableOf, readAssignmentLog, readAssignmentTable,
  readExperimentTable, segmentBaseline, segmentDesign, segmentSize, windowStart,
  type ExperimentColumns, type SegmentAssignmentOptions, type SegmentBaseline, type SegmentDesign, type SegmentWindow,
} from "./experiments";
