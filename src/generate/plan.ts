/**
 * The invoice plan of a generated dataset: every invoice's day, time, kind, customer, number of
 * lines and dirt, decided before any line is written. Lines are drawn later, invoice by invoice
 * in time order, from a per-invoice seed (see `stream.ts`), so the plan is small (tens of bytes
 * per invoice) and the rows never need to be held in memory at once.
 *
 * How demand and customers are reconciled: product demand fixes the expected number of sale
 * lines per day, lambda(d) = sum over products of weight * trend * yearly season * weekly factor.
 * Anonymous invoices are spread over days in proportion to lambda. Registered customers' orders
 * fall on days drawn from a density g restricted to each customer's activity window, where g
 * solves "expected registered lines per day is proportional to lambda" (a fixed point, found by
 * iteration); each customer's orders take stratified draws from that density. So every day's lines are in proportion to lambda, each line's product is drawn
 * from that day's product shares, and each product's expected lines per day is exactly its
 * planted demand, whatever the mix of customers active that day.
 */
import { UserError } from "../errors";
import { poisson, sampleIndices, type Rng } from "../util/index";
import { hourCdf, type WindowCalendar } from "./calendar";
import type { CustomerPlan } from "./customers";
import { ANONYMOUS_HOME_SHARE, CUSTOMER_COUNTRIES, HOME_COUNTRY, RATES } from "./params";
import { productDayWeights, type ProductPlan } from "./products";
import { IntColumn, drawFromPrefix, indexAtFraction, prefixSums, uint32, uniformInt, weightedIndex } from "./sampling";

/** Invoice kinds. */
export const KIND = { sale: 0, anonymous: 1, cancellation: 2, adjustment: 3, freeSample: 4 } as const;
/** Extra-line flags of sale invoices. */
export const EXTRA = { POST: 1, C2: 2, DOT: 4, M: 8, BANK: 16, ZERO_PRICE: 32 } as const;

/** Invoice numbers start here (the i-th invoice in time order gets FIRST_INVOICE + i). */
export const FIRST_INVOICE = 100_001;

/** Exact row counts of a plan, by kind of row. */
export interface PlanCounts {
  rows: number;
  saleInvoices: number;
  anonymousInvoices: number;
  cancellationInvoices: number;
  adjustmentInvoices: number;
  freeSampleInvoices: number;
  customerProductLines: number;
  anonymousProductLines: number;
  cancellationLines: number;
  adjustmentLines: number;
  zeroPriceLines: number;
  duplicateRows: number;
  nonProductLines: Record<string, number>;
  missingCustomerRows: number;
}

/** The invoice plan (struct of arrays, one entry per invoice) and what is needed to draw its lines. */
export interface InvoicePlan {
  count: number;
  day: Int32Array;
  minute: Int32Array;
  kind: Uint8Array;
  /** Customer index, -1 when anonymous. */
  customer: Int32Array;
  /** Product lines (sale, anonymous, free sample, adjustment) or returned lines (cancellation). */
  lines: Int32Array;
  /** EXTRA flags. */
  extras: Uint8Array;
  /** Extra copies of this invoice's product lines (exact duplicate rows). */
  duplicates: Int32Array;
  /** Sale invoices: how many of its lines a later cancellation returns (0: none). */
  returnedLines: Int32Array;
  /** Cancellations: index of the invoice they return lines of; -1 otherwise. */
  returns: Int32Array;
  /** Index into CUSTOMER_COUNTRIES. */
  country: Int16Array;
  /** Seed of the invoice's line draws. */
  seed: Uint32Array;
  /** Invoice indices in time order (the order of the file and of invoice numbers). */
  order: Uint32Array;
  counts: PlanCounts;
  /** Mean product lines of a registered invoice, before the per-customer multiplier. */
  basketScale: number;
  /** Mean product lines of an anonymous invoice. */
  anonymousBasketLines: number;
  /** Expected product sale lines per unit of product weight per day (turns weights into demand). */
  linesPerWeight: number;
  /** Expected value of one product sale line (price * quantity, over the window's product mix). */
  meanLineValue: number;
  /** Largest relative gap between expected registered lines per day and the target shape. */
  densityResidual: number;
  /** Per customer: expected product lines per order. */
  basketLines: Float64Array;
}

