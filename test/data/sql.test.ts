import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { refuseFileScans, sql } from "../../src/data/sql";
import { sqlTokens } from "../../src/data/sql-text";
import { tempFile } from "../helpers";

const sales = pl.DataFrame({ country: ["UK", "UK", "FR"], amount: [10, 5, 7] });
const tables = { sales };

function errorOf(query: string): string {
  try {
    sql(query, tables);
  } catch (e) {
    expect((e as Error).name).toBe("UserError");
    return (e as Error).message;
  }
  throw new Error(`no error for ${query}`);
}

describe("sql", () => {
  it("runs a query over the given tables", () => {
    const r = sql("SELECT country, SUM(amount) AS revenue FROM sales GROUP BY country ORDER BY country", tables);
    expect(r.toRecords()).toEqual([{ country: "FR", revenue: 7 }, { country: "UK", revenue: 15 }]); // UK: 10 + 5
  });

  it("names the cause of an error", () => {
    expect(errorOf("SELECT nope FROM sales")).toBe('Unknown column "nope" in sales: the columns of that table are country, amount.');
    expect(errorOf("SELECT * FROM nope")).toBe('Unknown table "nope": the tables are sales.');
    expect(errorOf("SELECT country FROM sales WHERE")).toBe("Syntax error at the end of the query: expected an expression.");
    // "SELECT country FROM sales " is 26 characters: ORDER without BY starts at column 27
    expect(errorOf("SELECT country FROM sales ORDER country")).toBe('Syntax error near "ORDER" (line 1, column 27): expected end of statement.');
    expect(errorOf("SELEC country FROM sales")).toBe('Syntax error near "SELEC" (line 1, column 1): a query starts with SELECT, WITH or SHOW.');
    expect(errorOf("\n  SELECT 'open FROM sales")).toBe("Syntax error at line 2, column 10: unterminated string literal.");
    expect(errorOf("SELECT 1; SELECT 2")).toBe('Give one SQL statement at a time (no ";" between two).');
    expect(errorOf("  -- only a comment")).toBe("The query is empty: write one SELECT statement.");
    expect(errorOf("DROP TABLE sales")).toBe("Only queries run here (SELECT, WITH, SHOW TABLES), not DROP statements.");
    expect(errorOf("SELECT CAST(country AS INT) AS n FROM sales")).toMatch(/^SQL query failed: conversion from `str` to `i32` failed in column 'country'/);
  });

  describe("sees only the loaded tables", () => {
    // a real file outside the project, with content a query must never return
    const secret = tempFile("secret.csv", "password\nhunter2\n");
    const only = "queries see only the loaded tables (sales)";
    it.each([
      ["read_csv", `SELECT * FROM read_csv('${secret}')`, "calls read_csv()"],
      ["another case and spacing", `SELECT * FROM READ_CSV ('${secret}')`, "calls READ_CSV()"],
      ["a quoted name and a comment before the bracket", `SELECT * FROM "read_csv"/* x */('${secret}')`, "calls read_csv()"],
      ["read_parquet", `SELECT * FROM read_parquet('${secret}')`, "calls read_parquet()"],
      ["read_json", `SELECT * FROM read_json('${secret}')`, "calls read_json()"],
      ["read_ipc", `SELECT * FROM read_ipc('${secret}')`, "calls read_ipc()"],
      ["scan_csv", `SELECT * FROM scan_csv('${secret}')`, "calls scan_csv()"],
      ["a quoted path as a table", `SELECT * FROM '${secret}'`, `reads the file '${secret}' as a table`],
      ["a quoted path joined", `SELECT * FROM sales JOIN '${secret}' s ON 1 = 1`, `reads the file '${secret}' as a table`],
      ["inside a CTE", `WITH s AS (SELECT * FROM read_csv('${secret}')) SELECT * FROM s`, "calls read_csv()"],
      ["inside a subquery", `SELECT * FROM sales WHERE country IN (SELECT password FROM read_csv('${secret}'))`, "calls read_csv()"],
      ["hidden after a nested comment holding a quote", `SELECT /* /* */ ' */ password FROM read_csv('${secret}') --'`, "calls read_csv()"],
      ["hidden after a dollar-quoted quote", `SELECT $$'$$ AS a FROM read_csv('${secret}')`, "calls read_csv()"],
      ["another table function", "SELECT * FROM generate_series(1, 3)", "uses the table function generate_series()"],
      ["CREATE TABLE AS", `CREATE TABLE t AS SELECT * FROM sales`, "not CREATE statements"],
    ])("%s", (_what, query, message) => {
      const m = errorOf(query);
      expect(m).toContain(message);
      if (!m.startsWith("Only")) expect(m).toContain(only);
      expect(m).not.toContain("hunter2");
    });
    it("checks the plan too: a file scan in a plan is refused", () => {
      const plan = pl.scanCSV(secret).describePlan();
      expect(plan).toMatch(/SCAN/); // the form the check looks for, as polars 0.24 prints it
      expect(() => refuseFileScans(plan, ["sales"])).toThrow(`The query reads ${secret}: ${only}.`);
      expect(() => refuseFileScans(sales.lazy().describePlan(), ["sales"])).not.toThrow();
    });
  });
});

describe("sqlTokens", () => {
  it("splits a query as polars' parser does", () => {
    const t = sqlTokens(`SELECT "a""b", 'it''s', E'x\\'y', $q$z'$q$ FROM t -- gone\n/* a /* b */ c */ WHERE n = 1.5`);
    expect(t.map((x) => [x.kind, x.text])).toEqual([
      ["word", "SELECT"], ["identifier", 'a"b'], ["punct", ","], ["string", "it's"], ["punct", ","], ["string", "x'y"], ["punct", ","],
      ["string", "z'"], ["word", "FROM"], ["word", "t"], ["word", "WHERE"], ["word", "n"], ["punct", "="], ["number", "1.5"],
    ]);
    expect(sqlTokens("SELECT 'a\\' AS x").map((x) => x.text)).toEqual(["SELECT", "a\\", "AS", "x"]); // no backslash escape in plain strings
  });
});
