import { describe, expect, it } from "vitest";
import { disjointSets, find, union } from "../../src/util/index";

describe("disjoint sets", () => {
  it("joins sets and finds their representative", () => {
    const s = disjointSets(5);
    union(s, 0, 1);
    union(s, 2, 3);
    expect(find(s, 0)).toBe(find(s, 1));
    expect(find(s, 0)).not.toBe(find(s, 2));
    union(s, 1, 3);
    // {0, 1, 2, 3} and {4}: the root of the joined set holds 4 items.
    expect(new Set([0, 1, 2, 3].map((i) => find(s, i))).size).toBe(1);
    expect(s.size[find(s, 0)]).toBe(4);
    expect(find(s, 4)).toBe(4);
    // Joining within a set changes nothing.
    expect(union(s, 0, 2)).toBe(find(s, 3));
  });
});
