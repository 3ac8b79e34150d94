/**
 * Generic helpers, one home for every domain: quantiles, day arithmetic, id order, rounding,
 * formatting of numbers in sentences, typed column readers, money sums, seeded random numbers,
 * union-find. Nothing here knows about retail.
 */
export { quantile, quantileSorted, median } from "./quantile";
export {
  DAY_MS, dayNumberOf, startOfDay, daysBetween, isoDayOfNumber, isoDayOf, parseIsoDay, addDays, dayRange, isoWeekday, WEEKDAY_NAMES, weekdayName,
  dayNumberExpr, lastDayNumber,
} from "./days";
export { compareIds } from "./ids";
export { round, shareOrNull, sum, mean } from "./numbers";
export { fmtInt, fmtNumber, fmtPct, fmtShare, fmtDecimal, fmtMoney, fmtDate, ordinal, fmtCell } from "./format";
export { float64Column, numbers, nullableNumbers, strings, nullableStrings, dates, booleans } from "./columns";
export { MONEY_SCALE, moneySum, moneyTotal } from "./money";
export { mostFrequentBy, mapRuns, strptimeExact } from "./frames";
export { seededRng, normal, poisson, sampleIndices, type Rng } from "./random";
export { disjointSets, find, union, type DisjointSets } from "./disjoint-sets";
