/**
 * retail-lab churn: churn models under time-based validation (`churnValidation`); retail-lab crm:
 * the CRM list ranked by value at risk, CLV x churn probability (`crmList`).
 */
import { churnValidation, crmList, purchaseDayRange, type ClassifierScores, type ModelReport } from "../../churn/index";
import { writeCsv } from "../../io/index";
import { fmtInt, fmtNumber, fmtPct, isoDayOfNumber, numbers, strings } from "../../util/index";
import { dayOption, intOption, type Command, type OptionValues } from "../args";
import { cleanFromOptions, dataOptions } from "../data-options";
import { bgnbdJson, CLV_OPTIONS, clvOptionValues, customerLinesOf, reportJson, warn, warnFits } from "./clv";

/** The --horizon-days option: days from 1 to 3,650 (default 90). */
export function horizonOf(o: OptionValues): number {
  return intOption(o, "horizon-days", 90, 1, 3650);
}

/** --horizon-days, as every churn command declares it. */
export const HORIZON_OPTION = { name: "horizon-days", value: "N", help: "churn horizon in days: a customer churned when they make no purchase in the N days after a cutoff (default 90)" };

/** A model's test scores as JSON. */
function scoresJson(s: ClassifierScores) {
  return { testAuc: s.auc, testAveragePrecision: s.averagePrecision, testBrier: s.brier, testLiftTopDecile: s.liftTopDecile };
}

/** A logistic model as JSON: intercept, coefficients by feature (of the standardised, transformed feature), test scores. */
function logisticJson(m: ModelReport) {
  return { features: m.model.features.map((f) => (f.transform === "log1p" ? `log1p(${f.column})` : f.column)), intercept: m.intercept, coef: m.coefficients, ...scoresJson(m.test) };
}

function scoreRow(name: string, s: ClassifierScores): string {
  return `  ${name.padEnd(42)} ${s.auc.toFixed(3).padStart(6)}  ${s.averagePrecision.toFixed(3).padStart(6)}  ${s.brier.toFixed(3).padStart(6)}  ${s.liftTopDecile.toFixed(2).padStart(8)}`;
}

export const churnCommand: Command = {
  name: "churn",
  summary: "churn models trained at one cutoff and tested at a later one: the logistic baseline, an extended model and the BG/NBD's P(alive), scored on the test customers",
  options: [
    ...dataOptions({ customers: false, products: false }),
    { name: "train-cutoff", value: "YYYY-MM-DD", help: "training snapshot: features up to this day, labels in the horizon after it", required: true },
    { name: "test-cutoff", value: "YYYY-MM-DD", help: "test snapshot, on or after the training labels end (train cutoff + horizon)", required: true },
    HORIZON_OPTION,
    { name: "json", help: "print the populations, churn rates, coefficients and test scores of every model as JSON" },
    { name: "out", value: "FILE.csv", help: "write the scored test customers: features, churned, pAlive and each model's churn probability", output: "file" },
  ],
  async run(o) {
    const trainCutoff = dayOption(o, "train-cutoff")!;
    const testCutoff = dayOption(o, "test-cutoff")!;
    const horizonDays = horizonOf(o);
    const { dataset, clean } = await cleanFromOptions(o);
    const { lines, summary } = customerLinesOf(clean, dataset.source);
    const r = churnValidation(lines, { trainCutoff, testCutoff, horizonDays });
    if (o.out) writeCsv(String(o.out), r.scored);
    for (const [at, fit] of [[`the training cutoff ${r.trainCutoff}`, r.bgnbdTrain], [`the test cutoff ${r.testCutoff}`, r.bgnbdTest]] as const) {
      if (!fit.converged) warn("churn", `at ${at}, ${fit.message.charAt(0).toLowerCase()}${fit.message.slice(1)}`);
    }
    if (o.json) {
      console.log(reportJson({
        horizonDays: r.horizonDays,
        trainCutoff: r.trainCutoff,
        testCutoff: r.testCutoff,
        trainCustomers: r.trainCustomers,
        trainChurnRate: r.trainChurnRate,
        testCustomers: r.testCustomers,
        testChurnRate: r.testChurnRate,
        logistic: logisticJson(r.baseline),
        chosenModel: "extended",
        extended: logisticJson(r.extended),
        pAlive: scoresJson(r.pAlive.test),
        bgnbdNoPurchase: scoresJson(r.bgnbdNoPurchase.test),
        bgnbd: { train: bgnbdJson(r.bgnbdTrain), test: bgnbdJson(r.bgnbdTest) },
        out: o.out ? String(o.out) : null,
      }));
      return;
    }
    console.log(`from ${summary}`);
    console.log(
      `train at ${r.trainCutoff}: ${fmtInt(r.trainCustomers)} customers, ${fmtPct(r.trainChurnRate)} churned within ${r.horizonDays} days; ` +
        `test at ${r.testCutoff}: ${fmtInt(r.testCustomers)} customers, ${fmtPct(r.testChurnRate)} churned`,
    );
    console.log(`  ${"model (scored on the test customers)".padEnd(42)} ${"AUC".padStart(6)}  ${"PR AUC".padStart(6)}  ${"Brier".padStart(6)}  ${"lift@10%".padStart(8)}`);
    console.log(scoreRow("logistic baseline (log1p R, F, M, tenure)", r.baseline.test));
    console.log(scoreRow("extended (+ recent invoices, BG/NBD)", r.extended.test));
    console.log(scoreRow(`BG/NBD P(no purchase in ${r.horizonDays} days)`, r.bgnbdNoPurchase.test));
    console.log(scoreRow("1 - P(alive)", r.pAlive.test));
    const coef = Object.entries(r.baseline.coefficients).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(", ");
    console.log(`baseline on standardised log1p features: intercept ${r.baseline.intercept.toFixed(4)}, ${coef}`);
    if (o.out) console.log(`wrote ${fmtInt(r.scored.height)} scored test customers to ${o.out}`);
  },
};

