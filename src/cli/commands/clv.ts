/**
 * retail-lab clv: the BG/NBD and Gamma-Gamma fits at a calibration end, and per customer
 * P(alive), expected purchases, expected spend and CLV (`customerValue`). Also the pieces the
 * churn, crm and migration commands share: the customer lines with the cleaning's count beside
 * them, warnings for fits that did not converge, and JSON that can hold no NaN.
 */
import type { DataFrame } from "nodejs-polars";
import type { CleanData } from "../../clean/index";
import { customerValue, fmtParameter, type BgNbdFit, type CustomerValueResult, type GammaGammaFit, type TimeUnit } from "../../clv/index";
import { UserError } from "../../errors";
import { writeCsv } from "../../io/index";
import { fmtInt, fmtNumber, fmtPct, numbers, strings } from "../../util/index";
import { dayOption, decimalOption, intOption, type Command, type OptionSpec, type OptionValues } from "../args";
import { cleanFromOptions, dataOptions } from "../data-options";

/**
 * The customer purchase lines of the cleaned data, refused in one sentence when cleaning left
 * none (every line a return, of quantity or price 0 or less, or without a customer), with the
 * count of each; `lines` is the sentence of how many there are, for the report.
 */
export function customerLinesOf(clean: CleanData, source: string): { lines: DataFrame; summary: string } {
  const r = clean.report;
  const setAside = `${fmtInt(r.cancellation)} cancellations, ${fmtInt(r.non_positive_quantity)} with quantity 0 or less, ${fmtInt(r.non_positive_price)} with unit price 0 or less, ${fmtInt(r.missing_customer)} without a customer`;
  if (clean.customerLines.height === 0) {
    throw new UserError(`${source} has no customer purchase lines after cleaning (of ${fmtInt(r.input)} lines: ${setAside}): the CLV and churn models need purchases of positive value by identified customers.`);
  }
  return {
    lines: clean.customerLines,
    summary: `${fmtInt(r.customer_lines)} customer purchase lines of ${fmtInt(r.input)} (set aside by cleaning: ${fmtInt(r.duplicate)} duplicates, ${setAside}; see retail-lab clean)`,
  };
}

/** JSON text of a report, two-space indented; a number that is not finite is a bug and throws instead of printing null. */
export function reportJson(value: unknown): string {
  return JSON.stringify(value, (key, v) => {
    if (typeof v === "number" && !Number.isFinite(v)) throw new Error(`the report's "${key}" is ${v}`);
    return v;
  }, 2);
}

/** Prints a warning on stderr: `retail-lab CMD: warning: TEXT`. */
export function warn(command: string, text: string): void {
  console.error(`retail-lab ${command}: warning: ${text}`);
}

/** A BG/NBD fit as JSON: parameters at the top level, as the issue lists them. */
export function bgnbdJson(fit: BgNbdFit) {
  return { ...fit.params, logLik: fit.logLik, converged: fit.converged, standardErrors: fit.standardErrors, iterations: fit.iterations, message: fit.message, nbdLogLik: fit.nbdLogLik, customers: fit.customers, repeaters: fit.repeaters };
}

/** A Gamma-Gamma fit as JSON, with its independence check and the fallback's flag and warning. */
function gammaGammaJson(fit: GammaGammaFit) {
  return {
    ...fit.params,
    logLik: fit.logLik,
    customers: fit.customers,
    converged: fit.converged,
    standardErrors: fit.standardErrors,
    iterations: fit.iterations,
    message: fit.message,
    spendFrequencyCorrelation: fit.spendFrequencyCorrelation,
    meanRepeatSpend: fit.meanRepeatSpend,
    fallback: fit.fallback,
    ...(fit.warning === undefined ? {} : { warning: fit.warning }),
  };
}

/** The unit option: week (default) or day. */
function unitOf(o: OptionValues): TimeUnit {
  const unit = String(o.unit ?? "week");
  if (unit !== "week" && unit !== "day") throw new UserError(`--unit must be week or day, not "${unit}".`);
  return unit;
}

/** The CLV options shared by clv and crm: --unit, --months, --discount. */
export const CLV_OPTIONS: OptionSpec[] = [
  { name: "unit", value: "week|day", help: "time unit of the models (default week)" },
  { name: "months", value: "N", help: "CLV horizon in months of 30 days (default 12)" },
  { name: "discount", value: "RATE", help: "monthly discount rate (default 0.01, 1% a month)" },
];

/** The values of `CLV_OPTIONS`, checked. */
export function clvOptionValues(o: OptionValues): { unit: TimeUnit; months: number; discount: number } {
  return {
    unit: unitOf(o),
    months: intOption(o, "months", 12, 1, 600),
    discount: decimalOption(o, "discount", 0.01, (x) => x >= 0 && x < 1, "a monthly rate of at least 0 and below 1 (0.01 is 1% a month)"),
  };
}

/** Warnings for the fits of a CLV result that did not converge or use the spend fallback. */
export function warnFits(command: string, r: CustomerValueResult): void {
  if (!r.bgnbd.converged) warn(command, r.bgnbd.message);
  if (r.gammaGamma.warning !== undefined) warn(command, r.gammaGamma.warning);
}

function sumOf(df: DataFrame, column: string): number {
  return numbers(df, column).reduce((s, v) => s + v, 0);
}

