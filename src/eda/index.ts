export {
  monthlyMetrics, endsMidMonth, peakMonth, growthDrivers, lastInvoiceDate, newVersusReturning, type PeakMonth,
  type GrowthDrivers,
} from "./monthly";
export {
  ordersByWeekdayHour, weekdayHourMatrix, busiestSlot, weekdaysWithoutOrders,
} from "./when";
export {
  countrySummary, homeVersusRest,
} from "./where";
export {
  topProducts, overlap, descriptionWords,
} from "./what";
export {
  basketSizes, returnsImpact, type ReturnsImpact,
} from "./baskets";
