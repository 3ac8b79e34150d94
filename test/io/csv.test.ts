import { readdirSync, readFileSync, writeFileSync, writeSync } from "fs";
import { join } from "path";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { csvField, dataCsvField, spreadsheetSafe, toCsv, writeAtomic, writeFileAtomic } from "../../src/io/index";
import { tempDir } from "../helpers";

describe("spreadsheet-safe CSV", () => {
  it("prefixes text that a spreadsheet would run as a formula", () => {
    expect(["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "plain"].map(spreadsheetSafe)).toEqual(["'=1+1", "'+1", "'-2", "'@SUM(A1)", "'\tx", "plain"]);
  });
  it("quotes fields with commas, quotes and line breaks, and keeps numbers numeric", () => {
    expect(csvField('say "hi", then')).toBe('"say ""hi"", then"');
    expect(csvField(-3.5)).toBe("-3.5");
    expect(csvField(null)).toBe("");
    expect(csvField(Number.NaN)).toBe("");
  });
  it("writes a DataFrame with a header", () => {
    const df = pl.DataFrame({ id: ["=HYPERLINK(\"x\")", "2"], value: [-1, 2.5] });
    expect(toCsv(df)).toBe('id,value\n"\'=HYPERLINK(""x"")",-1\n2,2.5\n');
  });
});

describe("atomic writes", () => {
  it("replaces the target in one step and leaves no temporary file", () => {
    const dir = tempDir();
    const file = join(dir, "out.csv");
    writeFileSync(file, "old");
    writeFileAtomic(file, "new");
    expect(readFileSync(file, "utf8")).toBe("new");
    expect(readdirSync(dir)).toEqual(["out.csv"]);
  });
  it("reports a target it cannot write and keeps the old content", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "x");
    expect(() => writeFileAtomic(join(dir, "file", "sub", "out.csv"), "y")).toThrow(/cannot create the folder|could not be written/);
    expect(readFileSync(join(dir, "file"), "utf8")).toBe("x");
  });
});

describe("data files and streamed atomic writes", () => {
  it("dataCsvField keeps text exactly (no spreadsheet prefix), so loaders read it back", () => {
    expect(dataCsvField("-5 DISCOUNT")).toBe("-5 DISCOUNT");
    expect(dataCsvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("-5 DISCOUNT")).toBe("'-5 DISCOUNT");
    expect(dataCsvField(new Date("2011-01-02T03:04:05Z"))).toBe("2011-01-02 03:04:05");
  });
  it("writeAtomic takes the content in pieces and leaves no temporary file when the writer fails", () => {
    const dir = tempDir();
    const file = join(dir, "big.csv");
    writeAtomic(file, (fd) => {
      for (const piece of ["a\n", "b\n"]) writeSync(fd, piece);
    });
    expect(readFileSync(file, "utf8")).toBe("a\nb\n");
    expect(() => writeAtomic(file, () => { throw new Error("disk full"); })).toThrow(/big\.csv: could not be written \(disk full\)/);
    expect(readFileSync(file, "utf8")).toBe("a\nb\n");
    expect(readdirSync(dir)).toEqual(["big.csv"]);
  });
});
