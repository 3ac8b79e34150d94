/**
 * The planted constants of the synthetic dataset generator: archetypes, product classes,
 * categories, dirt rates, calendar shapes. Everything the generator plants is declared here, so
 * the manifest and the docs can quote it and tests can check against it.
 */

/** Customer archetypes, in the order used for their numeric codes. */
export const ARCHETYPES = ["champion", "loyal", "at_risk", "new", "hibernating", "never_ordered"] as const;
/** One customer archetype. */
export type Archetype = (typeof ARCHETYPES)[number];

/** How one archetype orders (see `ARCHETYPE_PLANS`). */
export interface ArchetypePlan {
  /** Share of all customers. */
  share: number;
  /** One-line description for the manifest. */
  description: string;
  /**
   * Median planted order rate while active, orders per year (per-customer rate is log-normal
   * around it with sigma `rateSigma`); 0 when the number of orders is drawn by `repeatProbability`.
   */
  ordersPerYear: number;
  rateSigma: number;
  /** Minimum number of orders (rate archetypes). */
  minOrders: number;
  /**
   * Count archetypes: after each order, another one follows with this probability, up to
   * `maxOrders` (so P(at least 2 orders) = repeatProbability). Rate archetypes: 1.
   */
  repeatProbability: number;
  maxOrders: number;
  /** Median basket size relative to the dataset's basket scale (per customer log-normal, sigma 0.25). */
  basketMultiplier: number;
}

/**
 * The planted archetypes. Activity windows (D = days in the window, day 0 = start):
 * - champion, loyal: active over the whole window; orders spread over it in regular-ish slices
 *   (so recency is at most about one gap: ~2 weeks for champions, ~6 weeks for loyal customers);
 * - at_risk: active from day 0 to a stop day between 0.6 D and 0.3 D before the end; none after;
 * - new: signed up in the last min(75, D/4) days (at least 3 days before the end), orders after that;
 * - hibernating: 1 to 3 orders in the first 30% of the window;
 * - never_ordered: signed up (any time up to the end) and never ordered.
 */
export const ARCHETYPE_PLANS: Record<Archetype, ArchetypePlan> = {
  champion: {
    share: 0.1,
    description: "recent, frequent, high spend: orders all through the window, big baskets",
    ordersPerYear: 24, rateSigma: 0.2, minOrders: 5, repeatProbability: 1, maxOrders: Infinity, basketMultiplier: 2.0,
  },
  loyal: {
    share: 0.2,
    description: "steady regulars: orders all through the window, medium baskets",
    ordersPerYear: 8, rateSigma: 0.2, minOrders: 3, repeatProbability: 1, maxOrders: Infinity, basketMultiplier: 1.0,
  },
  at_risk: {
    share: 0.15,
    description: "used to buy often, stopped 30-60% of the window before its end",
    ordersPerYear: 14, rateSigma: 0.2, minOrders: 3, repeatProbability: 1, maxOrders: Infinity, basketMultiplier: 1.2,
  },
  new: {
    share: 0.15,
    description: "signed up in the last 75 days (or last quarter of a short window); 1-4 orders since",
    ordersPerYear: 0, rateSigma: 0, minOrders: 1, repeatProbability: 0.4, maxOrders: 4, basketMultiplier: 0.8,
  },
  hibernating: {
    share: 0.25,
    description: "1-3 small orders in the first 30% of the window, nothing since",
    ordersPerYear: 0, rateSigma: 0, minOrders: 1, repeatProbability: 0.25, maxOrders: 3, basketMultiplier: 0.6,
  },
  never_ordered: {
    share: 0.15,
    description: "signed up, never ordered",
    ordersPerYear: 0, rateSigma: 0, minOrders: 0, repeatProbability: 0, maxOrders: 0, basketMultiplier: 0,
  },
};

