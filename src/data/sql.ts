/** SQL over loaded tables, through polars' SQL context (for analysts who explore in SQL first). */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";

/**
 * Runs a SQL query over the named tables, e.g.
 * `sql("SELECT country, SUM(amount) AS revenue FROM sales GROUP BY country", { sales })`.
 */
export function sql(query: string, tables: Record<string, DataFrame>): DataFrame {
  try {
    return pl.SQLContext(tables).execute(query, { eager: true });
  } catch (e) {
    const names = Object.keys(tables).join(", ");
    throw new UserError(`SQL query failed: ${(e as Error).message.split("\n")[0]} (tables: ${names}).`);
  }
}
