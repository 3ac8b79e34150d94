/**
 * Tables and queries as sources, against a real PostgreSQL: the raw DataFrame keeps the
 * database's names and types, the loader's mapping applies to them, hostile identifiers stay
 * identifiers, and each refusal is one sentence.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { cleanTransactions } from "../../src/clean/clean";
import { toTransactions } from "../../src/data/load";
import { rfmTable } from "../../src/rfm/index";
import { disconnect } from "../../src/warehouse/connection";
import { databaseCleaningReport, databaseDataset, databaseRfm } from "../../src/warehouse/database";
import { openSource, parseTableName, readSource, type SourceSpec } from "../../src/warehouse/source";
import { HAVE_POSTGRES, query, useTestDatabase } from "./db";

describe("parseTableName", () => {
  it("folds unquoted parts to lower case and keeps quoted ones exactly", () => {
    expect(parseTableName("Sales")).toEqual(["sales"]);
    expect(parseTableName("shop.Sales")).toEqual(["shop", "sales"]);
    expect(parseTableName('"My ""odd"" table"')).toEqual(['My "odd" table']);
    expect(parseTableName('shop."a.b"')).toEqual(["shop", "a.b"]);
  });
  it("refuses what is not a name", () => {
    for (const bad of ["", "a.", ".a", '"open', "a b", "a.b.c.d"]) {
      expect(() => parseTableName(bad), bad).toThrow(`--table "${bad}" is not a table name: write name, schema.name, or "Quoted Name" (double quotes inside doubled).`);
    }
  });
});

describe.skipIf(!HAVE_POSTGRES)("sources in a real PostgreSQL", () => {
  const db = useTestDatabase();
  const spec = (s: Partial<SourceSpec>): SourceSpec => ({ url: db.url, ...s });
  const where = () => db.url.replace(/:[^:@/]*@/, "@");

  beforeAll(async () => {
    // the session time zone reads timestamptz: New York is UTC-5 in December
    await query(db.url, `ALTER DATABASE ${new URL(db.url).pathname.slice(1)} SET TimeZone = 'America/New_York'`);
    await query(db.url, `CREATE TABLE typed (
      t text, v varchar(10), ch char(3), i integer, b bigint, n numeric(10, 3), f double precision,
      ts timestamp(3), tz timestamptz, d date, flag boolean, j jsonb)`);
    await query(db.url, `INSERT INTO typed VALUES
      ('a', 'x', 'ab', 1, 1234567890123, 2.550, 0.1, '2010-12-01 08:26:00.123', '2010-12-01 08:26:00+01', '2010-12-01', true, '{"a":1}'),
      ('', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
      (E'two\\nlines, "quoted"', '', 'c', -7, 0, -0.005, 'NaN', '1969-12-31 23:59:59.999', '2011-06-01 00:00:00+00', '2011-06-01', false, '[]')`);
  });

  it("reads each type as its polars twin: text as Utf8, integers as Int64, numeric and float as Float64, timestamps as Datetime(ms)", async () => {
    const s = await openSource(spec({ table: "typed" }));
    const { df, file } = await readSource(s).finally(() => disconnect(s.db));
    expect(file).toBe(`${where()} table "typed"`);
    expect(df.columns).toEqual(["t", "v", "ch", "i", "b", "n", "f", "ts", "tz", "d", "flag", "j"]);
    expect(df.dtypes.map(String)).toEqual([
      "DataType(String)", "DataType(String)", "DataType(String)", "DataType(Int64)", "DataType(Int64)", "DataType(Float64)", "DataType(Float64)",
      "DataType(Datetime(ms,))", "DataType(Datetime(ms,))", "DataType(Datetime(ms,))", "DataType(Bool)", "DataType(String)",
    ]);
    const rows = df.toRecords();
    expect(rows[0]).toEqual({
      t: "a", v: "x", ch: "ab", i: 1, b: 1234567890123, n: 2.55, f: 0.1,
      ts: new Date("2010-12-01T08:26:00.123Z"),
      tz: new Date("2010-12-01T02:26:00.000Z"), // 08:26 at +01 is 07:26 UTC, 02:26 in New York
      d: new Date("2010-12-01T00:00:00.000Z"), flag: true, j: '{"a": 1}',
    });
    // an empty text stays empty; NULL stays null
    expect(rows[1]).toEqual({ t: "", v: null, ch: null, i: null, b: null, n: null, f: null, ts: null, tz: null, d: null, flag: null, j: null });
    expect(rows[2].t).toBe('two\nlines, "quoted"');
    expect(rows[2].v).toBe("");
    expect(rows[2].n).toBe(-0.005);
    expect(Number.isNaN(rows[2].f)).toBe(true);
    expect(rows[2].ts).toEqual(new Date("1969-12-31T23:59:59.999Z"));
  });

  describe("the loader on typed columns (the in-memory database path)", () => {
    beforeAll(async () => {
      await query(db.url, `CREATE TABLE typed_lines (invoice_no text, stock_code text, quantity integer, invoice_date timestamp(3), unit_price numeric, customer_id text)`);
      await query(db.url, `INSERT INTO typed_lines VALUES ('1', 'A', 2, '2011-01-01 10:00:00.123', 1.5, '7'), ('2', 'A', NULL, '2011-01-02 11:00:00', 2, '7')`);
    });

    it("keeps the milliseconds of a typed timestamp", async () => {
      const first = spec({ query: "SELECT * FROM typed_lines WHERE quantity IS NOT NULL" });
      const t = (await databaseDataset(first)).transactions;
      expect(t.getColumn("invoiceDate").toArray()).toEqual([new Date("2011-01-01T10:00:00.123Z")]);
      expect(t.getColumn("quantity").toArray()).toEqual([2]);
    });

    it("refuses a NULL in a typed integer quantity with the typed column's sentence, naming the row", async () => {
      const e = (await databaseDataset(spec({ table: "typed_lines" })).catch((x: Error) => x)) as Error;
      // row 2 of the table has quantity NULL
      expect(e.message).toBe(`${where()} table "typed_lines": column "quantity" is empty at row 2; a number is needed.`);
    });
  });

  it("names a query's columns as the database does", async () => {
    const s = await openSource(spec({ query: "SELECT i + 1, t AS label FROM typed WHERE i IS NOT NULL ORDER BY i;" }));
    const { df, file } = await readSource(s).finally(() => disconnect(s.db));
    expect(file).toBe(`${where()} query`);
    expect(df.columns).toEqual(["?column?", "label"]);
    expect(df.getColumn("?column?").toArray()).toEqual([-6, 2]);
  });

  describe("a hostile table and hostile column names stay identifiers", () => {
    const table = `sales"; DROP TABLE victims; --`;
    const columns = { invoice: 'Invoice "No"', quantity: "qty); DROP TABLE victims; --", invoiceDate: "When", unitPrice: "Price $1", customerId: "Cust'omer", stockCode: "SKU" };
    const quoted = (n: string) => `"${n.replace(/"/g, '""')}"`;
    const hostile = () => spec({ table: quoted(table), mapping: { transactions: { columns } } });

    beforeAll(async () => {
      await query(db.url, "CREATE TABLE victims (x integer)");
      const c = columns;
      await query(db.url, `CREATE TABLE ${quoted(table)} (${quoted(c.invoice)} text, ${quoted(c.quantity)} integer, ${quoted(c.invoiceDate)} timestamp,
        ${quoted(c.unitPrice)} numeric, ${quoted(c.customerId)} text, ${quoted(c.stockCode)} text)`);
      await query(db.url, `INSERT INTO ${quoted(table)} VALUES
        ('1', 2, '2011-01-01 10:00', 1.50, 'A', 'X'), ('1', 1, '2011-01-01 10:00', 2.00, 'A', 'Y'),
        ('2', 1, '2011-01-05 09:00', 4.25, 'A', 'X'),
        ('3', 3, '2011-01-03 12:00', 1.00, 'B', 'X'), ('3', 3, '2011-01-03 12:00', 1.00, 'B', 'X'),
        ('C4', -1, '2011-01-06 12:00', 1.00, 'B', 'X'),
        ('5', 1, '2011-01-07 08:00', 1.00, NULL, 'X')`);
    });

    it("counts the cleaning rules in the database", async () => {
      // 7 rows: one exact copy of invoice 3's line, one C invoice, one without customer; 4 customer lines from A and B
      expect(await databaseCleaningReport(hostile())).toEqual({
        input: 7, duplicate: 1, cancellation: 1, non_positive_quantity: 0, non_positive_price: 0, missing_customer: 1,
        customer_lines: 4, customers: 2, sales_lines: 5,
      });
    });

    it("computes RFM in the database, as the in-memory path does on the same rows", async () => {
      const rfm = await databaseRfm(hostile());
      // snapshot: the day after 2011-01-07 (the anonymous sale counts) = 2011-01-08
      // A: last purchase 01-05 -> recency 3; invoices 1 and 2; 2 x 1.50 + 1 x 2.00 + 1 x 4.25 = 9.25; 4 units
      // B: last purchase 01-03 -> recency 5; invoice 3 once (its copy is a duplicate); 3 x 1.00 = 3.00; 3 units
      // scores with n = 2 and 5 bins: rank 1 -> 1, rank 2 -> 1 + floor(5 x 1 / 2) = 3; R ranks recency reversed
      expect(rfm.toRecords()).toEqual([
        { customerId: "A", recency: 3, frequency: 2, monetary: 9.25, units: 4, R: 3, F: 3, M: 3, segment: "Need Attention", volume: "Low" },
        { customerId: "B", recency: 5, frequency: 1, monetary: 3, units: 3, R: 1, F: 1, M: 1, segment: "Hibernating", volume: "Low" },
      ]);
      const dataset = await databaseDataset(hostile());
      const clean = cleanTransactions(dataset.transactions);
      expect(rfmTable(clean.customerLines, clean.sales).toRecords()).toEqual(rfm.toRecords());
      expect((await query(db.url, "SELECT to_regclass('victims') IS NOT NULL AS here"))[0].here).toBe(true);
    });

    it("runs a --query as one read-only statement: one that closes the parenthesis and appends a DROP fails and drops nothing", async () => {
      const sneaky = spec({ query: "SELECT * FROM victims) AS x; DROP TABLE victims; SELECT * FROM (SELECT 1" });
      const e = (await databaseDataset(sneaky).catch((x: Error) => x)) as Error;
      expect(e.message).toBe(`${where()}: the SQL has a syntax error while reading the columns of the query (cannot insert multiple commands into a prepared statement).`);
      expect(((await databaseRfm(sneaky).catch((x: Error) => x)) as Error).message).toBe(e.message);
      expect((await query(db.url, "SELECT to_regclass('victims') IS NOT NULL AS here"))[0].here).toBe(true);
    });
  });

  it("lets the loader's mapping apply to the database's column names (snake_case recognised without one)", async () => {
    await query(db.url, `CREATE TABLE shop_lines (invoice_no text, stock_code text, description text, quantity integer, invoice_date timestamp,
      unit_price numeric, customer_id numeric, country text, channel text)`);
    await query(db.url, `INSERT INTO shop_lines VALUES ('536365', '85123A', 'WHITE HANGING', 6, '2010-12-01 08:26', 2.55, 17850.0, ' United Kingdom ', 'web')`);
    const s = await openSource(spec({ table: "shop_lines" }));
    const raw = await readSource(s).finally(() => disconnect(s.db));
    expect(toTransactions(raw).toRecords()).toEqual([{
      invoice: "536365", stockCode: "85123A", description: "WHITE HANGING", quantity: 6, invoiceDate: new Date("2010-12-01T08:26:00Z"),
      unitPrice: 2.55, customerId: "17850", country: "United Kingdom", channel: "web",
    }]);
    const rfm = await databaseRfm(spec({ table: "shop_lines" }));
    expect(rfm.getColumn("customerId").toArray()).toEqual(["17850"]);
  });

  it("trims and normalises as the loader does, in both paths: leading whitespace before a C, 12346.0, blanks, Unicode spaces", async () => {
    await query(db.url, `CREATE TABLE spaced (invoice_no text, stock_code text, quantity integer, invoice_date timestamp, unit_price numeric, customer_id text, country text)`);
    await query(db.url, `INSERT INTO spaced VALUES
      ('1', 'A', 2, '2011-02-01 10:00', 1.25, ' 17850.0 ', ' UK'), ('2', 'A', 1, '2011-02-02 10:00', 2.5, '17850', 'UK '),
      (' C3', 'A', -1, '2011-02-03 10:00', 1.25, '17850', 'UK'), (E'\u00a0C4', 'A', -1, '2011-02-03 11:00', 1.25, '17850', 'UK'),
      ('5', 'B', 3, '2011-02-04 10:00', 1, '', 'UK'), ('6', 'B', 1, '2011-02-04 11:00', 1, E'\u3000', NULL),
      ('7', 'B', 1, '2011-02-05 10:00', 4, E'\t12.50', 'UK'), ('8', 'POST ', 1, '2011-02-05 10:00', 18, '12.50', 'UK')`);
    const spaced = spec({ table: "spaced" });
    // 8 rows: 2 cancellations (trimmed, they start with C), 2 anonymous (an empty and an ideographic-space ID)
    const report = await databaseCleaningReport(spaced);
    expect(report).toMatchObject({ input: 8, duplicate: 0, cancellation: 2, missing_customer: 2, customer_lines: 4, customers: 2 });
    const clean = cleanTransactions((await databaseDataset(spaced)).transactions);
    expect(report).toEqual(clean.report);
    // 17850.0 and 17850 are one customer; 12.50 is not an integer with zeros, so it stays as it is
    expect((await databaseRfm(spaced)).toRecords()).toEqual(rfmTable(clean.customerLines, clean.sales).toRecords());
    expect((await databaseRfm(spaced)).getColumn("customerId").toArray()).toEqual(["12.50", "17850"]);
  });

  describe("refusals, one sentence each", () => {
    const message = (p: Promise<unknown>) => p.then(() => "no error", (e: Error) => e.message);

    it("a missing table, a query naming a missing column, and a statement that is not a query", async () => {
      expect(await message(databaseRfm(spec({ table: "nope" })))).toBe(
        `${where()}: relation "nope" does not exist, while reading the columns of the table nope; check the table name (schema.table) and the search_path.`,
      );
      expect(await message(databaseRfm(spec({ query: "SELECT no_such_column FROM typed" })))).toBe(
        `${where()}: column "no_such_column" does not exist, while reading the columns of the query.`,
      );
      expect(await message(databaseRfm(spec({ query: "DELETE FROM typed" })))).toBe('--query must be one SELECT statement (or WITH ... SELECT); it starts with "DELETE FROM typed".');
      expect(await message(databaseRfm(spec({ table: "typed", query: "SELECT 1" })))).toBe('A database source needs exactly one of --table NAME or --query "SELECT ...".');
    });

    it("a mapping naming a column the table lacks, and a table without a required column", async () => {
      expect(await message(databaseRfm(spec({ table: "shop_lines", mapping: { transactions: { columns: { quantity: "Qty" } } } })))).toBe(
        `${where()} table "shop_lines": the mapping names column "Qty" for quantity, but the table has no such column. ` +
          "Columns found: invoice_no, stock_code, description, quantity, invoice_date, unit_price, customer_id, country, channel.",
      );
      expect(await message(databaseRfm(spec({ query: "SELECT invoice_no, quantity, invoice_date, unit_price FROM shop_lines" })))).toMatch(
        new RegExp(`^${where().replace(/[.?]/g, "\\$&")} query: no column for "stockCode" in the transactions table\\. Headers found: invoice_no, quantity, invoice_date, unit_price\\.`),
      );
    });

    it("a query that returns no rows", async () => {
      const none = spec({ query: "SELECT * FROM shop_lines WHERE false" });
      expect(await message(databaseRfm(none))).toBe(`${where()} query returned no rows: there are no transactions to analyse.`);
      expect(await message(databaseDataset(none))).toBe(`${where()} query returned no rows: there are no transactions to analyse.`);
    });

    it("two columns of one name, and untyped columns the push-down cannot sum", async () => {
      expect(await message(databaseRfm(spec({ query: "SELECT t, t FROM typed" })))).toBe(`${where()} query has two columns named "t": give them distinct names (AS ...) in the query.`);
      const textDate = spec({ query: "SELECT invoice_no, stock_code, quantity, invoice_date::text AS invoice_date, unit_price, customer_id FROM shop_lines" });
      expect(await message(databaseRfm(textDate))).toBe(
        `${where()} query: column "invoice_date" (invoiceDate) is text, and the database path needs a timestamp or date; ` +
          `cast it in --query (e.g. SELECT ..., "invoice_date"::timestamp AS "invoice_date").`,
      );
      // the in-memory path parses text dates as it does in files
      expect((await databaseDataset(textDate)).transactions.getColumn("invoiceDate").toArray()).toEqual([new Date("2010-12-01T08:26:00Z")]);
    });

    it("rows the loader refuses: a NULL quantity", async () => {
      const nullQuantity = spec({ query: "SELECT invoice_no, stock_code, NULL::integer AS quantity, invoice_date, unit_price, customer_id FROM shop_lines" });
      expect(await message(databaseRfm(nullQuantity))).toBe(`${where()} query: column "quantity" is empty (NULL); every transaction needs a quantity (1 row).`);
      // the in-memory path: the loader's own sentence, naming the column and the row
      expect(await message(databaseDataset(nullQuantity))).toMatch(new RegExp(`^${where().replace(/[.?]/g, "\\$&")} query: column "quantity" .*row 1\\b[^\\n]*\\.$`));
    });
  });
});
