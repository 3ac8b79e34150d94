export {
  compileDateFormat, slashPattern, blankToNull, firstFailed, firstIndex, dateFormatsMatching, readsEvery,
  checkTimezone, parseDateColumn, ISO_PATTERN, type DateOptions, type ParseDateOptions, type DatePattern,
} from "./dates";
export {
  decodeWindows1252, utf8Damage, lineOfOffset, decodeText, TEXT_ENCODINGS, type TextEncoding, type DecodedText,
} from "./decode";
export {
  delimiterName, delimiterSetting, splitLine, sampleLines, detectDelimiter, chooseDelimiter, headerLikely,
  type Delimiter, type DelimiterFit,
} from "./layout";
export {
  resolveColumns, missingColumnError, validateMapping, readMapping, textLayoutOf, CANONICAL_FIELDS,
  REQUIRED_TRANSACTION_COLUMNS, HEADER_SYNONYMS, norm, type TableMapping, type DatasetMapping, type MappingTable,
} from "./mapping";
export {
  formatOf, whitespaceToTabs, readCsvTable, readParquetTable, readTable, readTableSync, type RawTable,
  type TextLayout, type FileFormat,
} from "./read";
export {
  parseNumberColumn, typedByContent, perCustomerReason, typeTransactions, toTransactions, loadDataset,
  loadDatasetAsync, loadDatasetWithTransactions, customerRoster, type TypedTransactions, type DatasetFiles,
} from "./load";
export {
  layoutLine, readingLines,
} from "./reading";
export {
  profileColumn, inspectFile, type ColumnType, type ColumnProfile, type Inspection,
} from "./inspect";
export {
  demographicColumns, withProfile,
} from "./profiles";
export {
  datasetFiles, loadNotebookDataset, DEFAULT_DATA_FILE, DEFAULT_DATA_ATTRIBUTION,
} from "./default";
export {
  refuseFileScans, sql,
} from "./sql";
