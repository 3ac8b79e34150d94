import { join } from "path";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { cleanTransactions } from "../../src/clean/clean";
import { loadDataset } from "../../src/data/load";
import {
  customerCountries, daysBefore, describeTieRule, minRanksOf, rankScores, ranksOf, regionOf, rfmFromMeasures, rfmMeasures, rfmTable, scoreOfRank, segmentActions,
  segmentMoves, segmentOf, segmentMixMatrix, segmentRow, segmentSizes, segmentSummary, snapshotDate, volumeSegment,
} from "../../src/rfm/index";
import { recommendationText } from "../../src/model";
import { compareIds } from "../../src/util/index";
import { REPO_DATA } from "../helpers";
import reference from "../reference/rfm_ties_uci.json";

describe("scores", () => {
  it("ranks ascending with ties broken by customer ID", () => {
    // values 5, 3, 5, 1 for ids 20, 10, 3, 7 -> order 7(1), 10(3), 3(5), 20(5)
    expect(ranksOf([5, 3, 5, 1], ["20", "10", "3", "7"])).toEqual([4, 2, 3, 1]);
    // descending: 3(5), 20(5), 10(3), 7(1)
    expect(ranksOf([5, 3, 5, 1], ["20", "10", "3", "7"], true)).toEqual([2, 3, 1, 4]);
    expect(compareIds("9", "10")).toBeLessThan(0);
    expect(compareIds("b", "a")).toBeGreaterThan(0);
  });
  it("ranks equal values at the smallest rank of their group (ties \"min\")", () => {
    // ascending 1 (1st), 3 (2nd), 5 and 5 (both 3rd)
    expect(minRanksOf([5, 3, 5, 1])).toEqual([3, 2, 3, 1]);
    // descending: 5 and 5 (both 1st), 3 (3rd: two values before it), 1 (4th)
    expect(minRanksOf([5, 3, 5, 1], true)).toEqual([1, 3, 1, 4]);
    expect(minRanksOf([2, 2, 2])).toEqual([1, 1, 1]);
    expect(minRanksOf([])).toEqual([]);
  });
  it("gives equal values equal scores by default, and breaks ties by ID with ties \"first\"", () => {
    // 6 customers bought once, 2 twice, then 5 and 9 orders; n = 10, bins = 5
    const f = [1, 1, 1, 1, 1, 1, 2, 2, 5, 9];
    const ids = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];
    // min: the 1s rank 1 -> 1 + floor(5 x 0 / 10) = 1; the 2s rank 7 -> 1 + floor(30 / 10) = 4;
    // 5 ranks 9 -> 1 + floor(40 / 10) = 5; 9 ranks 10 -> 1 + floor(45 / 10) = 5
    expect(rankScores(f, ids, 5)).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    // first: the 1s rank 1..6 by ID -> 1 + floor(0, 5, 10, 15, 20, 25 / 10) = 1, 1, 2, 2, 3, 3
    expect(rankScores(f, ids, 5, false, "first")).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // recency, ranked descending, n = 4, bins = 2: 10 is 1st, the two 3s 2nd (min) or 2nd and 3rd (first), 1 is 4th
    // min: 1 + floor(2 x (1, 2, 2, 4 - 1) / 4) = 1, 1, 1, 2; first: 1 + floor(2 x (2, 1, 3, 4 - 1) / 4) = 1, 1, 2, 2
    expect(rankScores([3, 10, 3, 1], ["a", "b", "c", "d"], 2, true)).toEqual([1, 1, 1, 2]);
    expect(rankScores([3, 10, 3, 1], ["a", "b", "c", "d"], 2, true, "first")).toEqual([1, 1, 2, 2]);
  });
  it("scores = 1 + floor(bins (rank - 1) / n)", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((r) => scoreOfRank(r, 10, 5))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(scoreOfRank(1, 1, 5)).toBe(1); // one customer: a documented 1, never NaN
    expect(rankScores([10, 1, 5], ["a", "b", "c"], 5)).toEqual([4, 1, 2]); // ranks 3,1,2 of n=3
    expect(rankScores([10, 1, 5], ["a", "b", "c"], 5, true)).toEqual([1, 4, 2]); // smallest value gets the top score
  });
});