const HOME = CUSTOMER_COUNTRIES.findIndex(([c]) => c === HOME_COUNTRY);
const EIRE = CUSTOMER_COUNTRIES.findIndex(([c]) => c === "EIRE");

/** Expected sale lines per day (up to a constant): sum of product weights times day factors, times weekly profile. */
export function dailyDemandShape(products: ProductPlan, cal: WindowCalendar): { lambda: Float64Array; value: number } {
  const lambda = new Float64Array(cal.days);
  const w = new Float64Array(products.n);
  let value = 0;
  for (let t = 0; t < cal.days; t++) {
    if (!cal.open[t]) continue;
    productDayWeights(products, cal, t, w);
    let s = 0;
    let v = 0;
    for (let i = 0; i < products.n; i++) {
      s += w[i];
      v += w[i] * products.price[i] * products.meanQuantity[i];
    }
    lambda[t] = s * cal.weekly[t];
    value += v * cal.weekly[t];
  }
  let total = 0;
  for (let t = 0; t < cal.days; t++) total += lambda[t];
  return { lambda, value: value / total };
}

/**
 * The order-day density g (see the file comment): registered customers' expected lines per day,
 * sum over customers of orders * basketLines * g(d) / G(window), proportional to lambda(d).
 */
export function orderDayDensity(
  lambda: Float64Array, customers: CustomerPlan, basketLines: Float64Array,
): { g: Float64Array; residual: number } {
  const days = lambda.length;
  let g = Float64Array.from(lambda);
  let residual = Infinity;
  const h = new Float64Array(days + 1);
  for (let iter = 0; iter < 200; iter++) {
    const G = prefixSums(g);
    h.fill(0);
    for (let c = 0; c < customers.count; c++) {
      const n = customers.orders[c];
      if (n === 0) continue;
      const a = customers.activeFrom[c];
      const b = customers.activeTo[c];
      const w = (n * basketLines[c]) / (G[b + 1] - G[a]);
      h[a] += w;
      h[b + 1] -= w;
    }
    // Expected registered lines per day under g, compared with the target shape.
    let run = 0;
    let sumE = 0;
    let sumL = 0;
    const next = new Float64Array(days);
    const expected = new Float64Array(days);
    for (let t = 0; t < days; t++) {
      run += h[t];
      expected[t] = g[t] * run;
      sumE += expected[t];
      sumL += lambda[t];
      next[t] = run > 0 ? lambda[t] / run : 0;
    }
    residual = 0;
    for (let t = 0; t < days; t++) {
      if (lambda[t] > 0) residual = Math.max(residual, Math.abs(expected[t] / sumE - lambda[t] / sumL) / (lambda[t] / sumL));
    }
    if (residual < 1e-4) break;
    let s = 0;
    for (let t = 0; t < days; t++) s += next[t];
    for (let t = 0; t < days; t++) next[t] *= days / s;
    g = next;
  }
  return { g, residual };
}

function binomial(rng: Rng, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng() < p) k++;
  return k;
}

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

