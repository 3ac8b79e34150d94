/**
 * The product performance audit in one call: performance table (measures, margins, ranks,
 * quadrants, ABC classes), Pareto figures, stock alignment, category view, and a report of
 * every data problem met on the way (counted, listed, never a crash, never dropped silently).
 */
import pl, { type DataFrame } from "nodejs-polars";
import { requireProductColumn } from "../model";
import { moneyTotal } from "../util/index";
import { readCatalogue, type Catalogue } from "./catalogue";
import { categorySummary } from "./categories";
import { paretoCurve, paretoSummary, withAbcClasses, type ParetoSummary } from "./pareto";
import { productSales, quadrantCuts, quadrantSummary, withMargins, withQuadrants, type Quadrant } from "./performance";
import { codeList, stockAlignment, type CodeList, type StockAlignment, type StockAlignmentOptions } from "./stock";

/** Options of `productPerformance`. */
export interface ProductPerformanceOptions {
  /** a catalogue DataFrame (stockCode; unitCost, stockLevel, category optional) or one read by `readCatalogue` */
  catalogue?: DataFrame | Catalogue;
  /** quantile above which revenue / units count as high in the quadrants (default 0.5, the median) */
  split?: number;
}

function asCatalogue(c: DataFrame | Catalogue | undefined): Catalogue | undefined {
  if (!c) return undefined;
  return "entries" in c && c.entries instanceof Map ? (c as Catalogue) : readCatalogue(c as DataFrame);
}

/**
 * One row per product sold: `productSales` measures, catalogue columns (category, unitCost,
 * margin, marginRate) when a catalogue is given, ranks and quadrant (`withQuadrants`) and ABC
 * class (`withAbcClasses`). Sorted by revenue rank.
 */
export function productPerformance(sales: DataFrame, options: ProductPerformanceOptions = {}): DataFrame {
  const catalogue = asCatalogue(options.catalogue);
  let table = productSales(sales);
  if (catalogue) table = withMargins(table, catalogue);
  return withAbcClasses(withQuadrants(table, options.split ?? 0.5)).sort("revenueRank");
}

/** Options of `productAudit`: those of `productPerformance` and `stockAlignment`, and the Pareto top share. */
export interface ProductAuditOptions extends StockAlignmentOptions {
  catalogue?: DataFrame;
  split?: number;
  /** share of products whose revenue share is reported (default 0.2: "the top 20%") */
  topShare?: number;
}

/** Every data problem the audit met, counted (and listed by stock code where it concerns products). */
export interface ProductDataIssues {
  /** sales lines of non-product codes (postage, fees) left out of the audit, and their revenue */
  nonProductLines: number;
  nonProductRevenue: number;
  /** catalogue rows, and those left out: no stock code, repeated code (first kept), non-product code */
  catalogueRows: number;
  catalogueBlankCodes: number;
  catalogueDuplicates: number;
  catalogueNonProducts: number;
  /** catalogue products never sold in the data (they appear in the stock table only) */
  inCatalogueNotSold: CodeList;
  /** products sold but absent from the catalogue (no cost, stock or category for them) */
  soldNotInCatalogue: CodeList;
  /** catalogued products sold without a usable unit cost (missing or negative): margin null */
  missingCost: CodeList;
  /** see `StockAlignment.issues` */
  noSalesInWindow: CodeList;
  missingStock: CodeList;
  negativeStock: CodeList;
  forecastUnknown: CodeList;
  forecastInvalid: CodeList;
}

/** The result of `productAudit`. */
export interface ProductAudit {
  performance: DataFrame;
  /** per quadrant: products, revenue, units, revenue share */
  quadrants: { quadrant: Quadrant; products: number; revenue: number; units: number; revenueShare: number }[];
  /** the revenue and units values splitting high from low */
  cuts: { revenue: number; units: number; split: number };
  pareto: ParetoSummary;
  curve: { productShare: number[]; revenueShare: number[] };
  stock: StockAlignment;
  /** per category (null without categories) */
  categories: DataFrame | null;
  hasCatalogue: boolean;
  hasCost: boolean;
  hasStock: boolean;
  hasCategory: boolean;
  issues: ProductDataIssues;
}

