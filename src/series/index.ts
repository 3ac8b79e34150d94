/** Daily sales series: building them from the sales table, closed days, exploration. */
export type { DailySeries, ClosedRun, TradingCalendar } from "./types";
export { ALWAYS_OPEN } from "./types";
export {
  dailyProductUnits,
  dailyRevenue,
  fromFirstSale,
  productSeries,
  revenueSeries,
  salesCalendar,
  seriesDays,
  seriesFrame,
  seriesFromFrame,
  topProductsByUnits,
} from "./daily";
export type { ClosedDayOptions } from "./closed";
export { closedMask, detectClosedDays, isClosedDay } from "./closed";
export type { DemandClass, DemandProfile } from "./explore";
export {
  DEMAND_CLASS_CUTOFFS,
  classifyDemand,
  closedDaysFrame,
  completeMonthlyTotals,
  demandClassFrame,
  monthOfYearProfile,
  monthlyTotals,
  movingAverage,
  trendFrame,
  weekdayProfile,
  weekdayShareMatrix,
} from "./explore";