describe("segments", () => {
  it("maps R and F digits with the default map", () => {
    expect(segmentOf(1, 1)).toBe("Hibernating");
    expect(segmentOf(2, 4)).toBe("At Risk");
    expect(segmentOf(2, 5)).toBe("Can't Lose Them");
    expect(segmentOf(3, 3)).toBe("Need Attention");
    expect(segmentOf(4, 1)).toBe("Promising");
    expect(segmentOf(5, 1)).toBe("New Customers");
    expect(segmentOf(5, 3)).toBe("Potential Loyalists");
    expect(segmentOf(5, 5)).toBe("Champions");
    expect(segmentOf(3, 2, [{ pattern: "^3", segment: "Mid" }])).toBe("Mid");
    expect(segmentOf(9, 9)).toBe("Unmapped");
  });
  it("volume segments by units", () => {
    expect([0, 1, 10, 11, 30, 31].map(volumeSegment)).toEqual(["No Orders", "Low", "Low", "Mid", "Mid", "High"]);
  });
  it("regions", () => {
    expect(["Sweden", "France", "United Kingdom", "Japan", null].map(regionOf)).toEqual(["Nordic", "Rest of Europe", "United Kingdom", "Outside Europe", "Unspecified"]);
  });
});

describe("rfmTable on a hand-made case", () => {
  // customer 1: invoices A (2 Jan, 2 x 1.50) and B (9 Jan 18:00, 1 x 10.006); customer 2: invoice C (5 Jan, 5 x 2)
  const lines = pl.DataFrame({
    invoice: ["A", "B", "C"],
    invoiceDate: [new Date("2011-01-02T10:00:00Z"), new Date("2011-01-09T18:00:00Z"), new Date("2011-01-05T09:00:00Z")],
    quantity: [2, 1, 5],
    unitPrice: [1.5, 10.006, 2],
    customerId: ["1", "1", "2"],
    country: ["UK", "UK", "France"],
  }).withColumns(pl.col("quantity").mul(pl.col("unitPrice")).alias("amount"));
  const t = rfmTable(lines, lines, { roster: ["1", "2", "3"] });
  it("counts recency from the day after the last invoice day, in whole days", () => {
    expect(snapshotDate(lines).toISOString()).toBe("2011-01-10T00:00:00.000Z");
    expect(daysBefore(new Date("2011-01-10T00:00:00Z"), new Date("2011-01-09T23:59:00Z"))).toBe(1);
    expect(t.toRecords()).toEqual([
      { customerId: "1", recency: 1, frequency: 2, monetary: 13.01, units: 3, R: 3, F: 3, M: 3, segment: "Need Attention", volume: "Low" },
      { customerId: "2", recency: 5, frequency: 1, monetary: 10, units: 5, R: 1, F: 1, M: 1, segment: "Hibernating", volume: "Low" },
      { customerId: "3", recency: null, frequency: 0, monetary: 0, units: 0, R: null, F: null, M: null, segment: "No Orders", volume: "No Orders" },
    ]);
  });
  it("refuses data with no customer IDs, and bad bin counts, with a sentence", () => {
    expect(() => rfmTable(lines.head(0), lines)).toThrow(/RFM needs customer IDs/);
    expect(() => rfmTable(lines, lines, { bins: 1 })).toThrow(/2 to 10 score bins/);
  });
  it("summarises segments and writes actions from the figures", () => {
    const s = segmentSummary(t.filter(pl.col("R").isNotNull()));
    expect(s.getColumn("segment").toArray()).toEqual(["Hibernating", "Need Attention"]); // 1 each, ties by name
    const a = segmentActions(s);
    expect(a[1].finding).toMatch(/^1 customers \(50\.0%\) bringing 56\.5% of revenue; on average 2\.0 orders, £13 spent, last order 1 days ago/);
    // the finding, then the Need Attention play, as one sentence
    expect(recommendationText(a[1])).toBe("1 customers (50.0%) bringing 56.5% of revenue; on average 2.0 orders, £13 spent, last order 1 days ago: send time-limited, personalised offers before they drift.");
  });
  it("counts customers per segment, most first, ties by name", () => {
    // B 2, A 1, C 1: the count decides, then the name (A before C)
    const rfm = pl.DataFrame({ segment: ["C", "B", "A", "B"] });
    expect(segmentSizes(rfm).toRecords()).toEqual([{ segment: "B", customers: 2 }, { segment: "A", customers: 1 }, { segment: "C", customers: 1 }]);
  });
  it("gives each customer the country of most of their lines", () => {
    expect(customerCountries(lines).toRecords()).toEqual([
      { customerId: "1", country: "UK", region: "Outside Europe" },
      { customerId: "2", country: "France", region: "Rest of Europe" },
    ]);
  });
});

