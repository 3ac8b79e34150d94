/**
 * Customer orders: the unit of every loyalty measure. An order is one invoice of a customer
 * (as RFM's frequency counts them); its time is the invoice's earliest line, its value the sum
 * of its lines' amounts (`moneySum`, so the same in every run). Days are calendar days of naive shop time; months are calendar months.
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { moneySum, DAY_MS, dayNumberExpr } from "../util/index";

/** One customer's orders in time order. */
export interface CustomerHistory {
  customerId: string;
  /** epoch day (days since 1970-01-01) of each order, ascending */
  days: number[];
  /** month index (year x 12 + month - 1) of each order */
  months: number[];
  /** value of each order (sum of amount) */
  values: number[];
}

/** The month index (year x 12 + month - 1) of an epoch day. */
export function monthIndexOfDay(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** `YYYY-MM` of a month index. */
export function monthLabel(index: number): string {
  const y = Math.floor(index / 12), m = (index % 12) + 1;
  return `${y}-${String(m).padStart(2, "0")}`;
}

/**
 * Each customer's orders (see the module comment), customers sorted by ID, orders by time then
 * invoice. Lines without a customer ID are left out. Refuses a table with no customer lines.
 */
export function customerHistories(customerLines: DataFrame): CustomerHistory[] {
  const lines = customerLines.filter(pl.col("customerId").isNotNull());
  if (lines.height === 0) {
    throw new UserError("Loyalty and cohorts need customer IDs, and no purchase line has one: map the customer column of the data (see --map).");
  }
  const orders = lines
    .groupBy(["customerId", "invoice"])
    .agg(pl.col("invoiceDate").cast(pl.Datetime("ms")).cast(pl.Int64).min().alias("__ms"), dayNumberExpr().min().alias("__day"), moneySum("amount").alias("__value"))
    .sort(["customerId", "__ms", "invoice"]);
  const ids = orders.getColumn("customerId").toArray() as string[];
  const days = (orders.getColumn("__day").toArray() as unknown[]).map(Number);
  const values = (orders.getColumn("__value").toArray() as unknown[]).map(Number);
  const out: CustomerHistory[] = [];
  let cur: CustomerHistory | null = null;
  for (let i = 0; i < ids.length; i++) {
    if (!cur || cur.customerId !== ids[i]) {
      cur = { customerId: ids[i], days: [], months: [], values: [] };
      out.push(cur);
    }
    cur.days.push(days[i]);
    cur.months.push(monthIndexOfDay(days[i]));
    cur.values.push(values[i]);
  }
  return out;
}

/** The epoch day the loyalty measures treat as the data's end: `end`'s day, else the last order day. */
export function endDayOf(histories: CustomerHistory[], end?: Date): number {
  if (end) return Math.floor(end.getTime() / DAY_MS);
  let last = -Infinity;
  for (const h of histories) last = Math.max(last, h.days[h.days.length - 1]);
  return last;
}

/** Histories cut at `endDay` (orders after it dropped; customers left without orders dropped). */
export function historiesUpTo(histories: CustomerHistory[], endDay: number): CustomerHistory[] {
  const out: CustomerHistory[] = [];
  for (const h of histories) {
    let n = h.days.length;
    while (n > 0 && h.days[n - 1] > endDay) n--;
    if (n === h.days.length) out.push(h);
    else if (n > 0) out.push({ customerId: h.customerId, days: h.days.slice(0, n), months: h.months.slice(0, n), values: h.values.slice(0, n) });
  }
  return out;
}
