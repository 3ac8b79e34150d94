import { describe, expect, it } from "vitest";
import { futureDays, toCalendarDays, tradingView } from "../../src/forecasts/trading";
import type { TradingCalendar } from "../../src/series/types";

// 2011-01-03 is a Monday; Saturdays (ISO 6) closed; Wednesday 2011-01-12 a holiday.
const calendar: TradingCalendar = { closedWeekdays: [6], closedDates: ["2011-01-12"], closedRuns: [] };

describe("tradingView", () => {
  it("drops closed weekdays and imputes a holiday from the week before", () => {
    const values = [1, 2, 3, 4, 5, 0, 7, 11, 12, 0, 14, 15, 0, 17];
    const v = tradingView(values, "2011-01-03", calendar);
    expect(v.season).toBe(6);
    expect(v.calendarIndex).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 13]);
    // Wednesday 12th (index 9, trading step 8) takes step 2 (Wednesday 5th, value 3).
    expect(v.values).toEqual([1, 2, 3, 4, 5, 7, 11, 12, 3, 14, 15, 17]);
  });
  it("imputes a holiday in the first week from the week after", () => {
    const cal: TradingCalendar = { closedWeekdays: [], closedDates: ["2011-01-04"], closedRuns: [] };
    const v = tradingView([1, 0, 3, 4, 5, 6, 7, 8, 9], "2011-01-03", cal);
    expect(v.season).toBe(7);
    expect(v.values[1]).toBe(9);
  });
});

describe("futureDays and toCalendarDays", () => {
  it("lays trading-step forecasts on the calendar with 0 on closed days", () => {
    // History of 3 days from Wed 2011-01-05: the future starts Sat 8th.
    const f = futureDays("2011-01-05", 3, 6, calendar);
    expect(f.days).toEqual(["2011-01-08", "2011-01-09", "2011-01-10", "2011-01-11", "2011-01-12", "2011-01-13"]);
    expect(f.step).toEqual([false, true, true, true, true, true]);
    expect(f.closed).toEqual([true, false, false, false, true, false]);
    expect(toCalendarDays([10, 20, 30, 40, 50], f.step, f.closed)).toEqual([0, 10, 20, 30, 0, 50]);
  });
});
