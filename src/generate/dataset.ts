/**
 * `generateDataset`: a seeded synthetic multi-table retail dataset with planted structure and
 * its ground truth. Small tables (customers, products, truth) are returned as plain columns; the
 * transactions are drawn on demand from a compact invoice plan, in chunks (`transactionChunks`),
 * so that 10 million rows can be written without holding them in memory.
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { DAY_MS, isoDayOfNumber, parseIsoDay, seededRng } from "../util/index";
import { dayOfYearOf, epochMsOf, minuteTexts, weekdayOf, windowCalendar, type WindowCalendar } from "./calendar";
import { planCustomers, type CustomerPlan } from "./customers";
import {
  ARCHETYPES, ARCHETYPE_PLANS, CATEGORIES, CLOSED_DATES, CUSTOMER_COUNTRIES, HOUR_WEIGHTS, OVERSTOCKED_ABOVE_DAYS,
  PRODUCT_CLASSES, PRODUCT_CLASS_PLANS, RATES, UNDERSTOCKED_BELOW_DAYS, WEEKLY_PROFILE,
} from "./params";
import { planInvoices, type InvoicePlan, type PlanCounts } from "./plan";
import { planProducts, productTruth, type ProductPlan } from "./products";
import { derivedSeed } from "./sampling";
import { TransactionStream, type RowSink } from "./stream";

/** The bounds of the numeric options of `generateDataset`, inclusive: [min, max]. */
export const GENERATE_LIMITS = {
  rows: [1_000, 50_000_000],
  customers: [20, 5_000_000],
  products: [10, 200_000],
  days: [90, 3_660],
} as const satisfies Record<string, readonly [number, number]>;

/** The earliest first day: earlier dates are not plausible sales dates. */
export const EARLIEST_START = "1900-01-01";

/** Options of `generateDataset`. */
export interface GenerateOptions {
  /** Number of transaction lines (rows of transactions.csv), exactly; 1,000 to 50,000,000. */
  rows: number;
  /** Any safe integer; the same seed and options give the same bytes. */
  seed: number;
  /**
   * Number of customer profiles (default rows / 100 for a 730-day window, scaled by 730 / days;
   * at least min(200, that * 100 / 60) so that small datasets still have customers to cluster).
   */
  customers?: number;
  /** Number of products, not counting non-product codes (default rows / 200, within 50..4,000). */
  products?: number;
  /**
   * First day of the window, YYYY-MM-DD (default 2022-01-01); from 1900-01-01, and the window
   * must end no later than a year (365 days) after today: later dates are not plausible sales dates.
   */
  start?: string;
  /** Days in the window (default 730: two full years, so yearly seasonality shows twice); 90..3,660. */
  days?: number;
}

/** `GenerateOptions` with every default filled in, plus the last day of the window. */
export interface ResolvedGenerateOptions {
  rows: number;
  seed: number;
  customers: number;
  products: number;
  start: string;
  days: number;
  /** Last day of the window, YYYY-MM-DD. */
  end: string;
}

/** Transactions as plain columns, canonical names and order; `invoiceDate` is "YYYY-MM-DD HH:MM:SS". */
export interface TransactionColumns {
  invoice: string[];
  stockCode: string[];
  description: (string | null)[];
  quantity: number[];
  invoiceDate: string[];
  unitPrice: number[];
  customerId: (string | null)[];
  country: (string | null)[];
}

/** Customer profiles (customers.csv). */
export interface CustomerColumns {
  customerId: string[];
  signupDate: string[];
  age: (number | null)[];
  gender: (string | null)[];
  country: string[];
}

/** Product catalogue (products.csv); non-product codes have category "Non-product" and no cost or stock. */
export interface ProductColumns {
  stockCode: string[];
  description: string[];
  category: string[];
  unitCost: (number | null)[];
  stockLevel: (number | null)[];
}

