import { describe, expect, it } from "vitest";
import { gzipSync } from "zlib";
import { plainHead, readCsvTable } from "../../src/data/read";
import { scanQuotes } from "../../src/data/rows";
import { tempFile } from "../helpers";

const read = (text: string | Buffer, layout = {}) => readCsvTable(tempFile("f.csv", text), layout);

describe("readCsvTable: rows that do not fit are refused with their row and line", () => {
  it("a short row (which polars would pad with nulls)", () => {
    expect(() => read("a,b,c\n1,2,3\n4,5\n6,7,8\n")).toThrow(/f\.csv: row 2 \(line 3\) has 2 fields where the header has 3 \("4,5"\); a value is missing/);
  });
  it("a long row, at any position", () => {
    expect(() => read("a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n")).toThrow(/row 3 \(line 4\) has 4 fields where the header has 3 \("7,8,9,10"\); a delimiter inside a value/);
  });
  it("a short row after a real multi-line value is numbered by rows, not lines", () => {
    expect(() => read('a,b,c\n1,"two\nlines",3\n4,5\n')).toThrow(/row 2 \(line 4\) has 2 fields where the header has 3/);
  });
  it("keeps a row whose last value is empty, and a real multi-line value", () => {
    const { df } = read('a,b,c\n1,2,\n4,"five\nand a half",6\n');
    expect(df.getColumn("c").toArray()).toEqual([null, "6"]);
    expect(df.getColumn("b").toArray()).toEqual(["2", "five\nand a half"]);
  });
  it("a stray opening quote, whether it runs to the end of the file or closes later", () => {
    expect(() => read('a,b,c\n1,"x,3\n4,5,6\n')).toThrow(/row 1 \(line 2\) has a quote that opens a value and is never closed/);
    expect(() => read('a,b,c\n1,"x,3\n4,5,6\n7,8",9\n')).toThrow(/row 1 \(line 2\) has a quote that opens a value running over the next 2 lines, and they look like rows of their own \("4,5,6"\)/);
  });
  it("reads the quotes of a file that never quotes a value as text (inch marks)", () => {
    const { df, reading } = read('code,desc\n1,12" RECORD\n2,7" FRAME\n');
    expect(df.getColumn("desc").toArray()).toEqual(['12" RECORD', '7" FRAME']);
    expect(reading.quoting).toBe(false);
  });
  it("skips empty lines at the end and counts them, refuses one in the middle", () => {
    const r = read("a,b\n1,2\n3,4\n\n\n");
    expect([r.df.height, r.reading.trailingBlankLines]).toEqual([2, 2]);
    expect(() => read("a,b\n1,2\n   \n3,4\n")).toThrow(/row 2 \(line 3\) is blank; remove blank lines inside the table\./);
  });
});

describe("readCsvTable: headers and layout", () => {
  it("trims header names and refuses one given twice (after trimming)", () => {
    expect(read(" Customer ,  Date ,Qty\n1,2011-01-01,2\n").df.columns).toEqual(["Customer", "Date", "Qty"]);
    expect(() => read("Qty, Qty\n1,2\n")).toThrow('the header has the column name "Qty" twice (columns 1 and 2)');
  });
  it("names an empty header column_N and says so", () => {
    const r = read("a,,c\n1,2,3\n");
    expect(r.df.columns).toEqual(["a", "column_2", "c"]);
    expect(r.reading.notes).toEqual(["empty header names were named column_2"]);
  });
  it("reads a file without a header with the mapping's names", () => {
    const r = read(" 00004 0001 19970101  2   29.33\r\n 00021 0002 19970101  3   63.34\r\n", { header: false, names: ["m", "c", "d", "q", "v"] });
    expect(r.df.columns).toEqual(["m", "c", "d", "q", "v"]);
    expect(r.df.getColumn("v").toArray()).toEqual(["29.33", "63.34"]);
    expect([r.reading.delimiter, r.reading.delimiterDetected, r.reading.header]).toEqual(["whitespace", true, false]);
  });
  it("reads a whitespace-separated file whose header has leading spaces (the full CDNOW log)", () => {
    const r = read("  customer   date  cds  dollars\r\n 00001 19970101 1 11.77\r\n 00002 19970112 1 12.00\r\n");
    expect(r.df.columns).toEqual(["customer", "date", "cds", "dollars"]);
    expect(r.df.getColumn("customer").toArray()).toEqual(["00001", "00002"]);
  });
  it("notes a first line that looks like data when read as a header", () => {
    expect(read("1,2\n3,4\n").reading.notes[0]).toMatch(/line 1 \("1,2"\) looks like data rather than a header/);
  });
  it("reads semicolon, tab and pipe files, and a forced delimiter", () => {
    expect(read("a;b\n1;2,5\n").df.getColumn("b").toArray()).toEqual(["2,5"]);
    expect(read("a\tb\n1\t2\n").df.columns).toEqual(["a", "b"]);
    expect(read("a|b\n1|2\n").reading.delimiter).toBe("|");
    expect(read("a:b\n1:2\n", { delimiter: ":" }).df.columns).toEqual(["a", "b"]);
  });
  it("decodes UTF-16 with a byte-order mark into the same table", () => {
    const r = read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Invoice,Price\n1,€2\n", "utf16le")]));
    expect([r.df.columns, r.df.getColumn("Price").toArray(), r.reading.encoding]).toEqual([["Invoice", "Price"], ["€2"], "utf-16le"]);
  });
});

