import { describe, expect, it } from "vitest";
import { poisson, sampleIndices, seededRng } from "../../src/util/index";

describe("seededRng", () => {
  it("repeats for the same seed and differs for another", () => {
    const a = seededRng(7), b = seededRng(7), c = seededRng(8);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
  it("is roughly uniform", () => {
    const r = seededRng(1);
    let s = 0;
    for (let i = 0; i < 10000; i++) s += r();
    expect(s / 10000).toBeGreaterThan(0.48);
    expect(s / 10000).toBeLessThan(0.52);
  });
});

describe("poisson", () => {
  it("has the requested mean", () => {
    const r = seededRng(3);
    let s = 0;
    for (let i = 0; i < 20000; i++) s += poisson(r, 4);
    expect(s / 20000).toBeCloseTo(4, 1);
    expect(poisson(r, 0)).toBe(0);
  });
});

describe("sampleIndices", () => {
  it("returns k distinct sorted indices", () => {
    const s = sampleIndices(10, 4, seededRng(1));
    expect(s).toHaveLength(4);
    expect(new Set(s).size).toBe(4);
    expect([...s].sort((a, b) => a - b)).toEqual(s);
    expect(sampleIndices(3, 10, seededRng(1))).toEqual([0, 1, 2]);
  });
});
