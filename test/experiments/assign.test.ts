import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { armOfUnit, assignArms, checkArmShares, hashUnit, movedCustomers, parseArmShares, stratumArms, type ArmShare } from "../../src/experiments/index";
import { strings } from "../../src/util/index";
import reference from "../reference/experiments.json";

const HALF: ArmShare[] = [
  { arm: "control", share: 0.5 },
  { arm: "offer", share: 0.5 },
];
const THREE: ArmShare[] = [
  { arm: "control", share: 0.2 },
  { arm: "a", share: 0.3 },
  { arm: "b", share: 0.5 },
];

function customers(n: number, from = 1): pl.DataFrame {
  return pl.DataFrame({ customerId: Array.from({ length: n }, (_, i) => String(10000 + from + i)) });
}

/** customerId -> arm of an assignment table. */
function armsById(table: pl.DataFrame): Map<string, string> {
  const ids = strings(table, "customerId");
  const arms = strings(table, "arm");
  return new Map(ids.map((id, i) => [id, arms[i]]));
}

describe("the hash", () => {
  it("equals Python's hashlib computation of the documented method (test/reference/experiments.py)", () => {
    for (const [experiment, key, u] of reference.hash as [string, string, number][]) expect(hashUnit(experiment, key)).toBe(u);
  });
  it("maps a position to the first arm whose cumulative share exceeds it", () => {
    expect(armOfUnit(0.19, THREE)).toBe("control"); // below 0.2
    expect(armOfUnit(0.2, THREE)).toBe("a"); // 0.2 <= u < 0.5
    expect(armOfUnit(0.5, THREE)).toBe("b");
    expect(armOfUnit(0.9999, THREE)).toBe("b");
  });
});

describe("assignment", () => {
  const date = "2026-12-01";
  it("is deterministic, and another experiment name splits independently", () => {
    const a = assignArms(customers(2000), { experiment: "winback", arms: HALF, date });
    const b = assignArms(customers(2000), { experiment: "winback", arms: HALF, date });
    expect(strings(a.table, "arm")).toEqual(strings(b.table, "arm"));
    const other = strings(assignArms(customers(2000), { experiment: "winback-2", arms: HALF, date }).table, "arm");
    const mine = strings(a.table, "arm");
    const same = other.filter((arm, i) => arm === mine[i]).length;
    // independent splits agree on about half: 1,000 ± 3 x √(2000 x 0.25) = ± 67
    expect(Math.abs(same - 1000)).toBeLessThan(67);
  });
  it("adding customers later, or reordering them, moves no one", () => {
    const first = armsById(assignArms(customers(1000), { experiment: "winback", arms: THREE, date }).table);
    const shuffled = pl.DataFrame({ customerId: strings(customers(1500), "customerId").reverse() });
    const grown = assignArms(shuffled, { experiment: "winback", arms: THREE, date }).table;
    const later = armsById(grown);
    for (const [id, arm] of first) expect(later.get(id)).toBe(arm);
    expect(strings(grown, "customerId").slice(0, 3)).toEqual(["10001", "10002", "10003"]); // sorted by id whatever the input order
  });
  it("gives each arm its share up to binomial noise", () => {
    const { log } = assignArms(customers(10_000), { experiment: "shares", arms: THREE, date });
    // expected 2,000 / 3,000 / 5,000; sd √(n s (1 - s)) = 40, 45.8, 50: within 4 sd
    expect(Math.abs(log.counts.control - 2000)).toBeLessThan(160);
    expect(Math.abs(log.counts.a - 3000)).toBeLessThan(184);
    expect(Math.abs(log.counts.b - 5000)).toBeLessThan(200);
    expect(log.counts.control + log.counts.a + log.counts.b).toBe(10_000);
  });
  it("keeps a log: name, date, arms and shares, hash method, counts", () => {
    const { log } = assignArms(customers(10), { experiment: "winback", arms: HALF, date });
    expect(log.experiment).toBe("winback");
    expect(log.date).toBe("2026-12-01");
    expect(log.arms).toEqual(HALF);
    expect(log.hashMethod).toMatch(/SHA-256\(experiment \+ "\\0" \+ customerId\)/);
    expect(log.customers).toBe(10);
    expect(log.stratify).toBeNull();
    expect(Object.keys(log.counts)).toEqual(["control", "offer"]);
  });
  it("accepts whole-number ids and reads them as digits", () => {
    const table = assignArms(pl.DataFrame({ customerId: [12346, 17850] }), { experiment: "x", arms: HALF, date }).table;
    expect(strings(table, "customerId")).toEqual(["12346", "17850"]);
    expect(strings(table, "arm")[0]).toBe(armOfUnit(hashUnit("x", "12346"), HALF));
  });
});

describe("who moved between two assignments", () => {
  it("lists the earlier customers whose arm differs later, or who are gone", () => {
    const before = pl.DataFrame({ customerId: ["1", "2", "4"], arm: ["control", "offer", "offer"] });
    const after = pl.DataFrame({ customerId: ["3", "2", "1"], arm: ["offer", "control", "control"] });
    expect(movedCustomers(before, after)).toEqual(["2", "4"]); // 2 changed arm, 4 is not in the later table
    expect(movedCustomers(after, after)).toEqual([]);
  });
  it("finds no one moved when customers are added to an unstratified assignment", () => {
    const date = "2026-12-01";
    const early = assignArms(customers(800), { experiment: "w", arms: THREE, date }).table;
    expect(movedCustomers(early, assignArms(customers(1000), { experiment: "w", arms: THREE, date }).table)).toEqual([]);
  });
});

