/**
 * Monthly acquisition cohorts and their retention.
 *
 * Definitions:
 * - a customer's cohort is the calendar month of their first order in the data; the first
 *   cohort also holds every customer who bought before the data starts (left-censored);
 * - month offset k of a cohort = the k-th calendar month after the cohort month (0 = itself);
 * - retention[c][k] = customers of cohort c with an order in month offset k / cohort size
 *   (so retention[c][0] = 1);
 * - revenueRetention[c][k] = cohort c's revenue in month offset k / its revenue in month 0;
 * - right-censoring: an offset whose month lies after the last observed month is null (not
 *   observed), never 0. The last observed month is the month of the data's end, unless the data
 *   stops before that month's last day (a partial month, whose figures would read low): then
 *   it is the month before (`includePartialMonth` keeps the partial month). Offset 0 is always
 *   observed.
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { isoDayOfNumber } from "../util/index";
import { customerHistories, endDayOf, historiesUpTo, monthIndexOfDay, monthLabel, type CustomerHistory } from "./orders";

/** Options of `cohortRetention`. */
export interface CohortRetentionOptions {
  /** the data's end (default: the last order day) */
  end?: Date;
  /** count the month of the data's end even when the data stops before its last day (default false) */
  includePartialMonth?: boolean;
}

/** The retention matrices of `cohortRetention`: rows are cohorts, columns month offsets 0..max. */
export interface CohortRetention {
  /** cohort months, `YYYY-MM`, ascending */
  cohorts: string[];
  /** month offsets 0..(last observed month - first cohort) */
  offsets: number[];
  /** customers per cohort */
  sizes: number[];
  /** customers of the cohort ordering in each offset month (null: not observed) */
  active: (number | null)[][];
  retention: (number | null)[][];
  /** cohort revenue per offset month (null: not observed) */
  revenue: (number | null)[][];
  revenueRetention: (number | null)[][];
  /** the data's end, `YYYY-MM-DD` */
  end: string;
  /** the last month counted as observed, `YYYY-MM` */
  lastObservedMonth: string;
  /** the month left out because the data stops inside it, or null */
  partialMonth: string | null;
}

/** True when `day` (an epoch day) is the last calendar day of its month. */
export function isLastDayOfMonth(day: number): boolean {
  return monthIndexOfDay(day + 1) !== monthIndexOfDay(day);
}

/** Cohort retention from customer histories (see the module comment). */
export function cohortRetentionOf(all: CustomerHistory[], options: CohortRetentionOptions = {}): CohortRetention {
  const endDay = endDayOf(all, options.end);
  const histories = historiesUpTo(all, endDay);
  if (histories.length === 0) throw new UserError(`No order on or before ${isoDayOfNumber(endDay)}: no cohort to show.`);
  const endMonth = monthIndexOfDay(endDay);
  const partial = !isLastDayOfMonth(endDay) && !options.includePartialMonth;
  const lastObserved = partial ? endMonth - 1 : endMonth;
  const firstMonths = histories.map((h) => h.months[0]);
  const first = firstMonths.reduce((a, b) => Math.min(a, b), Infinity);
  const lastCohort = firstMonths.reduce((a, b) => Math.max(a, b), -Infinity);
  const nCohorts = lastCohort - first + 1;
  const maxOffset = Math.max(0, lastObserved - first);
  const sizes = new Array<number>(nCohorts).fill(0);
  const active = Array.from({ length: nCohorts }, () => new Array<number>(maxOffset + 1).fill(0));
  const revenue = Array.from({ length: nCohorts }, () => new Array<number>(maxOffset + 1).fill(0));
  for (const h of histories) {
    const c = h.months[0] - first;
    sizes[c]++;
    const seen = new Set<number>();
    h.months.forEach((m, i) => {
      const k = m - h.months[0];
      if (k > maxOffset) return;
      revenue[c][k] += h.values[i];
      if (!seen.has(k)) {
        seen.add(k);
        active[c][k]++;
      }
    });
  }
  const observed = (c: number, k: number) => k === 0 || first + c + k <= lastObserved;
  const cohorts: string[] = [], keep: number[] = [];
  for (let c = 0; c < nCohorts; c++) {
    if (sizes[c] > 0) {
      cohorts.push(monthLabel(first + c));
      keep.push(c);
    }
  }
  const mask = <T>(m: T[][], f: (c: number, k: number, v: T) => number | null) => keep.map((c) => m[c].map((v, k) => (observed(c, k) ? f(c, k, v) : null)));
  return {
    cohorts,
    offsets: Array.from({ length: maxOffset + 1 }, (_, k) => k),
    sizes: keep.map((c) => sizes[c]),
    active: mask(active, (_c, _k, v) => v),
    retention: mask(active, (c, _k, v) => v / sizes[c]),
    revenue: mask(revenue, (_c, _k, v) => v),
    revenueRetention: mask(revenue, (c, _k, v) => (revenue[c][0] !== 0 ? v / revenue[c][0] : null)),
    end: isoDayOfNumber(endDay),
    lastObservedMonth: monthLabel(lastObserved),
    partialMonth: partial ? monthLabel(endMonth) : null,
  };
}

