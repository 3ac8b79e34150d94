/**
 * The experiment jobs over the shop's data (src/pipelines/experiments): a segment's baseline as a
 * backtest, the design from it, the assignment of segments, and the readers of per-customer and
 * assignment tables. Hand-made purchases, figures written out beside each expectation.
 */
import { writeFileSync } from "fs";
import { join } from "path";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { analyzeAssignment, assignArms, meanMde, proportionDesign, proportionMde, type ArmShare } from "../../src/experiments/index";
import {
  analyzeAssignmentInData, assignSegments, assignmentLogJson, assignmentLogPath, readAssignmentLog, readAssignmentTable, readExperimentTable,
  segmentBaseline, segmentDesign, segmentSize, windowStart,
} from "../../src/pipelines/experiments";
import { strings } from "../../src/util/index";
import { tempDir } from "../helpers";
import { userErrorOf } from "../clusters/helpers";
import { cleanOf, type Line } from "../products/helpers";

// c1..c4: one purchase each of £10 on 2024-01-05 (equal recency, frequency and value: one segment);
// c5: regular and recent; the data ends 2024-03-10 with c5's last purchase.
const LINES: Line[] = [
  ["1", "A", 1, 10, "2024-01-05", "c1"],
  ["2", "A", 1, 10, "2024-01-05", "c2"],
  ["3", "A", 1, 10, "2024-01-05", "c3"],
  ["4", "A", 1, 10, "2024-01-05", "c4"],
  ["5", "A", 2, 10, "2024-02-20", "c5"],
  ["6", "A", 2, 10, "2024-02-27", "c5"],
  ["7", "A", 2, 10, "2024-02-28", "c5"],
  // in the window 2024-03-01 .. 2024-03-10: c1 one order of 2 x £5, c2 one order of £30 + £2
  ["8", "A", 2, 5, "2024-03-02", "c1"],
  ["9", "A", 1, 30, "2024-03-09", "c2"],
  ["9", "B", 1, 2, "2024-03-09", "c2"],
  ["10", "A", 1, 10, "2024-03-10", "c5"],
];
const clean = cleanOf(LINES);
const HALF: ArmShare[] = [{ arm: "control", share: 0.5 }, { arm: "offer", share: 0.5 }];

describe("the window inside the data", () => {
  it("defaults to the last windowDays days, and refuses a window past the end or before the start", () => {
    expect(windowStart(clean, { windowDays: 10 })).toBe(Date.UTC(2024, 2, 1) / 86_400_000); // 2024-03-10 is the 10th day
    expect(windowStart(clean, { start: "2024-01-05", windowDays: 66 })).toBe(Date.UTC(2024, 0, 5) / 86_400_000); // to 2024-03-10 exactly
    expect(userErrorOf(() => windowStart(clean, { start: "2024-03-05", windowDays: 10 }))).toBe("The window of 10 days from 2024-03-05 ends on 2024-03-14, after the last purchase day in the data (2024-03-10): days the data does not have would count as days without purchases; start earlier or shorten the window.");
    expect(userErrorOf(() => windowStart(clean, { start: "2024-01-04", windowDays: 1 }))).toBe("The window starts on 2024-01-04, before the first purchase day in the data (2024-01-05): start on or after it.");
    expect(userErrorOf(() => windowStart(clean, { windowDays: 0 }))).toBe("The window must be a whole number of days above 0, not 0.");
  });
});

describe("a segment's baseline, as a backtest", () => {
  const b = segmentBaseline(clean, "Hibernating", { windowDays: 10 });
  it("takes the segment as RFM saw it on the start day, and its purchases in the window", () => {
    // the four one-time customers tie at the bottom R and F scores (11: Hibernating); c5 scores higher
    expect(b.start).toBe("2024-03-01");
    expect(strings(b.outcomes, "customerId")).toEqual(["c1", "c2", "c3", "c4"]); // c5 is in another segment
    expect(b.customers).toBe(4);
    expect(Array.from(b.revenue)).toEqual([10, 32, 0, 0]); // c1: 2 x 5; c2: 30 + 2
    expect(b.conversionRate).toBe(0.5); // c1 and c2 of four
    expect(b.revenueMean).toBe(10.5); // 42 / 4
    // deviations -0.5, 21.5, -10.5, -10.5: (0.25 + 462.25 + 110.25 + 110.25) / 3 = 227.667
    expect(b.revenueSd).toBeCloseTo(Math.sqrt(683 / 3), 12);
  });
  it("refuses a segment nobody is in, listing those there were", () => {
    expect(userErrorOf(() => segmentBaseline(clean, "Champs", { windowDays: 10 }))).toMatch(/^No customer is in a segment named "Champs" on 2024-03-01 \(RFM of the purchases before it\)\. Segments then: .*Hibernating/);
  });
});