describe("RFM ties: customers who behave the same get the same scores", () => {
  // A CD shop's log in miniature (CDNOW: half the customers bought once). Ten customers, all last
  // buying on 2011-01-10 (recency 1 from the snapshot 2011-01-11); customer c places k orders of
  // one £10 item: customers 1-6 once, 7 and 8 twice, 9 five times, 10 nine times.
  const orders: [string, number][] = [["1", 1], ["2", 1], ["3", 1], ["4", 1], ["5", 1], ["6", 1], ["7", 2], ["8", 2], ["9", 5], ["10", 9]];
  const rows = orders.flatMap(([c, k]) => Array.from({ length: k }, (_, j) => ({ invoice: `${c}-${j}`, customerId: c, day: 10 - j })));
  const lines = pl.DataFrame({
    invoice: rows.map((r) => r.invoice),
    invoiceDate: rows.map((r) => new Date(Date.UTC(2011, 0, r.day, 12))),
    quantity: rows.map(() => 1),
    unitPrice: rows.map(() => 10),
    customerId: rows.map((r) => r.customerId),
  }).withColumns(pl.col("quantity").mul(pl.col("unitPrice")).alias("amount"));
  const byDefault = rfmTable(lines, lines);
  const first = rfmTable(lines, lines, { ties: "first" });
  // "RFM segment" per customer, customers 1 to 10
  const pick = (t: typeof byDefault) => (t.toRecords() as { customerId: string; R: number; F: number; M: number; segment: string }[])
    .sort((a, b) => Number(a.customerId) - Number(b.customerId))
    .map((r) => `${r.R}${r.F}${r.M} ${r.segment}`);
  it("gives the six identical one-time buyers one score and one segment by default", () => {
    // recency 1 for everyone: one tie group, R = 1; F and M as in the 10-customer case above: 1 x 6, 4, 4, 5, 5
    expect(pick(byDefault)).toEqual([
      "111 Hibernating", "111 Hibernating", "111 Hibernating", "111 Hibernating", "111 Hibernating", "111 Hibernating",
      "144 At Risk", "144 At Risk", "155 Can't Lose Them", "155 Can't Lose Them",
    ]);
  });
  it("spreads them by customer ID with ties \"first\", as the published UCI counts do", () => {
    // ranks 1..10 by ID for R (all equal), F and M: scores 1, 1, 2, 2, 3, 3, 4, 4, 5, 5
    expect(pick(first)).toEqual([
      "111 Hibernating", "111 Hibernating", "222 Hibernating", "222 Hibernating", "333 Need Attention", "333 Need Attention",
      "444 Loyal Customers", "444 Loyal Customers", "555 Champions", "555 Champions",
    ]);
  });
  it("counts the customers who change segment between the two rules", () => {
    // customers 5, 6: Hibernating -> Need Attention; 7, 8: At Risk -> Loyal Customers; 9, 10: Can't Lose Them -> Champions
    expect(segmentMoves(byDefault, first).toRecords()).toEqual([
      { from: "At Risk", to: "Loyal Customers", customers: 2 },
      { from: "Can't Lose Them", to: "Champions", customers: 2 },
      { from: "Hibernating", to: "Need Attention", customers: 2 },
    ]);
    expect(segmentMoves(first, first).height).toBe(0);
  });
  it("refuses an unknown tie rule with a sentence, and describes the two", () => {
    expect(() => rfmTable(lines, lines, { ties: "dense" as never })).toThrow('Unknown RFM tie rule "dense": use "min" or "first".');
    expect(describeTieRule("min")).toMatch(/equal values get equal scores/);
    expect(describeTieRule("first")).toMatch(/broken by customer ID/);
  });
});

describe("the UCI Online Retail segments", () => {
  const c = cleanTransactions(loadDataset({ transactions: join(REPO_DATA, "online_retail.csv.gz") }).transactions);
  const counts = (rfm: ReturnType<typeof rfmTable>) =>
    Object.fromEntries((segmentSummary(rfm).toRecords() as { segment: string; customers: number }[]).map((r) => [r.segment, Number(r.customers)]));
  it("reproduces the published segment counts with ties broken by customer ID", () => {
    const rfm = rfmTable(c.customerLines, c.sales, { ties: "first" });
    expect(rfm.height).toBe(4338);
    expect(counts(rfm)).toEqual({
      Hibernating: 1077, "Loyal Customers": 819, Champions: 632, "At Risk": 596, "Potential Loyalists": 481, "About To Sleep": 350,
      "Need Attention": 187, Promising: 91, "Can't Lose Them": 63, "New Customers": 42,
    });
    expect(counts(rfm)).toEqual(reference.first.segments);
    expect(snapshotDate(c.sales).toISOString()).toBe("2011-12-10T00:00:00.000Z");
  });
  it("matches pandas' rank(method=\"min\") by default (test/reference/rfm_ties_uci.py, pandas 1.5.3)", () => {
    const rfm = rfmTable(c.customerLines, c.sales);
    expect(counts(rfm)).toEqual(reference.min.segments);
    const oneTimeF = [...new Set(rfm.filter(pl.col("frequency").eq(1)).getColumn("F").toArray() as number[])].sort();
    expect(oneTimeF).toEqual(reference.min.oneTimeBuyerF); // [1]: every one-time buyer the same F
  });
});

