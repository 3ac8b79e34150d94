/**
 * Seeded synthetic retail datasets with planted structure and ground truth (scale tests, and
 * checks that the analyses recover what was planted). Public API of src/generate.
 */
export {
  EARLIEST_START, GENERATE_LIMITS, generateDataset, generatedFrames, plantedDailyUnits, resolveGenerateOptions, transactionChunks,
  transactionColumns,
} from "./dataset";
export type {
  CustomerColumns, DatasetManifest, GenerateOptions, GeneratedDataset, GeneratedFrames, GenerationPlan, ProductColumns,
  ResolvedGenerateOptions, TransactionColumns, TruthCustomerColumns, TruthProductColumns,
} from "./dataset";
export { DATASET_FILES, writeDataset, writeDatasetInterruptibly } from "./write";
export {
  ARCHETYPES, ARCHETYPE_PLANS, CATEGORIES, CLOSED_DATES, NON_PRODUCT_LINES, OVERSTOCKED_ABOVE_DAYS, PRODUCT_CLASSES,
  PRODUCT_CLASS_PLANS, RATES, UNDERSTOCKED_BELOW_DAYS, WEEKLY_PROFILE,
} from "./params";
export type { Archetype, ArchetypePlan, ProductClass, ProductClassPlan } from "./params";
