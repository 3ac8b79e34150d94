/**
 * retail-lab migration: for the customers now in some RFM segments, the probability of being
 * "At Risk or worse" at the next snapshot, from a model trained on the snapshot pair before
 * (`migrationRisk`); the transition of those segments over the last horizon beside it.
 */
import { AT_RISK_OR_WORSE, migrationRisk, purchaseDayRange } from "../../churn/index";
import { UserError } from "../../errors";
import { writeCsv } from "../../io/index";
import { DEFAULT_SEGMENT_MAP } from "../../rfm/index";
import { fmtInt, fmtPct, isoDayOfNumber, numbers, parseIsoDay } from "../../util/index";
import { dayOption, type Command } from "../args";
import { cleanFromOptions, dataOptions } from "../data-options";
import { HORIZON_OPTION, horizonOf } from "./churn";
import { customerLinesOf, reportJson } from "./clv";

/** The segments of the default RFM map, in its order. */
const SEGMENTS = [...new Set(DEFAULT_SEGMENT_MAP.map((r) => r.segment))];

/** `Loyal Customers,Champions` -> those names, each a segment of the default map, each once. */
export function parseSegments(text: string): string[] {
  const names = text.split(",").map((s) => s.trim());
  if (names.some((n) => n === "")) throw new UserError(`--from takes segment names separated by commas, like "Loyal Customers,Champions"; not "${text}".`);
  const unknown = names.find((n) => !SEGMENTS.includes(n));
  if (unknown !== undefined) throw new UserError(`--from names "${unknown}", which is not an RFM segment: segments are ${SEGMENTS.join(", ")}.`);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined) throw new UserError(`--from names "${repeated}" twice: list each segment once.`);
  return names;
}

export const migrationCommand: Command = {
  name: "migration",
  summary: 'the customers now in RFM segments (--from "Loyal Customers") with their probability of being At Risk or worse one horizon later',
  options: [
    ...dataOptions({ customers: false, products: false }),
    { name: "from", value: "SEGMENT,...", help: `segments whose customers are scored, e.g. "Loyal Customers" or "Loyal Customers,Champions"; from ${SEGMENTS.join(", ")}`, required: true },
    { name: "cutoff", value: "YYYY-MM-DD", help: "the snapshot scored (default: the last day with purchases); the model is trained on cutoff - 2 horizons -> cutoff - 1 horizon" },
    HORIZON_OPTION,
    { name: "json", help: "print the snapshots, the check of the model, the transitions and the scores' summary as JSON" },
    { name: "out", value: "FILE.csv", help: "where to write customerId,segment,recency,frequency,monetary,tenure,probability (highest first)", required: true, output: "file" },
  ],
  async run(o) {
    const sources = parseSegments(String(o.from));
    const given = dayOption(o, "cutoff");
    const horizonDays = horizonOf(o);
    const { dataset, clean } = await cleanFromOptions(o);
    const { lines, summary } = customerLinesOf(clean, dataset.source);
    const cutoff = given ?? isoDayOfNumber(purchaseDayRange(lines).last);
    const m = migrationRisk(lines, { cutoff, horizonDays, sources });
    writeCsv(String(o.out), m.atRisk);
    const [, previous, now] = m.snapshots;
    const next = isoDayOfNumber(parseIsoDay(now) + horizonDays);
    const t = m.transitions;
    const moves = sources.filter((s) => t.from.includes(s)).map((s) => {
      const row = t.counts[t.from.indexOf(s)];
      const n = row.reduce((a, v) => a + v, 0);
      const share = (names: readonly string[]) => t.to.reduce((a, to, j) => a + (names.includes(to) ? row[j] : 0), 0) / n;
      return { segment: s, customers: n, stayed: share([s]), atRiskOrWorse: share(AT_RISK_OR_WORSE) };
    });
    const p = numbers(m.atRisk, "probability");
    const mean = p.reduce((a, v) => a + v, 0) / p.length;
    const above = p.filter((v) => v > 0.5).length;
    if (o.json) {
      console.log(reportJson({
        snapshots: m.snapshots,
        horizonDays: m.horizonDays,
        sources,
        atRiskOrWorse: AT_RISK_OR_WORSE,
        moves,
        transitions: t.table.toRecords(),
        trainCustomers: m.trainCustomers,
        check: { customers: m.check.customers, rate: m.check.churnRate, auc: m.check.auc, averagePrecision: m.check.averagePrecision, brier: m.check.brier },
        scored: { customers: p.length, meanProbability: mean, aboveHalf: above, at: now, for: next },
        out: String(o.out),
      }));
      return;
    }
    console.log(`from ${summary}`);
    console.log(`snapshots ${m.snapshots.join(", ")} (${horizonDays} days apart); At Risk or worse = ${AT_RISK_OR_WORSE.join(", ")}`);
    for (const mv of moves) {
      console.log(`  ${mv.segment} at ${previous}: ${fmtInt(mv.customers)} customers; at ${now} ${fmtPct(mv.stayed)} still there, ${fmtPct(mv.atRiskOrWorse)} At Risk or worse`);
    }
    console.log(
      `model trained on ${fmtInt(m.trainCustomers)} customers at ${m.snapshots[0]}; checked on ${fmtInt(m.check.customers)} at ${previous} ` +
        `(${fmtPct(m.check.churnRate)} fell by ${now}): AUC ${m.check.auc.toFixed(3)}, Brier ${m.check.brier.toFixed(3)}`,
    );
    console.log(`${fmtInt(p.length)} customers in ${sources.join(" or ")} at ${now}: mean probability of At Risk or worse by ${next} ${fmtPct(mean)}; ${fmtInt(above)} above 50%`);
    console.log(`wrote ${fmtInt(p.length)} customers to ${o.out}`);
  },
};
