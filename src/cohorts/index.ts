/** Loyalty and retention: monthly cohorts, the repeat-purchase curve, the loyalty threshold, purchase gaps. */
export {
  monthIndexOfDay, monthLabel, customerHistories, endDayOf, historiesUpTo, type CustomerHistory,
} from "./orders";
export {
  isLastDayOfMonth, cohortRetentionOf, cohortRetention, averageRetention, cohortFrame, type CohortRetentionOptions,
  type CohortRetention,
} from "./retention";
export {
  wilsonInterval, repeatCurveOf, repeatPurchaseCurve, loyaltyThreshold, Z95, type RepeatStep, type RepeatCurve,
  type RepeatCurveOptions, type LoyaltyThreshold,
} from "./repeat";
export {
  purchaseGapsOf, timeBetweenPurchases, oneTimeBuyersOf, neverOrdered, loyaltyReport, loyaltySummary,
  type PurchaseGaps, type OneTimeBuyers, type NeverOrdered, type LoyaltyOptions, type LoyaltyReport,
} from "./loyalty";
export {
  loyaltyActions,
} from "./actions";
