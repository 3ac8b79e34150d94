import { describe, expect, it } from "vitest";
import { addDays, dayRange, isoDayOf, isoDayOfNumber, isoWeekday, parseIsoDay } from "../../src/util/index";

describe("calendar days (ISO days, formerly in src/series/days.ts)", () => {
  it("counts days from 1970-01-01 and back", () => {
    expect(parseIsoDay("1970-01-01")).toBe(0);
    expect(parseIsoDay("1970-01-02")).toBe(1);
    expect(parseIsoDay("1969-12-31")).toBe(-1);
    expect(isoDayOfNumber(parseIsoDay("2011-12-09"))).toBe("2011-12-09");
  });
  it("writes years past 9999 whole, in ISO 8601's expanded form", () => {
    // 10000-01-01 is 8000 years after 2000-01-01 (10,957 days after 1970): 8000 x 365 + 1940 leap days
    // (2000 + 4k up to 9996: 2000 of them, less the 60 centuries not divisible by 400 from 2100 to 9900)
    expect(isoDayOfNumber(10_957 + 8000 * 365 + 1940)).toBe("+010000-01-01");
    expect(isoDayOfNumber(-1)).toBe("1969-12-31");
  });
  it("names ISO weekdays, Monday = 1 ... Sunday = 7", () => {
    expect(isoWeekday("2010-12-01")).toBe(3); // a Wednesday
    expect(isoWeekday("2011-12-09")).toBe(5); // a Friday
    expect(isoWeekday("2011-12-10")).toBe(6); // Saturday
    expect(isoWeekday("2011-12-11")).toBe(7); // Sunday
    expect(isoWeekday("1969-12-29")).toBe(1); // Monday, before the epoch
  });
  it("adds days across month and year ends", () => {
    expect(addDays("2010-12-31", 1)).toBe("2011-01-01");
    expect(addDays("2012-02-28", 1)).toBe("2012-02-29");
    expect(addDays("2011-03-01", -1)).toBe("2011-02-28");
    expect(dayRange("2010-12-30", 3)).toEqual(["2010-12-30", "2010-12-31", "2011-01-01"]);
    expect(dayRange("2010-12-30", 0)).toEqual([]);
  });
  it("reads a Date in UTC", () => {
    expect(isoDayOf(new Date("2011-01-02T00:00:00Z"))).toBe("2011-01-02");
  });
  it("rejects what is not a day", () => {
    expect(() => parseIsoDay("2011-02-30")).toThrow(/must be a calendar day written YYYY-MM-DD/);
    expect(() => parseIsoDay("9/12/2011")).toThrow(/YYYY-MM-DD/);
  });
});
