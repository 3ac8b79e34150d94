/** The one rule that names a product: which of its descriptions a table shows. */
import type { DataFrame } from "nodejs-polars";
import { mostFrequentBy } from "../util/index";

/**
 * Each stock code's description: the description on most of its lines in `lines` (a sales or
 * purchase-lines table), ties broken by the description's text (code-point order), null when no
 * line has one. Columns `stockCode`, `description`, sorted by stock code. Examples: a code on 3
 * lines as "RED MUG" and 1 as "MUG, RED" -> "RED MUG"; on 2 lines as "PINK ACRYLIC JEWEL SNOWFLAKE"
 * and 2 as "ACRYLIC JEWEL SNOWFLAKE,PINK" -> "ACRYLIC JEWEL SNOWFLAKE,PINK" ("A" sorts before "P").
 * Every table and chart that names a product takes its name from here.
 */
export function productDescriptions(lines: DataFrame): DataFrame {
  return mostFrequentBy(lines, "stockCode", "description");
}