describe("segment mix", () => {
  // 3 UK customers (2 Champions, 1 At Risk) and 1 Nordic Champion
  const t = pl.DataFrame({ customerId: ["1", "2", "3", "4"], segment: ["Champions", "Champions", "At Risk", "Champions"], region: ["UK", "UK", "UK", "Nordic"], monetary: [1, 1, 1, 1], recency: [1, 1, 1, 1], frequency: [1, 1, 1, 1] });
  it("is a segments x groups matrix of shares, groups by name, 0 where none", () => {
    expect(segmentMixMatrix(t, "region", ["Champions", "At Risk", "Hibernating"])).toEqual({
      groups: ["Nordic", "UK"], segments: ["Champions", "At Risk", "Hibernating"], z: [[1, 2 / 3], [0, 1 / 3], [0, 0]],
    });
  });
  it("leaves out groups with fewer customers than asked", () => {
    expect(segmentMixMatrix(t, "region", ["Champions"], 2)).toEqual({ groups: ["UK"], segments: ["Champions"], z: [[2 / 3]] });
  });
  it("reads one segment's summary row", () => {
    expect(segmentRow(segmentSummary(t), "At Risk")).toMatchObject({ customers: 1, customerShare: 0.25, revenueShare: 0.25 });
    expect(segmentRow(segmentSummary(t), "Nope")).toBeUndefined();
  });
});

describe("rfmFromMeasures (measures computed elsewhere, e.g. in the database)", () => {
  const measures = pl.DataFrame({
    customerId: ["A", "B", "C"],
    recency: [3, 5, 5], frequency: [2, 1, 1], monetary: [9.25, 3, 3], units: [4, 3, 0],
  });
  it("scores the given measures: ranks, ties, segments, volumes, the roster", () => {
    const t = rfmFromMeasures(measures, { bins: 5, roster: ["A", "D"] });
    // n = 3, 5 bins: score = 1 + floor(5 (rank - 1) / 3): rank 1 -> 1, rank 2 -> 2, rank 3 -> 4
    // recency reversed: A (3) is rank 3 -> R 4; B and C (5, tied, "min") rank 1 -> R 1
    // frequency and monetary ascending: B and C tied at rank 1 -> 1; A rank 3 -> 4
    expect(t.select("customerId", "R", "F", "M", "segment", "volume").toRecords()).toEqual([
      { customerId: "A", R: 4, F: 4, M: 4, segment: "Loyal Customers", volume: "Low" },
      { customerId: "B", R: 1, F: 1, M: 1, segment: "Hibernating", volume: "Low" },
      { customerId: "C", R: 1, F: 1, M: 1, segment: "Hibernating", volume: "No Orders" },
      { customerId: "D", R: null, F: null, M: null, segment: "No Orders", volume: "No Orders" },
    ]);
    // ties "first": B before C by ID: recency ranks reversed B 1, C 2 -> R 1, 2; frequency B 1, C 2 -> F 1, 2
    const first = rfmFromMeasures(measures, { ties: "first" });
    expect(first.getColumn("R").toArray()).toEqual([4, 1, 2]);
    expect(first.getColumn("F").toArray()).toEqual([4, 1, 2]);
  });
  it("is what rfmTable builds on the same lines", () => {
    const lines = pl.DataFrame({
      invoice: ["1", "1", "2", "3"], customerId: ["A", "A", "A", "B"], quantity: [2, 1, 1, 3], amount: [3, 2, 4.25, 3],
      invoiceDate: [new Date("2011-01-01T10:00:00Z"), new Date("2011-01-01T10:00:00Z"), new Date("2011-01-05T09:00:00Z"), new Date("2011-01-03T12:00:00Z")],
    });
    const snapshot = new Date("2011-01-08T00:00:00Z");
    expect(rfmFromMeasures(rfmMeasures(lines, snapshot)).toRecords()).toEqual(rfmTable(lines, lines, { snapshot }).toRecords());
  });
  it("refuses a number of bins outside 2..10", () => {
    expect(() => rfmFromMeasures(measures, { bins: 1 })).toThrow("RFM needs 2 to 10 score bins, not 1.");
  });
});
