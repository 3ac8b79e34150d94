/**
 * SQL over loaded tables, through polars' SQL context (for analysts who explore in SQL first).
 * A query sees only the tables it is given: polars' file-reading table functions and quoted
 * paths as tables are refused before polars sees the query, and the plan is checked to scan
 * nothing but those tables. Errors name their cause: the unknown table or column, or the
 * syntax error and where it is.
 */
import pl, { type DataFrame, type LazyDataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { sqlTokens, type SqlToken } from "./sql-text";

/** The statements a query may start with: reads only. */
const QUERY_STARTS = new Set(["select", "with", "show", "("]);

/** Statements that change or read something else than the tables given: refused by name. */
const STATEMENTS = new Set([
  "alter", "attach", "copy", "create", "delete", "describe", "detach", "drop", "explain", "insert", "merge", "set", "truncate", "update", "use",
]);

/** 1-based line and column of an offset in a text. */
function lineAndColumn(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function lower(t: SqlToken | undefined): string {
  return t ? t.text.toLowerCase() : "";
}

/**
 * Refuses, from the query's text, anything that would read outside the given tables: a call of
 * a function named `read_*` or `scan_*` (polars' `read_csv`, `read_parquet`, `read_json`,
 * `read_ipc`...), any table function (a name followed by `(` after FROM or JOIN), a quoted path
 * as a table (`FROM '/etc/passwd'`), and statements other than SELECT, WITH and SHOW.
 */
export function refuseOutsideReads(query: string, tableNames: string[]): void {
  const tokens = sqlTokens(query);
  const only = `queries see only the loaded tables (${tableNames.join(", ")})`;
  if (tokens.length === 0) throw new UserError("The query is empty: write one SELECT statement.");
  const first = tokens[0];
  if (STATEMENTS.has(lower(first))) throw new UserError(`Only queries run here (SELECT, WITH, SHOW TABLES), not ${first.text.toUpperCase()} statements.`);
  if (!QUERY_STARTS.has(lower(first))) {
    const { line, column } = lineAndColumn(query, first.at);
    throw new UserError(`Syntax error near "${first.text}" (line ${line}, column ${column}): a query starts with SELECT, WITH or SHOW.`);
  }
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    const called = (t.kind === "word" || t.kind === "identifier") && next?.kind === "punct" && next.text === "(";
    if (called && /^(read|scan)_/i.test(t.text)) throw new UserError(`The query calls ${t.text}(), which reads files: ${only}.`);
    const afterFrom = ["from", "join"].includes(lower(tokens[i - 1])) && tokens[i - 1].kind === "word";
    if (afterFrom && t.kind === "string") throw new UserError(`The query reads the file '${t.text}' as a table: ${only}.`);
    if (afterFrom && called) throw new UserError(`The query uses the table function ${t.text}(): ${only}.`);
  });
}

/**
 * The second barrier, on the query's plan: in-memory tables show as `DF [...]`, a file as
 * `Csv SCAN [path]` (`Parquet SCAN`, `IPC SCAN`...); any scan is refused.
 */
export function refuseFileScans(plan: string, tableNames: string[]): void {
  const scan = /^\s*(\w+ )?SCAN \[(.*?)\]/m.exec(plan);
  if (scan) throw new UserError(`The query reads ${scan[2] || "a file"}: queries see only the loaded tables (${tableNames.join(", ")}).`);
}

/** polars' error for a query, as a sentence naming its cause (and the table, when the columns listed are one table's). */
function sqlErrorSentence(message: string, tables: Record<string, DataFrame>): string {
  const tableNames = Object.keys(tables);
  const text = message.replace(/^Error: /, "").split("\n")[0].trim();
  let m: RegExpExecArray | null;
  if ((m = /^relation '(.*)' was not found$/.exec(text)) || (m = /^table '(.*)' does not exist$/.exec(text))) {
    return `Unknown table "${m[1]}": the tables are ${tableNames.join(", ")}.`;
  }
  if ((m = /unable to find column "(.*)"; valid columns: \[(.*)\]/.exec(text))) {
    const columns = m[2].split(", ").map((c) => c.replace(/^"|"$/g, ""));
    const table = tableNames.find((t) => tables[t].columns.join("\u0000") === columns.join("\u0000"));
    return `Unknown column "${m[1]}"${table ? ` in ${table}` : ""}: the columns ${table ? "of that table" : "there"} are ${columns.join(", ")}.`;
  }
  if ((m = /^no column named '(.*)' found in table '(.*)'$/.exec(text))) return `Unknown column "${m[1]}" in ${m[2]}.`;
  if ((m = /^sql parser error: Expected: (.*), found: (.*?)(?: at Line: (\d+), Column: (\d+))?$/.exec(text))) {
    if (m[2] === "EOF") return `Syntax error at the end of the query: expected ${m[1]}.`;
    return `Syntax error near "${m[2]}"${m[3] ? ` (line ${m[3]}, column ${m[4]})` : ""}: expected ${m[1]}.`;
  }
  if ((m = /^sql parser error: (.*) at Line: (\d+), Column: (\d+)$/.exec(text))) {
    return `Syntax error at line ${m[2]}, column ${m[3]}: ${m[1].charAt(0).toLowerCase()}${m[1].slice(1)}.`;
  }
  if (/one \(and only one\) statement can be parsed at a time/.test(text)) return "Give one SQL statement at a time (no \";\" between two).";
  return `SQL query failed: ${text.replace(/\.$/, "")}.`;
}

/** The lazy result of a query, or the error polars returned in its place (0.24 returns, not throws, an Error). */
function planOf(query: string, tables: Record<string, DataFrame>): LazyDataFrame {
  const lazy = pl.SQLContext(tables).execute(query);
  const inner = (lazy as unknown as { _ldf: unknown })._ldf;
  if (inner instanceof Error) throw new UserError(sqlErrorSentence(inner.message, tables));
  return lazy;
}

/**
 * Runs a SQL query over the named tables, e.g.
 * `sql("SELECT country, SUM(amount) AS revenue FROM sales GROUP BY country", { sales })`.
 * Only the given tables are visible (see `refuseOutsideReads`); a bad query is a UserError
 * naming the unknown table or column, or the syntax error and its line and column.
 */
export function sql(query: string, tables: Record<string, DataFrame>): DataFrame {
  const names = Object.keys(tables);
  refuseOutsideReads(query, names);
  const lazy = planOf(query, tables);
  let plan: string;
  try {
    plan = lazy.describePlan();
  } catch (e) {
    throw new UserError(sqlErrorSentence((e as Error).message, tables));
  }
  refuseFileScans(plan, names);
  try {
    return lazy.collectSync();
  } catch (e) {
    throw new UserError(sqlErrorSentence((e as Error).message, tables));
  }
}
