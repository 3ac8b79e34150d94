import { describe, expect, it } from "vitest";
import { closedMask, detectClosedDays, isClosedDay } from "../../src/series/closed";
import { ALWAYS_OPEN } from "../../src/series/types";

/**
 * Five weeks from Monday 2011-01-03: trade every day except Saturdays, and a closure from
 * Thursday 2011-01-20 to Monday 2011-01-24 (so the run spans Saturday the 22nd).
 */
function shop() {
  const values = Array.from({ length: 35 }, (_, i) => ((i + 1) % 7 === 6 ? 0 : 100 + i));
  for (const i of [17, 18, 20, 21]) values[i] = 0; // Thu 20, Fri 21, Sun 23, Mon 24
  return { id: "revenue", start: "2011-01-03", values };
}

describe("detectClosedDays", () => {
  it("finds the closed weekday, the holiday dates and their run", () => {
    expect(detectClosedDays(shop())).toEqual({
      closedWeekdays: [6],
      closedDates: ["2011-01-20", "2011-01-21", "2011-01-23", "2011-01-24"],
      closedRuns: [{ start: "2011-01-20", end: "2011-01-24", days: 5 }],
    });
  });
  it("keeps a weekday open when it trades often enough", () => {
    const s = shop();
    s.values[5] = 50; // one Saturday in five trades: share 0.2 > 0.1
    expect(detectClosedDays(s).closedWeekdays).toEqual([]);
    expect(detectClosedDays(s, { maxTradingShare: 0.2 }).closedWeekdays).toEqual([6]);
  });
  it("does not judge a weekday seen fewer than minOccurrences times", () => {
    const s = { ...shop(), values: shop().values.slice(0, 21) }; // three Saturdays
    expect(detectClosedDays(s).closedWeekdays).toEqual([]);
  });
});

describe("isClosedDay and closedMask", () => {
  const cal = detectClosedDays(shop());
  it("closes closed weekdays and closed dates only", () => {
    expect(isClosedDay(cal, "2011-02-05")).toBe(true); // a Saturday
    expect(isClosedDay(cal, "2011-01-21")).toBe(true);
    expect(isClosedDay(cal, "2011-01-25")).toBe(false);
    expect(closedMask(cal, "2011-01-20", 3)).toEqual([true, true, true]);
    expect(closedMask(ALWAYS_OPEN, "2011-01-20", 2)).toEqual([false, false]);
  });
});