describe("scanQuotes", () => {
  it("finds quoted values, literal quotes and line breaks inside values by visiting quotes only", () => {
    const s = scanQuotes(Buffer.from('a,"b\nc",d\n1,2"x,3\n'), 0x2c);
    expect(s.quotedValues).toBe(1);
    expect(s.multiline).toEqual([{ at: 2, end: 6, breaks: 1 }]);
    expect([s.literalQuotes, s.firstLiteral]).toEqual([1, 13]);
    expect(s.problem).toBeUndefined();
  });
});

describe("plainHead and the large plain file path", () => {
  const MB = 1 << 20;
  // about 5 MB of rows "n,café €n"; a "€" (3 bytes) straddles byte 1 MB, a boundary between the 64 KB pieces plainHead checks
  const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => `${from + i},café €${i % 97}\n`).join("");
  const header = "id,label\n";
  const before = header + rows(2, 70_000); // about 1.1 MB: cut below where the euro sign must start
  const start = Buffer.from(before).subarray(0, Buffer.from(before).lastIndexOf("\n", MB - 64) + 1);
  const pad = (bytes: number) => `0,${"x".repeat(bytes - 3)}\n`; // a row of exactly `bytes` bytes
  const straddling = Buffer.concat([start, Buffer.from(pad(MB - 3 - start.length)), Buffer.from("1,€\n"), Buffer.from(rows(70_002, 300_000))]);
  it("the boundary case is what the test says: the euro sign's three bytes start at byte MB - 1", () => {
    expect(straddling.subarray(MB - 3, MB + 2).equals(Buffer.from("1,€"))).toBe(true);
    expect(straddling.length).toBeGreaterThan(4 * MB);
  });
  it("gives the first megabyte of a large file that needs no decoding and has no quote", () => {
    expect(plainHead(tempFile("p.csv", straddling))?.equals(straddling.subarray(0, MB))).toBe(true);
  });
  it("is null for anything the byte checks must see", () => {
    const at = (k: number, insert: Buffer) => Buffer.concat([straddling.subarray(0, k), insert, straddling.subarray(k)]);
    expect(plainHead(tempFile("q.csv", at(3 * MB, Buffer.from('"'))))).toBeNull(); // a quote, late in the file
    expect(plainHead(tempFile("n.csv", at(2 * MB, Buffer.from([0]))))).toBeNull(); // a NUL byte
    expect(plainHead(tempFile("b.csv", at(2 * MB, Buffer.from([0xff]))))).toBeNull(); // not UTF-8
    expect(plainHead(tempFile("c.csv", Buffer.concat([straddling, Buffer.from([0xe2, 0x82])])))).toBeNull(); // ends inside a sequence
    expect(plainHead(tempFile("bom.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), straddling])))).toBeNull();
    expect(plainHead(tempFile("g.csv", Buffer.concat([gzipSync(straddling), Buffer.alloc(5 * MB)])))).toBeNull();
    expect(plainHead(tempFile("s.csv", header + rows(1, 10)))).toBeNull(); // small: read whole
  });
  it("reads such a file as the byte-by-byte path does, refusals included", () => {
    const file = tempFile("p.csv", straddling);
    const plain = readCsvTable(file);
    // a forced encoding takes the byte-by-byte path
    const whole = readCsvTable(file, { encoding: "utf-8" });
    expect(plain.df.frameEqual(whole.df, true)).toBe(true);
    expect({ ...plain.reading, encodingHow: "" }).toEqual({ ...whole.reading, encodingHow: "" });
    // rows: 70,000 before the pad row (cut a little short), the pad row, "1,€", then 300,000
    expect([plain.reading.encoding, plain.reading.encodingHow, plain.df.getColumn("label").get(plain.df.height - 300_001)]).toEqual(["utf-8", "valid UTF-8", "€"]);
    // nodejs-polars reads a string not ending in .csv or .tsv as CSV text: such a file is handed over as bytes
    for (const name of ["p.txt", "P.CSV", "export"]) {
      const other = readCsvTable(tempFile(name, straddling));
      expect(other.df.frameEqual(plain.df, true)).toBe(true);
    }
    const short = Buffer.concat([straddling, Buffer.from("7\n")]);
    const rowOf7 = plain.df.height + 1;
    expect(() => readCsvTable(tempFile("r.csv", short))).toThrow(new RegExp(`r\\.csv: row ${rowOf7} \\(line ${rowOf7 + 1}\\) has 1 fields where the header has 2 \\("7"\\)`));
  });
});
