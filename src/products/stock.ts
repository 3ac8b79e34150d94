/**
 * Stock alignment: how fast each product sells, how long its stock lasts, which top performers
 * are about to run out and which slow movers tie up the most money.
 *
 * Definitions:
 * - velocity window: the last N calendar days (default 28) ending on the last sale day of the
 *   sales table, both ends included; days without a sale count as zero;
 * - velocity = units sold in the window / N (mean daily units; anonymous sales included, since
 *   they are demand too);
 * - demand rate = the forecast daily units when a forecast is given for the product (a plain map
 *   stockCode -> units/day, e.g. a mean of the forecasting module's point forecasts), else the
 *   velocity;
 * - days of cover = stock level / demand rate; 0 when the stock is 0; Infinity when stock > 0
 *   and the demand rate is 0 (it never runs out at the current rate); null when the stock level
 *   is missing or negative (reported, never guessed);
 * - stock value = stock level x unit cost (null without both);
 * - at risk: top performers (ABC class A or quadrant Stars) with days of cover below
 *   `atRiskDays` (default 14, a typical resupply lead time), fewest days first;
 * - clearance: products with stock > 0 and days of cover above `clearanceDays` (default 365:
 *   more than a year of stock at the current rate: slow movers), most stock value first, with
 *   the excess over `clearanceDays` of demand: excessUnits = stock - demand rate x clearanceDays.
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { fmtDate, DAY_MS, dayNumberExpr, lastDayNumber, numbers, strings } from "../util/index";
import type { Catalogue, CatalogueEntry } from "./catalogue";


/** A list of stock codes with its length, for the data issues of a result. */
export interface CodeList {
  count: number;
  /** the codes, sorted */
  codes: string[];
}

/** A code list from codes (sorted, deduplicated). */
export function codeList(codes: Iterable<string>): CodeList {
  const sorted = [...new Set(codes)].sort();
  return { count: sorted.length, codes: sorted };
}

/** Forecast daily units per stock code, as a Map or a plain object. */
export type DailyUnitsForecast = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/** The velocity window: first and last calendar day (epoch days and ISO dates), and its length. */
export interface VelocityWindow {
  days: number;
  fromDay: number;
  toDay: number;
  from: string;
  to: string;
}

/** The last `days` calendar days ending on the last sale day of `sales` (or on `end`'s day). */
export function velocityWindow(sales: DataFrame, days = 28, end?: Date): VelocityWindow {
  if (!Number.isInteger(days) || days < 1) throw new UserError(`The velocity window must be a whole number of days (1 or more); got ${days}.`);
  const toDay = end ? Math.floor(end.getTime() / DAY_MS) : lastDayNumber(sales);
  const fromDay = toDay - days + 1;
  return { days, fromDay, toDay, from: fmtDate(fromDay * DAY_MS), to: fmtDate(toDay * DAY_MS) };
}

/**
 * Per product sold in the window (non-product codes left out, codes trimmed): `windowUnits` =
 * units sold in the window and `velocity` = windowUnits / window days (see the module comment).
 * Products without a sale in the window have no row (their velocity is 0). Sorted by stock code.
 */
export function salesVelocity(sales: DataFrame, window: VelocityWindow): DataFrame {
  const day = dayNumberExpr();
  return sales
    .filter(pl.col("isProduct"))
    .filter(day.gtEq(window.fromDay).and(day.ltEq(window.toDay)))
    .withColumns(pl.col("stockCode").str.strip().alias("stockCode"))
    .groupBy("stockCode")
    .agg(pl.col("quantity").sum().alias("windowUnits"))
    .withColumns(pl.col("windowUnits").div(window.days).alias("velocity"))
    .sort("stockCode");
}

/**
 * Days of cover = stock / daily units: 0 when stock is 0, Infinity when stock > 0 and daily
 * units are 0, null when the stock is missing, negative or not a number.
 */