/** Cohort retention of the customer purchase lines (see the module comment). */
export function cohortRetention(customerLines: DataFrame, options: CohortRetentionOptions = {}): CohortRetention {
  return cohortRetentionOf(customerHistories(customerLines), options);
}

/**
 * Mean retention per month offset over the cohorts observed at that offset, weighted by cohort
 * size: sum of active customers / sum of cohort sizes (offset 0 = 1). Null where no cohort is
 * observed. Revenue likewise: sum of revenue at offset k / sum of month-0 revenue of those cohorts.
 */
export function averageRetention(r: CohortRetention): { offset: number; cohorts: number; customers: number; retention: number | null; revenueRetention: number | null }[] {
  return r.offsets.map((k) => {
    let cohorts = 0, size = 0, act = 0, rev = 0, rev0 = 0;
    r.cohorts.forEach((_, c) => {
      const a = r.active[c][k];
      if (a === null) return;
      cohorts++;
      size += r.sizes[c];
      act += a;
      rev += r.revenue[c][k] ?? 0;
      rev0 += r.revenue[c][0] ?? 0;
    });
    return { offset: k, cohorts, customers: size, retention: size ? act / size : null, revenueRetention: rev0 ? rev / rev0 : null };
  });
}

/** The matrices in long form, one row per observed cohort and offset: cohort, offset, size, active, retention, revenue, revenueRetention. */
export function cohortFrame(r: CohortRetention): DataFrame {
  const rows: { cohort: string; offset: number; size: number; active: number; retention: number; revenue: number; revenueRetention: number | null }[] = [];
  r.cohorts.forEach((cohort, c) => {
    r.offsets.forEach((k) => {
      const a = r.active[c][k];
      if (a === null) return;
      rows.push({ cohort, offset: k, size: r.sizes[c], active: a, retention: r.retention[c][k] as number, revenue: r.revenue[c][k] as number, revenueRetention: r.revenueRetention[c][k] });
    });
  });
  return pl.DataFrame([
    pl.Series("cohort", rows.map((x) => x.cohort), pl.Utf8),
    pl.Series("offset", rows.map((x) => x.offset), pl.Float64),
    pl.Series("size", rows.map((x) => x.size), pl.Float64),
    pl.Series("active", rows.map((x) => x.active), pl.Float64),
    pl.Series("retention", rows.map((x) => x.retention), pl.Float64),
    pl.Series("revenue", rows.map((x) => x.revenue), pl.Float64),
    pl.Series("revenueRetention", rows.map((x) => x.revenueRetention), pl.Float64),
  ]);
}
