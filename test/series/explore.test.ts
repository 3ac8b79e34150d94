import { describe, expect, it } from "vitest";
import {
  classifyDemand,
  closedDaysFrame,
  completeMonthlyTotals,
  demandClassFrame,
  monthOfYearProfile,
  monthlyTotals,
  movingAverage,
  trendFrame,
  weekdayProfile,
  weekdayShareMatrix,
} from "../../src/series/explore";
import type { TradingCalendar } from "../../src/series/types";

describe("weekdayProfile", () => {
  it("averages each weekday and gives its share of the total", () => {
    // Two weeks from Monday 2011-01-03: Mondays 10 and 30, every other day 5.
    const values = Array.from({ length: 14 }, (_, i) => (i === 0 ? 10 : i === 7 ? 30 : 5));
    const rows = weekdayProfile({ id: "x", start: "2011-01-03", values }).toRecords();
    expect(rows.length).toBe(7);
    expect(rows[0]).toEqual({ weekday: 1, name: "Monday", days: 2, mean: 20, share: 40 / 100 });
    expect(rows[6]).toEqual({ weekday: 7, name: "Sunday", days: 2, mean: 5, share: 10 / 100 });
  });
});

describe("monthlyTotals and monthOfYearProfile", () => {
  const s = { id: "x", start: "2011-01-30", values: [1, 2, 3, 4] }; // Jan 30, 31, Feb 1, 2
  it("totals each month", () => {
    expect(monthlyTotals(s).toRecords()).toEqual([
      { month: "2011-01", days: 2, total: 3, meanPerDay: 1.5 },
      { month: "2011-02", days: 2, total: 7, meanPerDay: 3.5 },
    ]);
  });
  it("indexes each calendar month against the overall daily mean", () => {
    const rows = monthOfYearProfile(s).toRecords();
    expect(rows.map((r) => [r.month, r.days, r.meanPerDay])).toEqual([
      [1, 2, 1.5],
      [2, 2, 3.5],
    ]);
    expect(rows[0].index as number).toBeCloseTo(1.5 / 2.5, 12);
    expect(rows[1].index as number).toBeCloseTo(3.5 / 2.5, 12);
  });
});

describe("completeMonthlyTotals", () => {
  it("keeps the months the series covers whole", () => {
    // 2011-01-30 .. 2011-03-01: January 2 of 31 days, February 28 of 28, March 1 of 31
    const s = { id: "x", start: "2011-01-30", values: Array.from({ length: 31 }, () => 1) };
    expect(completeMonthlyTotals(s).toRecords()).toEqual([{ month: "2011-02", days: 28, total: 28, meanPerDay: 1 }]);
    // a leap February: 29 days are whole
    expect(completeMonthlyTotals({ id: "y", start: "2012-02-01", values: Array.from({ length: 29 }, () => 2) }).toRecords())
      .toEqual([{ month: "2012-02", days: 29, total: 58, meanPerDay: 2 }]);
  });
});

describe("movingAverage and trendFrame", () => {
  it("is the trailing mean once the window is full", () => {
    expect(movingAverage([1, 2, 3, 4], 2)).toEqual([null, 1.5, 2.5, 3.5]);
    expect(movingAverage([1, 2, 3], 5)).toEqual([null, null, null]);
    expect(trendFrame({ id: "x", start: "2011-01-01", values: [2, 4, 6] }, 3).getColumn("trend").toArray()).toEqual([null, null, 4]);
  });
});

describe("classifyDemand (Syntetos-Boylan)", () => {
  const series = (values: number[]) => ({ id: "p", start: "2011-01-03", values });
  const repeat = (pattern: number[], n: number) => Array.from({ length: n }, (_, i) => pattern[i % pattern.length]);
  it("smooth: demand every day, steady sizes", () => {
    const c = classifyDemand(series(repeat([10, 12], 28)));
    expect(c.adi).toBe(1);
    expect(c.cv2).toBeCloseTo(1 / 121, 12); // sd 1, mean 11
    expect(c.class).toBe("smooth");
  });
  it("erratic: demand every day, sizes varying a lot", () => {
    expect(classifyDemand(series(repeat([1, 9], 28))).class).toBe("erratic"); // cv² = 16/25
  });
  it("intermittent: demand one day in two, steady sizes", () => {
    const c = classifyDemand(series(repeat([5, 0], 28)));
    expect(c.adi).toBe(2);
    expect(c.class).toBe("intermittent");
  });
  it("lumpy: demand one day in two, sizes varying a lot", () => {
    expect(classifyDemand(series(repeat([1, 0, 9, 0], 28))).class).toBe("lumpy");
  });
  it("too short: under four weeks or fewer than two demand days", () => {
    expect(classifyDemand(series(repeat([5], 27))).class).toBe("too-short");
    expect(classifyDemand(series([7, ...repeat([0], 40)])).class).toBe("too-short");
  });
  it("leaves closed days out of ADI", () => {
    // Demand 5 on every open day; Saturdays closed and 0: ADI stays 1.
    const values = Array.from({ length: 35 }, (_, i) => (i % 7 === 5 ? 0 : 5));
    const cal: TradingCalendar = { closedWeekdays: [6], closedDates: [], closedRuns: [] };
    expect(classifyDemand(series(values), cal)).toMatchObject({ openDays: 30, demandDays: 30, adi: 1, class: "smooth" });
    expect(classifyDemand(series(values)).adi).toBe(35 / 30);
  });
  it("tabulates many series sorted by id", () => {
    const f = demandClassFrame([{ ...series(repeat([5, 0], 28)), id: "b" }, { ...series(repeat([10, 12], 28)), id: "a" }]);
    expect(f.getColumn("id").toArray()).toEqual(["a", "b"]);
    expect(f.getColumn("class").toArray()).toEqual(["smooth", "intermittent"]);
  });
});

describe("closedDaysFrame", () => {
  it("lists closures then closed weekdays", () => {
    const cal: TradingCalendar = {
      closedWeekdays: [6],
      closedDates: ["2011-04-22", "2010-12-24"],
      closedRuns: [
        { start: "2011-04-22", end: "2011-04-25", days: 4 },
        { start: "2010-12-24", end: "2011-01-03", days: 11 },
      ],
    };
    expect(closedDaysFrame(cal).toRecords()).toEqual([
      { kind: "closure", start: "2010-12-24", end: "2011-01-03", days: 11 },
      { kind: "closure", start: "2011-04-22", end: "2011-04-25", days: 4 },
      { kind: "weekly", start: "Saturday", end: "Saturday", days: null },
    ]);
  });
});

describe("weekdayShareMatrix", () => {
  it("gives each series' share of units per weekday, Monday first", () => {
    // 2024-01-01 is a Monday: 3 units on Monday, 1 on Tuesday, 0 on Wednesday -> 0.75, 0.25, 0, ...
    const m = weekdayShareMatrix([{ id: "A", start: "2024-01-01", values: [3, 1, 0] }, { id: "B", start: "2024-01-01", values: [0, 0, 0] }]);
    expect(m.ids).toEqual(["A", "B"]);
    expect(m.weekdays[0]).toBe("Monday");
    expect(m.z[0]).toEqual([0.75, 0.25, 0, 0, 0, 0, 0]);
    expect(m.z[1]).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