export function daysOfCoverOf(stock: number | null, dailyUnits: number): number | null {
  if (stock === null || !Number.isFinite(stock) || stock < 0) return null;
  if (stock === 0) return 0;
  return dailyUnits > 0 ? stock / dailyUnits : Infinity;
}

/** Options of `stockAlignment`. */
export interface StockAlignmentOptions {
  /** days of the velocity window (default 28) */
  velocityDays?: number;
  /** last day of the velocity window (default: the last sale day) */
  end?: Date;
  /** forecast daily units per stock code (optional; used instead of the velocity where given) */
  forecastDailyUnits?: DailyUnitsForecast;
  /** days of cover below which a top performer is at risk (default 14) */
  atRiskDays?: number;
  /** days of cover above which a product is a clearance candidate (default 365) */
  clearanceDays?: number;
}

/** The result of `stockAlignment`. */
export interface StockAlignment {
  /** whether any product has a usable stock level; false: only velocity is meaningful */
  hasStock: boolean;
  /** one sentence on what the table can and cannot say, for the notebook */
  note: string;
  window: VelocityWindow;
  atRiskDays: number;
  clearanceDays: number;
  /** products whose demand rate came from the forecast */
  forecastProducts: number;
  /**
   * One row per product sold in the data or listed in the catalogue: stockCode, description,
   * inSales, inCatalogue, abcClass, quadrant (null for products never sold), revenue, windowUnits,
   * velocity, forecastDailyUnits, demandRate, demandSource ("forecast" | "velocity"), stockLevel,
   * unitCost, stockValue, daysOfCover. Sorted by revenue descending, then stock code.
   */
  table: DataFrame;
  /** the at-risk rows of `table` (see the module comment) */
  atRisk: DataFrame;
  /** the clearance rows of `table`, with excessUnits and excessValue */
  clearance: DataFrame;
  issues: {
    /** products (sold in the data or catalogued) with no sale in the velocity window */
    noSalesInWindow: CodeList;
    /** catalogue products without a stock level (only when the catalogue has stock at all) */
    missingStock: CodeList;
    /** catalogue products with a negative stock level (treated as unknown) */
    negativeStock: CodeList;
    /** forecast entries for codes neither sold nor catalogued (ignored) */
    forecastUnknown: CodeList;
    /** forecast entries that are not a finite number >= 0 (ignored; velocity used) */
    forecastInvalid: CodeList;
  };
}

function forecastEntries(f: DailyUnitsForecast | undefined): [string, number][] {
  if (!f) return [];
  if (f instanceof Map) return [...(f as ReadonlyMap<string, number>).entries()];
  return Object.entries(f as Record<string, number>);
}

/** One row of the stock table before its figures: a sold product (from the performance table) or a catalogued one never sold. */
type AuditRow = { stockCode: string; description: string | null; inSales: boolean; inCatalogue: boolean; abcClass: string | null; quadrant: string | null; revenue: number };

/** Phase 1: every sold product, then every catalogued product never sold, by revenue (then code). */
function auditRows(performance: DataFrame, entries: ReadonlyMap<string, CatalogueEntry>): AuditRow[] {
  const perf = performance.toRecords() as Record<string, unknown>[];
  const sold = new Set(perf.map((r) => String(r.stockCode)));
  const rows: AuditRow[] = perf.map((r) => ({
    stockCode: String(r.stockCode),
    description: (r.description as string | null) ?? null,
    inSales: true,
    inCatalogue: entries.has(String(r.stockCode)),
    abcClass: (r.abcClass as string | null) ?? null,
    quadrant: (r.quadrant as string | null) ?? null,
    revenue: Number(r.revenue),
  }));
  for (const e of entries.values()) {
    if (!sold.has(e.stockCode)) rows.push({ stockCode: e.stockCode, description: e.description, inSales: false, inCatalogue: true, abcClass: null, quadrant: null, revenue: 0 });
  }
  return rows.sort((a, b) => b.revenue - a.revenue || (a.stockCode < b.stockCode ? -1 : a.stockCode > b.stockCode ? 1 : 0));
}

