/**
 * Number formatting for tables and findings lives in ../util/format (analysis modules use it for
 * their sentences too); the display layer re-exports it for the notebooks' convenience.
 */
export { fmtInt, fmtNumber, fmtPct, fmtMoney, fmtDate, fmtCell } from "../util/format";
