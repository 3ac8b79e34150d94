/**
 * The synthetic product catalogue: codes, descriptions, categories, prices, costs, pack sizes,
 * planted demand (class, base level, trend, yearly seasonality) and planted stock situation.
 */
import { sampleIndices, type Rng } from "../util/index";
import type { WindowCalendar } from "./calendar";
import {
  CATEGORIES, DESCRIPTION_MOTIFS, DESCRIPTION_STYLES, NON_PRODUCT_LINES, OVERSTOCKED_ABOVE_DAYS,
  PRODUCT_CLASSES, PRODUCT_CLASS_PLANS, RATES, UNDERSTOCKED_BELOW_DAYS, type NonProductCode,
} from "./params";
import { apportion, logNormal, shuffleInPlace, uniform, uniformInt, weightedIndex } from "./sampling";

/** Internal columnar plan of the catalogue; indices 0..n-1 are products, then the non-product codes. */
export interface ProductPlan {
  /** Number of real products. */
  n: number;
  /** Stock code per index (products, then `nonProductCodes`). */
  code: string[];
  /** Clean description per index. */
  description: string[];
  /** Description as written on transaction lines (a few carry a stray space). */
  lineDescription: string[];
  category: string[];
  /** Index into PRODUCT_CLASSES, per product. */
  productClass: Uint8Array;
  /** Relative demand (lines per day before scaling). */
  weight: Float64Array;
  trendPerYear: Float64Array;
  /** ln(1 + trendPerYear). */
  logTrend: Float64Array;
  yearlyAmplitude: Float64Array;
  yearlyPeakDay: Int32Array;
  price: Float64Array;
  /** Price as written in CSV. */
  priceText: string[];
  unitCost: Float64Array;
  packSize: Int32Array;
  /** Quantity of a line = packSize * (1 + Poisson(extraPacks)). */
  extraPacks: Float64Array;
  meanQuantity: Float64Array;
  /** Planted days of cover (before rounding the stock level to whole units). */
  plannedCover: Float64Array;
  /** Non-product codes, at indices n.. of `code`. */
  nonProductCodes: NonProductCode[];
}