describe("the design from a segment's baseline", () => {
  it("conversion: the two-proportion design at the segment's rate, and what the whole segment detects", () => {
    const s = segmentDesign(clean, "Hibernating", "conversion", 0.2, { windowDays: 10 });
    expect(s.design).toEqual(proportionDesign(0.5, 0.2)); // the segment's 2 of 4
    // today (RFM of all the purchases) only c3 and c4 are still Hibernating: split in half, one each
    expect(s.customersNow).toBe(2);
    expect(s.wholeSegment).toEqual(proportionMde(0.5, 1));
  });
  it("revenue: the two-means design with the segment's own standard deviation", () => {
    const s = segmentDesign(clean, "Hibernating", "revenue", 5, { windowDays: 10 }, { ratio: 3 });
    expect(s.design.baseline).toBe(10.5);
    expect(s.design.sd).toBeCloseTo(Math.sqrt(683 / 3), 12);
    expect(s.design.effectSize).toBeCloseTo(5 / Math.sqrt(683 / 3), 12); // d = MDE / sd = 0.3314
    expect(s.wholeSegment).toEqual(meanMde(s.baseline.revenueSd, 0.5, { ratio: 3 })); // 2 customers 1:3
  });
  it("counts the segment's customers today, and none for a segment nobody is in any more", () => {
    expect(segmentSize(clean, "Hibernating")).toBe(2); // c3 and c4
    expect(segmentSize(clean, "Whales")).toBe(0);
  });
  it("refuses a baseline of nobody buying, or revenue with no spread", () => {
    // 2024-03-01 alone: none of the four bought that day
    expect(userErrorOf(() => segmentDesign(clean, "Hibernating", "conversion", 0.1, { start: "2024-03-01", windowDays: 1 }))).toBe('None of the 4 "Hibernating" customers bought in the 1 day from 2024-03-01: a conversion rate of 0 gives no baseline to design on; try a longer window or another start.');
    expect(userErrorOf(() => segmentDesign(clean, "Hibernating", "revenue", 5, { start: "2024-03-01", windowDays: 1 }))).toBe('Every one of the 4 "Hibernating" customers spent 0 in the 1 day from 2024-03-01: revenue with no variance gives no design; try a longer window or another start.');
  });
});

describe("assigning segments", () => {
  // RFM of all the purchases: c1 and c2 bought again in March, so only c3 and c4 are still Hibernating
  it("splits the segment's customers by the hash, with their segment, for the CRM", () => {
    const { table, log } = assignSegments(clean, { segments: ["Hibernating"], experiment: "winback", arms: HALF, date: "2024-03-11" });
    expect(table.columns).toEqual(["customerId", "segment", "arm"]);
    expect(strings(table, "customerId")).toEqual(["c3", "c4"]);
    expect(strings(table, "segment")).toEqual(["Hibernating", "Hibernating"]);
    // the same split as assigning the two ids directly: the arms depend on the name and the ids only
    const direct = assignArms(pl.DataFrame({ customerId: ["c4", "c3"] }), { experiment: "winback", arms: HALF, date: "2024-03-11" });
    expect(strings(table, "arm")).toEqual(strings(direct.table, "arm"));
    expect(log.customers).toBe(2);
  });
  it("stratifies by country or by a column of the customers table, whose roster adds customers without purchases", () => {
    const profiles = pl.DataFrame({ customerId: ["c1", "c2", "c3", "c4", "c5", "c9"], tier: ["gold", "gold", "gold", "basic", "gold", "basic"] });
    const byCountry = assignSegments(clean, { segments: ["Hibernating"], experiment: "w", arms: HALF, stratify: "country", date: "2024-03-11" });
    expect(byCountry.table.columns).toEqual(["customerId", "segment", "country", "arm"]);
    expect(byCountry.log.strata).toEqual([{ stratum: "United Kingdom", customers: 2, counts: { control: 1, offer: 1 } }]); // 2 in one stratum: exactly 1 and 1
    const byTier = assignSegments(clean, { segments: ["Hibernating", "No Orders"], experiment: "w", arms: HALF, stratify: "tier", date: "2024-03-11", profiles });
    expect(strings(byTier.table, "customerId")).toEqual(["c3", "c4", "c9"]); // c9 never ordered
    expect(strings(byTier.table, "segment")).toEqual(["Hibernating", "Hibernating", "No Orders"]);
    expect(byTier.table.columns).toEqual(["customerId", "segment", "tier", "arm"]);
    expect(byTier.log.strata!.map((s) => [s.stratum, s.customers])).toEqual([["basic", 2], ["gold", 1]]); // c4 and c9; c3
  });
  it("refuses an unknown segment with the names there are", () => {
    expect(userErrorOf(() => assignSegments(clean, { segments: ["Hibernating", "Winners"], experiment: "w", arms: HALF, date: "2024-03-11" }))).toMatch(/^No segment named "Winners"\. Segments in this data: .*Hibernating/);
  });
});

