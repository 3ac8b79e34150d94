/**
 * The refusals of the database options (issue 15) that need no running server: --table or
 * --query without a database, a database without a table or query, refresh on a file, a write
 * target that is no database, an unreachable host. The password in a URL is never printed.
 * The faults that need a server (wrong password, missing table or column, no rows, a second
 * refresh, no permission, killed halfway) are in test/warehouse/cli.test.ts.
 */
import { join } from "path";
import type { BadInputCase } from "./types";

const NOWHERE = "postgresql://shop:s3cret-pw@127.0.0.1:1/sales";
const OLD = "old export, must survive\n";

export const WAREHOUSE_CASES: BadInputCase[] = [
  {
    name: "rfm --table with a file input",
    files: { "rfm.csv": OLD },
    args: (d) => ["rfm", "--table", "sales", "--out", join(d, "rfm.csv")],
    message: "retail-lab rfm: --table reads a database: give it with --input postgresql://user@host:port/database (the input here is the shipped data file).",
    untouched: ["rfm.csv"],
  },
  {
    name: "clean --query with a CSV input",
    files: { "t.csv": "InvoiceNo,Quantity\n1,2\n" },
    args: (d) => ["clean", "--input", join(d, "t.csv"), "--query", "SELECT 1"],
    message: /^retail-lab clean: --query reads a database: give it with --input postgresql:\/\/user@host:port\/database \(the input here is the file \S+t\.csv\)\.$/,
  },
  {
    name: "a database input without --table or --query (password not shown)",
    args: () => ["segments", "--input", NOWHERE, "--segment", "At Risk", "--out", "x.csv"],
    message: '--input names a database: say what to read from it with exactly one of --table NAME or --query "SELECT ...".',
  },
  {
    name: "a database input with both --table and --query",
    args: () => ["clusters", "--input", NOWHERE, "--table", "sales", "--query", "SELECT * FROM sales"],
    message: '--input names a database: say what to read from it with exactly one of --table NAME or --query "SELECT ...".',
  },
  {
    name: "a database URL given twice: both shown without the password",
    args: () => ["rfm", "--input", NOWHERE, "--input", NOWHERE, "--out", "x.csv"],
    message: 'retail-lab rfm: --input is given twice ("postgresql://shop@127.0.0.1:1/sales" and "postgresql://shop@127.0.0.1:1/sales"): give each option once.',
  },
  {
    name: "rfm on an unreachable database host",
    files: { "rfm.csv": OLD },
    args: (d) => ["rfm", "--input", NOWHERE, "--table", "sales", "--out", join(d, "rfm.csv")],
    message: "retail-lab rfm: Cannot connect to PostgreSQL at 127.0.0.1:1 while connecting to the source database: the connection was refused; is the server running on that host and port?",
    untouched: ["rfm.csv"],
  },
  {
    name: "refresh on an unreachable write target: exit 4 (retry later)",
    args: () => ["refresh", "--input", NOWHERE, "--table", "sales", "--write", NOWHERE],
    message: "retail-lab refresh: Cannot connect to PostgreSQL at 127.0.0.1:1 while connecting to the write target: the connection was refused; is the server running on that host and port?",
    exit: 4,
  },
  {
    name: "refresh on a file",
    files: { "t.csv": "InvoiceNo,Quantity\n1,2\n" },
    args: (d) => ["refresh", "--input", join(d, "t.csv"), "--write", NOWHERE],
    message: /^retail-lab refresh: refresh reads a database: --input must be postgresql:\/\/user@host:port\/database, not \S+t\.csv\.$/,
  },
  {
    name: "refresh with a write target that is no database",
    args: () => ["refresh", "--input", NOWHERE, "--table", "sales", "--write", "crm.csv"],
    message: "retail-lab refresh: --write must be a database, postgresql://user@host:port/database, not crm.csv.",
  },
  {
    name: "refresh without --write",
    args: () => ["refresh", "--input", NOWHERE, "--table", "sales"],
    message: "retail-lab refresh needs --write URL. See retail-lab refresh --help.",
  },
  {
    name: "a --table that is not a table name",
    args: () => ["rfm", "--input", NOWHERE, "--table", "a b", "--out", "x.csv"],
    message: 'retail-lab rfm: --table "a b" is not a table name: write name, schema.name, or "Quoted Name" (double quotes inside doubled).',
  },
];
