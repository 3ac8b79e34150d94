/**
 * The warehouse: PostgreSQL as a source of transactions (read into memory, or with the cleaning
 * report, RFM, customer features and daily series pushed down into the database), and the
 * refresh that writes segments back into schema retail_lab. Public API of src/warehouse.
 */
export { connect, disconnect, databaseError, failureKind, isDatabaseUrl, passwordFor, redactUrl, redactUrlsIn, type ConnectOptions, type Db, type FailureKind, type PasswordParams } from "./connection";
export { canonicalShape, describeSource, openSource, parseTableName, readSource, type DescribedSource, type SourceSpec } from "./source";
export {
  checkSourceValues, cleaningReportIn, closeSnapshot, customerFeaturesIn, customerSummaryIn, dailyProductUnitsIn, dailyRevenueIn, openSnapshot,
  requireCustomers, rfmMeasuresIn, sourceExtentIn, type CustomerSummary, type FeaturesOptions, type PushdownSource,
} from "./pushdown";
export {
  databaseCleaningReport, databaseCustomerFeatures, databaseDailyProductUnits, databaseDailyRevenue, databaseDataset, databaseRfm, rfmAgreement, withSource,
  type RfmAgreement,
} from "./database";
export { refresh, type RefreshContext, type RefreshMode, type RefreshOptions, type RefreshResult, type RefreshStep } from "./refresh";
export { createTransactionsTableSql, loadCanonicalCsv, loadTransactionsTable } from "./load";
export { REFRESH_LOCK, SCHEMA, TRANSACTION_TABLE_COLUMNS } from "./sql";