describe("reading per-customer tables", () => {
  const dir = tempDir();
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it("reads every value as text, then types: a decimal after 200 whole numbers is read, not lost", async () => {
    // polars' inference on the first rows would take spend for whole numbers and read 29.99 as missing
    const rows = Array.from({ length: 200 }, (_, i) => `${i % 2 ? "A" : "B"},0,${i % 3 === 0 ? 1 : 0},5`);
    const f = file("h.csv", `arm,spend,visit,history\n${rows.join("\n")}\nA,29.99,1,7.5\n`);
    const df = await readExperimentTable(f, { armColumn: "arm", metrics: [{ column: "spend" }, { column: "visit", kind: "proportion" }], covariate: "history" });
    expect(df.getColumn("spend").get(200)).toBe(29.99);
    expect(df.getColumn("spend").nullCount()).toBe(0);
    expect(String(df.getColumn("history").dtype)).toContain("Float64");
    expect(df.getColumn("history").get(200)).toBe(7.5);
  });
  it("refuses a value that is not a number, a proportion with another value, an empty arm, a missing column", async () => {
    const f = file("bad.csv", "arm,spend,visit\nA,1,0\nB,abc,1\n");
    await expect(readExperimentTable(f, { armColumn: "arm", metrics: [{ column: "spend" }] })).rejects.toThrow(`${f}: column "spend" row 2 has "abc", which is not a finite number (1 such row).`);
    const g = file("two.csv", "arm,visit\nA,0\nB,2\n");
    await expect(readExperimentTable(g, { armColumn: "arm", metrics: [{ column: "visit", kind: "proportion" }] })).rejects.toThrow(`${g}: column "visit" row 2 has 2, but it is declared a proportion, which takes only 0 and 1.`);
    const h = file("empty.csv", "arm,visit\nA,0\n ,1\n");
    await expect(readExperimentTable(h, { armColumn: "arm", metrics: [{ column: "visit" }] })).rejects.toThrow(`${h}: column "arm" is empty at row 2; every customer needs an arm.`);
    await expect(readExperimentTable(h, { armColumn: "group", metrics: [{ column: "visit" }] })).rejects.toThrow(`${h} has no arm column "group" (columns: arm, visit).`);
  });
  it("an assignment: each customer once; its log beside it gives the design's shares", async () => {
    const f = file("w.csv", "customerId,segment,arm\nc1,S,control\nc2,S,offer\nc1,S,offer\n");
    await expect(readAssignmentTable(f)).rejects.toThrow(`${f}: customerId c1 is assigned twice (rows 1 and 3); each customer has one arm.`);
    expect(assignmentLogPath(join(dir, "w.csv"))).toBe(join(dir, "w.log.json"));
    expect(assignmentLogPath("list")).toBe("list.log.json");
    expect(readAssignmentLog(f)).toBeNull(); // no log yet
    const { log } = assignSegments(clean, { segments: ["Hibernating"], experiment: "w", arms: [{ arm: "control", share: 0.25 }, { arm: "offer", share: 0.75 }], date: "2024-03-11" });
    writeFileSync(assignmentLogPath(f), assignmentLogJson(log));
    expect(readAssignmentLog(f)).toEqual([{ arm: "control", share: 0.25 }, { arm: "offer", share: 0.75 }]);
    writeFileSync(assignmentLogPath(f), "{ not json");
    expect(() => readAssignmentLog(f)).toThrow(/w\.log\.json: the assignment log is not valid JSON/);
  });
});

describe("the analysis of an assignment inside the data", () => {
  const assignment = pl.DataFrame({ customerId: ["c1", "c2", "c3", "c4"], arm: ["control", "offer", "control", "offer"] });
  const options = { control: "control", metrics: [{ column: "revenue", kind: "mean" as const }], bootstrap: false as const };
  it("is analyzeAssignment once the window is checked", () => {
    const window = { start: "2024-03-01", windowDays: 10 };
    expect(analyzeAssignmentInData(clean, assignment, window, options)).toEqual(analyzeAssignment(assignment, clean.customerLines, window, options));
    // offer: c2 32 and c4 0 (mean 16); control: c1 10 and c3 0 (mean 5)
    expect(analyzeAssignmentInData(clean, assignment, window, options).comparisons[0].diff).toBe(11);
    expect(userErrorOf(() => analyzeAssignmentInData(clean, assignment, { start: "2024-03-05", windowDays: 10 }, options))).toMatch(/ends on 2024-03-14, after the last purchase day/);
  });
});