export const crmCommand: Command = {
  name: "crm",
  summary: "the CRM list: every customer ranked by value at risk (CLV x churn probability), with segment, P(alive), expected purchases, CLV and the reason",
  options: [
    ...dataOptions({ customers: false, products: false }),
    { name: "cutoff", value: "YYYY-MM-DD", help: "the day the list is made at (default: the last day with purchases); the churn model is trained at cutoff - horizon" },
    HORIZON_OPTION,
    ...CLV_OPTIONS,
    { name: "out", value: "FILE.csv", help: "where to write customerId,segment,pAlive,expectedPurchases,clv,churnProbability,valueAtRisk,reason", required: true, output: "file" },
  ],
  async run(o) {
    const given = dayOption(o, "cutoff");
    const horizonDays = horizonOf(o);
    const { unit, months, discount } = clvOptionValues(o);
    const { dataset, clean } = await cleanFromOptions(o);
    const { lines, summary } = customerLinesOf(clean, dataset.source);
    const cutoff = given ?? isoDayOfNumber(purchaseDayRange(lines).last);
    const r = crmList(lines, { cutoff, horizonDays, unit, months, discount });
    writeCsv(String(o.out), r.list);
    warnFits("crm", r.value);
    const risk = numbers(r.list, "valueAtRisk");
    const total = risk.reduce((s, v) => s + v, 0);
    const top = Math.ceil(risk.length / 10);
    const topShare = total > 0 ? risk.slice(0, top).reduce((s, v) => s + v, 0) / total : 0;
    console.log(`from ${summary}`);
    console.log(
      `${fmtInt(r.list.height)} customers at ${r.value.calibrationEnd}, ranked by value at risk = ${months}-month CLV x churn probability (no purchase in the next ${horizonDays} days, ` +
        `logistic baseline trained at ${r.trainCutoff}): ${fmtInt(total)} in total, ${fmtPct(topShare)} of it with the top ${fmtInt(top)} customers`,
    );
    const ids = strings(r.list, "customerId"), segments = strings(r.list, "segment"), reasons = strings(r.list, "reason");
    const clv = numbers(r.list, "clv"), p = numbers(r.list, "churnProbability");
    for (let i = 0; i < Math.min(5, ids.length); i++) {
      console.log(`  ${ids[i].padEnd(10)} ${segments[i].padEnd(20)} CLV ${fmtNumber(clv[i]).padStart(12)}  churn ${fmtPct(p[i]).padStart(6)}  at risk ${fmtNumber(risk[i]).padStart(11)}  ${reasons[i]}`);
    }
    console.log(`wrote ${fmtInt(r.list.height)} customers to ${o.out}`);
  },
};