/** `NAME: r = 0.2439 (SE 0.01263), ...; log-likelihood -9,578.20; STATUS` */
function fitLine(name: string, fit: { params: Record<string, number>; logLik: number; standardErrors: Record<string, number> | null }, status: string): string {
  const se = fit.standardErrors;
  const values = Object.entries(fit.params).map(([k, v]) => `${k} = ${fmtParameter(v)}${se ? ` (SE ${fmtParameter(se[k])})` : ""}`).join(", ");
  return `${name}: ${values}; log-likelihood ${fmtNumber(fit.logLik)}; ${status}`;
}

/** What a fit's line says of it: converged, or where the warning explains. */
function fitStatus(fit: { converged: boolean }, fallback = false): string {
  if (!fit.converged) return "not converged (see the warning)";
  return fallback ? "converged, but predictions use the fallback (see the warning)" : "converged";
}

export const clvCommand: Command = {
  name: "clv",
  summary: "BG/NBD + Gamma-Gamma at a calibration end: P(alive), expected purchases, expected spend and CLV per customer, CLV per RFM segment",
  options: [
    ...dataOptions({ customers: false, products: false }),
    { name: "calibration-end", value: "YYYY-MM-DD", help: "last day of the calibration period (its purchases included)", required: true },
    { name: "holdout-end", value: "YYYY-MM-DD", help: "compare the predictions with what happened in (calibration end, holdout end], per calibration frequency and in total" },
    ...CLV_OPTIONS.slice(0, 1),
    { name: "predict", value: "N", help: "expectedPurchases covers the next N units (default: the CLV horizon, 30 x months days)" },
    ...CLV_OPTIONS.slice(1),
    { name: "json", help: "print the fits, totals, segments (and the validation) as JSON" },
    { name: "out", value: "FILE.csv", help: "write customerId,frequency,recency,T,monetary,pAlive,expectedPurchases,expectedSpend,clv,segment", output: "file" },
  ],
  async run(o) {
    const calibrationEnd = dayOption(o, "calibration-end")!;
    const holdoutEnd = dayOption(o, "holdout-end");
    const { unit, months, discount } = clvOptionValues(o);
    const predict = o.predict === undefined ? undefined : intOption(o, "predict", 1, 1, 100_000);
    const { dataset, clean } = await cleanFromOptions(o);
    const { lines, summary } = customerLinesOf(clean, dataset.source);
    const r = customerValue(lines, { calibrationEnd, holdoutEnd, unit, predict, months, discount });
    if (o.out) writeCsv(String(o.out), r.perCustomer);
    warnFits("clv", r);
    const totals = { expectedPurchases: sumOf(r.perCustomer, "expectedPurchases"), clv: sumOf(r.perCustomer, "clv") };
    if (o.json) {
      console.log(reportJson({
        calibrationEnd: r.calibrationEnd,
        unit: r.unit,
        customers: r.customers,
        repeaters: r.repeaters,
        customerLines: lines.height,
        predict: r.predict,
        months: r.months,
        discount: r.discount,
        bgnbd: bgnbdJson(r.bgnbd),
        gammaGamma: gammaGammaJson(r.gammaGamma),
        totals,
        bySegment: r.bySegment.toRecords(),
        ...(r.validation
          ? { validation: { holdoutEnd: r.validation.holdoutEnd, holdoutLength: r.validation.holdoutLength, totals: r.validation.totals, byFrequency: r.validation.byFrequency.toRecords() } }
          : {}),
        out: o.out ? String(o.out) : null,
      }));
      return;
    }
    const units = `${unit}s`;
    console.log(`${fmtInt(r.customers)} customers with a purchase by ${r.calibrationEnd} (${fmtInt(r.repeaters)} with repeat purchases), from ${summary}; unit: ${unit}`);
    console.log(fitLine("BG/NBD", r.bgnbd, fitStatus(r.bgnbd)));
    const gg = r.gammaGamma;
    console.log(`${fitLine(`Gamma-Gamma on ${fmtInt(gg.customers)} repeat customers`, gg, fitStatus(gg, gg.fallback))}; spend-frequency correlation ${gg.spendFrequencyCorrelation.toFixed(3)}`);
    console.log(`expected spend per purchase: ${gg.fallback ? "the fallback (each customer's own mean repeat spend; the repeat customers' mean for the others)" : "the Gamma-Gamma posterior mean"}`);
    console.log(`next ${fmtNumber(r.predict)} ${units}: ${fmtNumber(totals.expectedPurchases)} expected purchases; ${months}-month CLV at ${+(discount * 100).toFixed(4)}% a month: ${fmtInt(totals.clv)} in total`);
    console.log(`CLV by RFM segment at ${r.calibrationEnd}:`);
    const seg = r.bySegment;
    const names = strings(seg, "segment"), n = numbers(seg, "customers"), total = numbers(seg, "totalClv"), share = numbers(seg, "clvShare"), mean = numbers(seg, "meanClv");
    names.forEach((s, i) => console.log(`  ${s.padEnd(24)} ${fmtInt(n[i]).padStart(7)} customers  ${fmtInt(total[i]).padStart(12)}  ${fmtPct(share[i]).padStart(6)}  mean ${fmtNumber(mean[i])}`));
    if (r.validation) {
      const v = r.validation, t = v.totals;
      console.log(
        `holdout to ${v.holdoutEnd} (${fmtNumber(v.holdoutLength)} ${units}): repeat purchases actual ${fmtInt(t.actualOccasions)}, predicted ${fmtNumber(t.predictedOccasions)}; ` +
          `spend actual ${fmtInt(t.actualSpend)}, predicted ${fmtInt(t.predictedSpend)}`,
      );
    }
    if (o.out) console.log(`wrote ${fmtInt(r.perCustomer.height)} customers to ${o.out}`);
  },
};
