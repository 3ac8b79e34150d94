import { describe, expect, it } from "vitest";
import { adjustedRandIndex, crosstab } from "../../src/clusters";
import { seededRng } from "../../src/util/index";
import { userErrorOf } from "./helpers";

describe("adjustedRandIndex", () => {
  it("is 1 for identical and for renamed labelings", () => {
    const a = [0, 0, 1, 1, 2, 2, 2];
    expect(adjustedRandIndex(a, a)).toBe(1);
    expect(adjustedRandIndex(a, ["x", "x", "z", "z", "y", "y", "y"])).toBe(1);
  });

  it("matches values computed by hand", () => {
    // [0,0,1,1] vs [0,0,1,2]: index = C(2,2) = 1; row pairs 1 + 1 = 2; column pairs 1 + 0 + 0 = 1;
    // expected = 2 * 1 / C(4,2) = 1/3; max = 3/2; ARI = (1 - 1/3) / (3/2 - 1/3) = 4/7.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 14);
    // [0,0,1,1] vs [0,1,0,1]: index 0; expected = 2 * 2 / 6 = 2/3; max 2; ARI = -(2/3) / (4/3) = -1/2.
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 14);
  });

  it("is about 0 for independent labelings", () => {
    const rng = seededRng(1);
    const a = Array.from({ length: 20000 }, () => Math.floor(rng() * 4));
    const b = Array.from({ length: 20000 }, () => Math.floor(rng() * 5));
    expect(Math.abs(adjustedRandIndex(a, b))).toBeLessThan(0.005);
  });

  it("is 1 when both labelings put everything together", () => {
    expect(adjustedRandIndex([1, 1, 1], [0, 0, 0])).toBe(1);
  });
});

describe("crosstab", () => {
  it("counts items per pair of labels, labels sorted", () => {
    expect(crosstab([1, 0, 1, 1, "b"], ["y", "x", "y", "x", "x"])).toEqual({
      rows: [0, 1, "b"],
      columns: ["x", "y"],
      counts: [
        [1, 0],
        [1, 2],
        [1, 0],
      ],
    });
    expect(userErrorOf(() => crosstab([1], [1, 2]))).toMatch(/1 and 2 items/);
  });
});
