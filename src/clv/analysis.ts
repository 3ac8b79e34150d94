/**
 * The whole CLV analysis in one call, for the CLI and the notebook: purchase occasions ->
 * calibration summary -> BG/NBD and Gamma-Gamma fits -> per-customer P(alive), expected
 * purchases, expected spend and CLV -> totals per RFM segment at the calibration end -> and,
 * when a holdout end is given, the holdout validation.
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { rfmTable } from "../rfm/index";
import { DAY_MS, float64Column, isoDayOfNumber } from "../util/index";
import { bgnbdPredict, fitBgNbd, type BgNbdFit } from "./bgnbd";
import { expectedSpend, fitGammaGamma, repeatSpendData, type GammaGammaFit } from "./gamma-gamma";
import {
  calibrationEndDay,
  calibrationSummaryOf,
  daysPerUnit,
  dayNumberOfInput,
  holdoutActualsOf,
  purchaseOccasions,
  summaryArrays,
  type DayInput,
  type TimeUnit,
} from "./occasions";
import { holdoutComparison, type HoldoutComparison } from "./validation";
import { checkClvOptions, clvBySegment, customerLifetimeValues } from "./value";

/** Options of `customerValue`. */
export interface CustomerValueOptions {
  /** the last day of the calibration period (its purchases included) */
  calibrationEnd: DayInput;
  /** default "week" */
  unit?: TimeUnit;
  /** `expectedPurchases` covers the next `predict` units; default the CLV horizon (30 · months days) */
  predict?: number;
  /** CLV horizon in months of 30 days; default 12 */
  months?: number;
  /** monthly discount rate; default 0.01 */
  discount?: number;
  /** when given, the holdout (calibration end, holdout end] is compared with the predictions */
  holdoutEnd?: DayInput;
}

/** Everything the analysis computed. */
export interface CustomerValueResult {
  calibrationEnd: string;
  unit: TimeUnit;
  /** customers with a first purchase on or before the calibration end */
  customers: number;
  repeaters: number;
  predict: number;
  months: number;
  discount: number;
  bgnbd: BgNbdFit;
  gammaGamma: GammaGammaFit;
  /**
   * One row per customer, sorted by customerId: `customerId`, `frequency`, `recency`, `T`,
   * `monetary`, `pAlive`, `expectedPurchases` (next `predict` units), `expectedSpend` (per
   * purchase), `clv`, `segment` (RFM at the calibration end).
   */
  perCustomer: DataFrame;
  /** CLV per RFM segment (see `clvBySegment`) */
  bySegment: DataFrame;
  /** present when a holdout end was given */
  validation?: HoldoutComparison & { holdoutEnd: string; holdoutLength: number };
}

/** Throws (a bug, not bad input) when a computed column holds NaN or an infinity. */
function assertFinite(name: string, values: Float64Array): Float64Array {
  const i = values.findIndex((v) => !Number.isFinite(v));
  if (i >= 0) throw new Error(`${name} is not finite for customer row ${i + 1}: ${values[i]}`);
  return values;
}

/**
 * `customerId`, `segment` of every customer with a purchase on or before day s: the RFM table
 * (`rfmTable`, default segment map) of the lines up to s, measured to the snapshot s + 1.
 */
export function segmentsAt(lines: DataFrame, day: number): DataFrame {
  const snapshot = new Date((day + 1) * DAY_MS);
  const upTo = lines.filter(pl.col("invoiceDate").lt(pl.lit(snapshot)));
  if (upTo.height === 0) throw new UserError(`No customer has a purchase on or before ${isoDayOfNumber(day)}.`);
  return rfmTable(upTo, upTo, { snapshot }).select("customerId", "segment");
}

/** The CLV analysis of customer purchase lines (see the file comment and the options). */
export function customerValue(lines: DataFrame, options: CustomerValueOptions): CustomerValueResult {
  const unit = options.unit ?? "week";
  const perUnit = daysPerUnit(unit);
  const months = options.months ?? 12;
  const discount = options.discount ?? 0.01;
  checkClvOptions(months, discount);
  const predict = options.predict ?? (30 * months) / perUnit;
  if (!(predict > 0) || !Number.isFinite(predict)) throw new UserError(`The prediction period must be a positive number of ${unit}s, not ${predict}.`);

  const occasions = purchaseOccasions(lines);
  const end = calibrationEndDay(occasions, options.calibrationEnd);
  // the holdout is checked before any fit, so that a bad holdout end fails at once
  const actual = options.holdoutEnd === undefined ? undefined : holdoutActualsOf(occasions, { calibrationEnd: options.calibrationEnd, holdoutEnd: options.holdoutEnd });
  const summary = calibrationSummaryOf(occasions, { calibrationEnd: options.calibrationEnd, unit });
  const data = summaryArrays(summary);
  const bgnbd = fitBgNbd(data);
  const gammaGamma = fitGammaGamma(repeatSpendData(data.frequency, data.monetary));
  const spend = assertFinite("expected spend", expectedSpend(gammaGamma, data.frequency, data.monetary));
  const predictions = bgnbdPredict(bgnbd.params, data, predict);
  const clv = assertFinite("CLV", customerLifetimeValues(bgnbd.params, data, spend, { months, discount, daysPerUnit: perUnit }));
  const segments = segmentsAt(lines, end);
  const perCustomer = summary
    .withColumns(
      pl.Series("pAlive", assertFinite("P(alive)", predictions.pAlive)),
      pl.Series("expectedPurchases", assertFinite("expected purchases", predictions.expectedPurchases)),
      pl.Series("expectedSpend", spend),
      pl.Series("clv", clv),
    )
    .join(segments, { on: "customerId", how: "left" })
    .sort("customerId");
  const result: CustomerValueResult = {
    calibrationEnd: isoDayOfNumber(end),
    unit,
    customers: data.frequency.length,
    repeaters: bgnbd.repeaters,
    predict,
    months,
    discount,
    bgnbd,
    gammaGamma,
    perCustomer,
    bySegment: clvBySegment(perCustomer, segments),
  };
  if (actual && options.holdoutEnd !== undefined) {
    const holdoutEnd = dayNumberOfInput(options.holdoutEnd, "The holdout end");
    const holdoutLength = (holdoutEnd - end) / perUnit;
    const comparison = holdoutComparison(bgnbd.params, data, holdoutLength, {
      occasions: float64Column(actual, "holdoutOccasions"),
      spend: float64Column(actual, "holdoutSpend"),
    }, spend);
    result.validation = { ...comparison, holdoutEnd: isoDayOfNumber(holdoutEnd), holdoutLength };
  }
  return result;
}
