import { join } from "path";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { cleanTransactions } from "../../src/clean/clean";
import { loadDataset } from "../../src/data/load";
import {
  compareIds, customerCountries, daysBefore, rankScores, ranksOf, regionOf, rfmTable, scoreOfRank, segmentActions, segmentOf,
  segmentMixMatrix, segmentRow, segmentSummary, snapshotDate, volumeSegment,
} from "../../src/rfm/index";
import { REPO_DATA } from "../helpers";

describe("scores", () => {
  it("ranks ascending with ties broken by customer ID", () => {
    // values 5, 3, 5, 1 for ids 20, 10, 3, 7 -> order 7(1), 10(3), 3(5), 20(5)
    expect(ranksOf([5, 3, 5, 1], ["20", "10", "3", "7"])).toEqual([4, 2, 3, 1]);
    // descending: 3(5), 20(5), 10(3), 7(1)
    expect(ranksOf([5, 3, 5, 1], ["20", "10", "3", "7"], true)).toEqual([2, 3, 1, 4]);
    expect(compareIds("9", "10")).toBeLessThan(0);
    expect(compareIds("b", "a")).toBeGreaterThan(0);
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
    expect(a[1].action).toMatch(/^1 customers \(50\.0%\) bringing 56\.5% of revenue; on average 2\.0 orders, £13 spent, last order 1 days ago/);
  });
  it("gives each customer the country of most of their lines", () => {
    expect(customerCountries(lines).toRecords()).toEqual([
      { customerId: "1", country: "UK", region: "Outside Europe" },
      { customerId: "2", country: "France", region: "Rest of Europe" },
    ]);
  });
});

describe("the UCI Online Retail segments", () => {
  it("reproduces the published segment counts", () => {
    const c = cleanTransactions(loadDataset({ transactions: join(REPO_DATA, "online_retail.csv.gz") }).transactions);
    const rfm = rfmTable(c.customerLines, c.sales);
    expect(rfm.height).toBe(4338);
    const counts = Object.fromEntries((segmentSummary(rfm).toRecords() as { segment: string; customers: number }[]).map((r) => [r.segment, Number(r.customers)]));
    expect(counts).toEqual({
      Hibernating: 1077, "Loyal Customers": 819, Champions: 632, "At Risk": 596, "Potential Loyalists": 481, "About To Sleep": 350,
      "Need Attention": 187, Promising: 91, "Can't Lose Them": 63, "New Customers": 42,
    });
    expect(snapshotDate(c.sales).toISOString()).toBe("2011-12-10T00:00:00.000Z");
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
