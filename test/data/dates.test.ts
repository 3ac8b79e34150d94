import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { parseDateColumn } from "../../src/data/dates";

const where = { file: "f.csv", column: "Date" };
const iso = (s: pl.Series) => (s.toArray() as unknown as Date[]).map((d) => d.toISOString().slice(0, 16));

describe("parseDateColumn", () => {
  it("reads ISO timestamps", () => {
    expect(iso(parseDateColumn(pl.Series("d", ["2010-12-01 08:26:00", "2011-12-09 12:50:00"]), {}, where))).toEqual([
      "2010-12-01T08:26",
      "2011-12-09T12:50",
    ]);
  });
  it("reads US month-first dates without zero padding", () => {
    expect(iso(parseDateColumn(pl.Series("d", ["12/1/2010 8:26", "1/12/2011 18:05"]), {}, where))).toEqual([
      "2010-12-01T08:26",
      "2011-01-12T18:05",
    ]);
  });
  it("reads day-first dates when told", () => {
    expect(iso(parseDateColumn(pl.Series("d", ["01/12/2010", "31/12/2010"]), { dayFirst: true }, where))).toEqual([
      "2010-12-01T00:00",
      "2010-12-31T00:00",
    ]);
    expect(iso(parseDateColumn(pl.Series("d", ["01/12/2010"]), { dateFormat: "%d/%m/%Y" }, where))).toEqual(["2010-12-01T00:00"]);
  });
  it("refuses an impossible month-first date and suggests dayFirst", () => {
    expect(() => parseDateColumn(pl.Series("d", ["01/12/2010", "31/12/2010"]), {}, where)).toThrow(
      /f\.csv: column "Date" row 2 has the date "31\/12\/2010".*dayFirst/,
    );
  });
  it("refuses impossible ISO dates, empty dates and unknown forms with the row", () => {
    expect(() => parseDateColumn(pl.Series("d", ["2011-02-28", "2011-02-30"]), {}, where)).toThrow(/row 2 has the date "2011-02-30"/);
    expect(() => parseDateColumn(pl.Series("d", ["2011-02-28", " "]), {}, where)).toThrow(/empty date at row 2/);
    expect(() => parseDateColumn(pl.Series("d", ["Dec 1 2010"]), {}, where)).toThrow(/not a date form/);
  });
});

describe("parseDateColumn: the whole value, time zones, the range", () => {
  const now = new Date("2026-12-01T00:00:00Z");
  const parse = (values: string[], o = {}) => iso(parseDateColumn(pl.Series("d", values), { now, ...o }, where));
  it("refuses trailing text instead of ignoring it", () => {
    expect(() => parse(["2010-12-01 08:26:00", "2010-12-01 08:26:00 PM"])).toThrow(/row 2 has the date "2010-12-01 08:26:00 PM", which does not read as an ISO date .* It has AM\/PM: give its format with %I and %p/);
    expect(() => parse(["2010-12-01 08:26:00 garbage"])).toThrow(/Something follows the date and time that is not part of them/);
    expect(() => parse(["12/1/2010 8:26 x"])).toThrow(/does not read as a month-first date/);
  });
  it("reads AM/PM with a format: 12 AM is midnight, 12 PM noon", () => {
    expect(parse(["12/01/2010 08:26 PM", "12/01/2010 12:05 AM", "12/01/2010 12:05 PM"], { dateFormat: "%m/%d/%Y %I:%M %p" })).toEqual(["2010-12-01T20:26", "2010-12-01T00:05", "2010-12-01T12:05"]);
  });
  it("reads date-only formats and month names", () => {
    expect(parse(["19970101", "19980630"], { dateFormat: "%Y%m%d" })).toEqual(["1997-01-01T00:00", "1998-06-30T00:00"]);
    expect(parse(["31.12.2010", "1.2.2011"], { dateFormat: "%d.%m.%Y" })).toEqual(["2010-12-31T00:00", "2011-02-01T00:00"]);
    expect(parse(["01-Dec-2010", "5-sept-2011"], { dateFormat: "%d-%b-%Y" })).toEqual(["2010-12-01T00:00", "2011-09-05T00:00"]);
    expect(() => parse(["19970101", "19971301"], { dateFormat: "%Y%m%d" })).toThrow(/row 2 has the date "19971301", which does not read as the format %Y%m%d \(1 such row\)\. There is no such day or time\./);
  });
  it("reads two-digit years only with %y: 00-68 are 20xx, 69-99 19xx", () => {
    expect(() => parse(["12/2/99"])).toThrow(/It has a two-digit year: give its format with %y/);
    expect(parse(["12/2/99", "1/1/05", "1/1/69"], { dateFormat: "%m/%d/%y" })).toEqual(["1999-12-02T00:00", "2005-01-01T00:00", "1969-01-01T00:00"]);
  });
  it("converts values with an offset into the shop's time zone; values without one are shop time already", () => {
    expect(parse(["2010-12-01T08:26:00Z", "2010-12-01T08:26:00+02:00", "2010-07-01 08:26:00-0500", "2010-07-01 08:26:00"])).toEqual([
      // UTC shop: 08:26Z; 08:26+02 is 06:26Z; 08:26-05 is 13:26Z; no offset stays
      "2010-12-01T08:26", "2010-12-01T06:26", "2010-07-01T13:26", "2010-07-01T08:26",
    ]);
    // London is UTC in December and UTC+1 (BST) in July
    expect(parse(["2010-12-01T08:26:00Z", "2010-07-01T08:26:00Z", "2010-07-01 08:26:00"], { timezone: "Europe/London" })).toEqual(["2010-12-01T08:26", "2010-07-01T09:26", "2010-07-01T08:26"]);
    // 1291191960 s after the epoch is 2010-12-01 08:26 UTC, 03:26 in New York (UTC-5 in winter)
    expect(parse(["1291191960"], { dateFormat: "%s", timezone: "America/New_York" })).toEqual(["2010-12-01T03:26"]);
  });
  it("refuses dates before 1900 and more than a year after today", () => {
    expect(() => parse(["2010-12-01", "1899-12-31"])).toThrow(/row 2 has the date "1899-12-31", before 1900-01-01/);
    expect(() => parse(["0000-01-01 10:00:00"])).toThrow(/row 1 has the date "0000-01-01 10:00:00", before 1900-01-01/);
    // a year after 2026-12-01 is 2027-12-01
    expect(parse(["2027-11-30"])).toEqual(["2027-11-30T00:00"]);
    expect(() => parse(["2010-12-01", "9999-01-01"])).toThrow(/row 2 has the date "9999-01-01", after 2027-12-01 \(a year from today\)/);
  });
  it("suggests the format of an unknown form, and names the format when none reads a value", () => {
    expect(() => parse(["19970101"])).toThrow(/It reads as "%Y%m%d": set "dateFormat" in the mapping\./);
    expect(() => parse(["2011-02-28"], { dateFormat: "%d/%m/%Y" })).toThrow(/does not read as the format %d\/%m\/%Y \(no value of the column does; its values read as "%Y-%m-%d"\)/);
  });
});