/** Phase 2: the forecast daily units kept (known codes, finite and >= 0), and the codes refused. */
function checkedForecast(given: DailyUnitsForecast | undefined, known: ReadonlySet<string>) {
  const forecast = new Map<string, number>();
  const unknown: string[] = [], invalid: string[] = [];
  for (const [code, units] of forecastEntries(given)) {
    const c = code.trim();
    if (!known.has(c)) unknown.push(c);
    else if (typeof units !== "number" || !Number.isFinite(units) || units < 0) invalid.push(c);
    else forecast.set(c, units);
  }
  return { forecast, unknown, invalid };
}

/** Phase 3: each row's velocity, demand, stock, value and days of cover, and the codes each data check flags. */
function stockFigures(rows: AuditRow[], windowUnits: ReadonlyMap<string, number>, days: number, forecast: ReadonlyMap<string, number>, catalogue: Catalogue | undefined) {
  const entries = catalogue?.entries ?? new Map<string, CatalogueEntry>();
  const hasStock = catalogue?.hasStock ?? false;
  const noSales: string[] = [], missingStock: string[] = [], negativeStock: string[] = [];
  const cols = {
    windowUnits: [] as number[], velocity: [] as number[], forecastDailyUnits: [] as (number | null)[], demandRate: [] as number[],
    demandSource: [] as string[], stockLevel: [] as (number | null)[], unitCost: [] as (number | null)[], stockValue: [] as (number | null)[],
    daysOfCover: [] as (number | null)[],
  };
  for (const r of rows) {
    const units = windowUnits.get(r.stockCode) ?? 0;
    if (units === 0) noSales.push(r.stockCode);
    const v = units / days;
    const f = forecast.get(r.stockCode);
    const rate = f ?? v;
    const e = entries.get(r.stockCode);
    const stock = hasStock && e ? e.stockLevel : null;
    if (hasStock && e) {
      if (stock === null) missingStock.push(r.stockCode);
      else if (stock < 0) negativeStock.push(r.stockCode);
    }
    const cost = e && e.unitCost !== null && e.unitCost >= 0 ? e.unitCost : null;
    const usableStock = stock !== null && stock >= 0 ? stock : null;
    cols.windowUnits.push(units);
    cols.velocity.push(v);
    cols.forecastDailyUnits.push(f ?? null);
    cols.demandRate.push(rate);
    cols.demandSource.push(f === undefined ? "velocity" : "forecast");
    cols.stockLevel.push(stock);
    cols.unitCost.push(cost);
    cols.stockValue.push(usableStock !== null && cost !== null ? usableStock * cost : null);
    cols.daysOfCover.push(daysOfCoverOf(stock, rate));
  }
  const table = pl.DataFrame([
    pl.Series("stockCode", rows.map((r) => r.stockCode), pl.Utf8),
    pl.Series("description", rows.map((r) => r.description), pl.Utf8),
    pl.Series("inSales", rows.map((r) => r.inSales), pl.Bool),
    pl.Series("inCatalogue", rows.map((r) => r.inCatalogue), pl.Bool),
    pl.Series("abcClass", rows.map((r) => r.abcClass), pl.Utf8),
    pl.Series("quadrant", rows.map((r) => r.quadrant), pl.Utf8),
    pl.Series("revenue", rows.map((r) => r.revenue), pl.Float64),
    pl.Series("windowUnits", cols.windowUnits, pl.Float64),
    pl.Series("velocity", cols.velocity, pl.Float64),
    pl.Series("forecastDailyUnits", cols.forecastDailyUnits, pl.Float64),
    pl.Series("demandRate", cols.demandRate, pl.Float64),
    pl.Series("demandSource", cols.demandSource, pl.Utf8),
    pl.Series("stockLevel", cols.stockLevel, pl.Float64),
    pl.Series("unitCost", cols.unitCost, pl.Float64),
    pl.Series("stockValue", cols.stockValue, pl.Float64),
    pl.Series("daysOfCover", cols.daysOfCover, pl.Float64),
  ]);
  return { table, noSales, missingStock, negativeStock };
}

