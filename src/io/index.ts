/** Files: CSV text that is safe to open in a spreadsheet, and writes that are atomic. */
export { spreadsheetSafe, quoteCsv, dataCsvField, csvField, toCsv, writeFileAtomic, writeCsv } from "./csv";
export { clearStaleTemps, refuseUnsafeTarget, writeAtomic, writeFilesAtomic, writeFilesAtomicAsync } from "./atomic";
