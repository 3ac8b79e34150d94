/**
 * Customer profile columns as groups: demographic bands (age band, income band, marital
 * status...) joined onto any per-customer table, so that segment mixes can be read by band:
 * `segmentMix(withProfile(rfm, customers, ["age"]), "age")`.
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { dtypeOf } from "./describe";

/** The group of customers without a profile row, or with an empty value in the column. */
export const UNKNOWN_GROUP = "unknown";

/**
 * The columns of a customers table that can serve as groups: 2 to `maxGroups` distinct
 * non-empty values, not the key, not a date. A banded age (`65+`, `25-34`) qualifies; an age in
 * years with 50 distinct values does not. `demographicColumns(pl.DataFrame({ customerId: ["1", "2"], age: ["65+", "19-24"] }))` is `["age"]`.
 */
export function demographicColumns(customers: DataFrame, maxGroups = 20): string[] {
  return customers.columns.filter((c) => {
    if (c === "customerId") return false;
    const s = customers.getColumn(c);
    if (dtypeOf(s) === "Date" || dtypeOf(s) === "Datetime") return false;
    const n = s.dropNulls().nUnique();
    return n >= 2 && n <= maxGroups;
  });
}

/**
 * `table` (one row per customer, with `customerId`) with the given profile columns joined on,
 * as text; customers without a profile row or with an empty value get "unknown". Row order of
 * `table` is kept. Refuses a column the customers table does not have.
 */
export function withProfile(table: DataFrame, customers: DataFrame, columns: string[]): DataFrame {
  const missing = columns.filter((c) => !customers.columns.includes(c));
  if (missing.length) throw new UserError(`The customers table has no column ${missing.map((c) => `"${c}"`).join(", ")} (its columns: ${customers.columns.join(", ")}).`);
  const clash = columns.filter((c) => table.columns.includes(c));
  if (clash.length) throw new UserError(`The table already has a column ${clash.map((c) => `"${c}"`).join(", ")}; rename it before joining the profile.`);
  const asText = (c: string) => {
    const col = pl.col(c);
    // whole numbers (a gender coded 0/1) read as "1", not "1.0"
    return /^Float/.test(dtypeOf(customers.getColumn(c))) ? pl.when(col.eq(col.round(0))).then(col.cast(pl.Int64).cast(pl.Utf8)).otherwise(col.cast(pl.Utf8)) : col.cast(pl.Utf8);
  };
  const profile = customers.select(pl.col("customerId"), ...columns.map((c) => asText(c).alias(c)));
  return table
    .withRowCount("__order")
    .join(profile, { on: "customerId", how: "left" })
    .sort("__order")
    .drop("__order")
    .withColumns(...columns.map((c) => pl.col(c).fillNull(UNKNOWN_GROUP)));
}
