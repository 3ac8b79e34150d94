/** Product performance and inventory: performance audit, Pareto (ABC), stock alignment, categories. */
export {
  readCatalogue, type CatalogueEntry, type Catalogue,
} from "./catalogue";
export {
  productDescriptions,
} from "./descriptions";
export {
  quadrantOf, descendingRanks, productSales, withMargins, withQuadrants, quadrantCuts, quadrantSummary, QUADRANTS,
  type Quadrant,
} from "./performance";
export {
  abcClassOf, withAbcClasses, paretoSummary, paretoCurve, type AbcClass, type ParetoSummary,
} from "./pareto";
export {
  codeList, velocityWindow, salesVelocity, daysOfCoverOf, stockAlignment, type CodeList, type DailyUnitsForecast,
  type VelocityWindow, type StockAlignmentOptions, type StockAlignment,
} from "./stock";
export {
  categorySummary,
} from "./categories";
export {
  productPerformance, productAudit, productIssueRows, productAuditTable, type ProductPerformanceOptions,
  type ProductAuditOptions, type ProductDataIssues, type ProductAudit,
} from "./audit";
export {
  productActions,
} from "./actions";