/** Phase 4a: best sellers (class A or Stars) with under `atRiskDays` of cover, the shortest cover first. */
function atRiskList(table: DataFrame, atRiskDays: number): DataFrame {
  const top = pl.col("abcClass").eq(pl.lit("A")).or(pl.col("quadrant").eq(pl.lit("Stars")));
  return table
    .filter(pl.col("daysOfCover").isNotNull().and(pl.col("daysOfCover").lt(atRiskDays)).and(top.fillNull(false)))
    .sort([pl.col("daysOfCover"), pl.col("revenue").mul(-1), pl.col("stockCode")]);
}

/** Phase 4b: stock with over `clearanceDays` of cover, its excess units and value, the largest stock value first. */
function clearanceList(table: DataFrame, clearanceDays: number): DataFrame {
  const excess = pl.col("stockLevel").minus(pl.col("demandRate").mul(clearanceDays));
  return table
    .filter(pl.col("daysOfCover").isNotNull().and(pl.col("daysOfCover").gt(clearanceDays)).and(pl.col("stockLevel").gt(0)))
    .withColumns(excess.alias("excessUnits"), excess.mul(pl.col("unitCost")).alias("excessValue"))
    .sort([pl.col("stockValue").fillNull(-1).mul(-1), pl.col("stockCode")]);
}

/**
 * Velocity, days of cover, the at-risk and the clearance lists (see the module comment), for the
 * products of a performance table (`productPerformance`: needs stockCode, description, revenue,
 * abcClass, quadrant) and of an optional catalogue. Without stock levels the result says so
 * (`hasStock` false) and days of cover are null. Phases: the rows (`auditRows`), the forecast
 * demand kept (`checkedForecast`), the figures and checks per row (`stockFigures`), the two lists.
 */
export function stockAlignment(sales: DataFrame, performance: DataFrame, catalogue: Catalogue | undefined, options: StockAlignmentOptions = {}): StockAlignment {
  const atRiskDays = options.atRiskDays ?? 14;
  const clearanceDays = options.clearanceDays ?? 365;
  if (!(atRiskDays > 0)) throw new UserError(`The at-risk threshold must be a positive number of days; got ${atRiskDays}.`);
  if (!(clearanceDays > 0)) throw new UserError(`The clearance threshold must be a positive number of days; got ${clearanceDays}.`);
  const window = velocityWindow(sales, options.velocityDays ?? 28, options.end);
  const velocity = salesVelocity(sales, window);
  const vu = numbers(velocity, "windowUnits");
  const windowUnits = new Map(strings(velocity, "stockCode").map((c, i) => [c, vu[i]]));
  const hasStock = catalogue?.hasStock ?? false;
  const rows = auditRows(performance, catalogue?.entries ?? new Map());
  const { forecast, unknown, invalid } = checkedForecast(options.forecastDailyUnits, new Set(rows.map((r) => r.stockCode)));
  const { table, noSales, missingStock, negativeStock } = stockFigures(rows, windowUnits, window.days, forecast, catalogue);
  const note = hasStock
    ? `Days of cover = stock / ${forecast.size ? "forecast daily units where given, else " : ""}mean daily units over the ${window.days} days ${window.from} to ${window.to}.`
    : `The data has no stock levels${catalogue ? " (the catalogue has no usable stockLevel)" : " (no catalogue)"}: days of cover, the at-risk and the clearance lists need them; sales velocity over the ${window.days} days ${window.from} to ${window.to} is shown alone.`;
  return {
    hasStock,
    note,
    window,
    atRiskDays,
    clearanceDays,
    forecastProducts: forecast.size,
    table,
    atRisk: atRiskList(table, atRiskDays),
    clearance: clearanceList(table, clearanceDays),
    issues: {
      noSalesInWindow: codeList(noSales),
      missingStock: codeList(missingStock),
      negativeStock: codeList(negativeStock),
      forecastUnknown: codeList(unknown),
      forecastInvalid: codeList(invalid),
    },
  };
}