/** The full product audit of a cleaned sales table (see the module comment and each part's definitions). */
export function productAudit(sales: DataFrame, options: ProductAuditOptions = {}): ProductAudit {
  requireProductColumn(sales, "the product audit");
  const catalogue = options.catalogue ? readCatalogue(options.catalogue) : undefined;
  const split = options.split ?? 0.5;
  const performance = productPerformance(sales, { catalogue, split });
  const stock = stockAlignment(sales, performance, catalogue, options);
  const nonProduct = sales.filter(pl.col("isProduct").not());
  const sold = performance.getColumn("stockCode").toArray() as string[];
  const soldSet = new Set(sold);
  const entries = catalogue?.entries ?? new Map();
  const missingCost = catalogue?.hasCost
    ? sold.filter((c) => {
        const e = entries.get(c);
        return e !== undefined && (e.unitCost === null || e.unitCost < 0);
      })
    : [];
  const issues: ProductDataIssues = {
    nonProductLines: nonProduct.height,
    nonProductRevenue: moneyTotal(nonProduct, "amount"),
    catalogueRows: catalogue?.rows ?? 0,
    catalogueBlankCodes: catalogue?.blankCodeRows ?? 0,
    catalogueDuplicates: catalogue?.duplicateRows ?? 0,
    catalogueNonProducts: catalogue?.nonProductRows ?? 0,
    inCatalogueNotSold: codeList([...entries.keys()].filter((c) => !soldSet.has(c))),
    soldNotInCatalogue: codeList(catalogue ? sold.filter((c) => !entries.has(c)) : []),
    missingCost: codeList(missingCost),
    ...stock.issues,
  };
  return {
    performance,
    quadrants: quadrantSummary(performance),
    cuts: quadrantCuts(performance, split),
    pareto: paretoSummary(performance, options.topShare ?? 0.2),
    curve: paretoCurve(performance),
    stock,
    categories: catalogue?.hasCategory ? categorySummary(performance, stock.hasStock ? stock.table : undefined) : null,
    hasCatalogue: catalogue !== undefined,
    hasCost: catalogue?.hasCost ?? false,
    hasStock: stock.hasStock,
    hasCategory: catalogue?.hasCategory ?? false,
    issues,
  };
}

/** The data issues as table rows: issue, count and what it means (zero counts included, so a reader sees what was checked). */
export function productIssueRows(issues: ProductDataIssues): { issue: string; count: number; meaning: string }[] {
  return [
    { issue: "non-product lines", count: issues.nonProductLines, meaning: "postage, fees and adjustments left out of the audit" },
    { issue: "catalogue rows without a code", count: issues.catalogueBlankCodes, meaning: "left out" },
    { issue: "repeated catalogue codes", count: issues.catalogueDuplicates, meaning: "first row kept" },
    { issue: "non-product catalogue rows", count: issues.catalogueNonProducts, meaning: "left out" },
    { issue: "catalogued, never sold", count: issues.inCatalogueNotSold.count, meaning: "in the stock table with velocity 0" },
    { issue: "sold, not in the catalogue", count: issues.soldNotInCatalogue.count, meaning: "no cost, stock or category" },
    { issue: "no usable unit cost", count: issues.missingCost.count, meaning: "margin unknown" },
    { issue: "no sale in the velocity window", count: issues.noSalesInWindow.count, meaning: "velocity 0" },
    { issue: "stock level missing", count: issues.missingStock.count, meaning: "days of cover unknown" },
    { issue: "stock level negative", count: issues.negativeStock.count, meaning: "treated as unknown" },
    { issue: "forecast for unknown codes", count: issues.forecastUnknown.count, meaning: "ignored" },
    { issue: "forecast values not usable", count: issues.forecastInvalid.count, meaning: "velocity used instead" },
  ];
}

/**
 * One row per product of the audit (sold, or catalogued only), for a CSV: the stock table's
 * columns (see `StockAlignment.table`), then the performance columns it lacks (units, orders,
 * customers, ranks, margins, shares...; null for products never sold), then `atRisk` and
 * `clearance` (whether the product is on those lists). Sorted by revenue, descending.
 */
export function productAuditTable(audit: ProductAudit): DataFrame {
  const stock = audit.stock.table;
  const extra = audit.performance.columns.filter((c) => c === "stockCode" || !stock.columns.includes(c));
  const flag = (list: DataFrame) => new Set(list.getColumn("stockCode").toArray() as string[]);
  const atRisk = flag(audit.stock.atRisk), clearance = flag(audit.stock.clearance);
  const codes = stock.getColumn("stockCode").toArray() as string[];
  return stock
    .join(audit.performance.select(...extra), { on: "stockCode", how: "left" })
    .withColumns(pl.Series("atRisk", codes.map((c) => atRisk.has(c)), pl.Bool), pl.Series("clearance", codes.map((c) => clearance.has(c)), pl.Bool));
}