/** Product performance classes, in the order used for their numeric codes. */
export const PRODUCT_CLASSES = ["star", "steady", "underperformer", "slow_mover"] as const;
/** One product performance class. */
export type ProductClass = (typeof PRODUCT_CLASSES)[number];

/** How one product class is drawn. */
export interface ProductClassPlan {
  share: number;
  description: string;
  /** Median relative demand (lines per day before scaling) and its log-normal sigma. */
  demandMedian: number;
  demandSigma: number;
  /** Uniform range of `trendPerYear` (demand multiplies by 1 + trendPerYear per year). */
  trend: [number, number];
  /** Uniform range of unitCost / price. */
  costRatio: [number, number];
  /** Share of the class planted with a stock level that runs out soon (cover 1-10 days). */
  understockedShare: number;
  /** Share of the class planted with far too much stock (cover 400-1500 days). */
  overstockedShare: number;
}

/** The planted product classes. */
export const PRODUCT_CLASS_PLANS: Record<ProductClass, ProductClassPlan> = {
  star: {
    share: 0.08, description: "top sellers, growing, good margin",
    demandMedian: 12, demandSigma: 0.4, trend: [0.15, 0.45], costRatio: [0.35, 0.5],
    understockedShare: 0.35, overstockedShare: 0,
  },
  steady: {
    share: 0.45, description: "the bulk of the range: medium demand, flat trend",
    demandMedian: 3, demandSigma: 0.6, trend: [-0.08, 0.08], costRatio: [0.45, 0.6],
    understockedShare: 0, overstockedShare: 0,
  },
  underperformer: {
    share: 0.15, description: "decent volume but declining fast, thin margin",
    demandMedian: 4, demandSigma: 0.5, trend: [-0.45, -0.25], costRatio: [0.72, 0.9],
    understockedShare: 0, overstockedShare: 0,
  },
  slow_mover: {
    share: 0.32, description: "rarely sold, flat",
    demandMedian: 0.12, demandSigma: 0.6, trend: [-0.05, 0.05], costRatio: [0.4, 0.6],
    understockedShare: 0, overstockedShare: 0.45,
  },
};

/** Days of cover below which a product counts as understocked (it runs out within a 14-day lead time). */
export const UNDERSTOCKED_BELOW_DAYS = 14;
/** Days of cover above which a product counts as overstocked. */
export const OVERSTOCKED_ABOVE_DAYS = 365;

/** A product category: price level and yearly seasonality. */
export interface CategoryPlan {
  name: string;
  share: number;
  priceMedian: number;
  priceSigma: number;
  /** Median yearly amplitude (per product x U(0.7, 1.3), at most 0.95) and day of year of the peak. */
  yearlyAmplitude: number;
  peakDay: number;
  items: string[];
}