/** Price formatting used everywhere in the files: at most 2 decimals, no trailing zeros ("2.5", "15"). */
export function priceText(p: number): string {
  return String(Math.round(p * 100) / 100);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

const PACKS_BY_PRICE: Array<{ below: number; packs: number[]; weights: number[] }> = [
  { below: 1, packs: [6, 12, 24, 48], weights: [0.2, 0.4, 0.3, 0.1] },
  { below: 3, packs: [1, 2, 4, 6, 12], weights: [0.2, 0.1, 0.1, 0.3, 0.3] },
  { below: 8, packs: [1, 2, 4, 6], weights: [0.5, 0.2, 0.1, 0.2] },
  { below: Infinity, packs: [1, 2], weights: [0.8, 0.2] },
];

/** Draw the catalogue of `n` products. */
export function planProducts(rng: Rng, n: number): ProductPlan {
  const productClass = new Uint8Array(n);
  const classOrder = shuffleInPlace(rng, apportion(n, PRODUCT_CLASSES.map((c) => PRODUCT_CLASS_PLANS[c].share))
    .flatMap((count, k) => new Array<number>(count).fill(k)));
  classOrder.forEach((k, i) => (productClass[i] = k));
  const categoryIndex = shuffleInPlace(rng, apportion(n, CATEGORIES.map((c) => c.share))
    .flatMap((count, k) => new Array<number>(count).fill(k)));

  // Stock codes: distinct 5-digit numbers (6 digits for very large catalogues), ~15% with a letter suffix.
  const sixDigits = n > 30_000;
  const base = sixDigits ? 100_000 : 10_000;
  const numbers = sampleIndices(sixDigits ? 900_000 : 90_000, n, rng);
  const code: string[] = numbers.map((k) => String(base + k) + (rng() < 0.15 ? "ABCDEFG"[Math.floor(rng() * 7)] : ""));

  const description: string[] = new Array(n);
  const lineDescription: string[] = new Array(n);
  const category: string[] = new Array(n);
  const seen = new Set<string>();
  const weight = new Float64Array(n);
  const trendPerYear = new Float64Array(n);
  const logTrend = new Float64Array(n);
  const yearlyAmplitude = new Float64Array(n);
  const yearlyPeakDay = new Int32Array(n);
  const price = new Float64Array(n);
  const priceTexts: string[] = new Array(n);
  const unitCost = new Float64Array(n);
  const packSize = new Int32Array(n);
  const extraPacks = new Float64Array(n);
  const meanQuantity = new Float64Array(n);
  const plannedCover = new Float64Array(n);

  for (let i = 0; i < n; i++) {
    const cat = CATEGORIES[categoryIndex[i]];
    const cls = PRODUCT_CLASS_PLANS[PRODUCT_CLASSES[productClass[i]]];
    category[i] = cat.name;
    let d = "";
    for (let attempt = 0; attempt < 50; attempt++) {
      const style = DESCRIPTION_STYLES[Math.floor(rng() * DESCRIPTION_STYLES.length)];
      const motif = DESCRIPTION_MOTIFS[Math.floor(rng() * DESCRIPTION_MOTIFS.length)];
      const item = cat.items[Math.floor(rng() * cat.items.length)];
      d = rng() < 0.3 ? `${style} ${item}` : `${style} ${motif} ${item}`;
      if (!seen.has(d)) break;
    }
    for (let k = 2; seen.has(d); k++) if (!seen.has(`${d} ${k}`)) d = `${d} ${k}`;
    seen.add(d);
    description[i] = d;
    if (rng() < RATES.strayDescriptionSpace) {
      lineDescription[i] = rng() < 0.5 ? `${d} ` : d.replace(" ", "  ");
    } else lineDescription[i] = d;

    let p = Math.max(0.1, Math.round(logNormal(rng, cat.priceMedian, cat.priceSigma) * 20) / 20);
    if (p >= 1 && rng() < 0.25) p = round2(p - 0.01);
    price[i] = p;
    priceTexts[i] = priceText(p);
    unitCost[i] = Math.max(0.01, round2(p * uniform(rng, cls.costRatio[0], cls.costRatio[1])));
    const packs = PACKS_BY_PRICE.find((b) => p < b.below)!;
    packSize[i] = packs.packs[weightedIndex(rng, packs.weights)];
    extraPacks[i] = uniform(rng, 0.2, 2);
    meanQuantity[i] = packSize[i] * (1 + extraPacks[i]);

    weight[i] = logNormal(rng, cls.demandMedian, cls.demandSigma);
    trendPerYear[i] = Math.round(uniform(rng, cls.trend[0], cls.trend[1]) * 1e4) / 1e4;
    logTrend[i] = Math.log(1 + trendPerYear[i]);
    yearlyAmplitude[i] = Math.round(Math.min(0.95, cat.yearlyAmplitude * uniform(rng, 0.7, 1.3)) * 1e4) / 1e4;
    yearlyPeakDay[i] = cat.peakDay + uniformInt(rng, -10, 10);

    const u = rng();
    plannedCover[i] = u < cls.understockedShare ? uniform(rng, 1, 10)
      : u < cls.understockedShare + cls.overstockedShare ? uniform(rng, 400, 1500)
      : uniform(rng, 20, 90);
  }
  const nonProductCodes = Object.keys(NON_PRODUCT_LINES) as NonProductCode[];
  for (const c of nonProductCodes) {
    code.push(c);
    description.push(NON_PRODUCT_LINES[c]);
    lineDescription.push(NON_PRODUCT_LINES[c]);
    category.push("Non-product");
  }
  return {
    n, code, description, lineDescription, category, productClass, weight, trendPerYear, logTrend,
    yearlyAmplitude, yearlyPeakDay, price, priceText: priceTexts, unitCost, packSize, extraPacks, meanQuantity,
    plannedCover, nonProductCodes,
  };
}

/**
 * Demand factor of product `i` on day offset `t` (day of year `doy`), relative to its base level:
 * trend (1 + trendPerYear)^(t / 365.25) times yearly seasonality
 * 1 + yearlyAmplitude * cos(2 pi (doy - yearlyPeakDay) / 365.25). The weekly profile comes on top.
 */
export function productDayFactor(p: ProductPlan, i: number, t: number, doy: number): number {
  return Math.exp(p.logTrend[i] * (t / 365.25))
    * (1 + p.yearlyAmplitude[i] * Math.cos((2 * Math.PI * (doy - p.yearlyPeakDay[i])) / 365.25));
}

/** Relative product weights of one day (demand shares of that day, before the weekly factor). */
export function productDayWeights(p: ProductPlan, cal: WindowCalendar, t: number, out: Float64Array): Float64Array {
  const doy = cal.dayOfYear[Math.min(t, cal.days - 1)];
  for (let i = 0; i < p.n; i++) out[i] = p.weight[i] * productDayFactor(p, i, t, doy);
  return out;
}

/** Planted truth per product, once the demand scale (lines per unit of weight) is known. */
export interface ProductTruth {
  baseDailyUnits: Float64Array;
  currentDailyUnits: Float64Array;
  stockLevel: Float64Array;
  daysOfCover: Float64Array;
  stockSituation: string[];
}

/**
 * Base and current demand, stock level and stock situation of every product, given the scale
 * that turns relative weights into expected sale lines per day. "Current" is the expected daily
 * units on the day after the window (trend and yearly season of that day, weekly average).
 */
export function productTruth(p: ProductPlan, cal: WindowCalendar, linesPerWeight: number, nextDayOfYear: number): ProductTruth {
  const baseDailyUnits = new Float64Array(p.n);
  const currentDailyUnits = new Float64Array(p.n);
  const stockLevel = new Float64Array(p.n);
  const daysOfCover = new Float64Array(p.n);
  const stockSituation: string[] = new Array(p.n);
  for (let i = 0; i < p.n; i++) {
    baseDailyUnits[i] = p.weight[i] * linesPerWeight * p.meanQuantity[i];
    currentDailyUnits[i] = baseDailyUnits[i] * productDayFactor(p, i, cal.days, nextDayOfYear);
    const planned = p.plannedCover[i] * currentDailyUnits[i];
    stockLevel[i] = p.plannedCover[i] < UNDERSTOCKED_BELOW_DAYS ? Math.floor(planned) : Math.max(1, Math.round(planned));
    daysOfCover[i] = stockLevel[i] / currentDailyUnits[i];
    stockSituation[i] = daysOfCover[i] < UNDERSTOCKED_BELOW_DAYS ? "understocked"
      : daysOfCover[i] > OVERSTOCKED_ABOVE_DAYS ? "overstocked" : "normal";
  }
  return { baseDailyUnits, currentDailyUnits, stockLevel, daysOfCover, stockSituation };
}
