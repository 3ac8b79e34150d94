/**
 * Draws the transaction lines of an invoice plan, invoice by invoice in time order, into a sink.
 * Every invoice's lines come from its own seed, so a pass over the plan always yields the same
 * rows, and rows can be streamed to a file in chunks without holding them all.
 */
import { poisson, seededRng } from "../util/index";
import type { WindowCalendar } from "./calendar";
import type { CustomerPlan } from "./customers";
import { EXTRA, FIRST_INVOICE, KIND, type InvoicePlan } from "./plan";
import { priceText, productDayWeights, type ProductPlan } from "./products";
import { aliasTable, drawAlias, logNormal, type AliasTable } from "./sampling";

/**
 * Receives rows. `item` indexes the product plan's codes (products, then non-product codes);
 * `customer` and `country` index the customer plan and CUSTOMER_COUNTRIES (-1: empty).
 */
export interface RowSink {
  row(
    invoice: string, item: number, description: string | null, quantity: number, day: number, minute: number,
    price: number, priceText: string, customer: number, country: number,
  ): void;
}

/** Everything a stream needs. */
export interface StreamContext {
  plan: InvoicePlan;
  products: ProductPlan;
  customers: CustomerPlan;
  calendar: WindowCalendar;
}

const POSTAGE_PRICE = 18;
const CARRIAGE_PRICE = 50;
const BANK_CHARGE_PRICE = 15;

/** A resumable pass over the plan's invoices in time order. */
export class TransactionStream {
  private position = 0;
  private aliasDay = -1;
  private alias: AliasTable | null = null;
  private readonly weights: Float64Array;
  /** Lines kept for a later cancellation: invoice index -> [item, quantity, item, quantity, ...]. */
  private readonly kept = new Map<number, number[]>();
  private readonly codeIndex: Record<string, number> = {};
  // Scratch buffers of the current invoice's product lines.
  private items: number[] = [];
  private quantities: number[] = [];

  constructor(private readonly ctx: StreamContext) {
    this.weights = new Float64Array(ctx.products.n);
    ctx.products.nonProductCodes.forEach((c, k) => (this.codeIndex[c] = ctx.products.n + k));
  }

  /** True when every invoice has been written. */
  get done(): boolean {
    return this.position >= this.ctx.plan.count;
  }

  /** Write whole invoices to `sink` until at least `maxRows` rows are written or the plan ends; returns the rows written. */
  fill(sink: RowSink, maxRows: number): number {
    let written = 0;
    const plan = this.ctx.plan;
    while (written < maxRows && this.position < plan.count) {
      written += this.writeInvoice(sink, plan.order[this.position], FIRST_INVOICE + this.position);
      this.position++;
    }
    return written;
  }

  private dayAlias(day: number): AliasTable {
    if (day !== this.aliasDay) {
      this.alias = aliasTable(productDayWeights(this.ctx.products, this.ctx.calendar, day, this.weights));
      this.aliasDay = day;
    }
    return this.alias!;
  }

  private writeInvoice(sink: RowSink, h: number, number: number): number {
    const { plan, products: P } = this.ctx;
    const rng = seededRng(plan.seed[h]);
    const day = plan.day[h];
    const minute = plan.minute[h];
    const kind = plan.kind[h];
    const customer = plan.customer[h];
    const country = plan.country[h];
    const invoice = kind === KIND.cancellation ? `C${number}` : String(number);
    const n = plan.lines[h];

    if (kind === KIND.cancellation) {
      const kept = this.kept.get(plan.returns[h])!;
      this.kept.delete(plan.returns[h]);
      for (let j = 0; j < kept.length; j += 2) {
        const p = kept[j];
        sink.row(invoice, p, P.lineDescription[p], -kept[j + 1], day, minute, P.price[p], P.priceText[p], customer, country);
      }
      return kept.length / 2;
    }
    const alias = this.dayAlias(day);
    if (kind === KIND.adjustment) {
      const p = drawAlias(rng, alias);
      sink.row(invoice, p, null, -P.packSize[p] * (1 + poisson(rng, 1)), day, minute, 0, "0", -1, country);
      return 1;
    }
    if (kind === KIND.freeSample) {
      const p = drawAlias(rng, alias);
      sink.row(invoice, p, null, P.packSize[p] * (1 + poisson(rng, P.extraPacks[p])), day, minute, 0, "0", -1, country);
      return 1;
    }

    // Sale (registered or anonymous): product lines, distinct as rows (a repeated product gets another quantity).
    const items = this.items;
    const qs = this.quantities;
    items.length = 0;
    qs.length = 0;
    let value = 0;
    for (let i = 0; i < n; i++) {
      const p = drawAlias(rng, alias);
      let q = P.packSize[p] * (1 + poisson(rng, P.extraPacks[p]));
      for (let j = 0; j < i; j++) {
        if (items[j] === p && qs[j] === q) {
          q += P.packSize[p];
          j = -1; // rescan
        }
      }
      items.push(p);
      qs.push(q);
      value += q * P.price[p];
      sink.row(invoice, p, P.lineDescription[p], q, day, minute, P.price[p], P.priceText[p], customer, country);
    }
    let rows = n;
    const x = plan.extras[h];
    if (x) {
      if (x & EXTRA.ZERO_PRICE) {
        const p = drawAlias(rng, alias);
        sink.row(invoice, p, P.lineDescription[p], P.packSize[p], day, minute, 0, "0", customer, country);
        rows++;
      }
      if (x & EXTRA.POST) rows += this.extra(sink, invoice, "POST", 1 + poisson(rng, 0.5), POSTAGE_PRICE, h);
      if (x & EXTRA.C2) rows += this.extra(sink, invoice, "C2", 1, CARRIAGE_PRICE, h);
      if (x & EXTRA.DOT) rows += this.extra(sink, invoice, "DOT", 1, Math.round((5 + 0.04 * value) * 100) / 100, h);
      if (x & EXTRA.M) rows += this.extra(sink, invoice, "M", 1, Math.max(0.1, Math.round(logNormal(rng, 5, 1) * 100) / 100), h);
      if (x & EXTRA.BANK) rows += this.extra(sink, invoice, "BANK CHARGES", 1, BANK_CHARGE_PRICE, h);
    }
    for (let k = plan.duplicates[h]; k > 0; k--) {
      const j = Math.floor(rng() * n);
      const p = items[j];
      sink.row(invoice, p, P.lineDescription[p], qs[j], day, minute, P.price[p], P.priceText[p], customer, country);
      rows++;
    }
    const r = plan.returnedLines[h];
    if (r > 0) {
      // Partial Fisher-Yates over line positions: r distinct lines, returned in full.
      const pos = Array.from({ length: n }, (_, i) => i);
      const keep: number[] = [];
      for (let i = 0; i < r; i++) {
        const j = i + Math.floor(rng() * (n - i));
        const t = pos[i];
        pos[i] = pos[j];
        pos[j] = t;
        keep.push(items[pos[i]], qs[pos[i]]);
      }
      this.kept.set(h, keep);
    }
    return rows;
  }

  private extra(sink: RowSink, invoice: string, code: string, quantity: number, price: number, h: number): number {
    const { plan, products: P } = this.ctx;
    const item = this.codeIndex[code];
    sink.row(invoice, item, P.lineDescription[item], quantity, plan.day[h], plan.minute[h], price, priceText(price), plan.customer[h], plan.country[h]);
    return 1;
  }
}
