import { describe, expect, it } from "vitest";
import { chooseDelimiter, delimiterSetting, detectDelimiter, headerLikely, sampleLines, splitLine } from "../../src/data/layout";
import { whitespaceToTabs } from "../../src/data/read";

describe("splitLine", () => {
  it("splits on the delimiter outside quotes, with doubled quotes as one", () => {
    expect(splitLine('a,"b,c",d', ",")).toEqual(["a", "b,c", "d"]);
    expect(splitLine('1,"7"" FRAME",2', ",")).toEqual(["1", '7" FRAME', "2"]);
    expect(splitLine("a;b;;", ";")).toEqual(["a", "b", "", ""]);
  });
  it("splits on runs of whitespace, ends trimmed", () => {
    expect(splitLine(" 00004 0001 19970101  2   29.33", "whitespace")).toEqual(["00004", "0001", "19970101", "2", "29.33"]);
  });
});

describe("detectDelimiter", () => {
  const lines = (text: string) => sampleLines(text);
  it("finds comma, tab, semicolon, pipe and whitespace", () => {
    expect(detectDelimiter(lines("a,b,c\n1,2,3\n")).delimiter).toBe(",");
    expect(detectDelimiter(lines("a\tb c\n1\t2 3\n")).delimiter).toBe("\t");
    expect(detectDelimiter(lines("a|b|c\n1|2|3\n")).delimiter).toBe("|");
    expect(detectDelimiter(lines(" 1  2  3\r\n 4 5 6\r\n")).delimiter).toBe("whitespace");
  });
  it("prefers the semicolon of a European file whose decimals use commas (line 1 has no comma)", () => {
    expect(detectDelimiter(lines("id;price;qty\n1;2,50;3\n2;3,75;1\n")).delimiter).toBe(";");
  });
  it("does not take commas inside quoted descriptions as the delimiter", () => {
    expect(detectDelimiter(lines('id\tdesc\n1\t"a, b, c"\n2\t"d, e"\n')).delimiter).toBe("\t");
  });
  it("reads a one-column file as one column, and refuses lines that split every which way", () => {
    expect(detectDelimiter(lines("id\n1\n2\n")).delimiter).toBe(",");
    // comma fields per line 2, 3, 3, 1; semicolon 2, 3, 4, 1: line 1's count in a quarter of the lines each
    expect(detectDelimiter(lines("a,b;c\n1,2,3;4;5\nx;y;z;w,v,u\np q r\n")).delimiter).toBeNull();
  });
});

describe("chooseDelimiter", () => {
  it("takes the mapping's delimiter, and refuses one that splits nothing, naming what the file looks like", () => {
    expect(chooseDelimiter(["a;b", "1;2"], ";", "f.csv")).toEqual({ delimiter: ";", detected: false, fields: 2 });
    expect(() => chooseDelimiter(["a,b,c", "1,2,3"], "|", "f.csv")).toThrow(
      'f.csv: the mapping\'s delimiter (pipe) splits none of the first 2 lines into more than one field (line 1 is "a,b,c"); the file looks comma-separated (3 fields a line).',
    );
  });
  it("says when nothing splits the lines the same way", () => {
    expect(() => chooseDelimiter(["a,b;c", "1,2,3;4;5", "x;y;z;w,v,u", "p q r"], undefined, "f.csv")).toThrow(
      'f.csv: no delimiter splits its first 4 lines into the same number of fields (fields a line: comma 1-3, tab 1-1, semicolon 1-4, pipe 1-1, runs of whitespace 1-3); set "delimiter" in the mapping.',
    );
  });
});

describe("delimiterSetting, headerLikely, whitespaceToTabs", () => {
  it("reads the mapping's spellings", () => {
    expect(["tab", "\\t", "whitespace", ",", ";", "; ", '"', "§"].map(delimiterSetting)).toEqual(["\t", "\t", "whitespace", ",", ";", null, null, null]);
  });
  it("sees a header when line 1 is text over numbers, not when it is of the same kind as the rows", () => {
    expect(headerLikely(["household_id", "basket_id", "quantity"], [["2375", "26984851472", "1"]])).toBe(true);
    expect(headerLikely(["00004", "0001", "19970101", "2", "29.33"], [["00004", "0001", "19970118", "2", "29.73"]])).toBe(false);
    // a text ID does not vote; the date and the two numbers vote against a header
    expect(headerLikely(["A1", "2011-01-02", "1", "9.99"], [["B2", "2011-01-03", "10", "0.50"]])).toBe(false);
    // text over text: a header (the default)
    expect(headerLikely(["name", "city"], [["Ann", "Leeds"]])).toBe(true);
    expect(headerLikely(["1", "2011-01-02 10:00", "3"])).toBe(false);
  });
  it("rewrites runs of spaces and tabs as one tab, ends trimmed, CRLF kept", () => {
    expect(whitespaceToTabs(" 00004 0001  2   29.33\r\n 00021\t0002 3 1.5 \r\n")).toBe("00004\t0001\t2\t29.33\r\n00021\t0002\t3\t1.5\r\n");
  });
});