/**
 * Planted truth per customer (truth_customers.csv):
 * - `archetype`: one of ARCHETYPES;
 * - `ordersPerYear`: planted order rate while active (champion, loyal, at_risk: the customer's
 *   rate; new, hibernating: expected orders / years of the activity window; never_ordered: 0);
 * - `plannedOrders`: the customer's number of sale invoices in transactions.csv (exact);
 * - `activeFrom`, `activeTo`: activity window (days orders were drawn from); empty for never_ordered;
 * - `meanBasketLines`: expected product lines per order;
 * - `meanBasketValue`: expected product value of an order (lines * the window's mean line value),
 *   before returns, postage and fees;
 * - `repeatProbability`: planted probability of a further order after each order (new: 0.4,
 *   hibernating: 0.25, capped at 4 and 3 orders; 1 for archetypes with a guaranteed minimum of
 *   3+ orders; 0 for never_ordered). P(at least 2 orders) equals it.
 */
export interface TruthCustomerColumns {
  customerId: string[];
  archetype: string[];
  ordersPerYear: number[];
  plannedOrders: number[];
  activeFrom: (string | null)[];
  activeTo: (string | null)[];
  meanBasketLines: number[];
  meanBasketValue: number[];
  repeatProbability: number[];
}

/**
 * Planted truth per product (truth_products.csv). Expected units sold on day d (gross sales on
 * non-cancelled invoices with price > 0, registered and anonymous, duplicates removed):
 * baseDailyUnits * (1 + trendPerYear)^(t / 365.25) * (1 + yearlyAmplitude * cos(2 pi (doy - yearlyPeakDay) / 365.25))
 * * weekly[weekday], with t = days since the start and weekly = `weeklyProfile` (Mon..Sun, mean 1,
 * Saturday 0), and 0 on closed dates. `plantedDailyUnits` computes it.
 * - `performanceClass`: star, steady, underperformer, slow_mover (see PRODUCT_CLASS_PLANS);
 * - `currentDailyUnits`: expected units per day on the day after the window (weekly average);
 * - `daysOfCover` = stockLevel / currentDailyUnits; `stockSituation`: understocked (< 14 days),
 *   overstocked (> 365 days) or normal.
 */
export interface TruthProductColumns {
  stockCode: string[];
  description: string[];
  category: string[];
  performanceClass: string[];
  baseDailyUnits: number[];
  trendPerYear: number[];
  yearlyAmplitude: number[];
  yearlyPeakDay: number[];
  weeklyProfile: string[];
  meanQuantity: number[];
  packSize: number[];
  price: number[];
  unitCost: number[];
  currentDailyUnits: number[];
  stockLevel: number[];
  daysOfCover: number[];
  stockSituation: string[];
}

/** Facts about a generated dataset, written as manifest.json. */
export interface DatasetManifest {
  generator: string;
  formatVersion: number;
  options: ResolvedGenerateOptions;
  files: Record<string, { rows: number; description: string }>;
  counts: PlanCounts & { customers: number; customersWithOrders: number; products: number; nonProductCodes: number };
  rates: {
    planned: typeof RATES;
    realised: Record<string, number>;
  };
  calendar: {
    weeklyProfile: number[];
    closedWeekdays: string[];
    closedDates: string[];
    hourWeights: Array<[number, number]>;
  };
  archetypes: Record<string, { share: number; description: string; ordersPerYear: number; repeatProbability: number; basketMultiplier: number; customers: number }>;
  productClasses: Record<string, { share: number; description: string; trend: [number, number]; costRatio: [number, number]; products: number }>;
  categories: Array<{ name: string; yearlyAmplitude: number; peakDay: number }>;
  demand: {
    linesPerWeight: number;
    meanLineValue: number;
    basketScale: number;
    anonymousBasketLines: number;
    densityResidual: number;
  };
  notes: string[];
}

/** Internal state behind a dataset: what the transaction stream draws from. */
export interface GenerationPlan {
  calendar: WindowCalendar;
  products: ProductPlan;
  customers: CustomerPlan;
  invoices: InvoicePlan;
}

/** A generated dataset: small tables as plain columns, transactions on demand (`transactionChunks`). */
export interface GeneratedDataset {
  options: ResolvedGenerateOptions;
  manifest: DatasetManifest;
  customers: CustomerColumns;
  products: ProductColumns;
  truthCustomers: TruthCustomerColumns;
  truthProducts: TruthProductColumns;
  /** Internal: the plan transactions are drawn from. */
  plan: GenerationPlan;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function significant(x: number, digits = 6): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(digits));
}