describe("stratified assignment", () => {
  const date = "2026-12-01";
  const strata = (n: number, from = 1) =>
    customers(n, from).withColumns(pl.Series("country", Array.from({ length: n }, (_, i) => ["UK", "France", "Germany"][(from + i) % 3])));

  it("orders a stratum by hash and cuts it at floor(C_j n + v)", () => {
    // 5 customers, 50/50, v = 0.7: cut at floor(2.5 + 0.7) = 3: the three lowest positions are control
    const arms = stratumArms(["a", "b", "c", "d", "e"], [0.9, 0.1, 0.5, 0.3, 0.7], HALF, 0.7);
    expect(arms).toEqual(["offer", "control", "control", "control", "offer"]);
    // with v = 0.2 the cut is floor(2.7) = 2
    expect(stratumArms(["a", "b", "c", "d", "e"], [0.9, 0.1, 0.5, 0.3, 0.7], HALF, 0.2)).toEqual(["offer", "control", "offer", "control", "offer"]);
  });
  it("puts each arm's share of every stratum within one customer", () => {
    const { log, table } = assignArms(strata(1000), { experiment: "s", arms: THREE, stratify: "country", date });
    expect(table.columns).toEqual(["customerId", "country", "arm"]);
    expect(log.strata!.map((s) => s.stratum)).toEqual(["France", "Germany", "UK"]);
    for (const s of log.strata!) {
      for (const { arm, share } of THREE) expect(Math.abs(s.counts[arm] - share * s.customers)).toBeLessThan(1);
    }
  });
  it("trades: a customer added to a stratum moves at most arms - 1 customers of that stratum, none of the others", () => {
    const before = armsById(assignArms(strata(900), { experiment: "s", arms: THREE, stratify: "country", date }).table);
    // 30 new customers, ids after the others; (from + i) % 3 puts 10 in each country
    const after = armsById(assignArms(strata(930), { experiment: "s", arms: THREE, stratify: "country", date }).table);
    const moved = [...before].filter(([id, arm]) => after.get(id) !== arm).length;
    expect(moved).toBeLessThanOrEqual(30 * (THREE.length - 1));
    // unstratified, nobody moves
    const plainBefore = armsById(assignArms(strata(900), { experiment: "s", arms: THREE, date }).table);
    const plainAfter = armsById(assignArms(strata(930), { experiment: "s", arms: THREE, date }).table);
    expect([...plainBefore].filter(([id, arm]) => plainAfter.get(id) !== arm)).toEqual([]);
  });
  it("a customer added to one stratum leaves the other strata untouched", () => {
    const base = strata(300);
    const extra = pl.DataFrame({ customerId: ["99999"], country: ["UK"] });
    const before = assignArms(base, { experiment: "s", arms: HALF, stratify: "country", date }).table;
    const after = armsById(assignArms(pl.concat([base, extra]), { experiment: "s", arms: HALF, stratify: "country", date }).table);
    const ids = strings(before, "customerId");
    const countries = strings(before, "country");
    const arms = strings(before, "arm");
    const movedOutsideUK = ids.filter((id, i) => countries[i] !== "UK" && after.get(id) !== arms[i]);
    const movedInUK = ids.filter((id, i) => countries[i] === "UK" && after.get(id) !== arms[i]);
    expect(movedOutsideUK).toEqual([]);
    expect(movedInUK.length).toBeLessThanOrEqual(1);
  });
});

describe("assignment: bad input, one sentence each", () => {
  const date = "2026-12-01";
  it("refuses shares that do not add up, and malformed arms", () => {
    expect(() => checkArmShares([{ arm: "control", share: 0.5 }, { arm: "offer", share: 0.4 }])).toThrow(
      "The arm shares must add up to 100%, not 90% (control 50%, offer 40%).",
    );
    expect(() => parseArmShares("control:50,offer:60")).toThrow("The arm shares must add up to 100%, not 110% (control 50%, offer 60%).");
    expect(parseArmShares("control:50,offer:50")).toEqual(HALF);
    expect(() => parseArmShares("control,offer")).toThrow('Each arm must be written name:percent (e.g. control:50,offer:50), not "control".');
    expect(() => parseArmShares("control:100")).toThrow("An experiment needs at least two arms, not 1.");
    expect(() => parseArmShares("a:50,a:50")).toThrow('The arm "a" is named twice.');
    expect(() => checkArmShares([{ arm: "a", share: 0 }, { arm: "b", share: 1 }])).toThrow('The share of arm "a" must be a positive number, not 0.');
  });
  it("refuses duplicate, missing and fractional ids, a missing stratum column, a bad date", () => {
    expect(() => assignArms(pl.DataFrame({ customerId: ["1", "2", "1"] }), { experiment: "x", arms: HALF, date })).toThrow(
      "customerId 1 appears twice in the customers table (row 3): each customer is assigned once.",
    );
    expect(() => assignArms(pl.DataFrame({ id: ["1"] }), { experiment: "x", arms: HALF, date })).toThrow("The customers table needs a customerId column (columns: id).");
    expect(() => assignArms(pl.DataFrame({ customerId: ["1", null] }), { experiment: "x", arms: HALF, date })).toThrow("The customers table has no customerId at row 2.");
    expect(() => assignArms(pl.DataFrame({ customerId: [1.5] }), { experiment: "x", arms: HALF, date })).toThrow(
      "customerId at row 1 is 1.5: customer ids must be text or whole numbers.",
    );
    expect(() => assignArms(customers(3), { experiment: "x", arms: HALF, stratify: "segment", date })).toThrow(
      'Cannot stratify by "segment": the customers table has no such column (columns: customerId).',
    );
    expect(() => assignArms(customers(3), { experiment: "x", arms: HALF, date: "2026-13-01" })).toThrow(/The assignment date must be a calendar day/);
    expect(() => assignArms(customers(3), { experiment: " ", arms: HALF, date })).toThrow("An experiment needs a name: it seeds every customer's hash.");
  });
});
