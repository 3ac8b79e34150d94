/** Malformed command lines, output paths, queries and options: the CLI's refusals. */
import { join } from "path";
import type { BadInputCase } from "./types";

const HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
/** Three days of sales of one product by two customers: loads, cleans, and is too short to forecast. */
const SMALL = `${HEADER}\n1,A1,mug,1,2011-01-01 10:00:00,1.5,5,United Kingdom\n2,A1,mug,2,2011-01-02 10:00:00,1.5,6,France\n3,A1,mug,1,2011-01-03 10:00:00,1.5,5,United Kingdom\n`;
const OLD = "old export, must survive\n";
const PASSWORDS = "user,password\nroot,hunter2\n";

export const CLI_CASES: BadInputCase[] = [
  // the command line itself
  {
    name: "an empty --input (it used to analyse the shipped data silently)",
    args: () => ["clean", "--input", ""],
    message: "retail-lab clean: --input needs a value (FILE|DIR|URL), not an empty text. See retail-lab clean --help.",
  },
  {
    name: "an option given twice (it used to take the last)",
    files: { "a.csv": SMALL, "b.csv": SMALL },
    args: (d) => ["clean", "--input", join(d, "a.csv"), "--input", join(d, "b.csv")],
    message: `retail-lab clean: --input is given twice ("`,
  },
  {
    name: "a flag given twice",
    args: () => ["clean", "--json", "--json"],
    message: "retail-lab clean: --json is given twice: give each option once.",
  },
  {
    name: "a negative number after a flag gets the bounds sentence (it used to get a three-line parser message)",
    args: () => ["forecast", "--horizon", "-5"],
    message: 'retail-lab forecast: --horizon must be a whole number from 1 to 366, not "-5".',
  },
  {
    name: "a negative number of bins",
    args: (d) => ["rfm", "--bins", "-3", "--out", join(d, "rfm.csv")],
    message: 'retail-lab rfm: --bins must be a whole number from 2 to 10, not "-3".',
  },
  {
    name: "a number written with an exponent",
    args: (d) => ["generate", "--rows", "1e3", "--out", join(d, "gen")],
    message: 'retail-lab generate: --rows must be a whole number from 1,000 to 50,000,000, not "1e3".',
  },
  {
    name: "an option without its value, followed by another option",
    args: () => ["forecast", "--horizon", "--json"],
    message: "retail-lab forecast: --horizon needs a value (N). See retail-lab forecast --help.",
  },
  {
    name: "a value given to a flag",
    args: () => ["clean", "--json=yes"],
    message: 'retail-lab clean: --json is a flag and takes no value, not "yes".',
  },
  {
    name: "a stray argument",
    args: () => ["clean", "extra"],
    message: "retail-lab clean: Unexpected argument 'extra': retail-lab clean takes only --options.",
  },
  // options that would be ignored
  {
    name: "forecast --target revenue with --products (it used to ignore --products)",
    args: () => ["forecast", "--target", "revenue", "--products", "85123A"],
    message: "retail-lab forecast: --products would be ignored: --target revenue forecasts the shop's total daily revenue, not products; leave one of them out.",
  },
  {
    name: "forecast with a catalogue it does not read",
    files: { "p.csv": "StockCode,Description\nA1,mug\n" },
    args: (d) => ["forecast", "--catalog", join(d, "p.csv")],
    message: "retail-lab forecast: --catalog would be ignored: forecast does not read a product catalogue table; leave it out.",
  },
  {
    name: "forecast with a catalogue it does not read, under the option's spelling --catalogue",
    files: { "p.csv": "StockCode,Description\nA1,mug\n" },
    args: (d) => ["forecast", "--catalogue", join(d, "p.csv")],
    message: "retail-lab forecast: --catalogue would be ignored: forecast does not read a product catalogue table; leave it out.",
  },
  {
    name: "rfm with a product catalogue it does not read",
    files: { "p.csv": "StockCode,Description\nA1,mug\n" },
    args: (d) => ["rfm", "--products", join(d, "p.csv"), "--out", join(d, "rfm.csv")],
    message: "retail-lab rfm: --products would be ignored: rfm does not read a product catalogue table; leave it out.",
  },
  {
    name: "clusters with customer profiles it does not read",
    files: { "c.csv": "CustomerID,Age\n5,30\n" },
    args: (d) => ["clusters", "--customers", join(d, "c.csv")],
    message: "retail-lab clusters: --customers would be ignored: clusters does not read a customer profiles table; leave it out.",
  },
  {
    name: "sql --limit with --out (the whole result is written)",
    args: (d) => ["sql", "--query", "SELECT 1 AS x", "--limit", "5", "--out", join(d, "q.csv")],
    message: "retail-lab sql: --limit would be ignored: --out writes the whole result; leave one of them out.",
  },
  // outputs that would destroy something
  {
    name: "--out naming the input file (it used to overwrite the input with exit 0)",
    files: { "t.csv": SMALL },
    args: (d) => ["rfm", "--input", join(d, "t.csv"), "--out", join(d, "t.csv")],
    message: "is the input",
    untouched: ["t.csv"],
  },
  {
    name: "--out naming the input by another spelling, through a folder that does not exist yet",
    files: { "t.csv": SMALL },
    args: (d) => ["rfm", "--input", join(d, "t.csv"), "--out", `${d}/new/../t.csv`],
    message: /--out \S+\/new\/\.\.\/t\.csv is the same file as the input \S+\/t\.csv: writing it would destroy the data it is computed from; name another file\./,
    untouched: ["t.csv"],
  },
  {
    name: "--out naming a file of the dataset folder given as --input",
    files: { "transactions.csv": SMALL, "customers.csv": "CustomerID,Age\n5,30\n6,41\n" },
    args: (d) => ["segments", "--input", d, "--segment", "Champions", "--out", join(d, "customers.csv")],
    message: "customers.csv is the input",
    untouched: ["customers.csv", "transactions.csv"],
  },
  {
    name: "--out naming the mapping file",
    files: { "t.csv": SMALL, "map.json": '{"transactions": {"columns": {}}}' },
    args: (d) => ["products", "--input", join(d, "t.csv"), "--map", join(d, "map.json"), "--out", join(d, "map.json")],
    message: "map.json is the input",
    untouched: ["map.json", "t.csv"],
  },
  {
    name: "--out naming the catalogue of products",
    files: { "t.csv": SMALL, "p.csv": "StockCode,Description\nA1,mug\n" },
    args: (d) => ["products", "--input", join(d, "t.csv"), "--products", join(d, "p.csv"), "--out", join(d, "p.csv")],
    message: "p.csv is the input",
    untouched: ["p.csv"],
  },
  {
    name: "--out naming the shipped data file by a relative spelling",
    // the missing mapping makes the load fail before any write, should the refusal ever stop working
    args: (d) => ["rfm", "--map", join(d, "missing.json"), "--out", "data/../data/online_retail.csv.gz"],
    message: /--out data\/\.\.\/data\/online_retail\.csv\.gz is the same file as the input .*data\/online_retail\.csv\.gz: writing it would destroy/,
  },
  {
    name: "--out naming a device node (as root this used to replace /dev/full)",
    // the missing input makes the run fail before any write, should the refusal ever stop working
    args: (d) => ["rfm", "--input", join(d, "missing.csv"), "--out", "/dev/full"],
    message: "retail-lab rfm: /dev/full is a device node, not a regular file: it is left alone",
  },
  {
    name: "--out naming a folder",
    args: (d) => ["clusters", "--out", d],
    message: "is a folder, not a regular file",
  },
  {
    name: "generate --out naming an existing file",
    files: { "keep.csv": OLD },
    args: (d) => ["generate", "--rows", "1000", "--out", join(d, "keep.csv")],
    message: "keep.csv is a file, not a folder: it is left alone",
    untouched: ["keep.csv"],
  },
  // sql
  {
    name: "sql naming an unknown column (it used to say _ldf.collectSync is not a function)",
    files: { "t.csv": SMALL },
    args: (d) => ["sql", "--input", join(d, "t.csv"), "--query", "SELECT nope FROM sales"],
    message: 'retail-lab sql: Unknown column "nope" in sales: the columns of that table are invoice, stockCode,',
  },
  {
    name: "sql naming an unknown table",
    files: { "t.csv": SMALL },
    args: (d) => ["sql", "--input", join(d, "t.csv"), "--query", "SELECT * FROM orders"],
    message: 'retail-lab sql: Unknown table "orders": the tables are sales, customer_lines, returns.',
  },
  {
    name: "sql with a syntax error",
    files: { "t.csv": SMALL },
    args: (d) => ["sql", "--input", join(d, "t.csv"), "--query", "SELECT country FROM sales WHERE"],
    message: "retail-lab sql: Syntax error at the end of the query: expected an expression.",
  },
  {
    name: "sql reading a file outside the loaded tables with read_csv (it used to read any file)",
    files: { "t.csv": SMALL, "passwords.csv": PASSWORDS },
    args: (d) => ["sql", "--input", join(d, "t.csv"), "--query", `SELECT * FROM read_csv('${join(d, "passwords.csv")}')`, "--out", join(d, "leak.csv")],
    message: "retail-lab sql: The query calls read_csv(), which reads files: queries see only the loaded tables (sales, customer_lines, returns).",
    untouched: ["leak.csv", "passwords.csv"],
  },
  {
    name: "sql reading a file named as a table",
    files: { "t.csv": SMALL, "passwords.csv": PASSWORDS },
    args: (d) => ["sql", "--input", join(d, "t.csv"), "--query", `SELECT * FROM sales JOIN '${join(d, "passwords.csv")}' p ON 1 = 1`],
    message: "as a table: queries see only the loaded tables",
  },
  // forecast
  {
    name: "forecast --products top:0 (it used to end in a stack trace)",
    args: () => ["forecast", "--products", "top:0"],
    message: 'retail-lab forecast: --products top:N takes a whole number of products from 1 up, not "top:0".',
  },
  {
    name: "forecast naming a product twice",
    args: () => ["forecast", "--products", "85123A,85123A"],
    message: 'retail-lab forecast: --products names "85123A" twice: list each stock code once.',
  },
  {
    name: "forecast with an interval level given twice (it used to end in a stack trace after the forecasts)",
    args: () => ["forecast", "--level", "80,80"],
    message: "retail-lab forecast: --level names 80 twice: list each interval level once.",
  },
  {
    name: "forecast where every series fails (it used to exit 0 and replace --out with a header)",
    files: { "t.csv": SMALL, "fc.csv": OLD },
    args: (d) => ["forecast", "--input", join(d, "t.csv"), "--out", join(d, "fc.csv")],
    message: 'retail-lab forecast: No forecast: the only series failed (A1: Series "A1" has 3 days; forecasting needs at least two weeks (14 days) of history).',
    untouched: ["fc.csv"],
  },
  // generate's dates
  {
    name: "generate starting before 1900",
    args: (d) => ["generate", "--rows", "1000", "--start", "1899-12-31", "--out", join(d, "gen")],
    message: 'retail-lab generate: start "1899-12-31" is before 1900-01-01: choose a later first day.',
  },
  {
    name: "generate ending more than a year from today",
    args: (d) => ["generate", "--rows", "1000", "--start", "9999-01-01", "--out", join(d, "gen")],
    // 730 days from 9999-01-01: 365 to 10000-01-01, then 364 more in the leap year 10000: December 30
    message: /retail-lab generate: start "9999-01-01" with 730 days ends on \+?010000-12-30, more than a year after today \(latest \d{4}-\d\d-\d\d\): choose an earlier first day\./,
  },
];

