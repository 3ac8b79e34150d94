/** Churn: snapshots at a cutoff, logistic churn models with time-based validation, segment migration, the CRM list. */
export { SNAPSHOT_FEATURES, checkHorizon, checkedCutoff, churnLabels, churnSnapshot, purchaseDayRange, snapshotFeatures, type SnapshotOptions } from "./snapshot";
export {
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
} from "./model";
export { requireBothOutcomes, scoreClassifier, type ClassifierScores } from "./evaluate";
export {
  EXTENDED_FEATURES,
  checkNoLeakage,
  churnValidation,
  modelSnapshot,
  type ChurnValidationOptions,
  type ChurnValidationResult,
  type ModelReport,
  type ModelSnapshot,
} from "./validation";
export {
  AT_RISK_OR_WORSE,
  MIGRATION_FEATURES,
  MIGRATION_SOURCES,
  NEW_SINCE_LAST,
  migrationRisk,
  transitionMatrix,
  type MigrationOptions,
  type MigrationResult,
  type TransitionMatrix,
} from "./migration";
export { CRM_COLUMNS, crmList, valueAtRiskList, type CrmOptions, type CrmResult } from "./crm";
export { CHURN_MODEL_NAMES, modelCurves, validationCurves, type ModelCurves } from "./curves";
