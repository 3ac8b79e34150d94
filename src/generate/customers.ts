/**
 * Synthetic customers: profiles (signup, age, gender, country) and the planted archetype of
 * each, with its activity window and number of orders.
 */
import { normal, poisson, type Rng } from "../util/index";
import { ARCHETYPES, ARCHETYPE_PLANS, CUSTOMER_COUNTRIES, RATES, type Archetype } from "./params";
import { apportion, logNormal, shuffleInPlace, uniform, uniformInt, weightedIndex } from "./sampling";

/** Internal columnar plan of the customers. Day fields are offsets from the window start. */
export interface CustomerPlan {
  count: number;
  id: string[];
  /** Index into ARCHETYPES. */
  archetype: Uint8Array;
  /** Index into CUSTOMER_COUNTRIES. */
  country: Int16Array;
  /** Signup day offset (negative: before the window). */
  signup: Int32Array;
  /** Age in years, -1 when missing. */
  age: Int16Array;
  /** 0 = F, 1 = M, 2 = missing. */
  gender: Uint8Array;
  /** Planted order rate while active (see `truth_customers.csv` docs). */
  ordersPerYear: Float64Array;
  /** Number of sale invoices planted. */
  orders: Int32Array;
  /** Activity window (inclusive day offsets); -1 for customers who never order. */
  activeFrom: Int32Array;
  activeTo: Int32Array;
  /** Basket size relative to the dataset's basket scale. */
  basketMultiplier: Float64Array;
}

/** Expected number of orders of a count archetype: 1 + q + ... + q^(max-1). */
function expectedCount(q: number, max: number): number {
  let s = 0;
  for (let k = 0; k < max; k++) s += q ** k;
  return s;
}

/** Draw `count` customers for a window of `days` days. */
export function planCustomers(rng: Rng, count: number, days: number): CustomerPlan {
  const archetype = new Uint8Array(count);
  shuffleInPlace(rng, apportion(count, ARCHETYPES.map((a) => ARCHETYPE_PLANS[a].share))
    .flatMap((n, k) => new Array<number>(n).fill(k))).forEach((k, i) => (archetype[i] = k));
  const id: string[] = new Array(count);
  const country = new Int16Array(count);
  const signup = new Int32Array(count);
  const age = new Int16Array(count);
  const gender = new Uint8Array(count);
  const ordersPerYear = new Float64Array(count);
  const orders = new Int32Array(count);
  const activeFrom = new Int32Array(count);
  const activeTo = new Int32Array(count);
  const basketMultiplier = new Float64Array(count);
  const countryWeights = CUSTOMER_COUNTRIES.map(([, w]) => w);
  const end = days - 1;
  const years = days / 365.25;

  for (let i = 0; i < count; i++) {
    id[i] = String(12346 + i);
    country[i] = weightedIndex(rng, countryWeights);
    gender[i] = rng() < RATES.missingGender ? 2 : rng() < 0.55 ? 0 : 1;
    age[i] = rng() < RATES.missingAge ? -1 : Math.round(Math.min(85, Math.max(18, 42 + 13 * normal(rng))));
    const name: Archetype = ARCHETYPES[archetype[i]];
    const plan = ARCHETYPE_PLANS[name];
    let from = 0;
    let to = end;
    let n = 0;
    let rate = 0;
    switch (name) {
      case "champion":
      case "loyal":
        rate = logNormal(rng, plan.ordersPerYear, plan.rateSigma);
        n = Math.max(plan.minOrders, poisson(rng, rate * years));
        signup[i] = -uniformInt(rng, 1, 1460);
        break;
      case "at_risk":
        rate = logNormal(rng, plan.ordersPerYear, plan.rateSigma);
        to = end - Math.floor(uniform(rng, 0.3, 0.6) * days);
        n = Math.max(plan.minOrders, poisson(rng, (rate * (to + 1)) / 365.25));
        signup[i] = -uniformInt(rng, 1, 1460);
        break;
      case "new": {
        const recent = Math.max(3, Math.min(75, Math.floor(days / 4)));
        from = end - uniformInt(rng, 3, recent);
        signup[i] = from;
        break;
      }
      case "hibernating":
        to = Math.max(2, Math.floor(0.3 * days) - 1);
        signup[i] = -uniformInt(rng, 1, 730);
        break;
      case "never_ordered":
        from = -1;
        to = -1;
        signup[i] = uniformInt(rng, -365, end);
        break;
    }
    if (name === "new" || name === "hibernating") {
      n = 1;
      while (n < plan.maxOrders && rng() < plan.repeatProbability) n++;
      rate = expectedCount(plan.repeatProbability, plan.maxOrders) / ((to - from + 1) / 365.25);
    }
    ordersPerYear[i] = rate;
    orders[i] = n;
    activeFrom[i] = from;
    activeTo[i] = to;
    basketMultiplier[i] = n > 0 ? plan.basketMultiplier * logNormal(rng, 1, 0.25) : 0;
  }
  return { count, id, archetype, country, signup, age, gender, ordersPerYear, orders, activeFrom, activeTo, basketMultiplier };
}