function checkInteger(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw new UserError(`${name} must be a whole number from ${min.toLocaleString("en")} to ${max.toLocaleString("en")}; got ${String(v)}.`);
  }
  return v;
}

/** Options with defaults filled in and every value checked (UserError on a bad value). */
export function resolveGenerateOptions(options: GenerateOptions): ResolvedGenerateOptions {
  const rows = checkInteger("rows", options.rows, ...GENERATE_LIMITS.rows);
  if (typeof options.seed !== "number" || !Number.isSafeInteger(options.seed)) {
    throw new UserError(`seed must be a whole number; got ${String(options.seed)}.`);
  }
  const start = options.start ?? "2022-01-01";
  const startDay = parseIsoDay(start, "start");
  const days = checkInteger("days", options.days ?? 730, ...GENERATE_LIMITS.days);
  const end = isoDayOfNumber(startDay + days - 1);
  const latestDay = Math.floor(Date.now() / DAY_MS) + 365;
  const latest = isoDayOfNumber(latestDay);
  if (startDay < parseIsoDay(EARLIEST_START)) throw new UserError(`start "${start}" is before ${EARLIEST_START}: choose a later first day.`);
  if (startDay + days - 1 > latestDay) throw new UserError(`start "${start}" with ${days} days ends on ${end}, more than a year after today (latest ${latest}): choose an earlier first day.`);
  // About 100 rows per customer over two years (UCI: 125), scaled to the window's length, and
  // up to 200 customers for small datasets (baskets stay above 1.5 lines on average).
  const perTwoYears = (rows * 730) / days;
  const defaultCustomers = Math.max(20, Math.round(Math.max(perTwoYears / 100, Math.min(200, perTwoYears / 60))));
  const customers = checkInteger("customers", options.customers ?? defaultCustomers, ...GENERATE_LIMITS.customers);
  const products = checkInteger("products", options.products ?? Math.min(4000, Math.max(50, Math.round(rows / 200))), ...GENERATE_LIMITS.products);
  return { rows, seed: options.seed, customers, products, start, days, end };
}

/**
 * Generate a dataset. Deterministic: the same options give the same tables and, through
 * `transactionChunks` / `writeDataset`, the same bytes. Transactions have exactly `rows` rows.
 */
