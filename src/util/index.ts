/**
 * Generic helpers, one home for every domain: quantiles, day arithmetic, id order, rounding,
 * formatting of numbers in sentences, typed column readers. Nothing here knows about retail.
 */
export { quantile, quantileSorted, median } from "./quantile";
export { DAY_MS, dayNumberOf, startOfDay, daysBetween, isoDayOfNumber, isoDayOf, parseIsoDay } from "./days";
export { compareIds } from "./ids";
export { round, shareOrNull, sum, mean } from "./numbers";
export { fmtInt, fmtNumber, fmtPct, fmtShare, fmtMoney, fmtDate, ordinal, fmtCell } from "./format";
export { numbers, nullableNumbers, strings, nullableStrings, dates, booleans } from "./columns";
export { disjointSets, find, union, type DisjointSets } from "./disjoint-sets";
export { float64Column } from "./typed-columns";
