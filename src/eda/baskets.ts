/** Baskets and returns: how big orders are, and what cancellations cost. */
import pl, { type DataFrame } from "nodejs-polars";
import { moneySum, moneyTotal } from "../util/index";

/** Per invoice: lines (distinct products), units and value. Sorted by invoice. */
export function basketSizes(sales: DataFrame): DataFrame {
  return sales
    .groupBy("invoice")
    .agg(pl.col("stockCode").nUnique().alias("products"), pl.col("quantity").sum().alias("units"), moneySum("amount").alias("value"))
    .sort("invoice");
}

/** What cancellations cost, from the cleaned tables. */
export interface ReturnsImpact {
  /** value of cancelled lines (positive number) */
  cancelledValue: number;
  /** value of purchases (the sales table) */
  salesValue: number;
  /** cancelledValue / salesValue: the share of revenue lost to cancellations */
  revenueLostShare: number;
  /** units on cancelled lines / units purchased */
  unitReturnRate: number;
  /** share of customers (with an ID) who cancelled at least once */
  customersWithReturns: number;
}

/** The share of revenue lost to cancellations and the return rates (see `ReturnsImpact`). */
export function returnsImpact(sales: DataFrame, returns: DataFrame): ReturnsImpact {
  const cancelledValue = -moneyTotal(returns, "amount");
  const salesValue = moneyTotal(sales, "amount");
  const returnedUnits = -Number(returns.getColumn("quantity").sum());
  const soldUnits = Number(sales.getColumn("quantity").sum());
  const ids = (df: DataFrame) => new Set((df.getColumn("customerId").toArray() as (string | null)[]).filter((x): x is string => x !== null));
  const buyers = ids(sales);
  const returners = [...ids(returns)].filter((id) => buyers.has(id)).length;
  return {
    cancelledValue,
    salesValue,
    revenueLostShare: cancelledValue / salesValue,
    unitReturnRate: returnedUnits / soldUnits,
    customersWithReturns: buyers.size ? returners / buyers.size : 0,
  };
}