/** The categories of the catalogue. Q4 peaks dominate; garden and party items peak in summer. */
export const CATEGORIES: CategoryPlan[] = [
  { name: "Christmas", share: 0.12, priceMedian: 1.65, priceSigma: 0.5, yearlyAmplitude: 0.9, peakDay: 318,
    items: ["BAUBLE", "STAR ORNAMENT", "ADVENT CALENDAR", "TREE DECORATION", "WREATH", "STOCKING", "GARLAND", "CRACKERS", "SNOW GLOBE", "ANGEL"] },
  { name: "Home Decor", share: 0.18, priceMedian: 3.5, priceSigma: 0.6, yearlyAmplitude: 0.3, peakDay: 310,
    items: ["HANGING HEART", "PHOTO FRAME", "WALL SIGN", "DOORSTOP", "CUSHION COVER", "MIRROR", "CLOCK", "VASE", "COAT HANGER", "DOOR MAT"] },
  { name: "Kitchen", share: 0.15, priceMedian: 2.95, priceSigma: 0.6, yearlyAmplitude: 0.25, peakDay: 310,
    items: ["CAKE STAND", "MUG", "TEA TOWEL", "LUNCH BOX", "BAKING SET", "JAM JAR", "TEAPOT", "CAKE CASES", "APRON", "BREAD BIN"] },
  { name: "Garden", share: 0.08, priceMedian: 4.95, priceSigma: 0.6, yearlyAmplitude: 0.6, peakDay: 152,
    items: ["PLANT POT", "BIRD FEEDER", "WATERING CAN", "GARDEN MARKER", "PICNIC BASKET", "WIND CHIME", "PARASOL", "HERB POT"] },
  { name: "Stationery", share: 0.12, priceMedian: 0.85, priceSigma: 0.5, yearlyAmplitude: 0.2, peakDay: 245,
    items: ["NOTEBOOK", "PENCIL SET", "GREETING CARD", "WRAPPING PAPER", "STICKER SHEET", "MEMO PAD", "GIFT TAG", "ERASER"] },
  { name: "Toys", share: 0.08, priceMedian: 2.1, priceSigma: 0.6, yearlyAmplitude: 0.5, peakDay: 322,
    items: ["SPACEBOY", "DOLLY GIRL", "JIGSAW", "SKIPPING ROPE", "TOY CAR", "PLAYING CARDS", "SOFT TOY", "SPINNING TOP"] },
  { name: "Bags", share: 0.09, priceMedian: 2.08, priceSigma: 0.4, yearlyAmplitude: 0.2, peakDay: 290,
    items: ["JUMBO BAG", "SHOPPER", "LUNCH BAG", "TOTE BAG", "CHARLOTTE BAG", "WASH BAG"] },
  { name: "Lighting", share: 0.07, priceMedian: 3.75, priceSigma: 0.5, yearlyAmplitude: 0.4, peakDay: 315,
    items: ["T-LIGHT HOLDER", "LANTERN", "FAIRY LIGHTS", "CANDLE", "NIGHT LIGHT", "LAMP"] },
  { name: "Party", share: 0.05, priceMedian: 0.65, priceSigma: 0.5, yearlyAmplitude: 0.3, peakDay: 170,
    items: ["PAPER PLATES", "BUNTING", "BALLOONS", "PARTY CUPS", "NAPKINS", "STRAWS"] },
  { name: "Gifts", share: 0.06, priceMedian: 4.25, priceSigma: 0.6, yearlyAmplitude: 0.5, peakDay: 318,
    items: ["GIFT BOX", "KEYRING", "TRINKET BOX", "JEWELLERY STAND", "MONEY BOX", "PURSE"] },
];

/** Words placed before the item name in product descriptions. */
export const DESCRIPTION_STYLES = [
  "WHITE", "RED", "PINK", "BLUE", "GREEN", "IVORY", "CREAM", "BLACK", "SILVER", "GOLD", "VINTAGE", "RETRO",
  "SCANDINAVIAN", "FRENCH", "RUSTIC", "ZINC", "WOODEN", "GLASS", "ENAMEL", "PAPER",
];
/** Motifs placed between style and item. */
export const DESCRIPTION_MOTIFS = [
  "RETROSPOT", "POLKADOT", "PAISLEY", "STRIPE", "HEART", "BIRD", "FLORAL", "REGENCY", "SKULL", "UNION JACK",
  "OWL", "ROSE", "STAR", "SPOTTY", "CHERRY", "LOVE", "ALPHABET", "DOILY", "GINGHAM", "WOODLAND",
];

/** Countries of customers with UCI-like weights (the shop is British). */
export const CUSTOMER_COUNTRIES: Array<[string, number]> = [
  ["United Kingdom", 0.885], ["Germany", 0.022], ["France", 0.020], ["EIRE", 0.008], ["Spain", 0.007],
  ["Belgium", 0.006], ["Switzerland", 0.005], ["Portugal", 0.005], ["Italy", 0.004], ["Finland", 0.003],
  ["Austria", 0.0025], ["Norway", 0.0025], ["Netherlands", 0.003], ["Australia", 0.002], ["Sweden", 0.002],
  ["Denmark", 0.002], ["Japan", 0.002], ["Poland", 0.0015], ["Channel Islands", 0.002], ["Cyprus", 0.002],
  ["USA", 0.001], ["Canada", 0.001],
];
/** The shop's home country (anonymous shop-floor lines, adjustments). */
export const HOME_COUNTRY = "United Kingdom";
/** Share of anonymous invoices from the home country; the rest follow `CUSTOMER_COUNTRIES`. */
export const ANONYMOUS_HOME_SHARE = 0.9;

