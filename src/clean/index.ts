export {
  duplicateRows, cleanTransactions, cleanDataset, reportFrame, reportRows, CLEANING_RULES, type CleaningRule,
  type CleaningReport, type CleanData, type CleaningOptions,
} from "./clean";
export {
  isNonProductCode, isProductExpr, NON_PRODUCT_CODES, NON_PRODUCT_PREFIXES,
} from "./nonProduct";
