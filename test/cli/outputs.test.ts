/**
 * Output paths through the real CLI: a FIFO or a symbolic link named by --out stays what it was
 * (it used to be replaced by a regular file), a generated folder holding one is not written at
 * all, and a regular file is replaced as before.
 */
import { execFileSync } from "child_process";
import { existsSync, lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers";
import { cli } from "./run";

const HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
const SMALL = `${HEADER}\n1,A1,mug,1,2011-01-01 10:00:00,1.5,5,United Kingdom\n2,A1,mug,2,2011-01-02 10:00:00,1.5,6,France\n`;

function refused(r: { status: number | null; stderr: string }, text: string) {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr.trim().split("\n")).toEqual([expect.stringContaining(text)]);
}

describe("--out naming something that is not a regular file", () => {
  const dir = tempDir();
  const input = join(dir, "t.csv");
  writeFileSync(input, SMALL);
  const fifo = join(dir, "pipe.csv");
  execFileSync("mkfifo", [fifo]);
  const mine = join(dir, "mine.csv");
  writeFileSync(mine, "my own file\n");
  const link = join(dir, "link.csv");
  symlinkSync(mine, link);

  it("a FIFO is refused before any work and stays a FIFO", () => {
    refused(cli(["rfm", "--input", input, "--out", fifo]), `retail-lab rfm: ${fifo} is a named pipe (FIFO), not a regular file: it is left alone`);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
  it("a symbolic link is refused and stays a link to the untouched file", () => {
    refused(cli(["sql", "--input", input, "--query", "SELECT * FROM sales", "--out", link]), `retail-lab sql: ${link} is a symbolic link, not a regular file`);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(mine, "utf8")).toBe("my own file\n");
  });
  it("a generate folder holding a symbolic link among its file names is refused before any file is written", () => {
    const out = tempDir();
    symlinkSync(mine, join(out, "transactions.csv"));
    refused(cli(["generate", "--rows", "1000", "--out", out]), `${join(out, "transactions.csv")} is a symbolic link, not a regular file`);
    expect(readdirSync(out)).toEqual(["transactions.csv"]);
    expect(readFileSync(mine, "utf8")).toBe("my own file\n");
  });
  it("leaves no temporary file, and still replaces a regular file", () => {
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const out = join(dir, "q.csv");
    writeFileSync(out, "old\n");
    const r = cli(["sql", "--input", input, "--query", "SELECT country, SUM(quantity) AS units FROM sales GROUP BY country ORDER BY country", "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toBe("country,units\nFrance,2\nUnited Kingdom,1\n");
    expect(existsSync(join(dir, `.q.csv.${process.pid}.tmp`))).toBe(false);
  });
});