/**
 * Weekly profile, Monday..Sunday: expected demand of the weekday relative to the mean day
 * (mean over the 7 days = 1). Saturday is closed, as in the UCI shop.
 */
export const WEEKLY_PROFILE = [1.23, 1.31, 1.22, 1.33, 1.06, 0, 0.85];
/** Fixed closed dates (month-day) on top of Saturdays. */
export const CLOSED_DATES = ["12-25", "12-26", "01-01"];
/** Relative number of invoices by hour of day (UCI shop, 7:00-20:59). */
export const HOUR_WEIGHTS: Array<[number, number]> = [
  [7, 379], [8, 8800], [9, 33701], [10, 47822], [11, 56139], [12, 77120], [13, 71001], [14, 65937],
  [15, 76246], [16, 53369], [17, 27563], [18, 7709], [19, 3515], [20, 802],
];

/** Non-product stock codes the generator writes (all in the cleaning module's list). */
export const NON_PRODUCT_LINES = {
  POST: "POSTAGE",
  C2: "CARRIAGE",
  DOT: "DOTCOM POSTAGE",
  M: "Manual",
  "BANK CHARGES": "Bank Charges",
} as const;
/** One non-product stock code. */
export type NonProductCode = keyof typeof NON_PRODUCT_LINES;
/** Category written in products.csv for non-product codes. */
export const NON_PRODUCT_CATEGORY = "Non-product";

/**
 * Planted dirt and mixing rates. Rates "of rows" are exact counts (rounded); per-invoice rates
 * are probabilities, so their realised share varies with basket size.
 */
export const RATES = {
  /** Share of product sale lines on anonymous invoices (customerId empty). */
  anonymousLineShare: 0.225,
  /** Exact duplicate rows (extra copies of sale lines, same invoice), share of rows. */
  duplicateRows: 0.01,
  /** Stock adjustments: own invoice, quantity < 0, price 0, no description, no customer; share of rows. */
  adjustmentRows: 0.0025,
  /** Lines with unitPrice 0 and quantity > 0, share of rows. */
  zeroPriceRows: 0.002,
  /** Of those, the share that sit on a registered customer's invoice (the rest: own anonymous invoice). */
  zeroPriceOnCustomerInvoice: 0.25,
  /** Probability that a registered customer's invoice is (partly) returned by a later "C" invoice. */
  cancelInvoice: 0.08,
  /** Of a returned invoice, probability that each further product line is returned too (at least one is). */
  cancelLine: 0.1,
  /** Days between a sale and its return: uniform 1..28, moved to the next open day. */
  cancelMaxDays: 28,
  /** Registered invoices from abroad carry a POST line (EIRE: C2) with this probability. */
  postage: 0.4,
  /** Anonymous invoices carry a DOT (dotcom postage) line with this probability. */
  dotcomPostage: 0.2,
  /** Any sale invoice carries a manual ("M") line with this probability. */
  manual: 0.004,
  /** Registered invoices carry a BANK CHARGES line with this probability. */
  bankCharges: 0.001,
  /** Share of products whose description is written with a stray space in transactions. */
  strayDescriptionSpace: 0.03,
  /** Customer profiles with an empty age / gender. */
  missingAge: 0.03,
  missingGender: 0.02,
  /** Mean product lines of an anonymous invoice, as a multiple of the basket scale (registered baskets before archetype multipliers). */
  anonymousBasketFactor: 2.5,
} as const;