export function generateDataset(options: GenerateOptions): GeneratedDataset {
  const o = resolveGenerateOptions(options);
  const startDay = parseIsoDay(o.start);
  const calendar = windowCalendar(startDay, o.days);
  const products = planProducts(seededRng(derivedSeed(o.seed, 1)), o.products);
  const customers = planCustomers(seededRng(derivedSeed(o.seed, 2)), o.customers, o.days);
  const invoices = planInvoices(seededRng(derivedSeed(o.seed, 3)), o.rows, calendar, products, customers);
  const plan: GenerationPlan = { calendar, products, customers, invoices };
  const truth = productTruth(products, calendar, invoices.linesPerWeight, dayOfYearOf(startDay + o.days));

  const customerColumns: CustomerColumns = {
    customerId: customers.id.slice(),
    signupDate: Array.from(customers.signup, (d) => isoDayOfNumber(startDay + d)),
    age: Array.from(customers.age, (a) => (a < 0 ? null : a)),
    gender: Array.from(customers.gender, (g) => (g === 0 ? "F" : g === 1 ? "M" : null)),
    country: Array.from(customers.country, (c) => CUSTOMER_COUNTRIES[c][0]),
  };
  const n = products.n;
  const codes = products.code.length;
  const productColumns: ProductColumns = {
    stockCode: products.code.slice(),
    description: products.description.slice(),
    category: products.category.slice(),
    unitCost: Array.from({ length: codes }, (_, i) => (i < n ? products.unitCost[i] : null)),
    stockLevel: Array.from({ length: codes }, (_, i) => (i < n ? truth.stockLevel[i] : null)),
  };
  const truthCustomers: TruthCustomerColumns = {
    customerId: customers.id.slice(),
    archetype: Array.from(customers.archetype, (a) => ARCHETYPES[a]),
    ordersPerYear: Array.from(customers.ordersPerYear, (r) => round(r, 4)),
    plannedOrders: Array.from(customers.orders),
    activeFrom: Array.from(customers.activeFrom, (d) => (d < 0 ? null : isoDayOfNumber(startDay + d))),
    activeTo: Array.from(customers.activeTo, (d) => (d < 0 ? null : isoDayOfNumber(startDay + d))),
    meanBasketLines: Array.from(invoices.basketLines, (b) => round(b, 4)),
    meanBasketValue: Array.from(invoices.basketLines, (b) => round(b * invoices.meanLineValue, 2)),
    repeatProbability: Array.from(customers.archetype, (a) => ARCHETYPE_PLANS[ARCHETYPES[a]].repeatProbability),
  };
  const weeklyText = WEEKLY_PROFILE.join(";");
  const truthProducts: TruthProductColumns = {
    stockCode: products.code.slice(0, n),
    description: products.description.slice(0, n),
    category: products.category.slice(0, n),
    performanceClass: Array.from(products.productClass, (k) => PRODUCT_CLASSES[k]),
    baseDailyUnits: Array.from(truth.baseDailyUnits, (x) => significant(x)),
    trendPerYear: Array.from(products.trendPerYear),
    yearlyAmplitude: Array.from(products.yearlyAmplitude),
    yearlyPeakDay: Array.from(products.yearlyPeakDay),
    weeklyProfile: new Array<string>(n).fill(weeklyText),
    meanQuantity: Array.from(products.meanQuantity, (x) => round(x, 4)),
    packSize: Array.from(products.packSize),
    price: Array.from(products.price),
    unitCost: Array.from(products.unitCost),
    currentDailyUnits: Array.from(truth.currentDailyUnits, (x) => significant(x)),
    stockLevel: Array.from(truth.stockLevel),
    daysOfCover: Array.from(truth.daysOfCover, (x) => round(x, 2)),
    stockSituation: truth.stockSituation,
  };
  const manifest = buildManifest(o, plan, truthCustomers, truthProducts);
  return { options: o, manifest, customers: customerColumns, products: productColumns, truthCustomers, truthProducts, plan };
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

function buildManifest(
  o: ResolvedGenerateOptions, plan: GenerationPlan, tc: TruthCustomerColumns, tp: TruthProductColumns,
): DatasetManifest {
  const c = plan.invoices.counts;
  const rows = c.rows;
  const nonProduct = Object.values(c.nonProductLines).reduce((a, b) => a + b, 0);
  const byArchetype = countBy(tc.archetype);
  const byClass = countBy(tp.performanceClass);
  const share = (k: number) => round(k / rows, 6);
  return {
    generator: "retail-lab synthetic retail dataset (src/generate)",
    formatVersion: 1,
    options: o,
    files: {
      "transactions.csv": { rows, description: "sales export, canonical columns: invoice,stockCode,description,quantity,invoiceDate,unitPrice,customerId,country" },
      "customers.csv": { rows: tc.customerId.length, description: "customer profiles: customerId,signupDate,age,gender,country" },
      "products.csv": { rows: plan.products.code.length, description: "catalogue incl. non-product codes: stockCode,description,category,unitCost,stockLevel" },
      "truth_customers.csv": { rows: tc.customerId.length, description: "planted archetype and ordering parameters per customer" },
      "truth_products.csv": { rows: tp.stockCode.length, description: "planted demand, class and stock situation per product" },
    },
    counts: {
      ...c,
      customers: tc.customerId.length,
      customersWithOrders: tc.plannedOrders.filter((k) => k > 0).length,
      products: plan.products.n,
      nonProductCodes: plan.products.nonProductCodes.length,
    },
    rates: {
      planned: RATES,
      realised: {
        missingCustomer: share(c.missingCustomerRows),
        duplicate: share(c.duplicateRows),
        cancellation: share(c.cancellationLines),
        adjustment: share(c.adjustmentLines),
        zeroPrice: share(c.zeroPriceLines),
        nonProduct: share(nonProduct),
        anonymousOfProductSaleLines: round(c.anonymousProductLines / (c.anonymousProductLines + c.customerProductLines), 6),
        cancelledShareOfSaleInvoices: round(c.cancellationInvoices / c.saleInvoices, 6),
      },
    },
    calendar: {
      weeklyProfile: WEEKLY_PROFILE,
      closedWeekdays: ["Saturday"],
      closedDates: CLOSED_DATES,
      hourWeights: HOUR_WEIGHTS,
    },
    archetypes: Object.fromEntries(ARCHETYPES.map((a) => {
      const p = ARCHETYPE_PLANS[a];
      return [a, {
        share: p.share, description: p.description, ordersPerYear: p.ordersPerYear,
        repeatProbability: p.repeatProbability, basketMultiplier: p.basketMultiplier, customers: byArchetype[a] ?? 0,
      }];
    })),
    productClasses: Object.fromEntries(PRODUCT_CLASSES.map((k) => {
      const p = PRODUCT_CLASS_PLANS[k];
      return [k, { share: p.share, description: p.description, trend: p.trend, costRatio: p.costRatio, products: byClass[k] ?? 0 }];
    })),
    categories: CATEGORIES.map((k) => ({ name: k.name, yearlyAmplitude: k.yearlyAmplitude, peakDay: k.peakDay })),
    demand: {
      linesPerWeight: significant(plan.invoices.linesPerWeight, 10),
      meanLineValue: round(plan.invoices.meanLineValue, 4),
      basketScale: round(plan.invoices.basketScale, 4),
      anonymousBasketLines: round(plan.invoices.anonymousBasketLines, 4),
      densityResidual: significant(plan.invoices.densityResidual, 3),
    },
    notes: [
      `transactions.csv has exactly ${rows} rows, sorted by invoiceDate; invoice numbers increase with time; "C" invoices are returns of lines of an earlier invoice of the same customer, in full quantity.`,
      "Ground truth describes clean gross sales: drop duplicates, C invoices, quantity <= 0 and unitPrice <= 0 lines; anonymous lines are part of product demand (a share `anonymousOfProductSaleLines` of it) but not of any customer.",
      `Stock situations: understocked below ${UNDERSTOCKED_BELOW_DAYS} days of cover, overstocked above ${OVERSTOCKED_ABOVE_DAYS}.`,
      "Same seed and options give byte-identical files.",
    ],
  };
}

/**
 * Expected units of a product sold on `date` (YYYY-MM-DD), from one row of truth_products and
 * the window start: the formula documented on `TruthProductColumns`.
 */
export function plantedDailyUnits(
  product: { baseDailyUnits: number; trendPerYear: number; yearlyAmplitude: number; yearlyPeakDay: number },
  date: string,
  start: string,
): number {
  const day = parseIsoDay(date, "date");
  const iso = isoDayOfNumber(day).slice(5);
  const weekly = CLOSED_DATES.includes(iso) ? 0 : WEEKLY_PROFILE[weekdayOf(day)];
  const t = day - parseIsoDay(start);
  return product.baseDailyUnits * (1 + product.trendPerYear) ** (t / 365.25)
    * (1 + product.yearlyAmplitude * Math.cos((2 * Math.PI * (dayOfYearOf(day) - product.yearlyPeakDay)) / 365.25))
    * weekly;
}

/** A sink collecting rows as plain columns. */
class ColumnSink implements RowSink {
  cols: TransactionColumns = { invoice: [], stockCode: [], description: [], quantity: [], invoiceDate: [], unitPrice: [], customerId: [], country: [] };
  /** Epoch milliseconds per row (naive shop time), for DataFrames. */
  ms: number[] = [];
  private readonly minutes = minuteTexts();
  constructor(private readonly plan: GenerationPlan, private readonly wantText: boolean) {}
  row(invoice: string, item: number, description: string | null, quantity: number, day: number, minute: number,
    price: number, _priceText: string, customer: number, country: number): void {
    const c = this.cols;
    c.invoice.push(invoice);
    c.stockCode.push(this.plan.products.code[item]);
    c.description.push(description);
    c.quantity.push(quantity);
    if (this.wantText) c.invoiceDate.push(`${this.plan.calendar.date[day]} ${this.minutes[minute]}`);
    else this.ms.push(epochMsOf(this.plan.calendar.startDay + day, minute));
    c.unitPrice.push(price);
    c.customerId.push(customer < 0 ? null : this.plan.customers.id[customer]);
    c.country.push(country < 0 ? null : CUSTOMER_COUNTRIES[country][0]);
  }
}

/**
 * The transactions in chunks of about `chunkRows` rows (whole invoices per chunk), in file order.
 * Each call starts a fresh pass and yields the same rows.
 */
export function* transactionChunks(dataset: GeneratedDataset, chunkRows = 100_000): Generator<TransactionColumns> {
  const stream = new TransactionStream(streamContext(dataset));
  while (!stream.done) {
    const sink = new ColumnSink(dataset.plan, true);
    stream.fill(sink, chunkRows);
    yield sink.cols;
  }
}

/** All transactions as plain columns (holds every row: for small datasets and tests). */
export function transactionColumns(dataset: GeneratedDataset): TransactionColumns {
  const sink = new ColumnSink(dataset.plan, true);
  const stream = new TransactionStream(streamContext(dataset));
  stream.fill(sink, Infinity);
  return sink.cols;
}

/** The stream context of a dataset (internal, shared with the CSV writer). */
export function streamContext(dataset: GeneratedDataset) {
  const p = dataset.plan;
  return { plan: p.invoices, products: p.products, customers: p.customers, calendar: p.calendar };
}

/** The tables of a dataset as polars DataFrames. */
export interface GeneratedFrames {
  /** Canonical transactions (see src/model.ts): invoiceDate Datetime(ms), quantity and unitPrice Float64. */
  transactions: DataFrame;
  /** signupDate as Date, age Int32. */
  customers: DataFrame;
  products: DataFrame;
  truthCustomers: DataFrame;
  truthProducts: DataFrame;
}

/** A chunk of transactions as a canonical DataFrame. */
function transactionFrame(sink: ColumnSink): DataFrame {
  const c = sink.cols;
  return pl.DataFrame({
    invoice: pl.Series("invoice", c.invoice, pl.Utf8),
    stockCode: pl.Series("stockCode", c.stockCode, pl.Utf8),
    description: pl.Series("description", c.description, pl.Utf8),
    quantity: pl.Series("quantity", c.quantity, pl.Float64),
    invoiceDate: pl.Series("invoiceDate", sink.ms, pl.Float64).cast(pl.Int64).cast(pl.Datetime("ms")),
    unitPrice: pl.Series("unitPrice", c.unitPrice, pl.Float64),
    customerId: pl.Series("customerId", c.customerId, pl.Utf8),
    country: pl.Series("country", c.country, pl.Utf8),
  });
}

/** Every table of a dataset as polars DataFrames (the transactions are built in chunks and concatenated). */
export function generatedFrames(dataset: GeneratedDataset): GeneratedFrames {
  const stream = new TransactionStream(streamContext(dataset));
  const parts: DataFrame[] = [];
  while (!stream.done) {
    const sink = new ColumnSink(dataset.plan, false);
    stream.fill(sink, 500_000);
    parts.push(transactionFrame(sink));
  }
  const transactions = parts.length === 1 ? parts[0] : pl.concat(parts, { how: "vertical", rechunk: true });
  const cu = dataset.customers;
  const customers = pl.DataFrame({
    customerId: pl.Series("customerId", cu.customerId, pl.Utf8),
    signupDate: pl.Series("signupDate", cu.signupDate, pl.Utf8).str.strptime(pl.Date, "%Y-%m-%d"),
    age: pl.Series("age", cu.age, pl.Float64).cast(pl.Int32),
    gender: pl.Series("gender", cu.gender, pl.Utf8),
    country: pl.Series("country", cu.country, pl.Utf8),
  });
  const pr = dataset.products;
  const products = pl.DataFrame({
    stockCode: pl.Series("stockCode", pr.stockCode, pl.Utf8),
    description: pl.Series("description", pr.description, pl.Utf8),
    category: pl.Series("category", pr.category, pl.Utf8),
    unitCost: pl.Series("unitCost", pr.unitCost, pl.Float64),
    stockLevel: pl.Series("stockLevel", pr.stockLevel, pl.Float64),
  });
  return {
    transactions,
    customers,
    products,
    truthCustomers: pl.DataFrame(dataset.truthCustomers as unknown as Record<string, unknown[]>),
    truthProducts: pl.DataFrame(dataset.truthProducts as unknown as Record<string, unknown[]>),
  };
}
