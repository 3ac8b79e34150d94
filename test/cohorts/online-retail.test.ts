/**
 * Loyalty measures on the shipped UCI Online Retail data: counts that must add up and shares
 * that must be shares. Attribution: Chen, D. (2015). Online Retail. UCI Machine Learning
 * Repository (CC BY 4.0).
 */
import { describe, expect, it } from "vitest";
import { cleanTransactions } from "../../src/clean/clean";
import { customerHistories, loyaltyReport } from "../../src/cohorts/index";
import { DEFAULT_DATA_FILE } from "../../src/data/default";
import { loadDataset } from "../../src/data/load";

describe("loyalty on UCI Online Retail", () => {
  const { customerLines, report: cleaning } = cleanTransactions(loadDataset({ transactions: DEFAULT_DATA_FILE }).transactions);
  const r = loyaltyReport(customerLines);
  const histories = customerHistories(customerLines);

  it("covers every customer and order once", () => {
    expect(r.customers).toBe(cleaning.customers); // 4,338
    expect(r.retention.sizes.reduce((a, b) => a + b, 0)).toBe(r.customers);
    expect(r.orders).toBe(customerLines.getColumn("invoice").nUnique());
    expect(r.curve.steps[0].customers).toBe(r.customers);
    expect(r.oneTime.customers).toBe(r.customers);
    expect(r.neverOrdered).toBeNull(); // no customers table in the UCI file
  });

  it("leaves the partial last month and everything after each cohort's reach null", () => {
    // the data stops on 2011-12-09: December 2011 is partial, so November is the last observed month
    expect([r.end, r.retention.partialMonth, r.retention.lastObservedMonth]).toEqual(["2011-12-09", "2011-12", "2011-11"]);
    expect(r.retention.cohorts[0]).toBe("2010-12");
    r.retention.retention.forEach((row, c) => {
      expect(row[0]).toBe(1);
      const reach = 11 - c; // cohort 2010-12 + c is observed through 2011-11
      row.forEach((v, k) => {
        if (k === 0) return;
        if (k > reach) expect(v).toBeNull();
        else {
          expect(v).not.toBeNull();
          expect(v as number).toBeGreaterThanOrEqual(0);
          expect(v as number).toBeLessThanOrEqual(1);
        }
      });
    });
  });

  it("gives a repeat curve whose counts add up and whose intervals hold the shares", () => {
    let previous = Infinity;
    for (const s of r.curve.steps) {
      expect(s.eligible + s.censored).toBe(s.customers);
      expect(s.repeaters).toBeLessThanOrEqual(s.eligible);
      expect(s.customers).toBeLessThanOrEqual(previous);
      previous = s.customers;
      expect(s.customers).toBe(histories.filter((h) => h.days.length >= s.n).length);
      if (s.share !== null) {
        expect(s.lower as number).toBeLessThanOrEqual(s.share);
        expect(s.upper as number).toBeGreaterThanOrEqual(s.share);
      }
    }
    // step n's customers with an (n+1)-th order are step n+1's customers
    r.curve.steps.slice(1).forEach((s, i) => expect(s.customers).toBeLessThanOrEqual(r.curve.steps[i].customers));
    // measured: threshold at the 2nd order (84.2%, 95% interval 82.6%-85.7%, 2,008 eligible)
    expect(r.threshold.n).not.toBeNull();
    expect(r.threshold.step?.share as number).toBeGreaterThanOrEqual(0.8);
  });

  it("counts one gap per pair of consecutive distinct purchase days", () => {
    const expected = histories.reduce((s, h) => s + Math.max(0, new Set(h.days).size - 1), 0);
    expect(r.gaps.gaps.length).toBe(expected);
    expect(r.gaps.q1 as number).toBeLessThanOrEqual(r.gaps.median as number);
    expect(r.gaps.median as number).toBeLessThanOrEqual(r.gaps.q3 as number);
    expect(Math.min(...r.gaps.gaps)).toBeGreaterThanOrEqual(1);
    expect(r.oneTime.share).toBeGreaterThan(0);
    expect(r.oneTime.share).toBeLessThan(1);
    expect(r.oneTime.eligibleOneTime).toBeLessThanOrEqual(r.oneTime.oneTime);
  });
});