/** Sizes the dataset: returns the basket scale s so that the expected rows equal `rows`. */
function basketScaleFor(rows: number, customers: CustomerPlan, fixedRows: number): number {
  const a = RATES.anonymousLineShare;
  const foreignPostage = new Float64Array(customers.count);
  for (let c = 0; c < customers.count; c++) foreignPostage[c] = customers.country[c] === HOME ? 0 : RATES.postage;
  const expectedRows = (s: number): number => {
    let lines = 0;
    let other = 0;
    for (let c = 0; c < customers.count; c++) {
      const n = customers.orders[c];
      if (n === 0) continue;
      const b = Math.max(1, s * customers.basketMultiplier[c]);
      lines += n * b;
      other += n * (foreignPostage[c] + RATES.manual + RATES.bankCharges + RATES.cancelInvoice * (1 + RATES.cancelLine * (b - 1)));
    }
    const anonLines = (lines * a) / (1 - a);
    const anonBasket = Math.max(2, RATES.anonymousBasketFactor * s);
    const anonExtras = (anonLines / anonBasket) * (RATES.dotcomPostage + RATES.manual);
    return lines + other + anonLines + anonExtras + fixedRows;
  };
  let lo = 0;
  let hi = 1;
  while (expectedRows(hi) < rows) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (expectedRows(mid) < rows) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Plan every invoice of a dataset of exactly `rows` rows. */
export function planInvoices(
  rng: Rng, rows: number, cal: WindowCalendar, products: ProductPlan, customers: CustomerPlan,
): InvoicePlan {
  const end = cal.days - 1;
  const duplicateRows = Math.round(RATES.duplicateRows * rows);
  const adjustments = Math.round(RATES.adjustmentRows * rows);
  const zeroPrice = Math.round(RATES.zeroPriceRows * rows);
  const zeroOnCustomer = Math.round(zeroPrice * RATES.zeroPriceOnCustomerInvoice);
  const freeSamples = zeroPrice - zeroOnCustomer;

  const s = basketScaleFor(rows, customers, duplicateRows + adjustments + zeroPrice);
  let weighted = 0;
  let orders = 0;
  for (let c = 0; c < customers.count; c++) {
    weighted += customers.orders[c] * customers.basketMultiplier[c];
    orders += customers.orders[c];
  }
  if (s < 1.5) {
    const most = Math.floor((customers.count * s) / 1.5);
    throw new UserError(
      `${customers.count} customers is too many for ${rows} rows: baskets would average ${(s * weighted / orders).toFixed(2)} lines. ` +
      `Ask for at most about ${most} customers, or more rows.`,
    );
  }
  const basketLines = new Float64Array(customers.count);
  for (let c = 0; c < customers.count; c++) {
    basketLines[c] = customers.orders[c] > 0 ? Math.max(1, s * customers.basketMultiplier[c]) : 0;
  }
  const { lambda, value: meanLineValue } = dailyDemandShape(products, cal);
  const lambdaPrefix = prefixSums(lambda);
  const { g, residual } = orderDayDensity(lambda, customers, basketLines);
  const gPrefix = prefixSums(g);
  const hours = hourCdf();
  const drawMinute = (): number => {
    const u = rng();
    let h = 0;
    while (h < hours.cdf.length - 1 && u >= hours.cdf[h]) h++;
    return hours.hours[h] * 60 + Math.floor(rng() * 60);
  };
  const nextOpen = (t: number): number => {
    while (t <= end && !cal.open[t]) t++;
    return t;
  };
  const foreignWeights = CUSTOMER_COUNTRIES.map(([c, w]) => (c === HOME_COUNTRY ? 0 : w));

  const day = new IntColumn(orders * 1.3 + 1024);
  const minute = new IntColumn(orders * 1.3 + 1024);
  const kind = new IntColumn(orders * 1.3 + 1024);
  const customer = new IntColumn(orders * 1.3 + 1024);
  const lines = new IntColumn(orders * 1.3 + 1024);
  const extras = new IntColumn(orders * 1.3 + 1024);
  const returnedLines = new IntColumn(orders * 1.3 + 1024);
  const returns = new IntColumn(orders * 1.3 + 1024);
  const country = new IntColumn(orders * 1.3 + 1024);
  const seed = new IntColumn(orders * 1.3 + 1024);
  const add = (d: number, k: number, c: number, n: number, x: number, ctry: number, ret: number): number => {
    day.push(d);
    minute.push(drawMinute());
    kind.push(k);
    customer.push(c);
    lines.push(n);
    extras.push(x);
    returnedLines.push(0);
    returns.push(ret);
    country.push(ctry);
    seed.push(uint32(rng) | 0);
    return day.length - 1;
  };

  // Registered customers' orders and their returns.
  const saleIndex = new IntColumn(orders + 16);
  for (let c = 0; c < customers.count; c++) {
    const n = customers.orders[c];
    const ctry = customers.country[c];
    for (let k = 0; k < n; k++) {
      // Stratified in g-time: order k falls in the k-th of n equal slices of the window's density,
      // so the days are still distributed as g, but gaps are regular-ish and the last order is
      // within one slice of the window's end (recency is tied to the archetype).
      const d = indexAtFraction(gPrefix, customers.activeFrom[c], customers.activeTo[c], (k + rng()) / n);
      const l = 1 + poisson(rng, basketLines[c] - 1);
      let x = 0;
      if (ctry !== HOME && rng() < RATES.postage) x |= ctry === EIRE ? EXTRA.C2 : EXTRA.POST;
      if (rng() < RATES.manual) x |= EXTRA.M;
      if (rng() < RATES.bankCharges) x |= EXTRA.BANK;
      const h = add(d, KIND.sale, c, l, x, ctry, -1);
      saleIndex.push(h);
      if (rng() < RATES.cancelInvoice) {
        const cd = nextOpen(d + uniformInt(rng, 1, RATES.cancelMaxDays));
        if (cd <= end) {
          const m = 1 + binomial(rng, l - 1, RATES.cancelLine);
          returnedLines.data[h] = m;
          add(cd, KIND.cancellation, c, m, 0, ctry, h);
        }
      }
    }
  }
  // Zero-price lines on registered invoices.
  const sales = saleIndex.values();
  for (const k of sampleIndices(sales.length, zeroOnCustomer, rng)) extras.data[sales[k]] |= EXTRA.ZERO_PRICE;
  for (let k = 0; k < adjustments; k++) add(drawFromPrefix(rng, lambdaPrefix, 0, end), KIND.adjustment, -1, 1, 0, HOME, -1);
  for (let k = 0; k < freeSamples; k++) add(drawFromPrefix(rng, lambdaPrefix, 0, end), KIND.freeSample, -1, 1, 0, HOME, -1);

  // Anonymous invoices take exactly the rows left.
  let used = duplicateRows;
  for (let h = 0; h < day.length; h++) used += lines.data[h] + popcount(extras.data[h]);
  let budget = rows - used;
  const expectedAnon = (RATES.anonymousLineShare / (1 - RATES.anonymousLineShare)) * (used - duplicateRows);
  if (budget < 0.5 * expectedAnon || budget < 1) {
    throw new UserError(`Cannot size a dataset of ${rows} rows with ${customers.count} customers: ask for more rows or fewer customers.`);
  }
  const anonymousBasketLines = Math.max(2, RATES.anonymousBasketFactor * s);
  while (budget > 0) {
    let l = 1 + poisson(rng, anonymousBasketLines - 1);
    let x = 0;
    if (rng() < RATES.dotcomPostage) x |= EXTRA.DOT;
    if (rng() < RATES.manual) x |= EXTRA.M;
    if (l + popcount(x) > budget) {
      x = 0;
      l = budget;
    }
    const ctry = rng() < ANONYMOUS_HOME_SHARE ? HOME : weightedIndex(rng, foreignWeights);
    add(drawFromPrefix(rng, lambdaPrefix, 0, end), KIND.anonymous, -1, l, x, ctry, -1);
    budget -= l + popcount(x);
  }

  // Exact duplicates: `duplicateRows` product sale lines drawn uniformly (with replacement).
  const count = day.length;
  const duplicates = new Int32Array(count);
  const saleLike: number[] = [];
  for (let h = 0; h < count; h++) if (kind.data[h] === KIND.sale || kind.data[h] === KIND.anonymous) saleLike.push(h);
  const saleLinePrefix = prefixSums(saleLike.map((h) => lines.data[h]));
  for (let k = 0; k < duplicateRows; k++) {
    const j = drawFromPrefix(rng, saleLinePrefix, 0, saleLike.length - 1);
    duplicates[saleLike[j]]++;
  }

  // Time order: by day and minute, ties by plan index.
  const keys = new Float64Array(count);
  for (let h = 0; h < count; h++) keys[h] = (day.data[h] * 1440 + minute.data[h]) * count + h;
  keys.sort();
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = keys[i] % count;

  const plan: InvoicePlan = {
    count,
    day: day.values().slice(),
    minute: minute.values().slice(),
    kind: Uint8Array.from(kind.values()),
    customer: customer.values().slice(),
    lines: lines.values().slice(),
    extras: Uint8Array.from(extras.values()),
    duplicates,
    returnedLines: returnedLines.values().slice(),
    returns: returns.values().slice(),
    country: Int16Array.from(country.values()),
    seed: new Uint32Array(seed.values().slice().buffer),
    order,
    counts: undefined as unknown as PlanCounts,
    basketScale: s,
    anonymousBasketLines,
    linesPerWeight: 0,
    meanLineValue,
    densityResidual: residual,
    basketLines,
  };
  plan.counts = countRows(plan);
  if (plan.counts.rows !== rows) throw new Error(`internal: planned ${plan.counts.rows} rows instead of ${rows}`);
  // Scale of demand: expected product sale lines (registered + anonymous) equal the planned ones.
  let totalLambda = 0;
  for (let t = 0; t < cal.days; t++) totalLambda += lambda[t];
  plan.linesPerWeight = (plan.counts.customerProductLines + plan.counts.anonymousProductLines) / totalLambda;
  return plan;
}

/** Exact counts of every kind of row in a plan. */
export function countRows(p: InvoicePlan): PlanCounts {
  const c: PlanCounts = {
    rows: 0, saleInvoices: 0, anonymousInvoices: 0, cancellationInvoices: 0, adjustmentInvoices: 0, freeSampleInvoices: 0,
    customerProductLines: 0, anonymousProductLines: 0, cancellationLines: 0, adjustmentLines: 0, zeroPriceLines: 0,
    duplicateRows: 0, nonProductLines: { POST: 0, C2: 0, DOT: 0, M: 0, "BANK CHARGES": 0 }, missingCustomerRows: 0,
  };
  const np = c.nonProductLines;
  for (let h = 0; h < p.count; h++) {
    const x = p.extras[h];
    const n = p.lines[h];
    const extraRows = popcount(x);
    c.duplicateRows += p.duplicates[h];
    if (x & EXTRA.POST) np.POST++;
    if (x & EXTRA.C2) np.C2++;
    if (x & EXTRA.DOT) np.DOT++;
    if (x & EXTRA.M) np.M++;
    if (x & EXTRA.BANK) np["BANK CHARGES"]++;
    if (x & EXTRA.ZERO_PRICE) c.zeroPriceLines++;
    switch (p.kind[h]) {
      case KIND.sale:
        c.saleInvoices++;
        c.customerProductLines += n;
        break;
      case KIND.anonymous:
        c.anonymousInvoices++;
        c.anonymousProductLines += n;
        c.missingCustomerRows += n + extraRows + p.duplicates[h];
        break;
      case KIND.cancellation:
        c.cancellationInvoices++;
        c.cancellationLines += n;
        break;
      case KIND.adjustment:
        c.adjustmentInvoices++;
        c.adjustmentLines += n;
        c.missingCustomerRows += n;
        break;
      case KIND.freeSample:
        c.freeSampleInvoices++;
        c.zeroPriceLines += n;
        c.missingCustomerRows += n;
        break;
    }
    c.rows += n + extraRows + p.duplicates[h];
  }
  return c;
}
